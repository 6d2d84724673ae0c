import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { compactDataSet, expandDataSet, type CompactResult } from './compact-result';
import type { DataSet } from '../result-model';

/**
 * The last results of each query tab, kept in IndexedDB by the parse worker so that a reload (or
 * Recall, F8) shows them without asking the cluster again. A cache, in its own database
 * (`quarry-<workspace>-results`): nothing here is the user's work, and nothing this store does
 * touches saved queries, history or drafts. It never deletes its database either; a failing
 * store only means results are not kept (and the page says so).
 *
 * Each result is two records: its description (`kept`, small, listed for Recall) and its columns
 * (`columns`, in the worker's compact form). Both are written, and older results evicted, in one
 * transaction: when the browser refuses the write (quota), nothing is evicted either.
 */

/**
 * All kept results together. A browser gives a site a share of the disk (Chromium: up to 60 % of
 * it, Firefox 10 %), but a console should not fill it with re-creatable results: 200 MB holds a
 * few dozen typical results, or the 59,066-row StormEvents (about 30 MB compact) several times.
 */
export const KEPT_RESULTS_TOTAL_BYTES = 200 * 1024 * 1024;
/**
 * One result. Writing and reading back is a copy of the columns in the worker: beyond ~100 MB
 * (around a million narrow rows) that copy and the disk it takes cost more than running again.
 */
export const KEPT_RESULT_MAX_BYTES = 100 * 1024 * 1024;
/** Results kept per tab: the last one (shown after a reload) and four earlier ones for Recall. */
export const KEPT_RESULTS_PER_TAB = 5;

const DB_VERSION = 1;

/** What is kept about a result besides its columns; listed by Recall. */
export interface KeptResultInfo {
  /** The run's client request id. */
  id: string;
  tabId: string;
  /** When the run finished (epoch ms). */
  savedAt: number;
  startedAt: number;
  durationMs: number;
  /** The statement as the user wrote it (never the preview's `set …;`). */
  text: string;
  /** Run with Preview's 50-row cap. */
  preview: boolean;
  /** Rows of the primary tables. */
  rowCount: number;
  /** Size of the kept columns (about). */
  bytes: number;
  /** The connection's name when it ran, for the Recall list. */
  connectionLabel: string;
  /** The partial failure or truncation shown beside the rows, as plain data. */
  problem: unknown;
}

export type KeepOutcome =
  | { status: 'kept'; bytes: number; evicted: number }
  | { status: 'too-big'; bytes: number }
  | { status: 'failed'; message: string };

export type RestoreOutcome =
  | { ok: true; info: KeptResultInfo; dataSet: DataSet }
  | { ok: false; reason: 'missing' | 'damaged' | 'unavailable'; message: string };

interface ResultsDbSchema extends DBSchema {
  kept: { key: string; value: KeptResultInfo };
  columns: { key: string; value: { id: string; result: CompactResult } };
}

export function resultsDatabaseName(workspace: string): string {
  return `quarry-${workspace}-results`;
}

export interface ResultStoreOptions {
  totalBytes?: number;
  maxBytes?: number;
  perTab?: number;
}

/** The byte size as people read it: "412 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message))
  );
}

export class ResultStore {
  private db: Promise<IDBPDatabase<ResultsDbSchema>> | null = null;
  private readonly totalBytes: number;
  private readonly maxBytes: number;
  private readonly perTab: number;

  constructor(
    readonly workspace: string,
    options: ResultStoreOptions = {},
  ) {
    this.totalBytes = options.totalBytes ?? KEPT_RESULTS_TOTAL_BYTES;
    this.maxBytes = Math.min(options.maxBytes ?? KEPT_RESULT_MAX_BYTES, this.totalBytes);
    this.perTab = options.perTab ?? KEPT_RESULTS_PER_TAB;
  }

  private open(): Promise<IDBPDatabase<ResultsDbSchema>> {
    if (typeof indexedDB === 'undefined')
      return Promise.reject(new Error('this browser offers no IndexedDB here'));
    return openDB<ResultsDbSchema>(resultsDatabaseName(this.workspace), DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('kept', { keyPath: 'id' });
        db.createObjectStore('columns', { keyPath: 'id' });
      },
      blocking: () => {
        // A newer Quarry in another tab wants to upgrade: let go, open again next time.
        void this.db?.then((db) => db.close());
        this.db = null;
      },
    });
  }

  private database(): Promise<IDBPDatabase<ResultsDbSchema>> {
    if (!this.db) {
      const opening = this.open();
      this.db = opening;
      // A failed open is tried again on the next call (it may have been passing).
      opening.catch(() => {
        if (this.db === opening) this.db = null;
      });
    }
    return this.db;
  }

  /**
   * Keeps a result for `info.tabId`, evicting that tab's oldest beyond the per-tab count and then
   * the oldest of all until the total fits. Never throws.
   */
  async keep(info: Omit<KeptResultInfo, 'bytes'>, dataSet: DataSet): Promise<KeepOutcome> {
    const compacted = compactDataSet(dataSet, this.maxBytes);
    if (!compacted.ok) return { status: 'too-big', bytes: compacted.bytes };
    const record: KeptResultInfo = { ...info, bytes: compacted.bytes };
    let tx: IDBPTransaction<ResultsDbSchema, ('kept' | 'columns')[], 'readwrite'> | null = null;
    try {
      const db = await this.database();
      tx = db.transaction(['kept', 'columns'], 'readwrite');
      const kept = tx.objectStore('kept');
      const columns = tx.objectStore('columns');
      const all = (await kept.getAll()).filter((entry) => entry.id !== record.id);
      const doomed = new Set<string>();
      const ofTab = all
        .filter((entry) => entry.tabId === record.tabId)
        .sort((a, b) => b.savedAt - a.savedAt);
      for (const entry of ofTab.slice(this.perTab - 1)) doomed.add(entry.id);
      let total = record.bytes;
      for (const entry of all) if (!doomed.has(entry.id)) total += entry.bytes;
      for (const entry of [...all].sort((a, b) => a.savedAt - b.savedAt)) {
        if (total <= this.totalBytes) break;
        if (doomed.has(entry.id)) continue;
        doomed.add(entry.id);
        total -= entry.bytes;
      }
      // Every request rejects when the transaction aborts: each one's failure is handled here,
      // and the first one's is what the catch below reports.
      const writes: Promise<unknown>[] = [tx.done];
      const track = (request: Promise<unknown>) => {
        request.catch(() => undefined);
        writes.push(request);
      };
      tx.done.catch(() => undefined);
      for (const id of doomed) {
        track(kept.delete(id));
        track(columns.delete(id));
      }
      track(columns.put({ id: record.id, result: compacted.result }));
      track(kept.put(record));
      await Promise.all(writes);
      return { status: 'kept', bytes: record.bytes, evicted: doomed.size };
    } catch (error) {
      // A write refused outright (not by the commit) leaves the transaction open: abort it, so
      // the evictions planned for this result do not happen either.
      try {
        tx?.abort();
      } catch {
        // Already finished (aborted by the browser).
      }
      return {
        status: 'failed',
        message: isQuotaError(error)
          ? "This result could not be kept across reloads: the browser's storage for this site is full. Earlier kept results, saved queries and history are unchanged."
          : `This result could not be kept across reloads (${errorText(error)}). Earlier kept results, saved queries and history are unchanged.`,
      };
    }
  }

  /** This tab's kept results, newest first. Never throws (an unreadable store lists nothing). */
  async list(
    tabId: string,
  ): Promise<{ ok: true; kept: KeptResultInfo[] } | { ok: false; message: string }> {
    try {
      const db = await this.database();
      const all = await db.getAll('kept');
      return {
        ok: true,
        kept: all.filter((entry) => entry.tabId === tabId).sort((a, b) => b.savedAt - a.savedAt),
      };
    } catch (error) {
      return { ok: false, message: `Kept results could not be read (${errorText(error)}).` };
    }
  }

  /** A kept result's data set. Never throws; a damaged entry is left as it is. */
  async restore(id: string): Promise<RestoreOutcome> {
    let info: KeptResultInfo | undefined;
    let stored: { id: string; result: CompactResult } | undefined;
    try {
      const db = await this.database();
      const tx = db.transaction(['kept', 'columns'], 'readonly');
      [info, stored] = await Promise.all([
        tx.objectStore('kept').get(id),
        tx.objectStore('columns').get(id),
      ]);
    } catch (error) {
      return {
        ok: false,
        reason: 'unavailable',
        message: `The kept result could not be read (${errorText(error)}).`,
      };
    }
    if (!info || !stored)
      return {
        ok: false,
        reason: 'missing',
        message: 'The kept result is no longer there (it was evicted, or the browser cleared it).',
      };
    try {
      return { ok: true, info, dataSet: expandDataSet(stored.result) };
    } catch (error) {
      return {
        ok: false,
        reason: 'damaged',
        message: `The kept result could not be read back (${error instanceof Error ? error.message : String(error)}).`,
      };
    }
  }
}
