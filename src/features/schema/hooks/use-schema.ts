import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useRuntimeConfig } from '../../../lib/config/runtime-config-context';
import { createTrustedHostPolicy } from '../../../lib/trusted-hosts';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import { databaseSchemaQueryOptions, databasesQueryOptions } from '../api/schema-query-options';

function useTrustedHosts() {
  const config = useRuntimeConfig();
  return useMemo(
    () => createTrustedHostPolicy({ extraHosts: config.trustedHosts }),
    [config.trustedHosts],
  );
}

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
