import { queryOptions } from '@tanstack/react-query';
import { fetchAppInsightsSchema } from '../../../lib/appinsights';
import { fetchDatabases, fetchDatabaseSchema } from '../../../lib/kusto/kusto-schema';
import type { TrustedHostPolicy } from '../../../lib/trusted-hosts';
import type { TokenFunction } from '../../../lib/auth/token-function';

/** Query keys for schema data, generic → specific, so a cluster's entries can be dropped together. */
export const schemaKeys = {
  all: ['schema'] as const,
  cluster: (clusterUrl: string) => [...schemaKeys.all, clusterUrl] as const,
  databases: (clusterUrl: string) => [...schemaKeys.cluster(clusterUrl), 'databases'] as const,
  database: (clusterUrl: string, database: string) =>
    [...schemaKeys.cluster(clusterUrl), 'database', database] as const,
  appInsights: (endpoint: string, appId: string) =>
    [...schemaKeys.all, endpoint, 'app', appId] as const,
};

interface SchemaSource {
  clusterUrl: string;
  getToken: TokenFunction;
  trustedHosts: TrustedHostPolicy;
}

/** Schemas change rarely; keep them for the session and refetch only when asked. */
const SCHEMA_STALE_MS = 30 * 60 * 1000;

/** `.show databases`: the cluster level of the schema tree. */
export function databasesQueryOptions(source: SchemaSource) {
  return queryOptions({
    queryKey: schemaKeys.databases(source.clusterUrl),
    queryFn: ({ signal }) =>
      fetchDatabases({
        clusterUrl: source.clusterUrl,
        getToken: source.getToken,
        trustedHosts: source.trustedHosts,
        signal,
      }),
    staleTime: SCHEMA_STALE_MS,
  });
}

export function databaseSchemaQueryOptions(source: SchemaSource & { database: string }) {
  return queryOptions({
    queryKey: schemaKeys.database(source.clusterUrl, source.database),
    queryFn: ({ signal }) =>
      fetchDatabaseSchema({
        clusterUrl: source.clusterUrl,
        database: source.database,
        getToken: source.getToken,
        trustedHosts: source.trustedHosts,
        signal,
      }),
    staleTime: SCHEMA_STALE_MS,
  });
}

export function appInsightsSchemaQueryOptions(source: {
  endpoint: string;
  appId: string;
  getToken: TokenFunction;
  trustedHosts: TrustedHostPolicy;
}) {
  return queryOptions({
    queryKey: schemaKeys.appInsights(source.endpoint, source.appId),
    queryFn: ({ signal }) =>
      fetchAppInsightsSchema({
        endpoint: source.endpoint,
        appId: source.appId,
        getToken: source.getToken,
        trustedHosts: source.trustedHosts,
        signal,
      }),
    staleTime: SCHEMA_STALE_MS,
  });
}
