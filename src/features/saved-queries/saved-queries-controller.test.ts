import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  openSavedQueryDatabase,
  QUERIES_STORE,
  savedQueryDatabaseName,
} from '../../lib/saved-query-store/saved-query-database';
import type { NewSavedQuery } from '../../lib/saved-query-store';
import {
  SavedQueriesController,
  visibleQueries,
  type SavedQueriesState,
} from './saved-queries-controller';
import { failOpens } from '../../lib/saved-query-store/test-support/fail-opens';

const connection = {
  kind: 'kusto',
  clusterUrl: 'https://help.kusto.windows.net',
  database: 'Samples',
} as const;

const controllers: SavedQueriesController[] = [];
let counter = 0;

function workspace(): string {
  counter += 1;
  return `controller-${counter}-${Math.random().toString(36).slice(2)}`;
}

async function started(ws: string, undoMs?: number): Promise<SavedQueriesController> {
  const controller = new SavedQueriesController(ws, { undoMs });
  controllers.push(controller);
  await controller.start();
  return controller;
}

function until(
  controller: SavedQueriesController,
  predicate: (state: SavedQueriesState) => boolean,
): Promise<SavedQueriesState> {
  return new Promise((resolve) => {
    const check = () => {
      const state = controller.getState();
      if (predicate(state)) {
        unsubscribe();
        resolve(state);
      }
    };
    const unsubscribe = controller.subscribe(check);
    check();
  });
}

function newQuery(name: string, extra: Partial<NewSavedQuery> = {}): NewSavedQuery {
  return { name, text: `print "${name}"`, connection, ...extra };
}

afterEach(() => {
  for (const controller of controllers.splice(0)) controller.dispose();
  vi.useRealTimers();
});

describe('SavedQueriesController', () => {
  it('loads, saves, and shows what the search and sort select', async () => {
    const controller = await started(workspace());
    expect(controller.getState()).toMatchObject({ status: 'ready', queries: [] });
    expect(await controller.save(newQuery('b', { folder: 'Ops' }))).toEqual({ ok: true });
    await controller.save(newQuery('a'));
    const state = await until(controller, (s) => s.queries.length === 2);
    expect(visibleQueries(state).map((q) => q.name)).toEqual(['a', 'b']);
    controller.setSearch('ops');
    expect(visibleQueries(controller.getState()).map((q) => q.name)).toEqual(['b']);
  });

  it('returns a save error to the dialog instead of the sidebar error bar', async () => {
    const controller = await started(workspace());
    const result = await controller.save(newQuery(''));
    expect(result).toEqual({ ok: false, message: 'Name is required.' });
    expect(controller.getState().error).toBeNull();
  });

  it('offers Undo after a delete, restores on Undo, and withdraws the offer after a while', async () => {
    const controller = await started(workspace(), 5000);
    await controller.save(newQuery('keep me'));
    const [query] = (await until(controller, (s) => s.queries.length === 1)).queries;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await controller.remove(query!.id);
    await until(controller, (s) => s.queries.length === 0);
    expect(controller.getState().undo?.name).toBe('keep me');
    await controller.undoDelete();
    const restored = await until(controller, (s) => s.queries.length === 1);
    expect(restored.queries[0]).toEqual(query);
    expect(restored.undo).toBeNull();

    await controller.remove(query!.id);
    expect(controller.getState().undo).not.toBeNull();
    vi.advanceTimersByTime(5000);
    expect(controller.getState().undo).toBeNull();
  });

  it('follows changes made in another tab', async () => {
    const ws = workspace();
    const tabA = await started(ws);
    const tabB = await started(ws);
    await tabA.save(newQuery('from A'));
    const state = await until(tabB, (s) => s.queries.length === 1);
    expect(state.queries[0]?.name).toBe('from A');
  });

  it('imports a file with a counted notice, and reports a bad file without changing anything', async () => {
    const source = await started(workspace());
    await source.save(newQuery('one'));
    await source.save(newQuery('two'));
    await until(source, (s) => s.queries.length === 2);
    const file = await source.exportFile();
    expect(file?.name).toMatch(/^quarry-saved-queries-controller-.*\.json$/);

    const target = await started(workspace());
    await target.save(newQuery('one'));
    expect(await target.importFile(file!)).toEqual({ ok: true });
    expect(target.getState().notice).toBe('Imported 1 query; 1 already saved.');
    await until(target, (s) => s.queries.length === 2);

    const result = await target.importFile(new Blob(['{"format":"something else"}']));
    expect(result.ok).toBe(false);
    expect(target.getState().error).toMatch(
      /not a Quarry saved-queries export.*Nothing was imported/,
    );
    expect(target.getState().queries).toHaveLength(2);
  });

  it('surfaces store warnings and serves the backup as a file', async () => {
    const ws = workspace();
    const db = await openSavedQueryDatabase(savedQueryDatabaseName(ws));
    await db.put(QUERIES_STORE, { id: 'garbage', name: ['not', 'a', 'name'] });
    db.close();
    const controller = await started(ws);
    const [warning] = controller.getState().warnings;
    expect(warning?.kind).toBe('invalid-records');
    const file = await controller.backupFile(warning!.backup!);
    expect(JSON.parse(await file!.text())).toMatchObject({
      format: 'quarry.saved-queries.backup',
      stores: { queries: [{ id: 'garbage' }] },
    });
    controller.dismissWarning(warning!);
    expect(controller.getState().warnings).toEqual([]);
  });

  it('reports a store that cannot be opened as unavailable, with the reason', async () => {
    const controller = new SavedQueriesController('x', {
      open: () => Promise.reject(new Error('IndexedDB is disabled by policy')),
    });
    controllers.push(controller);
    await controller.start();
    expect(controller.getState()).toMatchObject({
      status: 'unavailable',
      error: 'IndexedDB is disabled by policy',
    });
  });

  it('can be started again after dispose (strict-mode remount) and works', async () => {
    const ws = workspace();
    const controller = await started(ws);
    controller.dispose();
    await controller.start();
    expect(await controller.save(newQuery('after remount'))).toEqual({ ok: true });
    await until(controller, (s) => s.queries.length === 1);
  });

  it('Retry after "unavailable right now" opens the store with every query kept (fault matrix)', async () => {
    const ws = workspace();
    const seed = await started(ws);
    for (const name of ['a', 'b', 'c'])
      expect(await seed.save(newQuery(name))).toEqual({ ok: true });
    seed.dispose();
    const deleteSpy = vi.spyOn(indexedDB, 'deleteDatabase');
    failOpens(2);

    const controller = await started(ws);
    expect(controller.getState().status).toBe('unavailable');
    expect(controller.getState().error).toMatch(/^Saved queries are unavailable right now/);
    await controller.retry();
    expect(controller.getState().status).toBe('unavailable');
    await controller.retry();
    const state = await until(controller, (s) => s.status === 'ready' && s.queries.length === 3);
    expect(state.error).toBeNull();
    expect(deleteSpy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
