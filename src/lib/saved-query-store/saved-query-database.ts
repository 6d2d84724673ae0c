import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';

/**
 * The saved-query database: its name per workspace, its versions and the steps between them.
 * Each step runs inside the browser's version-change transaction, so an upgrade either completes
 * or leaves the previous version untouched.
 */

export const QUERIES_STORE = 'queries';

/** Values are `unknown`: what comes out of storage is validated before use. */
export interface SavedQueryDbSchema extends DBSchema {
  queries: {
    key: string;
    value: unknown;
    indexes: { 'by-name': string; 'by-updatedAt': number; 'by-lastUsedAt': number };
  };
}

export type SavedQueryDb = IDBPDatabase<SavedQueryDbSchema>;
type UpgradeTransaction = IDBPTransaction<
  SavedQueryDbSchema,
  ArrayLike<typeof QUERIES_STORE>,
  'versionchange'
>;

type MigrationStep = (db: SavedQueryDb, tx: UpgradeTransaction) => void;

/** Index i holds the step that takes the database from version i to version i + 1. */
const MIGRATIONS: readonly MigrationStep[] = [
  // v1: the queries, by id, with name and update-time indexes.
  (db) => {
    const store = db.createObjectStore(QUERIES_STORE, { keyPath: 'id' });
    store.createIndex('by-name', 'name');
    store.createIndex('by-updatedAt', 'updatedAt');
  },
  // v2: "last used" sorting. Records without lastUsedAt simply stay out of the index.
  (_db, tx) => {
    tx.objectStore(QUERIES_STORE).createIndex('by-lastUsedAt', 'lastUsedAt');
  },
];

export const SAVED_QUERY_DB_VERSION = MIGRATIONS.length;

/** The indexes the current version must have; a database without them is treated as corrupt. */
export const EXPECTED_INDEXES = ['by-name', 'by-updatedAt', 'by-lastUsedAt'] as const;

export function savedQueryDatabaseName(workspace: string): string {
  return `quarry-${workspace}`;
}

export interface OpenHandlers {
  /** Another tab wants to upgrade or delete the database: close so it is not blocked. */
  onVersionChange?: () => void;
}

/**
 * Opens (creating or upgrading) the database at `version`. Tests pass an older version to build
 * a database as an earlier release left it.
 */
export function openSavedQueryDatabase(
  name: string,
  handlers: OpenHandlers = {},
  version: number = SAVED_QUERY_DB_VERSION,
): Promise<SavedQueryDb> {
  return openDB<SavedQueryDbSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let step = oldVersion; step < (newVersion ?? version); step++) {
        MIGRATIONS[step]!(db, tx);
      }
    },
    blocking() {
      handlers.onVersionChange?.();
    },
  });
}

/** Whether an opened database has the stores and indexes this version relies on. */
export function hasExpectedShape(db: SavedQueryDb): boolean {
  if (!db.objectStoreNames.contains(QUERIES_STORE)) return false;
  const indexes = db.transaction(QUERIES_STORE).store.indexNames;
  return EXPECTED_INDEXES.every((name) => indexes.contains(name));
}
