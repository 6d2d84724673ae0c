import type { IgnoredTokenNotice } from '../../lib/embedding/host-token-provider';

/** Ignored tokens, collected outside React (the provider exists before the first render). */
export interface EmbeddingNoticeStore {
  add(notice: IgnoredTokenNotice): void;
  subscribe(listener: () => void): () => void;
  snapshot(): readonly IgnoredTokenNotice[];
}

export function createEmbeddingNoticeStore(): EmbeddingNoticeStore {
  let notices: readonly IgnoredTokenNotice[] = [];
  const listeners = new Set<() => void>();
  return {
    add(notice) {
      // One line per origin and reason is enough; a hostile page may post in a loop.
      if (notices.some((n) => n.origin === notice.origin && n.reason === notice.reason)) return;
      notices = [...notices, notice];
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => notices,
  };
}
