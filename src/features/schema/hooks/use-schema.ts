import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { DatabaseSchema } from '../../../lib/query/database-schema';
import type { ConnectionSettings } from '../../../lib/sources/query-target';
import { useTrustedHosts } from '../../../lib/trusted-hosts/trusted-hosts-context';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import {
  appInsightsSchemaQueryOptions,
  databaseSchemaQueryOptions,
  databasesQueryOptions,
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
