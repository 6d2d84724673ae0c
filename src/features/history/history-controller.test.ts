import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openQueryHistory,
  recordRun,
  type NewHistoryEntry,
  type QueryHistory,
} from '../../lib/query-history';
import { HistoryController, type HistoryState } from './history-controller';

const opened: QueryHistory[] = [];
const controllers: HistoryController[] = [];
let counter = 0;

function workspace() {
  counter += 1;
  return `history-ui-${counter}-${Math.random().toString(36).slice(2)}`;
}

function until(controller: HistoryController, predicate: (s: HistoryState) => boolean) {
  return new Promise<HistoryState>((resolve) => {
    const check = () => {
      if (predicate(controller.getState())) {
        unsubscribe();
        resolve(controller.getState());
      }
    };
    const unsubscribe = controller.subscribe(check);
    check();
  });
}

function run(startedAt: number, text: string): NewHistoryEntry {
  return {
    text,
    connection: { kind: 'kusto', clusterUrl: 'http://localhost:5181', database: 'Samples' },
    database: 'Samples',
    startedAt,
    durationMs: 42,
    rowCount: 3,
    outcome: 'ok',
    requestId: `r-${startedAt}`,
  };
}

afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
  for (const h of opened.splice(0)) h.close();
});

describe('HistoryController', () => {
  it('shows runs recorded with recordRun, newest first, and filters by search', async () => {
    const ws = workspace();
    const controller = new HistoryController(ws);
    controllers.push(controller);
    await controller.start();
    expect(controller.getState()).toMatchObject({ status: 'ready', entries: [] });

    await recordRun(ws, run(1, 'StormEvents | count'));
    await recordRun(ws, run(2, 'PopulationData | take 5'));
    const state = await until(controller, (s) => s.entries.length === 2);
    expect(state.entries.map((e) => e.startedAt)).toEqual([2, 1]);

    controller.setSearch('storm');
    const filtered = await until(controller, (s) => s.entries.length === 1);
    expect(filtered.entries[0]?.text).toBe('StormEvents | count');
  });

  it('follows a run recorded in another tab and clears', async () => {
    const ws = workspace();
    const controller = new HistoryController(ws, { open: (w) => openQueryHistory(w) });
    controllers.push(controller);
    await controller.start();
    const otherTab = (await openQueryHistory(ws)).history;
    opened.push(otherTab);
    await otherTab.record(run(5, 'print 5'));
    await until(controller, (s) => s.entries.length === 1);
    await controller.clear();
    await until(controller, (s) => s.entries.length === 0);
    expect(await otherTab.list()).toEqual([]);
  });
});
