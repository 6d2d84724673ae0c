import { createTrustedHostPolicy, type TrustedHostPolicy } from '../trusted-hosts';
import type { RuntimeConfig } from './runtime-config-schema';

/**
 * The trusted-host policy of a deployment: its `trustedHosts`, and the token resource of each App
 * Insights connection it configures (the only way an endpoint other than the cloud's own API
 * hosts receives an App Insights token).
 */
export function trustedHostPolicyFor(
  config: Pick<RuntimeConfig, 'trustedHosts' | 'connections'>,
): TrustedHostPolicy {
  return createTrustedHostPolicy({
    extraHosts: config.trustedHosts,
    // A Prometheus connection through a proxy names no resource: it never gets a token.
    configuredAudiences: config.connections.flatMap((connection) =>
      connection.kind === 'kusto' || connection.resource === null
        ? []
        : [{ endpoint: connection.endpoint, resource: connection.resource }],
    ),
  });
}
