/**
 * POST /{tenant}/oauth2/v2.0/token: authorization_code (PKCE, SPA rules), refresh_token (with
 * rotation) and client_credentials (with a secret, or a certificate's signed client assertion:
 * client-assertion.ts). Answers Entra-shaped JSON errors; CORS reflects the caller's
 * Origin, as a browser SPA needs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { demoUsers, tenant } from '../local-constants.ts';
import type { AppRegistration, ConfidentialRegistration } from './app-registrations.ts';
import { jwtBearerAssertionType, verifyClientAssertion } from './client-assertion.ts';
import { entraErrorBody, entraErrors, type EntraError } from './entra-errors.ts';
import { sameUsername, authorizationCodeLifetimeMs, type RefreshGrant } from './grant-store.ts';
import { header, readFormBody, sendJson } from './http-exchange.ts';
import type { Exchange, IdentityProviderContext } from './identity-provider-context.ts';
import {
  grantedScope,
  isEntraError,
  parseRequestedScopes,
  type RequestedScopes,
} from './requested-scopes.ts';
import {
  clientInfo,
  mintAppAccessToken,
  mintIdToken,
  mintUserAccessToken,
  type TokenContext,
} from './token-minting.ts';

interface TokenOutcome {
  status: number;
  body: Record<string, unknown>;
  username?: string;
}

class TokenRequestError extends Error {
  constructor(readonly entraError: EntraError) {
    super(entraError.message);
  }
}

function fail(entraError: EntraError): never {
  throw new TokenRequestError(entraError);
}

function corsHeaders(exchange: Exchange): Record<string, string> {
  const origin = header(exchange.request, 'origin');
  return origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };
}

export function handleTokenPreflight(exchange: Exchange): void {
  exchange.response.writeHead(204, {
    ...corsHeaders(exchange),
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers':
      header(exchange.request, 'access-control-request-headers') ?? 'content-type',
    'Access-Control-Max-Age': '86400',
  });
  exchange.response.end();
}

export async function handleToken(
  context: IdentityProviderContext,
  exchange: Exchange,
): Promise<void> {
  const form = await readFormBody(exchange.request);
  exchange.trace.correlationId = form.get('client-request-id') || exchange.trace.correlationId;
  const grantType = form.get('grant_type') ?? undefined;
  const clientId = form.get('client_id') ?? basicCredentials(exchange)?.clientId;
  const headers = {
    ...corsHeaders(exchange),
    Pragma: 'no-cache',
    'x-ms-request-id': exchange.trace.traceId,
    'client-request-id': exchange.trace.correlationId,
  };
  let outcome: TokenOutcome;
  try {
    outcome = await redeem(context, exchange, form, grantType);
  } catch (error) {
    if (!(error instanceof TokenRequestError)) throw error;
    const { entraError } = error;
    outcome = {
      status: entraError.status ?? 400,
      body: { ...entraErrorBody(entraError, exchange.trace) },
    };
  }
  const errorBody = outcome.body as { error?: string; error_codes?: number[] };
  context.controls.record({
    endpoint: 'token',
    grantType,
    clientId,
    username: outcome.username,
    outcome:
      errorBody.error === undefined
        ? 'ok'
        : `error:AADSTS${errorBody.error_codes?.[0] ?? 0}:${errorBody.error}`,
  });
  sendJson(exchange.response, outcome.status, outcome.body, headers);
}

async function redeem(
  context: IdentityProviderContext,
  exchange: Exchange,
  form: URLSearchParams,
  grantType: string | undefined,
): Promise<TokenOutcome> {
  if (!grantType) fail(entraErrors.missingParameter('grant_type'));
  if (grantType === 'client_credentials') return clientCredentials(context, exchange, form);
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    fail(entraErrors.unsupportedGrantType(grantType));
  }

  const clientId = form.get('client_id');
  if (!clientId) fail(entraErrors.missingParameter('client_id'));
  const registration = context.findRegistration(clientId);
  if (!registration) fail(entraErrors.unknownClient(clientId, tenant.name));
  if (registration.kind === 'spa') {
    if (form.has('client_secret') || form.has('client_assertion')) {
      fail(entraErrors.publicClientWithSecret());
    }
    // Tokens for SPA redirect URIs may only be redeemed from a browser (cross-origin).
    if (!header(exchange.request, 'origin')) fail(entraErrors.spaRedemptionNeedsOrigin());
  }
  return grantType === 'authorization_code'
    ? authorizationCode(context, form, registration)
    : refreshToken(context, form, registration);
}

function tokenContext(context: IdentityProviderContext): TokenContext {
  return {
    signer: context.signer,
    issuer: context.issuer,
    tenantId: tenant.id,
    now: context.now(),
    lifetimeSeconds: context.controls.lifetimes.accessTokenLifetimeSeconds,
  };
}

function requireScopes(scope: string): RequestedScopes {
  const requested = parseRequestedScopes(scope, tenant.name);
  if (isEntraError(requested)) fail(requested);
  return requested;
}

function pkceChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function authorizationCode(
  context: IdentityProviderContext,
  form: URLSearchParams,
  registration: AppRegistration,
): Promise<TokenOutcome> {
  const codeValue = form.get('code');
  if (!codeValue) fail(entraErrors.missingParameter('code'));
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) fail(entraErrors.missingParameter('redirect_uri'));
  const code = context.store.findCode(codeValue);
  if (!code) fail(entraErrors.invalidCode('The code is unknown or malformed.'));
  if (code.request.clientId !== registration.clientId) {
    fail(entraErrors.invalidCode('The code was issued to a different client.'));
  }
  if (code.redeemedAt !== undefined) fail(entraErrors.codeRedeemed());
  if (context.now() - code.issuedAt > authorizationCodeLifetimeMs) fail(entraErrors.codeExpired());
  if (redirectUri !== code.request.redirectUri) {
    fail(entraErrors.codeRedirectUriMismatch(redirectUri, registration.clientId));
  }
  const verifier = form.get('code_verifier') ?? '';
  if (!sameText(pkceChallengeOf(verifier), code.request.codeChallenge)) {
    fail(entraErrors.pkceMismatch());
  }
  const fromCode = requireScopes(code.request.scope);
  const requested = requireScopes(form.get('scope') ?? code.request.scope);
  const user = demoUsers.find((candidate) => sameUsername(candidate.username, code.username));
  if (!user) fail(entraErrors.userNotFound());

  code.redeemedAt = context.now();
  const wants = (oidcScope: string): boolean =>
    requested.oidcScopes.includes(oidcScope) || fromCode.oidcScopes.includes(oidcScope);
  const lifetimes = context.controls.lifetimes;
  const refreshGrant = wants('offline_access')
    ? context.store.issueRefreshToken({
        clientId: registration.clientId,
        username: user.username,
        sid: code.sid,
        signedInAt: context.now(),
        lifetimeSeconds: lifetimes.refreshTokenLifetimeSeconds,
      })
    : undefined;
  const session = { sid: code.sid, authTime: code.issuedAt };
  return {
    status: 200,
    username: user.username,
    body: await userTokenResponse(context, {
      user,
      clientId: registration.clientId,
      requested,
      idToken: wants('openid') ? { session, nonce: code.request.nonce } : undefined,
      refreshGrant,
    }),
  };
}

async function refreshToken(
  context: IdentityProviderContext,
  form: URLSearchParams,
  registration: AppRegistration,
): Promise<TokenOutcome> {
  const token = form.get('refresh_token');
  if (!token) fail(entraErrors.missingParameter('refresh_token'));
  const grant = context.store.findRefreshGrant(token);
  if (!grant) fail(entraErrors.invalidRefreshToken('The token is unknown or malformed.'));
  if (grant.clientId !== registration.clientId) {
    fail(entraErrors.invalidRefreshToken('The token was issued to a different client.'));
  }
  if (grant.revokedAt !== undefined) {
    fail(entraErrors.refreshTokenRevoked(new Date(grant.signedInAt), new Date(grant.revokedAt)));
  }
  if (context.now() >= grant.expiresAt) {
    fail(entraErrors.spaRefreshTokenExpired(grant.lifetimeSeconds, new Date(grant.signedInAt)));
  }
  if (context.store.isRotatedOut(grant)) {
    fail(
      entraErrors.invalidRefreshToken(
        'It was already exchanged for a newer refresh token (rotation); use the newest one.',
      ),
    );
  }
  const requested = requireScopes(form.get('scope') || 'openid profile offline_access');
  const user = demoUsers.find((candidate) => sameUsername(candidate.username, grant.username));
  if (!user) fail(entraErrors.userNotFound());

  context.store.markRefreshTokenUsed(grant);
  const rotated: RefreshGrant = context.store.issueRefreshToken(grant, grant);
  return {
    status: 200,
    username: user.username,
    body: await userTokenResponse(context, {
      user,
      clientId: registration.clientId,
      requested,
      idToken: requested.oidcScopes.includes('openid')
        ? { session: { sid: grant.sid, authTime: grant.signedInAt }, nonce: undefined }
        : undefined,
      refreshGrant: rotated,
    }),
  };
}

async function userTokenResponse(
  context: IdentityProviderContext,
  parts: {
    user: (typeof demoUsers)[number];
    clientId: string;
    requested: RequestedScopes;
    idToken: { session: { sid: string; authTime: number }; nonce: string | undefined } | undefined;
    refreshGrant: RefreshGrant | undefined;
  },
): Promise<Record<string, unknown>> {
  const tokens = tokenContext(context);
  const audience = parts.requested.resource ?? parts.clientId;
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: grantedScope(parts.requested),
    expires_in: tokens.lifetimeSeconds,
    ext_expires_in: tokens.lifetimeSeconds,
    access_token: await mintUserAccessToken(tokens, parts.user, parts.clientId, audience),
  };
  if (parts.refreshGrant) {
    body.refresh_token = parts.refreshGrant.token;
    body.refresh_token_expires_in = Math.max(
      0,
      Math.ceil((parts.refreshGrant.expiresAt - tokens.now) / 1000),
    );
  }
  if (parts.idToken) {
    body.id_token = await mintIdToken(
      tokens,
      parts.user,
      parts.clientId,
      parts.idToken.session,
      parts.idToken.nonce,
    );
  }
  body.client_info = clientInfo(parts.user.objectId, tenant.id);
  return body;
}

function basicCredentials(
  exchange: Exchange,
): { clientId: string; clientSecret: string } | undefined {
  const authorization = header(exchange.request, 'authorization') ?? '';
  if (!authorization.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, separator)),
    clientSecret: decodeURIComponent(decoded.slice(separator + 1)),
  };
}

async function clientCredentials(
  context: IdentityProviderContext,
  exchange: Exchange,
  form: URLSearchParams,
): Promise<TokenOutcome> {
  const origin = header(exchange.request, 'origin');
  if (origin) fail(entraErrors.crossOriginNotSpa(origin));
  if (exchange.tenantAlias === 'multi-tenant') fail(entraErrors.noTenantForAppOnly());
  const basic = basicCredentials(exchange);
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) fail(entraErrors.missingParameter('client_id'));
  const registration = context.findRegistration(clientId);
  if (!registration) fail(entraErrors.unknownClient(clientId, tenant.name));
  const assertion = form.get('client_assertion');
  const assertionType = form.get('client_assertion_type');
  if (assertion !== null || assertionType !== null) {
    if (assertionType !== jwtBearerAssertionType) {
      fail(
        entraErrors.assertionMalformed(
          `client_assertion_type must be '${jwtBearerAssertionType}' (got '${assertionType ?? ''}').`,
        ),
      );
    }
    if (!assertion) fail(entraErrors.missingParameter('client_assertion'));
    if (registration.kind !== 'confidential') fail(entraErrors.publicClientWithSecret());
    const check = await verifyClientAssertion({
      assertion,
      registration,
      audiences: [tenant.id, tenant.name, tenant.domain].map(
        (segment) => `${context.baseUrl}/${segment}/oauth2/v2.0/token`,
      ),
      now: context.now(),
      replay: context.assertionReplay,
    });
    if (!check.ok) fail(check.error);
  } else {
    const secret = form.get('client_secret') ?? basic?.clientSecret;
    if (!secret) fail(entraErrors.missingClientSecret());
    if (
      registration.kind !== 'confidential' ||
      registration.clientSecret === undefined ||
      !sameText(secret, registration.clientSecret)
    ) {
      fail(entraErrors.invalidClientSecret(clientId));
    }
  }
  if (registration.kind !== 'confidential') fail(entraErrors.invalidClientSecret(clientId));
  const app: ConfidentialRegistration = registration;

  const scope = (form.get('scope') ?? '').trim();
  if (!scope) fail(entraErrors.missingParameter('scope'));
  const scopes = scope.split(/\s+/);
  if (scopes.length !== 1 || !scope.endsWith('/.default')) {
    fail(entraErrors.clientCredentialsScope(scope));
  }
  const requested = requireScopes(scope);
  if (requested.resource === undefined) fail(entraErrors.clientCredentialsScope(scope));

  const tokens = tokenContext(context);
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: tokens.lifetimeSeconds,
      ext_expires_in: tokens.lifetimeSeconds,
      access_token: await mintAppAccessToken(tokens, app, requested.resource),
    },
  };
}
