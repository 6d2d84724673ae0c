import { openDB } from 'idb';

/**
 * Copies of a store we could not use, kept so nothing is lost when Quarry starts a fresh one.
 * A backup goes to its own IndexedDB database; if that fails too (storage full), to localStorage
 * when it is small enough.
 */

export interface StoreBackup {
  format: 'quarry.saved-queries.backup';
  version: 1;
  /** Why the store was set aside, in words. */
  reason: string;
  sourceDatabase: string;
  /** The version the database had, if it could be read. */
  sourceVersion: number | null;
  createdAt: string;
  /** Every readable record, per object store, exactly as stored. */
  stores: Record<string, unknown[]>;
}

export type BackupLocation =
  { kind: 'indexeddb'; database: string } | { kind: 'localStorage'; key: string };

const BACKUP_STORE = 'backup';
const BACKUP_KEY = 'contents';
/** localStorage is ~5 MB per origin and shared with the rest of the app. */
const MAX_LOCAL_STORAGE_BACKUP_CHARS = 1_000_000;

export function backupName(workspace: string, at: Date): string {
  return `quarry-${workspace}-backup-${at.toISOString().replace(/[:.]/g, '-')}`;
}

export async function writeBackup(workspace: string, backup: StoreBackup): Promise<BackupLocation> {
  const name = backupName(workspace, new Date(backup.createdAt));
  try {
    const db = await openDB(name, 1, {
      upgrade(upgradeDb) {
        upgradeDb.createObjectStore(BACKUP_STORE);
      },
    });
    try {
      await db.put(BACKUP_STORE, backup, BACKUP_KEY);
    } finally {
      db.close();
    }
    return { kind: 'indexeddb', database: name };
  } catch (indexedDbError) {
    const json = backupToJson(backup);
    if (json.length > MAX_LOCAL_STORAGE_BACKUP_CHARS) throw indexedDbError;
    // Throws when localStorage is unavailable or full too; the caller reports it.
    globalThis.localStorage.setItem(name, json);
    return { kind: 'localStorage', key: name };
  }
}

export async function readBackup(location: BackupLocation): Promise<StoreBackup | null> {
  if (location.kind === 'localStorage') {
    const raw = globalThis.localStorage.getItem(location.key);
    return raw === null ? null : (JSON.parse(raw) as StoreBackup);
  }
  const db = await openDB(location.database);
  try {
    if (!db.objectStoreNames.contains(BACKUP_STORE)) return null;
    return ((await db.get(BACKUP_STORE, BACKUP_KEY)) as StoreBackup | undefined) ?? null;
  } finally {
    db.close();
  }
}

/** JSON for a download. Stored values may hold what JSON cannot (bigint): written as text. */
export function backupToJson(backup: StoreBackup): string {
  return JSON.stringify(
    backup,
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    2,
  );
}

export function describeBackupLocation(location: BackupLocation): string {
  return location.kind === 'indexeddb'
    ? `the browser database "${location.database}"`
    : `this site's local storage under "${location.key}"`;
}

/** The backup as a JSON file the Import button accepts (only its valid queries are taken). */
export async function backupFile(location: BackupLocation): Promise<File | null> {
  const backup = await readBackup(location);
  if (!backup) return null;
  const name = location.kind === 'indexeddb' ? location.database : location.key;
  return new File([backupToJson(backup)], `${name}.json`, { type: 'application/json' });
}
