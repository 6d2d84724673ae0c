import {
  useEmbeddingFlags,
  useIgnoredTokenNotices,
  useMemoryOnlySignIn,
} from './embedding-context';

/** One-line notices about the frame Quarry runs in. Plain text only: origins come from outside. */
export function EmbeddingNoticeBar() {
  const flags = useEmbeddingFlags();
  const ignored = useIgnoredTokenNotices();
  const memoryOnly = useMemoryOnlySignIn();
  if (ignored.length === 0 && !(memoryOnly && !flags.iframeAuth)) return null;
  return (
    <div className="app-banner embedding-notices">
      {memoryOnly && !flags.iframeAuth && (
        <p role="note">
          This browser gives Quarry no storage inside this frame, so you sign in again each time the
          page loads.
        </p>
      )}
      {ignored.map((notice) => (
        <p role="alert" key={`${notice.origin} ${notice.reason}`}>
          Ignored a token from {notice.origin}: {notice.reason}.
        </p>
      ))}
    </div>
  );
}
