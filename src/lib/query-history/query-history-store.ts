import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ChangeBroadcast, type ChangeListener } from '../saved-query-store/change-broadcast';
import {
  SavedQueryStoreError,
  toSavedQueryStoreError,
} from '../saved-query-store/saved-query-store-error';
import {
  classifyOpenFailure,
  errorText,
  malformedStoreError,
  setMalformedDatabaseAside,
} from '../saved-query-store/set-aside-database';
import { describeBackupLocation } from '../saved-query-store/store-backup';
import {
  historyEntryMatches,
  historyEntrySchema,
  type HistoryEntry,
  type NewHistoryEntry,
} from './history-entry';

/**
 * The run history of a workspace, in its own database (`quarry-<workspace>-history`) so that a
 * damaged history can never take the saved queries with it. Newest first, capped: the insert
 * and the trim share one transaction, so the cap holds even across a crash.
 */

export const DEFAULT_HISTORY_CAP = 500;
const RUNS_STORE = 'runs';
const HISTORY_DB_VERSION = 1;

interface HistoryDbSchema extends DBSchema {
  runs: { key: string; value: unknown; indexes: { 'by-startedAt': number } };
}

export function historyDatabaseName(workspace: string): string {
  return `quarry-${workspace}-history`;
}

export function historyChannelName(workspace: string): string {
  return `quarry-${workspace}-history`;
}

export interface QueryHistoryOptions {
  cap?: number;
  newId?: () => string;
}

export interface OpenedQueryHistory {
  history: QueryHistory;
  /** Set when a malformed history was backed up and started again. */
  warning: string | null;
}

export interface OpenQueryHistoryOptions extends QueryHistoryOptions {
  /** How long to wait for other tabs to let go of a database being replaced. */
  blockedTimeoutMs?: number;
  now?: () => number;
}

/**
 * Opens the history. A passing open error leaves it untouched ("History is unavailable right
 * now", Retry); one from a newer Quarry too ("update Quarry"); only a history proven malformed
 * is replaced, after a backup read back complete.
 */
export async function openQueryHistory(
  workspace: string,
  options: OpenQueryHistoryOptions = {},
): Promise<OpenedQueryHistory> {
  const name = historyDatabaseName(workspace);
  let history: QueryHistory | null = null;
  const open = () =>
    openDB<HistoryDbSchema>(name, HISTORY_DB_VERSION, {
      upgrade(db) {
        db.createObjectStore(RUNS_STORE, { keyPath: 'id' }).createIndex(
          'by-startedAt',
          'startedAt',
        );
      },
      blocking() {
        history?.dropConnection();
      },
    }).then((db) => {
      if (!db.objectStoreNames.contains(RUNS_STORE)) {
        db.close();
        throw malformedStoreError('the history database lacks its table');
      }
      return db;
    });

  let warning: string | null = null;
  let db: IDBPDatabase<HistoryDbSchema>;
  try {
    db = await open();
  } catch (error) {
    const failure = classifyOpenFailure(error);
    if (failure === 'newer-version') {
      throw new SavedQueryStoreError(
        'unavailable',
        'The query history was stored by a newer version of Quarry, which this version cannot read. It was left as it is: update Quarry (reload the page, or ask whoever hosts it) to see it.',
        { cause: error },
      );
    }
    if (failure === 'transient') {
      throw new SavedQueryStoreError(
        'unavailable',
        `${HISTORY_UNAVAILABLE_NOW}: the browser could not open its storage (${errorText(error)}). Nothing was changed or deleted. Choose Retry; if it keeps happening, reload the page.`,
        { cause: error },
      );
    }
    const { backup } = await setMalformedDatabaseAside(name, {
      backupKey: `${workspace}-history`,
      reason: 'The query history in this browser is damaged (its table is missing).',
      at: new Date((options.now ?? Date.now)()),
      blockedTimeoutMs: options.blockedTimeoutMs ?? 5000,
      what: 'query history',
    });
    warning = `The query history in this browser was damaged (its table was missing) and was started again. ${backup ? `What could be read was kept in ${describeBackupLocation(backup)}. ` : ''}Saved queries are not affected.`;
    try {
      db = await open();
    } catch (freshError) {
      throw toSavedQueryStoreError(freshError, 'open the query history');
    }
  }
  history = new QueryHistory(workspace, db, open, options);
  return { history, warning };
}

export const HISTORY_UNAVAILABLE_NOW = 'History is unavailable right now';

export class QueryHistory {
  private db: IDBPDatabase<HistoryDbSchema> | null;
  private closed = false;
  private readonly changes: ChangeBroadcast;
  private readonly cap: number;
  private readonly newId: () => string;

  constructor(
    readonly workspace: string,
    db: IDBPDatabase<HistoryDbSchema>,
    private readonly reopen: () => Promise<IDBPDatabase<HistoryDbSchema>>,
    options: QueryHistoryOptions = {},
  ) {
    this.db = db;
    this.cap = Math.max(1, options.cap ?? DEFAULT_HISTORY_CAP);
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.changes = new ChangeBroadcast(historyChannelName(workspace));
  }

  /** Adds a run and trims the oldest beyond the cap, in one transaction. */
  async record(input: NewHistoryEntry): Promise<HistoryEntry> {
    const parsed = historyEntrySchema.safeParse({ ...input, id: input.id ?? this.newId() });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SavedQueryStoreError(
        'invalid-input',
        `History entry: ${issue.path.join('.')}: ${issue.message}.`,
      );
    }
    const entry = parsed.data;
    const db = await this.connection();
    try {
      const tx = db.transaction(RUNS_STORE, 'readwrite');
      const done = tx.done;
      done.catch(() => undefined); // awaited below; this only keeps an early throw from leaking
      await tx.store.put(entry);
      let excess = (await tx.store.count()) - this.cap;
      let cursor = excess > 0 ? await tx.store.index('by-startedAt').openCursor() : null;
      while (cursor && excess > 0) {
        await cursor.delete();
        excess--;
        cursor = await cursor.continue();
      }
      await done;
    } catch (error) {
      throw toSavedQueryStoreError(error, 'record the run in the history');
    }
    this.changes.announce();
    return entry;
  }

  /** Newest first; `search` matches text, database, connection, outcome, error, request id. */
  async list(options: { search?: string; limit?: number } = {}): Promise<HistoryEntry[]> {
    const db = await this.connection();
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const entries: HistoryEntry[] = [];
    try {
      const tx = db.transaction(RUNS_STORE);
      tx.done.catch(() => undefined); // awaited below; this only keeps an early throw from leaking
      let cursor = await tx.store.index('by-startedAt').openCursor(null, 'prev');
      while (cursor && entries.length < limit) {
        const parsed = historyEntrySchema.safeParse(cursor.value);
        // Unreadable entries are skipped: the history is a convenience, not user work.
        if (parsed.success && historyEntryMatches(parsed.data, options.search ?? '')) {
          entries.push(parsed.data);
        }
        cursor = await cursor.continue();
      }
      await tx.done;
    } catch (error) {
      throw toSavedQueryStoreError(error, 'read the query history');
    }
    return entries;
  }

  async delete(id: string): Promise<void> {
    await this.writeAll((db) => db.delete(RUNS_STORE, id), 'delete the history entry');
  }

  async clear(): Promise<void> {
    await this.writeAll((db) => db.clear(RUNS_STORE), 'clear the history');
  }

  subscribe(listener: ChangeListener): () => void {
    return this.changes.subscribe(listener);
  }

  close(): void {
    this.closed = true;
    this.changes.close();
    this.db?.close();
    this.db = null;
  }

  /** Another tab is upgrading or replacing the database. */
  dropConnection(): void {
    this.db?.close();
    this.db = null;
  }

  private async writeAll(
    write: (db: IDBPDatabase<HistoryDbSchema>) => Promise<unknown>,
    action: string,
  ): Promise<void> {
    const db = await this.connection();
    try {
      await write(db);
    } catch (error) {
      throw toSavedQueryStoreError(error, action);
    }
    this.changes.announce();
  }

  private async connection(): Promise<IDBPDatabase<HistoryDbSchema>> {
    if (this.closed) {
      throw new SavedQueryStoreError('unavailable', 'The query history was closed.');
    }
    if (!this.db) {
      try {
        this.db = await this.reopen();
      } catch (error) {
        throw toSavedQueryStoreError(error, 'open the query history');
      }
    }
    return this.db;
  }
}

const shared = new Map<string, Promise<OpenedQueryHistory>>();

/**
 * The history of a workspace, opened once per page and shared (the panel and `recordRun` use
 * the same instance).
 */
export function sharedQueryHistory(workspace: string): Promise<OpenedQueryHistory> {
  let opened = shared.get(workspace);
  if (!opened) {
    opened = openQueryHistory(workspace);
    // A failed open is not cached, so the next call tries again.
    opened.catch(() => shared.delete(workspace));
    shared.set(workspace, opened);
  }
  return opened;
}

/**
 * Records a finished run: call after every run, whatever its outcome. Rejects with a
 * SavedQueryStoreError (e.g. kind 'quota'); the run itself is unaffected, so show it, don't
 * fail the run.
 */
export async function recordRun(workspace: string, entry: NewHistoryEntry): Promise<HistoryEntry> {
  const { history } = await sharedQueryHistory(workspace);
  return history.record(entry);
}
