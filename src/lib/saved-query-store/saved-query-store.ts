import { openDB, type IDBPObjectStore } from 'idb';
import { ChangeBroadcast, type ChangeListener } from './change-broadcast';
import {
  openSavedQueryDatabase,
  QUERIES_STORE,
  type SavedQueryDb,
  type SavedQueryDbSchema,
} from './saved-query-database';
import {
  buildSavedQueriesFile,
  parseImportFile,
  planImport,
  type SavedQueriesFile,
} from './saved-queries-file';
import { filterAndSort } from './saved-query-search';
import { SavedQueryStoreError, toSavedQueryStoreError } from './saved-query-store-error';
import {
  normalizeTags,
  savedQuerySchema,
  type NewSavedQuery,
  type SavedQuery,
  type SavedQuerySort,
} from './saved-query-types';

type QueriesStore = IDBPObjectStore<
  SavedQueryDbSchema,
  [typeof QUERIES_STORE],
  typeof QUERIES_STORE,
  'readwrite'
>;

export interface SavedQueryStoreOptions {
  now?: () => number;
  newId?: () => string;
  /** Set by `openSavedQueryStore` for a database written by a newer Quarry: reads only. */
  readOnly?: boolean;
}

export interface ImportResult {
  added: number;
  /** Already saved (same name, text and connection), or repeated in the file. */
  skipped: number;
  /** Unreadable records of a backup file (always 0 for an export file). */
  invalid: number;
}

export function savedQueriesChannelName(workspace: string): string {
  return `quarry-${workspace}-saved-queries`;
}

/**
 * The saved queries of one workspace. Every write is a single IndexedDB transaction that reads
 * what it changes inside it, so a crash or reload mid-write leaves either the old record or the
 * new one, and two tabs editing different fields never undo each other. After each committed
 * write, subscribers here and in other tabs are told to reload.
 *
 * Create it with `openSavedQueryStore`, which also deals with damaged storage.
 */
export class SavedQueryStore {
  private db: SavedQueryDb | null;
  private closed = false;
  private readonly changes: ChangeBroadcast;
  private readonly now: () => number;
  private readonly newId: () => string;
  readonly readOnly: boolean;

  constructor(
    readonly workspace: string,
    readonly databaseName: string,
    db: SavedQueryDb,
    options: SavedQueryStoreOptions = {},
  ) {
    this.db = db;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.readOnly = options.readOnly ?? false;
    this.changes = new ChangeBroadcast(savedQueriesChannelName(workspace));
  }

  /** Connection handlers: another tab upgrading or replacing the database closes ours. */
  readonly handlers = {
    onVersionChange: () => {
      this.db?.close();
      this.db = null;
    },
  };

  async list(options: { search?: string; sort?: SavedQuerySort } = {}): Promise<SavedQuery[]> {
    const db = await this.connection();
    try {
      const records = await db.getAll(QUERIES_STORE);
      return filterAndSort(records.flatMap(parseStored), options);
    } catch (error) {
      throw toSavedQueryStoreError(error, 'read the saved queries');
    }
  }

  async get(id: string): Promise<SavedQuery | null> {
    const db = await this.connection();
    try {
      return parseStored(await db.get(QUERIES_STORE, id))[0] ?? null;
    } catch (error) {
      throw toSavedQueryStoreError(error, 'read the saved query');
    }
  }

  async save(input: NewSavedQuery): Promise<SavedQuery> {
    const now = this.now();
    const record = validateInput({
      id: this.newId(),
      name: input.name,
      folder: emptyToUndefined(input.folder),
      tags: normalizeTags(input.tags),
      text: input.text,
      connection: input.connection,
      timeRange: input.timeRange,
      createdAt: now,
      updatedAt: now,
    });
    return this.write('save the query', async (store) => {
      await store.add(record);
      return record;
    });
  }

  rename(id: string, name: string): Promise<SavedQuery> {
    return this.modify(id, 'rename the query', (query) => ({
      ...query,
      name,
      updatedAt: this.now(),
    }));
  }

  updateText(id: string, text: string): Promise<SavedQuery> {
    return this.modify(id, 'update the query', (query) => ({
      ...query,
      text,
      updatedAt: this.now(),
    }));
  }

  /** Folder and tags; an empty folder moves the query out of its folder. */
  updateDetails(
    id: string,
    details: { folder?: string | null; tags?: readonly string[] },
  ): Promise<SavedQuery> {
    return this.modify(id, 'update the query', (query) => ({
      ...query,
      folder:
        details.folder === undefined ? query.folder : emptyToUndefined(details.folder ?? undefined),
      tags: details.tags === undefined ? query.tags : normalizeTags(details.tags),
      updatedAt: this.now(),
    }));
  }

  markUsed(id: string): Promise<SavedQuery> {
    return this.modify(id, 'update the query', (query) => ({ ...query, lastUsedAt: this.now() }));
  }

  /** Copies a query as "<name> (copy)" (or "(copy 2)", … when that name is taken). */
  duplicate(id: string): Promise<SavedQuery> {
    return this.write('duplicate the query', async (store) => {
      const { lastUsedAt: _neverUsed, ...original } = await readExisting(store, id);
      const names = new Set((await store.getAll()).flatMap(parseStored).map((query) => query.name));
      let name = `${original.name} (copy)`;
      for (let n = 2; names.has(name); n++) name = `${original.name} (copy ${n})`;
      const now = this.now();
      const copy = validateInput({
        ...original,
        id: this.newId(),
        name,
        createdAt: now,
        updatedAt: now,
      });
      await store.add(copy);
      return copy;
    });
  }

  /** Deletes and returns the record, so the UI can offer Undo (`restore`). */
  delete(id: string): Promise<SavedQuery> {
    return this.write('delete the query', async (store) => {
      const existing = await readExisting(store, id);
      await store.delete(id);
      return existing;
    });
  }

  /** Puts a deleted record back as it was (same id, same timestamps). */
  restore(query: SavedQuery): Promise<SavedQuery> {
    const record = validateInput(query);
    return this.write('restore the query', async (store) => {
      await store.put(record);
      return record;
    });
  }

  async exportAll(): Promise<SavedQueriesFile> {
    return buildSavedQueriesFile(await this.list({ sort: 'name' }), new Date(this.now()));
  }

  /**
   * Imports an export (or backup) file. The file is validated completely before the one
   * transaction that adds its new queries, so a bad file changes nothing.
   */
  async import(text: string): Promise<ImportResult> {
    const parsed = parseImportFile(text);
    return this.write('import the queries', async (store) => {
      const existing = (await store.getAll()).flatMap(parseStored);
      const plan = planImport(existing, parsed.queries, this.newId);
      for (const query of plan.toAdd) await store.add(query);
      return { added: plan.toAdd.length, skipped: plan.skipped, invalid: parsed.invalid };
    });
  }

  /** Called after every committed change, in this tab ('this-tab') or another ('other-tab'). */
  subscribe(listener: ChangeListener): () => void {
    return this.changes.subscribe(listener);
  }

  close(): void {
    this.closed = true;
    this.changes.close();
    this.db?.close();
    this.db = null;
  }

  private modify(
    id: string,
    action: string,
    change: (query: SavedQuery) => SavedQuery,
  ): Promise<SavedQuery> {
    return this.write(action, async (store) => {
      const next = validateInput(change(await readExisting(store, id)));
      await store.put(next);
      return next;
    });
  }

  private async write<T>(action: string, body: (store: QueriesStore) => Promise<T>): Promise<T> {
    if (this.readOnly) {
      throw new SavedQueryStoreError(
        'read-only',
        `Could not ${action}: these saved queries were stored by a newer version of Quarry and are read-only here. Update Quarry (reload the page, or ask whoever hosts it) to change them.`,
      );
    }
    const db = await this.connection();
    let tx;
    try {
      tx = db.transaction(QUERIES_STORE, 'readwrite');
    } catch (error) {
      throw toSavedQueryStoreError(error, action);
    }
    let result: T;
    try {
      result = await body(tx.store);
    } catch (error) {
      tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // Already aborted by the failed request.
      }
      throw toSavedQueryStoreError(error, action);
    }
    try {
      await tx.done;
    } catch (error) {
      // Quota errors usually surface here, when the transaction commits.
      throw toSavedQueryStoreError(error, action);
    }
    this.changes.announce();
    return result;
  }

  private async connection(): Promise<SavedQueryDb> {
    if (this.closed) {
      throw new SavedQueryStoreError('unavailable', 'The saved-query store was closed.');
    }
    if (this.db) return this.db;
    try {
      // Read-only: the newer database is opened at its own version, never upgraded or created.
      this.db = this.readOnly
        ? ((await openDB(this.databaseName, undefined, {
            blocking: () => this.handlers.onVersionChange(),
          })) as unknown as SavedQueryDb)
        : await openSavedQueryDatabase(this.databaseName, this.handlers);
      return this.db;
    } catch (error) {
      throw toSavedQueryStoreError(error, 'open the saved queries');
    }
  }
}

/** A stored value as a SavedQuery, or nothing if it does not validate. */
function parseStored(value: unknown): SavedQuery[] {
  if (value === undefined) return [];
  const result = savedQuerySchema.safeParse(value);
  return result.success ? [result.data] : [];
}

async function readExisting(store: QueriesStore, id: string): Promise<SavedQuery> {
  const query = parseStored(await store.get(id))[0];
  if (!query) {
    throw new SavedQueryStoreError(
      'not-found',
      'That saved query no longer exists (it may have been deleted in another tab).',
    );
  }
  return query;
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  folder: 'Folder',
  tags: 'Tags',
  text: 'Query text',
  connection: 'Connection',
  timeRange: 'Time range',
};

function validateInput(candidate: unknown): SavedQuery {
  const result = savedQuerySchema.safeParse(candidate);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = FIELD_NAMES[String(issue.path[0])] ?? String(issue.path.join('.'));
  const message =
    issue.code === 'too_small'
      ? `${field} is required.`
      : issue.code === 'too_big'
        ? `${field} is too long (at most ${String((issue as { maximum?: unknown }).maximum)}).`
        : `${field}: ${issue.message}.`;
  throw new SavedQueryStoreError('invalid-input', message);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
