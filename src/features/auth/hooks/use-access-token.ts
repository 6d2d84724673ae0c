import { useCallback } from 'react';
import type { TokenFunction } from '../../../lib/auth/token-function';
import { useTokenBroker } from '../token-broker-context';

/**
 * A token getter for one target (cluster URL or API endpoint), for query fetchers. Silent first;
 * on InteractionRequiredAuthError a redirect (top-level) or popup (in a frame), single-flight.
 * `resource` is the token audience when it differs from the target's origin.
 */
export function useAccessToken(target: string, resource?: string): TokenFunction {
  const broker = useTokenBroker();
  return useCallback(
    (options) => broker.getToken({ target, resource, forceRefresh: options.forceRefresh }),
    [broker, target, resource],
  );
}
