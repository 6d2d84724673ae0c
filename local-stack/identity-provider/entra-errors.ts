/**
 * Errors shaped like Entra ID's: an OAuth `error`, an AADSTS code and message, and the trace
 * fields Entra appends. The same error renders as token-endpoint JSON, redirect parameters or an
 * error page. Messages follow Entra's wording where it is known.
 */

export interface EntraError {
  /** OAuth error, e.g. `invalid_grant`. */
  error: string;
  /** The AADSTS number, e.g. 54005. */
  code: number;
  /** The message after `AADSTSnnnn: `. */
  message: string;
  /** HTTP status on the token endpoint (400 unless said otherwise). */
  status?: number;
}

/** Per-request trace fields; the correlation id is the client's `client-request-id` when sent. */
export interface TraceContext {
  correlationId: string;
  traceId: string;
  timestamp: Date;
}

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

/** Entra's timestamp format: `2016-01-09 02:02:12Z`. */
export function formatEntraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function entraErrorBody(entraError: EntraError, trace: TraceContext): EntraErrorBody {
  const timestamp = formatEntraTimestamp(trace.timestamp);
  return {
    error: entraError.error,
    error_description:
      `AADSTS${entraError.code}: ${entraError.message}` +
      `\r\nTrace ID: ${trace.traceId}\r\nCorrelation ID: ${trace.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [entraError.code],
    timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${entraError.code}`,
  };
}

/** The same fields as redirect parameters (`error_codes` as its JSON text, e.g. `[50058]`). */
export function entraErrorParameters(
  entraError: EntraError,
  trace: TraceContext,
): Record<string, string> {
  const body = entraErrorBody(entraError, trace);
  return { ...body, error_codes: JSON.stringify(body.error_codes) };
}

const invalidGrant = (code: number, message: string): EntraError => ({
  error: 'invalid_grant',
  code,
  message,
});

export const entraErrors = {
  tenantNotFound: (tenant: string): EntraError => ({
    error: 'invalid_tenant',
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  }),
  missingParameter: (name: string): EntraError => ({
    error: 'invalid_request',
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  unknownClient: (clientId: string, tenantName: string): EntraError => ({
    error: 'unauthorized_client',
    code: 700016,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  redirectUriMismatch: (redirectUri: string, clientId: string): EntraError => ({
    error: 'invalid_request',
    code: 50011,
    message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
  }),
  unsupportedResponseType: (responseType: string): EntraError => ({
    error: 'unsupported_response_type',
    code: 700054,
    message: `response_type '${responseType}' is not enabled for the application.`,
  }),
  pkceRequired: (): EntraError => ({
    error: 'invalid_request',
    code: 9002325,
    message:
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption. This identity provider requires code_challenge with code_challenge_method=S256.',
  }),
  noSessionForSilentRequest: (): EntraError => ({
    error: 'login_required',
    code: 50058,
    message:
      'A silent sign-in request was sent but no user is signed in. The cookies used to represent the user session were not sent in the request to Azure AD. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Azure AD endpoint (login.microsoftonline.com).',
  }),
  sessionIsForAnotherUser: (): EntraError => ({
    error: 'interaction_required',
    code: 16000,
    message:
      'The signed-in user does not match the hinted account. Select the account to continue (interactive sign-in required).',
  }),
  flowExpired: (): EntraError => ({
    error: 'invalid_request',
    code: 50089,
    message:
      'Flow token expired - Authentication Failed. Go back to the application and sign in again.',
  }),
  invalidScopeMultipleResources: (resources: readonly string[]): EntraError => ({
    error: 'invalid_scope',
    code: 70011,
    message: `The provided value for the input parameter 'scope' is not valid. The scopes name resources ${resources.map((r) => `'${r}'`).join(', ')}; a token can be issued for one resource per request.`,
  }),
  invalidScope: (scope: string): EntraError => ({
    error: 'invalid_scope',
    code: 70011,
    message: `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`,
  }),
  invalidResource: (resource: string, tenantName: string): EntraError => ({
    error: 'invalid_resource',
    code: 500011,
    message: `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  clientCredentialsScope: (scope: string): EntraError => ({
    error: 'invalid_scope',
    code: 1002012,
    message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  unsupportedGrantType: (grantType: string): EntraError => ({
    error: 'unsupported_grant_type',
    code: 70003,
    message: `The app requested an unsupported grant type '${grantType}'.`,
  }),
  invalidCode: (reason: string): EntraError =>
    invalidGrant(70000, `The provided value for the 'code' parameter is not valid. ${reason}`),
  codeRedeemed: (): EntraError =>
    invalidGrant(
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeExpired: (): EntraError =>
    invalidGrant(
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeRedirectUriMismatch: (redirectUri: string, clientId: string): EntraError => ({
    ...entraErrors.redirectUriMismatch(redirectUri, clientId),
    error: 'invalid_grant',
  }),
  pkceMismatch: (): EntraError =>
    invalidGrant(
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  spaRedemptionNeedsOrigin: (): EntraError => ({
    error: 'invalid_request',
    code: 9002327,
    message:
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  }),
  crossOriginNotSpa: (origin: string): EntraError => ({
    error: 'invalid_request',
    code: 9002326,
    message: `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
  }),
  publicClientWithSecret: (): EntraError => ({
    error: 'invalid_request',
    code: 700025,
    message:
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
  }),
  invalidRefreshToken: (reason: string): EntraError =>
    invalidGrant(
      70000,
      `The provided value for the 'refresh_token' parameter is not valid. ${reason}`,
    ),
  spaRefreshTokenExpired: (lifetimeSeconds: number, issuedAt: Date): EntraError =>
    invalidGrant(
      700084,
      `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of ${formatTimeSpan(lifetimeSeconds)}, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${issuedAt.toISOString()}.`,
    ),
  refreshTokenRevoked: (issuedAt: Date, validFrom: Date): EntraError =>
    invalidGrant(
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issuedAt.toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom.toISOString()}'.`,
    ),
  missingClientSecret: (): EntraError => ({
    error: 'invalid_client',
    code: 7000218,
    message:
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    status: 401,
  }),
  invalidClientSecret: (clientId: string): EntraError => ({
    error: 'invalid_client',
    code: 7000215,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    status: 401,
  }),
  assertionMalformed: (reason: string): EntraError => ({
    error: 'invalid_client',
    code: 50027,
    message: `JWT token is invalid or malformed. ${reason}`,
    status: 401,
  }),
  assertionClientMismatch: (): EntraError => ({
    error: 'invalid_client',
    code: 700021,
    message:
      "Client assertion application identifier doesn't match 'client_id' parameter. The assertion's 'iss' and 'sub' must both be the client id. Review the documentation at https://aka.ms/certCredentials.",
    status: 401,
  }),
  assertionAudience: (audience: string, expected: string): EntraError => ({
    error: 'invalid_client',
    code: 700023,
    message: `Client assertion audience claim does not match Realm issuer. The assertion's 'aud' is '${audience}'; it must be the token endpoint '${expected}'. Review the documentation at https://aka.ms/certCredentials.`,
    status: 401,
  }),
  assertionTimeRange: (
    now: Date,
    validFrom: Date | undefined,
    expiry: Date | undefined,
  ): EntraError => ({
    error: 'invalid_client',
    code: 700024,
    message: `Client assertion is not within its valid time range. Current time: ${now.toISOString()}, assertion valid from ${validFrom?.toISOString() ?? 'unknown'}, expiry time of assertion ${expiry?.toISOString() ?? 'unknown'}. Review the documentation at https://aka.ms/certCredentials.`,
    status: 401,
  }),
  assertionKeyNotFound: (clientId: string, thumbprint: string): EntraError => ({
    error: 'invalid_client',
    code: 700027,
    message: `Client assertion failed signature validation. (Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'. Review the documentation at https://aka.ms/certCredentials.)`,
    status: 401,
  }),
  assertionBadSignature: (clientId: string): EntraError => ({
    error: 'invalid_client',
    code: 700027,
    message: `Client assertion failed signature validation. (Reason - The provided signature value did not match the expected signature value., app Id '${clientId}'.) Review the documentation at https://aka.ms/certCredentials.`,
    status: 401,
  }),
  assertionReplayed: (jti: string): EntraError => ({
    error: 'invalid_client',
    code: 50027,
    message: `JWT token is invalid or malformed. The client assertion with jti '${jti}' was already redeemed; sign a new assertion (new jti) for each token request.`,
    status: 401,
  }),
  noTenantForAppOnly: (): EntraError => ({
    error: 'invalid_request',
    code: 50059,
    message:
      'No tenant-identifying information found in either the request or implied by any provided credentials.',
  }),
  userNotFound: (): EntraError => ({
    error: 'invalid_grant',
    code: 50034,
    message: 'The user account does not exist in the directory.',
  }),
  injected: (error: string, code: number, message: string): EntraError => ({
    error,
    code,
    message,
  }),
} as const;

/** Known descriptions for errors injected through the test controls. */
export const injectedErrorMessages: Readonly<Record<number, string>> = {
  53003:
    'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  50076:
    'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
  65004: 'User declined to consent to access the app.',
  50105: 'The signed in user is not assigned to a role for the application.',
};

/** .NET TimeSpan text as Entra prints it: `1.00:00:00`, `00:05:00`. */
function formatTimeSpan(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const rest = totalSeconds % 86_400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return days > 0 ? `${days}.${hh}:${mm}:${ss}` : `${hh}:${mm}:${ss}`;
}
