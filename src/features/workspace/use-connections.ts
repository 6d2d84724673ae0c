import { useCallback, useMemo, useState } from 'react';
import { useRuntimeConfig } from '../../lib/config/runtime-config-context';
import { useTrustedHosts } from '../../lib/trusted-hosts/trusted-hosts-context';
import { audienceFor, type TrustedHostPolicy } from '../../lib/trusted-hosts';
import type { ConnectionSettings, NewConnection } from '../../lib/sources/query-target';
import { loadUserConnections, saveUserConnections } from '../../lib/storage/user-connections-store';

/** A configured or user-added connection, with the id drafts and links refer to it by. */
export type Connection = ConnectionSettings & { id: string; label: string; addedByUser: boolean };

function withIdentity(connection: ConnectionSettings, addedByUser: boolean): Connection {
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

/**
 * The token audience of an App Insights endpoint the user adds: what the trusted-host policy
 * gives that target (the cloud's resource for its API hosts, a configured connection's resource,
 * else the endpoint itself), so "Other endpoint" never asks for an App Insights token for an
 * arbitrary host.
 */
export function monitorResourceFor(endpoint: string, policy: TrustedHostPolicy): string {
  return audienceFor(new URL(endpoint).origin, policy);
}

/** The configured connections plus the ones the user added, with stable ids (drafts and links refer to them). */
export function useConnections(workspace: string) {
  const config = useRuntimeConfig();
  const policy = useTrustedHosts();
  const [added, setAdded] = useState<ConnectionSettings[]>(() => loadUserConnections(workspace));
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  /** Writes on top of what is stored now, so a connection another window added is kept. */
  const persist = useCallback(
    (change: (stored: ConnectionSettings[]) => ConnectionSettings[]) => {
      const next = change(loadUserConnections(workspace));
      const result = saveUserConnections(workspace, next);
      setSaveProblem(result.ok ? null : result.message);
      return next;
    },
    [workspace],
  );
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
      const entry: ConnectionSettings =
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
              resource: monitorResourceFor(connection.endpoint, policy),
            };
      const withoutEntry = (list: ConnectionSettings[]) =>
        list.filter((c) => withIdentity(c, true).id !== withIdentity(entry, true).id);
      const stored = persist((list) => [...withoutEntry(list), entry]);
      // Kept in memory even when storing failed.
      setAdded((previous) => {
        const merged = [...stored];
        for (const c of previous) {
          if (!merged.some((m) => withIdentity(m, true).id === withIdentity(c, true).id))
            merged.push(c);
        }
        return merged;
      });
      return withIdentity(entry, true).id;
    },
    [persist, policy],
  );

  const removeConnection = useCallback(
    (id: string) => {
      persist((list) => list.filter((c) => withIdentity(c, true).id !== id));
      setAdded((previous) => previous.filter((c) => withIdentity(c, true).id !== id));
    },
    [persist],
  );

  return { connections, addConnection, removeConnection, saveProblem };
}
