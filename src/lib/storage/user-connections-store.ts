import { connectionSettingsSchema, type ConnectionSettings } from '../sources/query-target';

/**
 * Clusters and apps the user added, kept per workspace in localStorage as a JSON array of
 * ConnectionSettings (the shape has not changed since the first version, `.v1`). Each entry is
 * checked on load; one that does not read (written by a newer Quarry with another kind of source,
 * or damaged) is left out of the list but kept in storage: saving the list never drops it.
 */

const key = (workspace: string) => `quarry.${workspace}.connections.v1`;

function readStored(workspace: string): unknown[] {
  try {
    const raw = window.localStorage.getItem(key(workspace));
    if (!raw) return [];
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function parse(value: unknown): ConnectionSettings | null {
  const result = connectionSettingsSchema.safeParse(value);
  return result.success ? result.data : null;
}

export function loadUserConnections(workspace: string): ConnectionSettings[] {
  return readStored(workspace)
    .map(parse)
    .filter((entry): entry is ConnectionSettings => entry !== null);
}

export type ConnectionsSaveResult = { ok: true } | { ok: false; message: string };

/**
 * Writes the list (plus any stored entries this version cannot read, as they were). Returns why
 * it failed (storage full) so the caller can say so: the connection then lasts for this page only.
 */
export function saveUserConnections(
  workspace: string,
  connections: ConnectionSettings[],
): ConnectionsSaveResult {
  try {
    const unreadable = readStored(workspace).filter((entry) => parse(entry) === null);
    window.localStorage.setItem(key(workspace), JSON.stringify([...connections, ...unreadable]));
    return { ok: true };
  } catch (error) {
    const quota =
      (error as { name?: unknown } | null)?.name === 'QuotaExceededError' ||
      (error as { name?: unknown } | null)?.name === 'NS_ERROR_DOM_QUOTA_REACHED';
    return {
      ok: false,
      message: quota
        ? "The connection was added for this page only: the browser's storage for this site is full, so it will be gone after a reload. Free space (delete saved queries or history you no longer need) and add it again."
        : `The connection was added for this page only: it could not be stored (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}
