import { MsalProvider } from '@azure/msal-react';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import type { TokenBroker } from '../lib/auth/token-broker';
import { TokenBrokerProvider } from '../features/auth/token-broker-context';
import { EmbeddingProvider, type EmbeddingState } from '../features/embedding/embedding-context';
import { RuntimeConfigContext } from '../lib/config/runtime-config-context';
import type { RuntimeConfig } from '../lib/config/runtime-config-schema';
import type { TrustedHostPolicy } from '../lib/trusted-hosts';
import { TrustedHostsContext } from '../lib/trusted-hosts/trusted-hosts-context';
import { AppShell } from './app-shell';

interface AppProps {
  config: RuntimeConfig;
  /** Built once from `config` (main.tsx), the same policy the token broker checks with. */
  trustedHosts: TrustedHostPolicy;
  instance: IPublicClientApplication;
  broker: TokenBroker;
  embedding: EmbeddingState;
  /** What handleRedirectPromise threw on this load, if anything (e.g. an AADSTS error). */
  redirectError: unknown;
}

export function App({
  config,
  trustedHosts,
  instance,
  broker,
  embedding,
  redirectError,
}: AppProps) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Retries are the query client's business (401 renewal, 429 backoff), not react-query's.
          queries: { retry: false, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <StrictMode>
      <RuntimeConfigContext.Provider value={config}>
        <TrustedHostsContext.Provider value={trustedHosts}>
          <MsalProvider instance={instance}>
            <QueryClientProvider client={queryClient}>
              <TokenBrokerProvider broker={broker}>
                <EmbeddingProvider value={embedding}>
                  <AppShell redirectError={redirectError} />
                </EmbeddingProvider>
              </TokenBrokerProvider>
            </QueryClientProvider>
          </MsalProvider>
        </TrustedHostsContext.Provider>
      </RuntimeConfigContext.Provider>
    </StrictMode>
  );
}
