/**
 * How every request gets its access token: the token broker bound to one target (see
 * `useAccessToken`). Silent first; `forceRefresh` after a 401. Throws UntrustedTokenTargetError
 * before any token exists when the target is not trusted, or a sign-in failure.
 */
export type TokenFunction = (options: { forceRefresh: boolean }) => Promise<string>;
