import type { RuntimeConfig } from '../config/runtime-config-schema';
import type { EmbeddingFlags } from './embedding-flags';
import { HostTokenProvider, type IgnoredTokenNotice } from './host-token-provider';
import { normalizeOrigin, resolveHostOrigin } from './resolve-host-origin';

/**
 * Wires a HostTokenProvider to this window. Scope mapping follows the ADX web UI: the embedded
 * cluster (the pinned one, else the first configured) is asked for as "query"; any other scope
 * (another cluster, App Insights' https://api.applicationinsights.io/.default) is passed as is.
 */
export function createHostTokenProvider(input: {
  config: RuntimeConfig;
  flags: EmbeddingFlags;
  onIgnoredToken: (notice: IgnoredTokenNotice) => void;
}): HostTokenProvider {
  const { config, flags } = input;
  const allowed = config.embedding.allowedHostOrigins;
  const firstKusto = config.connections.find((connection) => connection.kind === 'kusto');
  const primaryCluster = normalizeOrigin(flags.pinned?.cluster ?? firstKusto?.clusterUrl ?? '');
  return new HostTokenProvider({
    parent: window.parent,
    hostOrigin: resolveHostOrigin({
      referrer: document.referrer,
      hostOriginParameter: flags.hostOrigin,
      allowed,
    }),
    allowedOrigins: allowed,
    listen: (handler) => {
      const listener = (event: MessageEvent) => handler(event);
      window.addEventListener('message', listener);
      return () => window.removeEventListener('message', listener);
    },
    toHostScope: (scope) =>
      primaryCluster && scope === `${primaryCluster}/.default` ? 'query' : scope,
    onIgnoredToken: input.onIgnoredToken,
  });
}
