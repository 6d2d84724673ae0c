import { createContext, useContext, type ReactNode } from 'react';
import type { TokenBroker } from '../../lib/auth/token-broker';

const TokenBrokerContext = createContext<TokenBroker | null>(null);

export function TokenBrokerProvider({
  broker,
  children,
}: {
  broker: TokenBroker;
  children: ReactNode;
}) {
  return <TokenBrokerContext.Provider value={broker}>{children}</TokenBrokerContext.Provider>;
}

export function useTokenBroker(): TokenBroker {
  const broker = useContext(TokenBrokerContext);
  if (!broker) throw new Error('useTokenBroker must be used inside <TokenBrokerProvider>.');
  return broker;
}
