import { openDB } from 'idb';
import {
  hasExpectedShape,
  openSavedQueryDatabase,
  QUERIES_STORE,
  savedQueryDatabaseName,
  type SavedQueryDb,
} from './saved-query-database';
import { SavedQueryStore, type SavedQueryStoreOptions } from './saved-query-store';
import { SavedQueryStoreError } from './saved-query-store-error';
import { savedQuerySchema } from './saved-query-types';
import {
  describeBackupLocation,
  writeBackup,
  type BackupLocation,
  type StoreBackup,
} from './store-backup';

export interface StoreWarning {
  /**
   * `store-set-aside`: the database could not be used (damaged, or from a newer Quarry); a copy
   * was kept and an empty store started. `invalid-records`: some records failed validation and
   * were moved to a backup (or, if no backup could be made, hidden and left in place).
   */
  kind: 'store-set-aside' | 'invalid-records';
  /** For the user: what happened, where the copy is, what to do. */
  message: string;
  backup: BackupLocation | null;
  /** How many records were affected (readable ones kept aside, or invalid ones). */
  count: number;
}

export interface OpenSavedQueryStoreOptions extends SavedQueryStoreOptions {
  /** How long to wait for other tabs to let go of a database being replaced. */
  blockedTimeoutMs?: number;
}

export interface OpenedSavedQueryStore {
  store: SavedQueryStore;
  warnings: StoreWarning[];
}

/**
 * Opens the saved queries of a workspace (`quarry-<workspace>`), upgrading older versions.
 * Storage that cannot be used is never thrown away silently: what can be read is copied to a
 * backup first, and the returned warnings say so. Throws SavedQueryStoreError('unavailable')
 * only when the browser gives no usable storage at all, or when a damaged store could not be
 * backed up (then it is left untouched).
 */
export async function openSavedQueryStore(
  workspace: string,
  options: OpenSavedQueryStoreOptions = {},
): Promise<OpenedSavedQueryStore> {
  if (!workspace) throw new SavedQueryStoreError('invalid-input', 'A workspace key is required.');
  if (typeof indexedDB === 'undefined') {
    throw new SavedQueryStoreError(
      'unavailable',
      'This browser gives Quarry no storage (IndexedDB is missing), so queries cannot be saved here.',
    );
  }
  const name = savedQueryDatabaseName(workspace);
  const now = options.now ?? Date.now;
  let store: SavedQueryStore | null = null;
  const handlers = { onVersionChange: () => store?.handlers.onVersionChange() };
  const warnings: StoreWarning[] = [];

  let db: SavedQueryDb;
  try {
    db = await openUsable(name, handlers);
  } catch (error) {
    const setAside = await setStoreAside(workspace, name, error, new Date(now()), options);
    warnings.push(setAside);
    try {
      db = await openUsable(name, handlers);
    } catch (freshError) {
      throw new SavedQueryStoreError(
        'unavailable',
        `The saved queries could not be opened, even as a new empty list (${errorText(freshError)}). Reload the page; if it keeps happening, check that this site may store data.`,
        { cause: freshError },
      );
    }
  }

  const invalidWarning = await setInvalidRecordsAside(workspace, name, db, new Date(now()));
  if (invalidWarning) warnings.push(invalidWarning);

  store = new SavedQueryStore(workspace, name, db, options);
  return { store, warnings };
}

async function openUsable(
  name: string,
  handlers: { onVersionChange: () => void },
): Promise<SavedQueryDb> {
  const db = await openSavedQueryDatabase(name, handlers);
  if (!hasExpectedShape(db)) {
    db.close();
    const error = new Error('the stored database lacks the tables Quarry expects');
    error.name = 'MalformedStoreError';
    throw error;
  }
  return db;
}

/** Copies what can be read of the unusable database to a backup, then deletes it. */
async function setStoreAside(
  workspace: string,
  name: string,
  openError: unknown,
  at: Date,
  options: OpenSavedQueryStoreOptions,
): Promise<StoreWarning> {
  const reason = describeOpenFailure(openError);
  const salvage = await salvageDatabase(name);
  const readable = salvage.stores[QUERIES_STORE]?.length ?? 0;
  let backup: BackupLocation | null = null;
  if (salvage.recordCount > 0) {
    try {
      backup = await writeBackup(workspace, {
        format: 'quarry.saved-queries.backup',
        version: 1,
        reason,
        sourceDatabase: name,
        sourceVersion: salvage.version,
        createdAt: at.toISOString(),
        stores: salvage.stores,
      } satisfies StoreBackup);
    } catch (backupError) {
      throw new SavedQueryStoreError(
        'unavailable',
        `${reason} Quarry could not make a backup of it (${errorText(backupError)}), so it was left as it is and saved queries are unavailable for now. Free some space for this site and reload.`,
        { cause: backupError },
      );
    }
  }
  await deleteDatabase(name, options.blockedTimeoutMs ?? 5000);
  const kept =
    backup === null
      ? 'Nothing in it could be read.'
      : `A copy of what could be read (${readable} saved ${readable === 1 ? 'query' : 'queries'}) was kept in ${describeBackupLocation(backup)}.`;
  const todo =
    backup === null ? '' : ' To get them back, choose "Download backup" and import that file.';
  return {
    kind: 'store-set-aside',
    message: `${reason} ${kept} Quarry started an empty list of saved queries.${todo}`,
    backup,
    count: readable,
  };
}

/**
 * Moves records that fail validation out of the store (backup first, then delete, so a crash in
 * between only means they are backed up twice). If no backup can be made, they stay where they
 * are and are only hidden.
 */
async function setInvalidRecordsAside(
  workspace: string,
  name: string,
  db: SavedQueryDb,
  at: Date,
): Promise<StoreWarning | null> {
  const tx = db.transaction(QUERIES_STORE);
  const invalid: { key: IDBValidKey; value: unknown }[] = [];
  let total = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    total++;
    if (!savedQuerySchema.safeParse(cursor.value).success) {
      invalid.push({ key: cursor.primaryKey, value: cursor.value });
    }
  }
  await tx.done;
  if (invalid.length === 0) return null;

  const count = invalid.length;
  const what = `${count} of ${total} saved ${total === 1 ? 'query' : 'queries'} could not be read (${count === 1 ? 'it does' : 'they do'} not have the expected format).`;
  let backup: BackupLocation;
  try {
    backup = await writeBackup(workspace, {
      format: 'quarry.saved-queries.backup',
      version: 1,
      reason: what,
      sourceDatabase: name,
      sourceVersion: db.version,
      createdAt: at.toISOString(),
      stores: { [QUERIES_STORE]: invalid.map((record) => record.value) },
    });
  } catch (error) {
    return {
      kind: 'invalid-records',
      message: `${what} They are hidden and were left in storage, because no backup could be made (${errorText(error)}). The others work as usual.`,
      backup: null,
      count,
    };
  }
  const removeTx = db.transaction(QUERIES_STORE, 'readwrite');
  await Promise.all([
    ...invalid.map((record) => removeTx.store.delete(record.key as string)),
    removeTx.done,
  ]);
  return {
    kind: 'invalid-records',
    message: `${what} They were moved to ${describeBackupLocation(backup)}; the others work as usual. Choose "Download backup" to look at them.`,
    backup,
    count,
  };
}

interface Salvage {
  version: number | null;
  stores: Record<string, unknown[]>;
  recordCount: number;
}

/** Reads every object store it can, at whatever version the database has. Never throws. */
async function salvageDatabase(name: string): Promise<Salvage> {
  const salvage: Salvage = { version: null, stores: {}, recordCount: 0 };
  let db;
  try {
    db = await openDB(name);
  } catch {
    return salvage;
  }
  salvage.version = db.version;
  for (const storeName of Array.from(db.objectStoreNames)) {
    try {
      const records: unknown[] = await db.getAll(storeName);
      salvage.stores[storeName] = records;
      salvage.recordCount += records.length;
    } catch {
      // Unreadable store: keep going with the others.
    }
  }
  db.close();
  return salvage;
}

function deleteDatabase(name: string, blockedTimeoutMs: number): Promise<void> {
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
          `The damaged saved-query store could not be replaced (${errorText(request.error)}). Reload the page.`,
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
              'Another Quarry tab is still using the saved queries, so the damaged store could not be replaced. Close the other Quarry tabs and reload this one.',
            ),
          ),
        blockedTimeoutMs,
      );
    };
  });
}

function describeOpenFailure(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'VersionError') {
    return 'Your saved queries were stored by a newer version of Quarry, which this version cannot read.';
  }
  if (name === 'MalformedStoreError') {
    return 'The saved-query storage in this browser is damaged (its tables are missing).';
  }
  return `The saved-query storage in this browser could not be opened (${errorText(error)}).`;
}

function errorText(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return [name, message].filter((part) => typeof part === 'string' && part).join(': ');
  }
  return String(error);
}
