import {
  IdentityProviderUnreachableError,
  NotSignedInError,
  UntrustedTokenTargetError,
} from '../auth/token-errors';
import { untrustedHostError } from './classify-kusto-error';
import { kustoErrorCatalog } from './kusto-error-catalog';
import type { QueryError, RequestContext } from './query-error';

/**
 * getToken() failed, for any source. The one place token failures are classified: a target the
 * trusted-host policy refused is `untrusted-host` (nothing was sent, and signing in again would not
 * help); every other failure (not signed in, interaction blocked, identity provider unreachable,
 * an MSAL or embedding-host error) is `sign-in`, carrying the original error so the UI can explain
 * it and offer to sign in again. Never includes a token.
 */
export function tokenError(error: unknown, ctx: RequestContext): QueryError {
  if (error instanceof UntrustedTokenTargetError) {
    return untrustedHostError(error.target, error.reason, ctx);
  }
  const message = error instanceof Error ? error.message : String(error);
  const errorCode = (error as { errorCode?: unknown } | null)?.errorCode;
  const code = typeof errorCode === 'string' && errorCode ? errorCode : undefined;
  const base = {
    kind: 'sign-in' as const,
    signInError: error,
    requestId: ctx.requestId,
    activityId: null,
    detail: message,
    ...(code ? { code } : {}),
  };
  if (error instanceof IdentityProviderUnreachableError) {
    return {
      ...base,
      title: 'The identity provider could not be reached',
      cause: message,
      fix: 'Check your network connection or the sign-in service, then run the query again. Nothing was sent to the cluster.',
    };
  }
  return {
    ...base,
    title:
      error instanceof NotSignedInError ? 'You are not signed in' : 'Could not get an access token',
    cause: message || kustoErrorCatalog.signInRequired.cause,
    fix: kustoErrorCatalog.signInRequired.fix,
  };
}
