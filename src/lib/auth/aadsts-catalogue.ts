/**
 * What sign-in error codes mean and what to do about them, in the user's terms.
 * Sources: Microsoft Entra's AADSTS error-code reference and MSAL.js error codes.
 * Keyed by AADSTS number or MSAL errorCode.
 */
export interface AuthErrorAdvice {
  meaning: string;
  fix: string;
}

export const aadstsCatalogue: Readonly<Record<string, AuthErrorAdvice>> = {
  '50058': {
    meaning:
      'Silent sign-in found no usable session (you never signed in here, or third-party cookies are blocked).',
    fix: 'Sign in again interactively.',
  },
  '65001': {
    meaning: 'Neither you nor an admin has consented to Quarry using this resource.',
    fix: 'Sign in again to consent, or ask a tenant admin to grant consent.',
  },
  '65004': {
    meaning: 'The consent prompt was declined.',
    fix: 'Sign in again and accept, or ask an admin to consent.',
  },
  '700016': {
    meaning: 'The application (client) ID is not known in this tenant.',
    fix: 'Check auth.clientId and the tenant in auth.authority in config.json.',
  },
  '50020': {
    meaning: 'Your account is from another tenant and is not a guest in this one.',
    fix: 'Sign in with a member account, or ask to be invited as a guest.',
  },
  '90002': {
    meaning: 'The tenant named in the authority URL was not found (typo or wrong cloud).',
    fix: 'Fix the tenant ID or domain in auth.authority in config.json.',
  },
  '500011': {
    meaning: 'The resource (for example the cluster URL) is not registered in this tenant.',
    fix: 'Check the cluster URL, or sign in to the tenant that hosts the cluster.',
  },
  '7000215': {
    meaning: 'An invalid client secret was sent.',
    fix: 'Single-page apps send no secret; check the app registration.',
  },
  '9002326': {
    meaning: 'The redirect URI is registered as "Web", but Quarry redeems codes from the browser.',
    fix: 'Register the redirect URI under "Single-page application" in the app registration.',
  },
  '9002327': {
    meaning: 'A single-page-application code was redeemed without a browser Origin.',
    fix: 'Redeem SPA codes from the browser only.',
  },
  '50011': {
    meaning: 'The redirect URI sent does not exactly match one registered for the app.',
    fix: 'Add this exact URI (scheme, host, port, path) to the app registration, or fix auth.redirectUri.',
  },
  '50076': {
    meaning: 'Multi-factor authentication is required for this resource.',
    fix: 'Sign in again interactively and complete MFA.',
  },
  '50079': {
    meaning: 'You must register for multi-factor authentication.',
    fix: 'Sign in again and complete MFA registration.',
  },
  '53003': {
    meaning: 'A Conditional Access policy blocked the sign-in.',
    fix: 'Contact your tenant admin; the sign-in logs name the policy.',
  },
  '700084': {
    meaning: 'The sign-in reached its 24-hour limit for single-page apps.',
    fix: 'Sign in again.',
  },
  '70008': { meaning: 'The sign-in code or refresh token expired.', fix: 'Sign in again.' },
  '700082': {
    meaning: 'The refresh token expired after being unused too long.',
    fix: 'Sign in again.',
  },
  '54005': { meaning: 'The authorization code was already used.', fix: 'Start a new sign-in.' },
  '501481': {
    meaning: 'The PKCE code verifier did not match (stale sign-in state, often from another tab).',
    fix: 'Clear this site’s session storage and sign in again.',
  },
  '70011': {
    meaning: 'The requested scope is malformed or not valid for the resource.',
    fix: 'Use <resource>/.default, one resource per request.',
  },
  '50194': {
    meaning: 'A single-tenant app was used with the /common authority.',
    fix: 'Use a tenant-specific authority in config.json.',
  },
  '50105': {
    meaning: 'You are not assigned to this application.',
    fix: 'Ask an admin to assign you or your group.',
  },
  '50126': {
    meaning: 'The account or password is incorrect.',
    fix: 'Check your username and password.',
  },
  '50173': {
    meaning: 'Your sign-in was revoked (password change or admin action).',
    fix: 'Sign in again.',
  },
  '50132': {
    meaning: 'Your sign-in was revoked (password change or admin action).',
    fix: 'Sign in again.',
  },
  '50133': {
    meaning: 'Your sign-in was revoked (password change or admin action).',
    fix: 'Sign in again.',
  },
};

export const msalErrorCatalogue: Readonly<Record<string, AuthErrorAdvice>> = {
  authority_uri_insecure: {
    meaning: 'The authority URL is not https.',
    fix: 'Use an https authority (serve a local identity provider over TLS and trust its certificate).',
  },
  untrusted_authority: {
    meaning: 'MSAL could not validate the authority host.',
    fix: 'Add the host to auth.knownAuthorities in config.json.',
  },
  endpoints_resolution_error: {
    meaning: 'The identity provider’s OpenID configuration could not be loaded.',
    fix: 'Check auth.authority and auth.knownAuthorities, and that the identity provider is reachable.',
  },
  state_mismatch: {
    meaning:
      'The sign-in response does not belong to the pending request (two tabs or stale storage).',
    fix: 'Sign in again; if it repeats, clear this site’s session storage.',
  },
  nonce_mismatch: {
    meaning: 'The sign-in response does not belong to the pending request.',
    fix: 'Sign in again; if it repeats, clear this site’s session storage.',
  },
  interaction_in_progress: {
    meaning: 'Another sign-in is already in progress in this window.',
    fix: 'Wait for it to finish, then retry.',
  },
  user_cancelled: {
    meaning: 'The sign-in window was closed before it finished.',
    fix: 'Sign in again.',
  },
  popup_window_error: {
    meaning: 'The browser blocked the sign-in pop-up.',
    fix: 'Allow pop-ups for this site and click Sign in again.',
  },
  empty_window_error: {
    meaning: 'The browser blocked the sign-in pop-up.',
    fix: 'Allow pop-ups for this site and click Sign in again.',
  },
  redirect_in_iframe: {
    meaning: 'Sign-in redirects are not allowed inside an embedded frame.',
    fix: 'Sign in through the pop-up, or let the host page provide tokens.',
  },
  popup_relay_unsupported_flow: {
    meaning:
      'The sign-in relay window (Quarry inside another site) could not hand the sign-in back to this frame.',
    fix: 'Close the sign-in windows and click Sign in again; if it repeats, check that popup-relay.html is deployed beside index.html.',
  },
  timed_out: {
    meaning: 'The identity provider did not answer in time.',
    fix: 'Check your network and sign in again.',
  },
  no_network_connectivity: {
    meaning: 'The identity provider could not be reached.',
    fix: 'Check your network connection, then sign in again.',
  },
};
