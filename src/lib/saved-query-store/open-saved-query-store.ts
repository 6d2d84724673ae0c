import { openDB } from 'idb';
import {
  hasExpectedShape,
  openSavedQueryDatabase,
  QUERIES_STORE,
  SAVED_QUERY_DB_VERSION,
  savedQueryDatabaseName,
  type SavedQueryDb,
} from './saved-query-database';
import { SavedQueryStore, type SavedQueryStoreOptions } from './saved-query-store';
import { SavedQueryStoreError } from './saved-query-store-error';
import { savedQuerySchema } from './saved-query-types';
import {
  classifyOpenFailure,
  errorText,
  malformedStoreError,
  setMalformedDatabaseAside,
} from './set-aside-database';
import {
  describeBackupLocation,
  readBackup,
  writeBackup,
  type BackupLocation,
} from './store-backup';

export interface StoreWarning {
  /**
   * `store-set-aside`: the database was malformed (its tables missing); a verified copy was kept
   * and an empty store started. `newer-version`: a newer Quarry wrote it; it is shown read-only
   * and left as it is. `invalid-records`: some records failed validation and were moved to a
   * backup (or, if no backup could be made, hidden and left in place).
   */
  kind: 'store-set-aside' | 'newer-version' | 'invalid-records';
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

export const UNAVAILABLE_NOW = 'Saved queries are unavailable right now';

/**
 * Opens the saved queries of a workspace (`quarry-<workspace>`), upgrading older versions.
 * Nothing here deletes what it could not read:
 * - a passing open error (the browser's storage hiccuped) throws SavedQueryStoreError
 *   ('unavailable', "Saved queries are unavailable right now …") and leaves the database
 *   untouched, so Retry finds everything;
 * - a database from a newer Quarry opens read-only, untouched, with "update Quarry";
 * - only a database proven malformed is replaced, after a backup that was read back complete.
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
    const failure = classifyOpenFailure(error);
    if (failure === 'newer-version') return openNewerReadOnly(workspace, name, options);
    if (failure === 'transient') throw unavailableNow(error);
    warnings.push(await setStoreAside(workspace, name, new Date(now()), options));
    try {
      db = await openUsable(name, handlers);
    } catch (freshError) {
      throw unavailableNow(freshError);
    }
  }

  const invalidWarning = await setInvalidRecordsAside(workspace, name, db, new Date(now()));
  if (invalidWarning) warnings.push(invalidWarning);

  store = new SavedQueryStore(workspace, name, db, options);
  return { store, warnings };
}

function unavailableNow(error: unknown): SavedQueryStoreError {
  return new SavedQueryStoreError(
    'unavailable',
    `${UNAVAILABLE_NOW}: the browser could not open their storage (${errorText(error)}). Nothing was changed or deleted. Choose Retry; if it keeps happening, reload the page.`,
    { cause: error },
  );
}

async function openUsable(
  name: string,
  handlers: { onVersionChange: () => void },
): Promise<SavedQueryDb> {
  const db = await openSavedQueryDatabase(name, handlers);
  if (!hasExpectedShape(db)) {
    db.close();
    throw malformedStoreError('the stored database lacks the tables Quarry expects');
  }
  return db;
}

/** A database a newer Quarry wrote: opened at its own version, only to read. */
async function openNewerReadOnly(
  workspace: string,
  name: string,
  options: OpenSavedQueryStoreOptions,
): Promise<OpenedSavedQueryStore> {
  let store: SavedQueryStore | null = null;
  let db: SavedQueryDb;
  try {
    db = (await openDB(name, undefined, {
      blocking: () => store?.handlers.onVersionChange(),
    })) as unknown as SavedQueryDb;
  } catch (error) {
    throw unavailableNow(error);
  }
  store = new SavedQueryStore(workspace, name, db, { ...options, readOnly: true });
  let count = 0;
  try {
    count = (await store.list()).length;
  } catch {
    // Its tables may have changed shape: the warning below still applies.
  }
  return {
    store,
    warnings: [
      {
        kind: 'newer-version',
        message: `Your saved queries were stored by a newer version of Quarry (storage version ${db.version}; this one knows ${SAVED_QUERY_DB_VERSION}). They were left as they are and are shown read-only: update Quarry (reload the page, or ask whoever hosts it) to change them.`,
        backup: null,
        count,
      },
    ],
  };
}

/** Copies what is in a malformed database to a verified backup, then deletes it. */
async function setStoreAside(
  workspace: string,
  name: string,
  at: Date,
  options: OpenSavedQueryStoreOptions,
): Promise<StoreWarning> {
  const reason = 'The saved-query storage in this browser is damaged (its tables are missing).';
  const { backup, counts } = await setMalformedDatabaseAside(name, {
    backupKey: workspace,
    reason,
    at,
    blockedTimeoutMs: options.blockedTimeoutMs ?? 5000,
    what: 'saved queries',
  });
  const readable = counts[QUERIES_STORE] ?? 0;
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
    // Only a backup that reads back complete allows removing the originals.
    const readBack = await readBackup(backup);
    if (readBack?.stores[QUERIES_STORE]?.length !== count) {
      throw new Error('the backup read back incomplete');
    }
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
