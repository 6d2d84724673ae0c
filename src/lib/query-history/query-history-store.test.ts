import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewHistoryEntry } from './history-entry';
import {
  historyDatabaseName,
  openQueryHistory,
  recordRun,
  sharedQueryHistory,
  type QueryHistory,
} from './query-history-store';
import { failOpens } from '../saved-query-store/test-support/fail-opens';

const opened: QueryHistory[] = [];
let counter = 0;
function workspace() {
  counter += 1;
  return `history-${counter}-${Math.random().toString(36).slice(2)}`;
}

async function open(ws: string, cap?: number) {
  const result = await openQueryHistory(ws, { cap });
  opened.push(result.history);
  return result.history;
}

afterEach(() => {
  for (const history of opened.splice(0)) history.close();
  vi.restoreAllMocks();
});

function run(startedAt: number, overrides: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
  return {
    text: `StormEvents | take ${startedAt}`,
    connection: {
      kind: 'kusto',
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
    },
    database: 'Samples',
    startedAt,
    durationMs: 120,
    rowCount: 10,
    outcome: 'ok',
    requestId: `KD2RunQuery;${startedAt}`,
    ...overrides,
  };
}

describe('query history', () => {
  it('lists newest first and keeps only the newest `cap` runs', async () => {
    const history = await open(workspace(), 3);
    for (const startedAt of [5, 1, 4, 2, 3]) await history.record(run(startedAt));
    expect((await history.list()).map((e) => e.startedAt)).toEqual([5, 4, 3]);
    await history.record(run(6));
    expect((await history.list()).map((e) => e.startedAt)).toEqual([6, 5, 4]);
  });

  it('searches text, error message and request id, and honours a limit', async () => {
    const history = await open(workspace());
    await history.record(run(1));
    await history.record(
      run(2, { outcome: 'error', rowCount: null, errorMessage: 'Semantic error: SEM0100' }),
    );
    await history.record(run(3, { outcome: 'cancelled', requestId: 'KD2RunQuery;abc-def' }));
    expect((await history.list({ search: 'sem0100' })).map((e) => e.startedAt)).toEqual([2]);
    expect((await history.list({ search: 'abc-def' })).map((e) => e.startedAt)).toEqual([3]);
    expect((await history.list({ search: 'take cancelled' })).map((e) => e.outcome)).toEqual([
      'cancelled',
    ]);
    expect(await history.list({ limit: 2 })).toHaveLength(2);
  });

  it('rejects an entry that does not fit the schema without writing anything', async () => {
    const history = await open(workspace());
    await expect(
      history.record(run(1, { outcome: 'exploded' as NewHistoryEntry['outcome'] })),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(await history.list()).toEqual([]);
  });

  it('clears, deletes one entry, and tells another tab', async () => {
    const ws = workspace();
    const tabA = await open(ws);
    const tabB = await open(ws);
    const changed = new Promise<string>((resolve) => tabB.subscribe(resolve));
    const first = await tabA.record(run(1));
    await tabA.record(run(2));
    expect(await changed).toBe('other-tab');
    expect(await tabB.list()).toHaveLength(2);
    await tabB.delete(first.id);
    expect((await tabA.list()).map((e) => e.startedAt)).toEqual([2]);
    await tabA.clear();
    expect(await tabB.list()).toEqual([]);
  });

  it('recordRun writes to the shared history of the workspace', async () => {
    const ws = workspace();
    await recordRun(ws, run(7, { outcome: 'partial' }));
    const { history } = await sharedQueryHistory(ws);
    opened.push(history);
    expect((await history.list())[0]).toMatchObject({ startedAt: 7, outcome: 'partial' });
  });
});

describe('what the history keeps of each source, and what earlier versions stored', () => {
  it('keeps a Prometheus run: connection kind, PromQL, query type, time range and step', async () => {
    const history = await open(workspace());
    const recorded = await history.record(
      run(10, {
        text: 'sum by (route) (rate(http_requests_total[5m]))',
        connection: { kind: 'prometheus', endpoint: 'http://localhost:5185', auth: 'proxy' },
        database: null,
        timeRange: { kind: 'absolute', from: '2026-12-05T09:00:00Z', to: '2026-12-05T10:00:00Z' },
        promql: { type: 'range', step: '30s', ranStep: '30s' },
      }),
    );
    const [listed] = await history.list();
    expect(listed).toEqual(recorded);
    expect(listed).toMatchObject({
      connection: { kind: 'prometheus', auth: 'proxy' },
      text: 'sum by (route) (rate(http_requests_total[5m]))',
      timeRange: { kind: 'absolute', from: '2026-12-05T09:00:00Z' },
      promql: { type: 'range', step: '30s', ranStep: '30s' },
    });
    expect((await history.list({ search: 'prometheus range' })).map((e) => e.id)).toEqual([
      recorded.id,
    ]);
  });

  it('reads entries as earlier versions stored them (no time range, no PromQL settings)', async () => {
    const ws = workspace();
    const history = await open(ws);
    history.close();
    // Written as Quarry stored runs before Prometheus runs were recorded.
    const raw = await openDB(historyDatabaseName(ws), 1);
    const earlier = [
      {
        id: 'k-1',
        text: 'StormEvents | count',
        connection: { kind: 'kusto', clusterUrl: 'http://localhost:5181', database: 'Samples' },
        database: 'Samples',
        startedAt: 1_700_000_000_000,
        durationMs: 120,
        rowCount: 1,
        outcome: 'ok',
        requestId: 'KD2RunQuery;1',
      },
      {
        id: 'a-1',
        text: 'requests | take 5',
        connection: { kind: 'appinsights', appId: 'DEMO_APP', endpoint: 'http://localhost:5182' },
        database: null,
        startedAt: 1_700_000_100_000,
        durationMs: 80,
        rowCount: null,
        outcome: 'error',
        errorMessage: 'Bad request',
        requestId: 'req-2',
      },
    ];
    for (const entry of earlier) await raw.put('runs', entry);
    raw.close();
    const reopened = await open(ws);
    expect(await reopened.list()).toEqual([...earlier].reverse());
  });

  it('an entry this version cannot read is skipped, never deleted', async () => {
    const ws = workspace();
    const history = await open(ws);
    await history.record(run(1));
    history.close();
    const raw = await openDB(historyDatabaseName(ws), 1);
    await raw.put('runs', {
      ...run(2),
      id: 'future',
      connection: { kind: 'sql', server: 'db.example.com' },
    });
    raw.close();
    const reopened = await open(ws);
    expect((await reopened.list()).map((e) => e.startedAt)).toEqual([1]);
    await reopened.record(run(3));
    const check = await openDB(historyDatabaseName(ws), 1);
    expect(await check.get('runs', 'future')).toMatchObject({ connection: { kind: 'sql' } });
    check.close();
  });
});

describe('history open failures (fault matrix)', () => {
  it.each([1, 2, 5])(
    'indexedDB.open failing %i time(s) deletes nothing; opening again finds every run',
    async (times) => {
      const ws = workspace();
      const seeded = await open(ws);
      for (const startedAt of [1, 2, 3]) await seeded.record(run(startedAt));
      seeded.close();
      const deleteSpy = vi.spyOn(indexedDB, 'deleteDatabase');
      failOpens(times);
      for (let attempt = 0; attempt < times; attempt++) {
        await expect(open(ws)).rejects.toMatchObject({
          kind: 'unavailable',
          message: expect.stringMatching(
            /^History is unavailable right now.*Nothing was changed or deleted/,
          ),
        });
      }
      const history = await open(ws);
      expect((await history.list()).map((e) => e.startedAt)).toEqual([3, 2, 1]);
      expect(deleteSpy).not.toHaveBeenCalled();
    },
  );

  it('a history from a newer Quarry is left as it is, saying "update Quarry"', async () => {
    const ws = workspace();
    const future = await openDB(historyDatabaseName(ws), 9, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' }).put({ id: 'r', startedAt: 1 });
      },
    });
    future.close();
    await expect(open(ws)).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/newer version of Quarry.*update Quarry/),
    });
    const raw = await openDB(historyDatabaseName(ws));
    expect(raw.version).toBe(9);
    expect(await raw.getAll('runs')).toHaveLength(1);
    raw.close();
  });
});
