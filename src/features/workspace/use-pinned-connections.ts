import { useMemo } from 'react';
import type { Connection } from './use-connections';

/**
 * An embedder's `cluster=…&database=…` pins the picker to that one connection: the configured
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
    const host = new URL(pinned.cluster).hostname;
    return [
      {
        kind: 'kusto',
        name: host.split('.')[0] ?? host,
        clusterUrl: pinned.cluster,
        database: pinned.database,
        id: `kusto:${pinned.cluster}/${pinned.database}`,
        label: `${host.split('.')[0] ?? host} · ${pinned.database}`,
        addedByUser: false,
      },
    ];
  }, [connections, pinned]);
}
