import { useMemo } from 'react';
import type { Connection } from './use-connections';

/**
 * An embedder's `/clusters/<c>/databases/<d>` or `cluster=…&database=…` (inside an allowed frame) pins the picker to that one connection: the configured
 * entry when there is one, otherwise a connection made for it (the token broker still refuses
 * an untrusted host before any token exists).
 */
export function usePinnedConnections(
  connections: Connection[],
  pinned: { cluster: string; database: string } | null,
): Connection[] {
  return useMemo(() => {
    if (!pinned) return connections;
    const match = connections.find(
      (c) =>
        c.kind === 'kusto' && c.clusterUrl === pinned.cluster && c.database === pinned.database,
    );
    if (match) return [match];
    // The full host, so that help.eastus.kusto.windows.net never reads as "help".
    const host = new URL(pinned.cluster).host;
    return [
      {
        kind: 'kusto',
        name: host,
        clusterUrl: pinned.cluster,
        database: pinned.database,
        id: `kusto:${pinned.cluster}/${pinned.database}`,
        label: `${host} · ${pinned.database}`,
        addedByUser: false,
      },
    ];
  }, [connections, pinned]);
}
