/** Clusters and apps the user added, kept per workspace in localStorage. */
export type UserConnection =
  | { kind: 'kusto'; name: string; clusterUrl: string; database: string }
  | { kind: 'appinsights'; name: string; appId: string; endpoint: string; resource: string }
  /** `resource` is null through a proxy (no token is ever sent). */
  | {
      kind: 'prometheus';
      name: string;
      endpoint: string;
      auth: 'entra' | 'proxy';
      resource: string | null;
    };

const key = (workspace: string) => `quarry.${workspace}.connections.v1`;

export function loadUserConnections(workspace: string): UserConnection[] {
  try {
    const raw = window.localStorage.getItem(key(workspace));
    if (!raw) return [];
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isConnection) : [];
  } catch {
    return [];
  }
}

export type ConnectionsSaveResult = { ok: true } | { ok: false; message: string };

/**
 * Writes the list. Returns why it failed (storage full) so the caller can say so: the
 * connection then lasts for this page only.
 */
export function saveUserConnections(
  workspace: string,
  connections: UserConnection[],
): ConnectionsSaveResult {
  try {
    window.localStorage.setItem(key(workspace), JSON.stringify(connections));
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

function isConnection(value: unknown): value is UserConnection {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string') return false;
  if (v.kind === 'kusto') return typeof v.clusterUrl === 'string' && typeof v.database === 'string';
  if (v.kind === 'prometheus') {
    return (
      typeof v.endpoint === 'string' &&
      ((v.auth === 'entra' && typeof v.resource === 'string') ||
        (v.auth === 'proxy' && v.resource === null))
    );
  }
  return (
    v.kind === 'appinsights' &&
    typeof v.appId === 'string' &&
    typeof v.endpoint === 'string' &&
    typeof v.resource === 'string'
  );
}
