/**
 * MSAL's popup relay for Quarry inside another site's frame. Browsers partition a cross-site
 * frame's storage and BroadcastChannel by the embedding site, so a sign-in popup (a top-level
 * window of Quarry's own origin) cannot hand its response to the frame over BroadcastChannel.
 * With `popupRelayUri` set, MSAL opens popup-relay.html instead; that page opens the identity
 * provider and posts the response back to the frame (protocol v2: an authenticated handoff).
 */

/** Beside redirect.html; resolved against the redirect URI so both move together. */
export const POPUP_RELAY_PAGE = 'popup-relay.html';

/**
 * How long the frame waits for the relay and the relay for the identity provider. The relay adds a
 * click (a new window has no user activation to open the sign-in window with), and MFA can take a
 * while, so MSAL's 60 s popup default is too short. Closing either window ends the wait at once.
 */
export const POPUP_RELAY_TIMEOUT_MS = 5 * 60_000;

/** True in a frame whose top-level page is another origin (where the relay is needed). */
export function isFramedByAnotherOrigin(win: Window = window): boolean {
  if (win.self === win.top) return false;
  try {
    // Readable only when same-origin; a cross-origin top throws SecurityError.
    return win.top?.location.origin !== win.location.origin;
  } catch {
    return true;
  }
}

/**
 * The only origins the relay page may send its sign-in window to: the authority's and the known
 * authorities' (hosts in config.json). Keeps the relay from being usable as an open redirector.
 */
export function relayAuthorityOrigins(auth: {
  authority: string;
  knownAuthorities: readonly string[];
}): string[] {
  const origins = new Set<string>([new URL(auth.authority).origin]);
  for (const host of auth.knownAuthorities) {
    try {
      origins.add(new URL(`https://${host}`).origin);
    } catch {
      // A malformed host cannot match any navigation; config validation reports it elsewhere.
    }
  }
  return [...origins];
}
