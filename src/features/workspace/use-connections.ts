import { useCallback, useMemo, useState } from 'react';
import { useRuntimeConfig } from '../../lib/config/runtime-config-context';
import type { ConnectionConfig } from '../../lib/config/runtime-config-schema';
import {
  loadUserConnections,
  saveUserConnections,
  type UserConnection,
} from '../../lib/storage/user-connections-store';

export type Connection = ConnectionConfig & { id: string; label: string; addedByUser: boolean };

function withIdentity(connection: ConnectionConfig, addedByUser: boolean): Connection {
  return connection.kind === 'kusto'
    ? {
        ...connection,
        addedByUser,
        id: `kusto:${connection.clusterUrl}/${connection.database}`,
        label: `${connection.name} · ${connection.database}`,
      }
    : {
        ...connection,
        addedByUser,
        id: `appinsights:${connection.endpoint}/${connection.appId}`,
        label: `${connection.name} · App Insights`,
      };
}

export type NewConnection =
  | { kind: 'kusto'; clusterUrl: string; database: string; name?: string }
  | { kind: 'appinsights'; appId: string; endpoint: string; name?: string };

/**
 * The token audience for an App Insights endpoint: the public and sovereign API hosts are their
 * own resource; anything else (a proxy, the local stand-in) uses the public resource.
 */
export function monitorResourceFor(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  return /^api\.applicationinsights\.(io|us|azure\.cn)$/.test(host)
    ? new URL(endpoint).origin
    : 'https://api.applicationinsights.io';
}

/** The configured connections plus the ones the user added, with stable ids (drafts and links refer to them). */
export function useConnections(workspace: string) {
  const config = useRuntimeConfig();
  const [added, setAdded] = useState<UserConnection[]>(() => loadUserConnections(workspace));
  const connections = useMemo(() => {
    const list = config.connections.map((c) => withIdentity(c, false));
    for (const connection of added) {
      const entry = withIdentity(connection, true);
      if (!list.some((c) => c.id === entry.id)) list.push(entry);
    }
    return list;
  }, [config, added]);

  const addConnection = useCallback(
    (connection: NewConnection): string => {
      const entry: UserConnection =
        connection.kind === 'kusto'
          ? {
              kind: 'kusto',
              // The full host: "help.eastus.kusto.windows.net", never just "help".
              name: connection.name ?? new URL(connection.clusterUrl).host,
              clusterUrl: connection.clusterUrl,
              database: connection.database,
            }
          : {
              kind: 'appinsights',
              name: connection.name ?? connection.appId,
              appId: connection.appId,
              endpoint: connection.endpoint,
              resource: monitorResourceFor(connection.endpoint),
            };
      setAdded((previous) => {
        const next = [
          ...previous.filter((c) => withIdentity(c, true).id !== withIdentity(entry, true).id),
          entry,
        ];
        saveUserConnections(workspace, next);
        return next;
      });
      return withIdentity(entry, true).id;
    },
    [workspace],
  );

  const removeConnection = useCallback(
    (id: string) =>
      setAdded((previous) => {
        const next = previous.filter((c) => withIdentity(c, true).id !== id);
        saveUserConnections(workspace, next);
        return next;
      }),
    [workspace],
  );

  return { connections, addConnection, removeConnection };
}
