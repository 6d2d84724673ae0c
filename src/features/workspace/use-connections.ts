import { useMemo } from 'react';
import { useRuntimeConfig } from '../../lib/config/runtime-config-context';
import type { ConnectionConfig } from '../../lib/config/runtime-config-schema';

export type Connection = ConnectionConfig & { id: string; label: string };

/** The configured connections with stable ids (the draft and deep links refer to them). */
export function useRuntimeConfigConnections(): Connection[] {
  const config = useRuntimeConfig();
  return useMemo(
    () =>
      config.connections.map((connection) =>
        connection.kind === 'kusto'
          ? {
              ...connection,
              id: `kusto:${connection.clusterUrl}/${connection.database}`,
              label: `${connection.name} · ${connection.database}`,
            }
          : { ...connection, id: `appinsights:${connection.appId}`, label: connection.name },
      ),
    [config],
  );
}
