import { createContext, useContext } from 'react';
import type { TrustedHostPolicy } from './trusted-host-policy';

/**
 * The trusted-host policy, built once at boot from the runtime config (main.tsx) and handed down:
 * the token broker, the query runs, the schema fetchers and the connection dialogs all judge a
 * URL by the same policy.
 */
export const TrustedHostsContext = createContext<TrustedHostPolicy | null>(null);

export function useTrustedHosts(): TrustedHostPolicy {
  const policy = useContext(TrustedHostsContext);
  if (!policy) throw new Error('useTrustedHosts must be used inside TrustedHostsContext.');
  return policy;
}
