/** Clusters and apps the user added, kept per workspace in localStorage. */
export type UserConnection =
  | { kind: 'kusto'; name: string; clusterUrl: string; database: string }
  | { kind: 'appinsights'; name: string; appId: string; endpoint: string; resource: string };

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

export function saveUserConnections(workspace: string, connections: UserConnection[]): void {
  try {
    window.localStorage.setItem(key(workspace), JSON.stringify(connections));
  } catch (error) {
    console.error('Could not save connections', error);
  }
}

function isConnection(value: unknown): value is UserConnection {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string') return false;
  if (v.kind === 'kusto') return typeof v.clusterUrl === 'string' && typeof v.database === 'string';
  return (
    v.kind === 'appinsights' &&
    typeof v.appId === 'string' &&
    typeof v.endpoint === 'string' &&
    typeof v.resource === 'string'
  );
}
