import { useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { DatabaseSchema } from '../../../lib/query/database-schema';
import type { ConnectionSettings } from '../../../lib/sources/query-target';
import { useTrustedHosts } from '../../../lib/trusted-hosts/trusted-hosts-context';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import { mergeShowSchemaDocuments } from '../merge-schema-documents';
import {
  appInsightsSchemaQueryOptions,
  databaseSchemaQueryOptions,
  databasesQueryOptions,
  schemaKeys,
} from '../api/schema-query-options';

/** `.show databases` on a cluster, cached per cluster. */
export function useDatabases(clusterUrl: string) {
  const getToken = useAccessToken(clusterUrl);
  const trustedHosts = useTrustedHosts();
  return useQuery(databasesQueryOptions({ clusterUrl, getToken, trustedHosts }));
}

/** `.show database X schema as json`, cached per cluster and database. */
export function useDatabaseSchema(clusterUrl: string, database: string) {
  const getToken = useAccessToken(clusterUrl);
  const trustedHosts = useTrustedHosts();
  return useQuery(databaseSchemaQueryOptions({ clusterUrl, database, getToken, trustedHosts }));
}

/** An Application Insights app's tables (`/v1/apps/{id}/metadata`), cached per endpoint and app. */
export function useAppInsightsSchema(endpoint: string, appId: string, resource: string) {
  const getToken = useAccessToken(endpoint, resource);
  const trustedHosts = useTrustedHosts();
  return useQuery(appInsightsSchemaQueryOptions({ endpoint, appId, getToken, trustedHosts }));
}

/** The schema for whatever a tab is connected to: a Kusto database or an App Insights app. */
export function useConnectionSchema(
  connection: Exclude<ConnectionSettings, { kind: 'prometheus' }>,
) {
  const kusto = connection.kind === 'kusto';
  const getToken = useAccessToken(
    kusto ? connection.clusterUrl : connection.endpoint,
    kusto ? undefined : connection.resource,
  );
  const trustedHosts = useTrustedHosts();
  const options = kusto
    ? databaseSchemaQueryOptions({
        clusterUrl: connection.clusterUrl,
        database: connection.database,
        getToken,
        trustedHosts,
      })
    : appInsightsSchemaQueryOptions({
        endpoint: connection.endpoint,
        appId: connection.appId,
        getToken,
        trustedHosts,
      });
  return useQuery<DatabaseSchema>(options as UseQueryOptions<DatabaseSchema>);
}

/**
 * The schema document for the editor: the tab's database, plus every other database of the same
 * cluster whose schema the tree has loaded, so `database("ContosoSales").Sales` completes and is
 * not marked unknown. The tab's database stays the one in context.
 */
export function useClusterSchemaJson(
  clusterUrl: string | null,
  current: DatabaseSchema | undefined,
): string | undefined {
  const client = useQueryClient();
  const filter = useMemo(
    () => (clusterUrl ? { queryKey: [...schemaKeys.cluster(clusterUrl), 'database'] } : null),
    [clusterUrl],
  );
  const subscribe = useCallback(
    (onChange: () => void) => client.getQueryCache().subscribe(onChange),
    [client],
  );
  // The names of the loaded databases: a string, so the snapshot is stable between changes.
  const loaded = useSyncExternalStore(subscribe, () =>
    filter
      ? client
          .getQueriesData<DatabaseSchema>(filter)
          .filter(([, data]) => data !== undefined)
          .map(([, data]) => data!.name)
          .sort()
          .join('\n')
      : '',
  );
  return useMemo(() => {
    if (!current || !filter) return current?.showSchemaJson;
    const others = client
      .getQueriesData<DatabaseSchema>(filter)
      .map(([, data]) => data)
      .filter((data): data is DatabaseSchema => data !== undefined && data !== current);
    if (others.length === 0 || loaded === '') return current.showSchemaJson;
    return mergeShowSchemaDocuments(
      current.showSchemaJson,
      others.map((other) => other.showSchemaJson),
    );
  }, [client, current, filter, loaded]);
}
