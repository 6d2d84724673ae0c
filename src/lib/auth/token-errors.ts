/**
 * The ways getting an access token can fail, as classes anything may import: the query pipeline
 * classifies them (src/lib/query-errors/token-error.ts) without pulling MSAL into its bundle or
 * the parse worker, and the UI tells them apart with `instanceof` instead of reading fields.
 * The token broker (token-broker.ts) throws them.
 */

export class UntrustedTokenTargetError extends Error {
  readonly kind = 'untrusted-host';
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`No token was sent to ${target}: ${reason}`);
    this.name = 'UntrustedTokenTargetError';
  }
}

export class NotSignedInError extends Error {
  readonly kind = 'not-signed-in';
  constructor() {
    super('You are not signed in.');
    this.name = 'NotSignedInError';
  }
}

/**
 * MSAL could not reach the identity provider (it is down, or the network to it is). Named, and
 * never answered with a redirect: a redirect to a provider that does not answer would only loop.
 */
export class IdentityProviderUnreachableError extends Error {
  readonly kind = 'idp-unreachable';
  constructor(
    readonly host: string,
    readonly errorCode: string,
    readonly cause: unknown,
  ) {
    super(
      `The identity provider ${host} could not be reached (${errorCode}), so no access token could be obtained. Quarry did not redirect to it. Check your network connection or the sign-in service's status, then run the query again.`,
    );
    this.name = 'IdentityProviderUnreachableError';
  }
}

/** An automatic redirect was already tried for this failure; the user has to choose to retry. */
export class InteractionBlockedError extends Error {
  readonly kind = 'interaction-blocked';
  constructor(readonly cause: unknown) {
    super('Signing in again did not help, so Quarry stopped redirecting automatically.');
    this.name = 'InteractionBlockedError';
  }
}
