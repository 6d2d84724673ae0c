/**
 * Stops "silent fails → redirect → silent fails → redirect …" loops. Before an automatic
 * redirect we leave a mark in sessionStorage; if the mark is still there when another
 * automatic redirect is wanted, the identity provider is failing for real and the user gets
 * the error panel with a button instead. A completed sign-in clears the mark.
 */
const KEY = 'quarry.auth.autoRedirectAt';
/** A mark older than this is from an abandoned attempt, not a loop. */
const STALE_AFTER_MS = 5 * 60 * 1000;

export const redirectLoopGuard = {
  mayAutoRedirect(now = Date.now()): boolean {
    const at = Number(readSession(KEY) ?? 0);
    return !(at > 0 && now - at < STALE_AFTER_MS);
  },
  markAutoRedirect(now = Date.now()): void {
    writeSession(KEY, String(now));
  },
  clear(): void {
    writeSession(KEY, null);
  },
};

function readSession(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSession(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // No storage (cross-site frame): redirects are not used there anyway.
  }
}
