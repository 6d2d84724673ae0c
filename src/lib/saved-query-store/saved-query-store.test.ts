import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSavedQueryStore, type OpenedSavedQueryStore } from './open-saved-query-store';
import {
  openSavedQueryDatabase,
  QUERIES_STORE,
  SAVED_QUERY_DB_VERSION,
  savedQueryDatabaseName,
} from './saved-query-database';
import type { SavedQueryStore } from './saved-query-store';
import { SavedQueryStoreError } from './saved-query-store-error';
import type { NewSavedQuery } from './saved-query-types';
import { readBackup } from './store-backup';
import { failOpens } from './test-support/fail-opens';

const help = {
  kind: 'kusto',
  clusterUrl: 'https://help.kusto.windows.net',
  database: 'Samples',
} as const;
const appInsights = {
  kind: 'appinsights',
  appId: 'DEMO_APP',
  endpoint: 'https://api.applicationinsights.io',
} as const;

let workspaceCounter = 0;
const opened: SavedQueryStore[] = [];

function uniqueWorkspace(): string {
  workspaceCounter += 1;
  return `test-${workspaceCounter}-${Math.random().toString(36).slice(2)}`;
}

async function open(workspace: string, clock?: () => number): Promise<OpenedSavedQueryStore> {
  const result = await openSavedQueryStore(workspace, { now: clock, blockedTimeoutMs: 200 });
  opened.push(result.store);
  return result;
}

function query(overrides: Partial<NewSavedQuery> = {}): NewSavedQuery {
  return {
    name: 'Storms by state',
    text: 'StormEvents | summarize count() by State',
    connection: help,
    ...overrides,
  };
}

function storedRecord(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    tags: [],
    text: `print "${name}"`,
    connection: help,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...extra,
  };
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  vi.restoreAllMocks();
});

describe('saved-query store operations', () => {
  it('saves, lists by name, and searches name, folder, tags and text', async () => {
    const { store, warnings } = await open(uniqueWorkspace());
    expect(warnings).toEqual([]);
    await store.save(query({ name: 'zeta', folder: 'Ops', tags: ['latency'] }));
    await store.save(
      query({ name: 'Alpha', text: 'requests | where success == false', connection: appInsights }),
    );
    await store.save(query({ name: 'beta 10', tags: [' floods ', 'Floods', ''] }));
    await store.save(query({ name: 'beta 9' }));

    expect((await store.list()).map((q) => q.name)).toEqual(['Alpha', 'beta 9', 'beta 10', 'zeta']);
    expect((await store.list({ search: 'OPS' })).map((q) => q.name)).toEqual(['zeta']);
    expect((await store.list({ search: 'latency' })).map((q) => q.name)).toEqual(['zeta']);
    expect((await store.list({ search: 'success false' })).map((q) => q.name)).toEqual(['Alpha']);
    expect((await store.list({ search: 'beta floods' })).map((q) => q.name)).toEqual(['beta 10']);
    // Tags are trimmed and de-duplicated case-insensitively.
    expect((await store.list({ search: 'beta 10' }))[0]?.tags).toEqual(['floods']);
  });

  it('renames, updates text, and keeps createdAt while moving updatedAt', async () => {
    let now = 1000;
    const { store } = await open(uniqueWorkspace(), () => now);
    const saved = await store.save(query());
    now = 2000;
    await store.rename(saved.id, '  Storm counts  ');
    now = 3000;
    const updated = await store.updateText(saved.id, 'StormEvents | count');
    expect(updated).toMatchObject({
      name: 'Storm counts',
      text: 'StormEvents | count',
      createdAt: 1000,
      updatedAt: 3000,
    });
    expect(await store.get(saved.id)).toEqual(updated);
  });

  it('duplicates as "<name> (copy)", then "(copy 2)"', async () => {
    const { store } = await open(uniqueWorkspace());
    const saved = await store.save(query({ name: 'Floods', folder: 'Weather', tags: ['a'] }));
    await store.markUsed(saved.id);
    const copy = await store.duplicate(saved.id);
    const copy2 = await store.duplicate(saved.id);
    expect(copy).toMatchObject({ name: 'Floods (copy)', folder: 'Weather', tags: ['a'] });
    expect(copy.lastUsedAt).toBeUndefined();
    expect(copy.id).not.toBe(saved.id);
    expect(copy2.name).toBe('Floods (copy 2)');
  });

  it('delete returns the record and restore brings it back unchanged (undo)', async () => {
    const { store } = await open(uniqueWorkspace());
    const saved = await store.save(query({ folder: 'Weather', tags: ['x'] }));
    const removed = await store.delete(saved.id);
    expect(removed).toEqual(saved);
    expect(await store.list()).toEqual([]);
    await store.restore(removed);
    expect(await store.list()).toEqual([saved]);
  });

  it('sorts by last used, never-used queries last', async () => {
    let now = 10;
    const { store } = await open(uniqueWorkspace(), () => now);
    const a = await store.save(query({ name: 'a' }));
    const b = await store.save(query({ name: 'b' }));
    await store.save(query({ name: 'c' }));
    now = 20;
    await store.markUsed(a.id);
    now = 30;
    await store.markUsed(b.id);
    expect((await store.list({ sort: 'lastUsed' })).map((q) => q.name)).toEqual(['b', 'a', 'c']);
  });

  it('refuses invalid input and missing records with typed errors', async () => {
    const { store } = await open(uniqueWorkspace());
    await expect(store.save(query({ name: '   ' }))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: 'Name is required.',
    });
    await expect(
      store.save(query({ connection: { ...help, clusterUrl: 'javascript:alert(1)' } })),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(store.rename('no-such-id', 'x')).rejects.toMatchObject({ kind: 'not-found' });
    expect(await store.list()).toEqual([]);
  });
});

describe('schema migration', () => {
  it('upgrades a v1 database with data to the current version, keeping every record', async () => {
    const workspace = uniqueWorkspace();
    const name = savedQueryDatabaseName(workspace);
    const v1 = await openSavedQueryDatabase(name, {}, 1);
    expect(v1.version).toBe(1);
    expect(Array.from(v1.transaction(QUERIES_STORE).store.indexNames)).not.toContain(
      'by-lastUsedAt',
    );
    await v1.put(QUERIES_STORE, storedRecord('q1', 'first'));
    await v1.put(QUERIES_STORE, storedRecord('q2', 'second'));
    v1.close();

    const { store, warnings } = await open(workspace, () => 5000);
    expect(warnings).toEqual([]);
    expect((await store.list()).map((q) => q.id)).toEqual(['q1', 'q2']);
    await store.markUsed('q2');

    const raw = await openDB(name);
    expect(raw.version).toBe(SAVED_QUERY_DB_VERSION);
    expect(await raw.getAllKeysFromIndex(QUERIES_STORE, 'by-lastUsedAt')).toEqual(['q2']);
    raw.close();
  });
});

describe('two tabs', () => {
  it('tells the other tab to reload after each write, and it sees the change', async () => {
    const workspace = uniqueWorkspace();
    const tabA = (await open(workspace)).store;
    const tabB = (await open(workspace)).store;
    const seenByB = new Promise<string>((resolve) => tabB.subscribe(resolve));
    const seenByA: string[] = [];
    tabA.subscribe((source) => seenByA.push(source));

    const saved = await tabA.save(query());
    expect(seenByA).toEqual(['this-tab']);
    expect(await seenByB).toBe('other-tab');
    expect(await tabB.list()).toEqual([saved]);
  });

  it('concurrent edits of different fields from two tabs both survive', async () => {
    const workspace = uniqueWorkspace();
    const tabA = (await open(workspace)).store;
    const tabB = (await open(workspace)).store;
    const saved = await tabA.save(query());
    await Promise.all([
      tabA.rename(saved.id, 'Renamed in A'),
      tabB.updateText(saved.id, 'StormEvents | take 1'),
    ]);
    expect(await tabA.get(saved.id)).toMatchObject({
      name: 'Renamed in A',
      text: 'StormEvents | take 1',
    });
  });

  it('a tab whose connection was closed by an upgrade elsewhere reopens on the next call', async () => {
    const workspace = uniqueWorkspace();
    const { store } = await open(workspace);
    await store.save(query());
    store.handlers.onVersionChange();
    expect(await store.list()).toHaveLength(1);
  });
});

describe('damaged storage', () => {
  it('moves invalid records to a backup, keeps the valid ones, and warns once', async () => {
    const workspace = uniqueWorkspace();
    const name = savedQueryDatabaseName(workspace);
    const db = await openSavedQueryDatabase(name);
    await db.put(QUERIES_STORE, storedRecord('good', 'Good one'));
    await db.put(QUERIES_STORE, { id: 'bad-1', name: 42, text: null });
    await db.put(QUERIES_STORE, storedRecord('bad-2', 'no connection', { connection: 'x' }));
    db.close();

    const first = await open(workspace);
    expect((await first.store.list()).map((q) => q.id)).toEqual(['good']);
    expect(first.warnings).toHaveLength(1);
    const warning = first.warnings[0]!;
    expect(warning).toMatchObject({ kind: 'invalid-records', count: 2 });
    expect(warning.message).toContain('2 of 3 saved queries could not be read');
    expect(warning.message).toContain('quarry-' + workspace + '-backup-');
    const backup = await readBackup(warning.backup!);
    expect(backup?.stores.queries).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'bad-1', name: 42 })]),
    );
    expect(backup?.stores.queries).toHaveLength(2);
    first.store.close();

    const second = await open(workspace);
    expect(second.warnings).toEqual([]);
    expect(await second.store.list()).toHaveLength(1);
  });

  it('leaves a database from a newer version intact and read-only, saying "update Quarry"', async () => {
    const workspace = uniqueWorkspace();
    const name = savedQueryDatabaseName(workspace);
    const future = await openDB(name, SAVED_QUERY_DB_VERSION + 5, {
      upgrade(db) {
        db.createObjectStore(QUERIES_STORE, { keyPath: 'id' });
        db.createObjectStore('something-new');
      },
    });
    await future.put(QUERIES_STORE, storedRecord('f1', 'From the future'));
    await future.put(QUERIES_STORE, { id: 'f2', shape: 'unknown to us' });
    future.close();
    const deleteSpy = vi.spyOn(indexedDB, 'deleteDatabase');

    const { store, warnings } = await open(workspace);
    expect(store.readOnly).toBe(true);
    expect((await store.list()).map((q) => q.name)).toEqual(['From the future']);
    expect(warnings).toEqual([
      expect.objectContaining({ kind: 'newer-version', backup: null, count: 1 }),
    ]);
    expect(warnings[0]!.message).toMatch(/newer version of Quarry/);
    expect(warnings[0]!.message).toMatch(/update Quarry/);
    await expect(store.save(query())).rejects.toMatchObject({ kind: 'read-only' });
    await expect(store.import('{}')).rejects.toBeInstanceOf(SavedQueryStoreError);
    store.close();

    expect(deleteSpy).not.toHaveBeenCalled();
    const raw = await openDB(name);
    expect(raw.version).toBe(SAVED_QUERY_DB_VERSION + 5);
    expect(await raw.getAll(QUERIES_STORE)).toHaveLength(2);
    raw.close();
  });

  it('replaces a database that lacks its tables, saying nothing could be read', async () => {
    const workspace = uniqueWorkspace();
    const empty = await openDB(savedQueryDatabaseName(workspace), SAVED_QUERY_DB_VERSION);
    empty.close();
    const { store, warnings } = await open(workspace);
    expect(warnings).toEqual([
      expect.objectContaining({ kind: 'store-set-aside', backup: null, count: 0 }),
    ]);
    expect(warnings[0]!.message).toMatch(/damaged.*Nothing in it could be read/);
    await store.save(query());
    expect(await store.list()).toHaveLength(1);
  });
});

describe('transient open failures (fault matrix)', () => {
  it.each([1, 2, 5])(
    'indexedDB.open failing %i time(s): nothing is deleted, the error says so, Retry works',
    async (times) => {
      const workspace = uniqueWorkspace();
      const seeded = await open(workspace);
      for (const name of ['One', 'Two', 'Three']) await seeded.store.save(query({ name }));
      seeded.store.close();
      const deleteSpy = vi.spyOn(indexedDB, 'deleteDatabase');
      failOpens(times);

      let attempts = 0;
      let result: OpenedSavedQueryStore | null = null;
      while (!result) {
        attempts++;
        try {
          result = await open(workspace);
        } catch (error) {
          expect(error).toMatchObject({ kind: 'unavailable' });
          expect((error as Error).message).toMatch(/^Saved queries are unavailable right now/);
          expect((error as Error).message).toMatch(/Nothing was changed or deleted.*Retry/);
        }
        expect(attempts).toBeLessThanOrEqual(times + 1);
      }
      expect(attempts).toBe(times + 1);
      expect(deleteSpy).not.toHaveBeenCalled();
      expect(result.warnings).toEqual([]);
      expect((await result.store.list()).map((q) => q.name)).toEqual(['One', 'Three', 'Two']);
    },
  );

  it('a malformed store whose salvage open fails is left untouched (no backup, no delete)', async () => {
    const workspace = uniqueWorkspace();
    const name = savedQueryDatabaseName(workspace);
    const malformed = await openDB(name, SAVED_QUERY_DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('leftover').put('keep me', 'k');
      },
    });
    malformed.close();
    const deleteSpy = vi.spyOn(indexedDB, 'deleteDatabase');
    const original = indexedDB.open.bind(indexedDB);
    // The first open (which finds the store malformed) works; the salvage open fails.
    let calls = 0;
    vi.spyOn(indexedDB, 'open').mockImplementation((...args) => {
      calls++;
      if (calls === 2) throw new DOMException('Connection lost', 'UnknownError');
      return original(...args);
    });

    await expect(open(workspace)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(deleteSpy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    const raw = await openDB(name);
    expect(await raw.get('leftover', 'k')).toBe('keep me');
    raw.close();
  });

  it('a malformed store with records is replaced only after its backup reads back complete', async () => {
    const workspace = uniqueWorkspace();
    const name = savedQueryDatabaseName(workspace);
    const malformed = await openDB(name, SAVED_QUERY_DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('leftover').put(storedRecord('x', 'Old'), 'k');
      },
    });
    malformed.close();
    const { store, warnings } = await open(workspace);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'store-set-aside' })]);
    const backup = await readBackup(warnings[0]!.backup!);
    expect(backup?.stores.leftover).toEqual([storedRecord('x', 'Old')]);
    expect(await store.list()).toEqual([]);
  });
});

describe('storage quota', () => {
  it('maps QuotaExceededError to a typed error with a clear message and changes nothing', async () => {
    const { store } = await open(uniqueWorkspace());
    const existing = await store.save(query({ name: 'kept' }));
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await store.save(query({ name: 'too much' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SavedQueryStoreError);
    expect(error).toMatchObject({ kind: 'quota' });
    expect((error as Error).message).toMatch(/^Your browser's storage for this site is full: /);
    vi.restoreAllMocks();
    expect(await store.list()).toEqual([existing]);
  });

  it('a quota error during import says so and keeps every saved query (fault matrix)', async () => {
    const { store } = await open(uniqueWorkspace());
    const existing = await store.save(query({ name: 'kept' }));
    const file = JSON.stringify(await store.exportAll()).replace(/"kept"/g, '"imported"');
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(store.import(file)).rejects.toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();
    expect(await store.list()).toEqual([existing]);
  });
});

describe('export and import', () => {
  it('round-trips through the export file and skips duplicates on a second import', async () => {
    const source = (await open(uniqueWorkspace(), () => Date.UTC(2025, 0, 2))).store;
    await source.save(query({ name: 'one', folder: 'F', tags: ['t'] }));
    await source.save(
      query({
        name: 'two',
        connection: appInsights,
        timeRange: { kind: 'relative', duration: 'PT12H' },
      }),
    );
    const file = await source.exportAll();
    expect(file).toMatchObject({
      format: 'quarry.saved-queries',
      version: 1,
      exportedAt: '2025-01-02T00:00:00.000Z',
    });
    const json = JSON.stringify(file);

    const target = (await open(uniqueWorkspace())).store;
    await target.save(query({ name: 'one', folder: 'F', tags: ['t'] })); // same name+text+connection
    expect(await target.import(json)).toEqual({ added: 1, skipped: 1, invalid: 0 });
    expect(await target.import(json)).toEqual({ added: 0, skipped: 2, invalid: 0 });
    expect((await target.list()).map((q) => q.name)).toEqual(['one', 'two']);
    expect((await target.list({ search: 'two' }))[0]).toEqual(
      file.queries.find((q) => q.name === 'two'),
    );
  });

  it('rejects a malformed file with a clear message and leaves the store untouched', async () => {
    const { store } = await open(uniqueWorkspace());
    const kept = await store.save(query({ name: 'kept' }));
    const good = storedRecord('n1', 'new one');
    const cases: [string, RegExp][] = [
      ['{"format": "quarry.saved-queries", "version": 1, ', /not valid JSON/],
      [JSON.stringify({ queries: [] }), /not a Quarry saved-queries export/],
      [
        JSON.stringify({ format: 'quarry.saved-queries', version: 7, exportedAt: '', queries: [] }),
        /newer version of Quarry/,
      ],
      [
        JSON.stringify({
          format: 'quarry.saved-queries',
          version: 1,
          exportedAt: '2025-01-01T00:00:00Z',
          queries: [good, { ...good, id: 'n2', name: 'second', connection: { kind: 'kusto' } }],
        }),
        /problems?: queries\[1\]\.connection/,
      ],
    ];
    for (const [text, message] of cases) {
      const error = await store.import(text).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'invalid-file' });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/Nothing was imported\.$/);
    }
    expect(await store.list()).toEqual([kept]);
  });

  it('a failure part-way through an import commits none of it (one transaction)', async () => {
    const { store } = await open(uniqueWorkspace());
    const file = {
      format: 'quarry.saved-queries',
      version: 1,
      exportedAt: '2025-01-01T00:00:00Z',
      queries: [storedRecord('a', 'a'), storedRecord('b', 'b'), storedRecord('c', 'c')],
    };
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['add']>
    ) {
      calls += 1;
      if (calls === 3) throw new DOMException('disk went away', 'UnknownError');
      return realAdd.apply(this, args);
    });
    await expect(store.import(JSON.stringify(file))).rejects.toMatchObject({
      kind: 'unavailable',
    });
    vi.restoreAllMocks();
    expect(await store.list()).toEqual([]);
  });
});
