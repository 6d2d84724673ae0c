import { openDB } from 'idb';
import { SavedQueryStoreError } from './saved-query-store-error';
import { readBackup, writeBackup, type BackupLocation } from './store-backup';

/**
 * What to do when a database cannot be opened. Only a database proven malformed (it opened, but
 * lacks the tables this version needs) may be replaced, and only after everything readable in it
 * was copied to a backup that was read back and found complete. Every other open failure
 * (Safari's "Connection to Indexed Database server lost", Chrome's "Internal error opening
 * backing store", a database from a newer Quarry) is treated as passing: the database is left
 * exactly as it is.
 */

export const MALFORMED_STORE_ERROR = 'MalformedStoreError';

export function malformedStoreError(message: string): Error {
  const error = new Error(message);
  error.name = MALFORMED_STORE_ERROR;
  return error;
}

export type OpenFailureKind = 'malformed' | 'newer-version' | 'transient';

export function classifyOpenFailure(error: unknown): OpenFailureKind {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === MALFORMED_STORE_ERROR) return 'malformed';
  if (name === 'VersionError') return 'newer-version';
  return 'transient';
}

export interface SetAsideResult {
  /** Null when the database held nothing to keep. */
  backup: BackupLocation | null;
  /** Records copied, per object store. */
  counts: Record<string, number>;
}

export interface SetAsideOptions {
  /** Names the backup (`quarry-<backupKey>-backup-<time>`). */
  backupKey: string;
  /** Why, in words, stored in the backup. */
  reason: string;
  at: Date;
  blockedTimeoutMs: number;
  /** Says what is unavailable in the messages ("saved queries", "query history"). */
  what: string;
}

/**
 * Backs up and deletes a malformed database. Throws SavedQueryStoreError('unavailable') and
 * leaves the database untouched when any part of it could not be read, or the backup could not
 * be written or read back complete.
 */
export async function setMalformedDatabaseAside(
  name: string,
  options: SetAsideOptions,
): Promise<SetAsideResult> {
  const { what } = options;
  const salvage = await salvageDatabase(name);
  if (!salvage.complete) {
    throw new SavedQueryStoreError(
      'unavailable',
      `${capitalise(what)} are unavailable right now: the stored copy looks damaged, but it could not be read in full (${salvage.problem}), so it was left as it is. Choose Retry; if it keeps happening, reload the page.`,
    );
  }
  const counts = Object.fromEntries(
    Object.entries(salvage.stores).map(([store, records]) => [store, records.length]),
  );
  let backup: BackupLocation | null = null;
  if (salvage.recordCount > 0) {
    try {
      backup = await writeBackup(options.backupKey, {
        format: 'quarry.saved-queries.backup',
        version: 1,
        reason: options.reason,
        sourceDatabase: name,
        sourceVersion: salvage.version,
        createdAt: options.at.toISOString(),
        stores: salvage.stores,
      });
      const readBack = await readBackup(backup);
      const complete =
        readBack !== null &&
        Object.entries(counts).every(([store, n]) => readBack.stores[store]?.length === n);
      if (!complete) throw new Error('the backup read back incomplete');
    } catch (backupError) {
      throw new SavedQueryStoreError(
        'unavailable',
        `${options.reason} Quarry could not make a complete backup of it (${errorText(backupError)}), so it was left as it is and ${what} are unavailable for now. Free some space for this site and choose Retry.`,
        { cause: backupError },
      );
    }
  }
  await deleteDatabase(name, options.blockedTimeoutMs, what);
  return { backup, counts };
}

interface Salvage {
  complete: boolean;
  problem: string;
  version: number | null;
  stores: Record<string, unknown[]>;
  recordCount: number;
}

/** Reads every object store, at whatever version the database has. Never throws. */
async function salvageDatabase(name: string): Promise<Salvage> {
  const salvage: Salvage = {
    complete: true,
    problem: '',
    version: null,
    stores: {},
    recordCount: 0,
  };
  let db;
  try {
    db = await openDB(name);
  } catch (error) {
    return { ...salvage, complete: false, problem: errorText(error) };
  }
  salvage.version = db.version;
  try {
    for (const storeName of Array.from(db.objectStoreNames)) {
      try {
        const records: unknown[] = await db.getAll(storeName);
        salvage.stores[storeName] = records;
        salvage.recordCount += records.length;
      } catch (error) {
        salvage.complete = false;
        salvage.problem = `table "${storeName}": ${errorText(error)}`;
      }
    }
  } finally {
    db.close();
  }
  return salvage;
}

function deleteDatabase(name: string, blockedTimeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(
        new SavedQueryStoreError(
          'unavailable',
          `The damaged store of ${what} could not be replaced (${errorText(request.error)}); its backup is kept. Choose Retry.`,
          { cause: request.error },
        ),
      );
    };
    request.onblocked = () => {
      timer = setTimeout(
        () =>
          reject(
            new SavedQueryStoreError(
              'unavailable',
              `Another Quarry tab is still using the ${what}, so the damaged store could not be replaced. Close the other Quarry tabs and choose Retry.`,
            ),
          ),
        blockedTimeoutMs,
      );
    };
  });
}

export function errorText(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return [name, message].filter((part) => typeof part === 'string' && part).join(': ');
  }
  return String(error);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
