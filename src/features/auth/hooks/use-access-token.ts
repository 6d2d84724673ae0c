import { useCallback } from 'react';
import { useTokenBroker } from '../token-broker-context';

export type GetAccessToken = (options?: { forceRefresh?: boolean }) => Promise<string>;

/**
 * A token getter for one target (cluster URL or API endpoint), for query fetchers. Silent first;
 * on InteractionRequiredAuthError a redirect (top-level) or popup (in a frame), single-flight.
 * `resource` is the token audience when it differs from the target's origin.
 */
export function useAccessToken(target: string, resource?: string): GetAccessToken {
  const broker = useTokenBroker();
  return useCallback(
    (options) => broker.getToken({ target, resource, forceRefresh: options?.forceRefresh }),
    [broker, target, resource],
  );
}
