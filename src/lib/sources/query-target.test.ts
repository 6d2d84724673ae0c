import { describe, expect, it } from 'vitest';
import { historyEntrySchema } from '../query-history/history-entry';
import { savedQuerySchema } from '../saved-query-store/saved-query-types';
import { timeRangeSchema } from '../query/time-range';
import { connectionSettingsSchema, queryTargetSchema, targetOf } from './query-target';

/**
 * Records as earlier versions stored them in IndexedDB (saved queries, history): the one
 * connection type and time range type must read every one of them as before.
 */
const savedBefore = [
  {
    id: 'q-1',
    name: 'Storms by state',
    tags: ['storms'],
    text: 'StormEvents | summarize count() by State',
    connection: { kind: 'kusto', clusterUrl: 'http://localhost:5181', database: 'Samples' },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
  },
  {
    id: 'q-2',
    name: 'Failed requests',
    folder: 'App',
    tags: [],
    text: 'requests | where success == false',
    connection: { kind: 'appinsights', appId: 'DEMO_APP', endpoint: 'http://localhost:5182' },
    timeRange: { kind: 'relative', duration: 'P1D' },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    lastUsedAt: 1_700_000_200_000,
  },
  {
    id: 'q-3',
    name: 'An hour in January',
    tags: [],
    text: 'traces',
    connection: { kind: 'appinsights', appId: 'DEMO_APP', endpoint: 'http://localhost:5182' },
    timeRange: { kind: 'absolute', from: '2024-01-01T00:00:00Z', to: '2024-01-01T01:00:00Z' },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
  },
];

describe('one connection type, read from what earlier versions stored', () => {
  it('reads saved queries of both kinds, with and without time ranges, unchanged', () => {
    for (const record of savedBefore) {
      const parsed = savedQuerySchema.safeParse(record);
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual(record);
    }
  });

  it('reads history entries’ connections', () => {
    const connection = {
      kind: 'kusto',
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
    };
    expect(queryTargetSchema.parse(connection)).toEqual(connection);
    expect(historyEntrySchema.shape.connection.parse(connection)).toEqual(connection);
  });

  it('refuses what is not a target: unknown kind, a non-http URL, a missing field', () => {
    expect(queryTargetSchema.safeParse({ kind: 'sql', server: 'x' }).success).toBe(false);
    expect(
      queryTargetSchema.safeParse({
        kind: 'kusto',
        clusterUrl: 'javascript:alert(1)',
        database: 'S',
      }).success,
    ).toBe(false);
    expect(queryTargetSchema.safeParse({ kind: 'appinsights', appId: 'A' }).success).toBe(false);
    expect(timeRangeSchema.safeParse({ kind: 'relative', duration: '1 day' }).success).toBe(false);
  });

  it('a connection is its target plus a name (and App Insights’ token resource)', () => {
    const settings = connectionSettingsSchema.parse({
      kind: 'appinsights',
      name: 'Demo',
      appId: 'DEMO_APP',
      endpoint: 'http://localhost:5182',
      resource: 'http://localhost:5182',
    });
    expect(targetOf(settings)).toEqual({
      kind: 'appinsights',
      appId: 'DEMO_APP',
      endpoint: 'http://localhost:5182',
    });
    expect(
      connectionSettingsSchema.safeParse({
        kind: 'appinsights',
        name: 'x',
        appId: 'A',
        endpoint: 'https://a.example',
      }).success,
    ).toBe(false);
  });
});
