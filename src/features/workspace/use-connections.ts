import { useCallback, useMemo, useState } from 'react';
import { useRuntimeConfig } from '../../lib/config/runtime-config-context';
import type { ConnectionConfig } from '../../lib/config/runtime-config-schema';
import {
  loadUserConnections,
  saveUserConnections,
  type UserKustoConnection,
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
    : { ...connection, addedByUser, id: `appinsights:${connection.appId}`, label: connection.name };
}

/** The configured connections plus the ones the user added, with stable ids (drafts and links refer to them). */
export function useConnections(workspace: string) {
  const config = useRuntimeConfig();
  const [added, setAdded] = useState<UserKustoConnection[]>(() => loadUserConnections(workspace));
  const connections = useMemo(() => {
    const list = config.connections.map((c) => withIdentity(c, false));
    for (const connection of added) {
      const entry = withIdentity(connection, true);
      if (!list.some((c) => c.id === entry.id)) list.push(entry);
    }
    return list;
  }, [config, added]);

  const addConnection = useCallback(
    (connection: { clusterUrl: string; database: string }): string => {
      const entry: UserKustoConnection = {
        kind: 'kusto',
        name: new URL(connection.clusterUrl).hostname.split('.')[0] ?? connection.clusterUrl,
        ...connection,
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
