import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { EmbeddingFlags } from '../../lib/embedding/embedding-flags';
import type { IgnoredTokenNotice } from '../../lib/embedding/host-token-provider';
import type { EmbeddingNoticeStore } from './embedding-notices';

export interface EmbeddingState {
  flags: EmbeddingFlags;
  notices: EmbeddingNoticeStore;
  /** The browser denied this frame its storage: sign-in lasts only as long as the page. */
  memoryOnlySignIn: boolean;
}

const EmbeddingContext = createContext<EmbeddingState | null>(null);

export function EmbeddingProvider({
  value,
  children,
}: {
  value: EmbeddingState;
  children: ReactNode;
}) {
  return <EmbeddingContext.Provider value={value}>{children}</EmbeddingContext.Provider>;
}

function useEmbeddingState(): EmbeddingState {
  const state = useContext(EmbeddingContext);
  if (!state) throw new Error('useEmbeddingFlags must be used inside <EmbeddingProvider>.');
  return state;
}

/** The URL flags of this page load (f-IFrameAuth, f-HideConnectionPane, workspace=, ...). */
export function useEmbeddingFlags(): EmbeddingFlags {
  return useEmbeddingState().flags;
}

export function useIgnoredTokenNotices(): readonly IgnoredTokenNotice[] {
  const { notices } = useEmbeddingState();
  return useSyncExternalStore(notices.subscribe, notices.snapshot);
}

export function useMemoryOnlySignIn(): boolean {
  return useEmbeddingState().memoryOnlySignIn;
}
