import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadUserConnections, saveUserConnections } from './user-connections-store';

/**
 * Connections the user added are in their browser's localStorage: what an earlier Quarry wrote
 * must still load. The stored text below is exactly what versions before the one connection type
 * (src/lib/sources/query-target.ts) wrote under `quarry.<workspace>.connections.v1`.
 */
const WRITTEN_BEFORE = JSON.stringify([
  {
    kind: 'kusto',
    name: 'help.eastus.kusto.windows.net',
    clusterUrl: 'https://help.eastus.kusto.windows.net',
    database: 'Samples',
  },
  {
    kind: 'appinsights',
    name: 'DEMO_APP',
    appId: 'DEMO_APP',
    endpoint: 'http://localhost:5182',
    resource: 'http://localhost:5182',
  },
  // The Add app dialog could store an empty name.
  {
    kind: 'appinsights',
    name: '',
    appId: '2b7c0ff5-0000-4000-8000-000000000001',
    endpoint: 'https://api.applicationinsights.io',
    resource: 'https://api.applicationinsights.io',
  },
]);

const KEY = 'quarry.default.connections.v1';
let stored: Map<string, string>;

beforeEach(() => {
  stored = new Map();
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('user connections in localStorage', () => {
  it('loads every connection an earlier version stored, unchanged', () => {
    stored.set(KEY, WRITTEN_BEFORE);
    expect(loadUserConnections('default')).toEqual(JSON.parse(WRITTEN_BEFORE));
  });

  it('saving writes the same shape back', () => {
    stored.set(KEY, WRITTEN_BEFORE);
    const loaded = loadUserConnections('default');
    expect(saveUserConnections('default', loaded)).toEqual({ ok: true });
    expect(JSON.parse(stored.get(KEY)!)).toEqual(JSON.parse(WRITTEN_BEFORE));
  });

  it('keeps entries it cannot read (a newer source kind, damage) when it saves the list', () => {
    const newer = {
      kind: 'prometheus',
      name: 'metrics',
      queryUrl: 'https://x.prometheus.monitor.azure.com',
    };
    const damaged = { kind: 'kusto', name: 'half' };
    stored.set(KEY, JSON.stringify([...JSON.parse(WRITTEN_BEFORE), newer, damaged]));
    const loaded = loadUserConnections('default');
    expect(loaded).toHaveLength(3);
    saveUserConnections('default', loaded.slice(1));
    const after = JSON.parse(stored.get(KEY)!) as unknown[];
    expect(after).toContainEqual(newer);
    expect(after).toContainEqual(damaged);
    expect(after).toHaveLength(4);
  });

  it('reads nothing (and throws nothing) from a value that is not a list', () => {
    stored.set(KEY, '{"kind":"kusto"}');
    expect(loadUserConnections('default')).toEqual([]);
    stored.set(KEY, 'not json');
    expect(loadUserConnections('default')).toEqual([]);
  });
});
