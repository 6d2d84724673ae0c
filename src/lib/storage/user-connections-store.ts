/** Clusters the user added by URL, kept per workspace in localStorage. */
export interface UserKustoConnection {
  kind: 'kusto';
  name: string;
  clusterUrl: string;
  database: string;
}

const key = (workspace: string) => `quarry.${workspace}.connections.v1`;

export function loadUserConnections(workspace: string): UserKustoConnection[] {
  try {
    const raw = window.localStorage.getItem(key(workspace));
    if (!raw) return [];
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isConnection) : [];
  } catch {
    return [];
  }
}

export function saveUserConnections(workspace: string, connections: UserKustoConnection[]): void {
  try {
    window.localStorage.setItem(key(workspace), JSON.stringify(connections));
  } catch (error) {
    console.error('Could not save connections', error);
  }
}

function isConnection(value: unknown): value is UserKustoConnection {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.kind === 'kusto' &&
    typeof v.name === 'string' &&
    typeof v.clusterUrl === 'string' &&
    typeof v.database === 'string'
  );
}

/**
 * What people type for a cluster: "help", "help.kusto.windows.net", "https://help.kusto.windows.net/Samples".
 * Returns the cluster's origin, or a message saying what is wrong.
 */
export function normalizeClusterUrl(
  input: string,
): { ok: true; url: string } | { ok: false; message: string } {
  let text = input.trim();
  if (!text)
    return { ok: false, message: 'Enter the cluster URL, e.g. https://help.kusto.windows.net.' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    text =
      text.includes('.') || text.includes(':')
        ? `https://${text}`
        : `https://${text}.kusto.windows.net`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${input.trim()}" is not a URL.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: `Clusters are reached over https, not ${url.protocol.replace(':', '')}.`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'A cluster URL must not contain a user name or password.' };
  }
  return { ok: true, url: url.origin };
}
