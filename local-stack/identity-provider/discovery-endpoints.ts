/** The OpenID configuration document and the JWKS, as Entra serves them (CORS open to all). */
import { tenant } from '../local-constants.ts';
import { sendJson } from './http-exchange.ts';
import type { Exchange, IdentityProviderContext } from './identity-provider-context.ts';

const openCors = { 'Access-Control-Allow-Origin': '*' };

/**
 * Endpoints name the tenant GUID whatever alias was asked for: MSAL rewrites a tenant domain to
 * the GUID it finds in `authorization_endpoint`, so everything must agree on the GUID.
 */
export function openIdConfiguration(context: IdentityProviderContext): Record<string, unknown> {
  const tenantBase = `${context.baseUrl}/${tenant.id}`;
  return {
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: context.issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'auth_time',
      'nonce',
      'oid',
      'tid',
      'sid',
      'name',
      'preferred_username',
      'login_hint',
      'ver',
    ],
  };
}

export function handleOpenIdConfiguration(
  context: IdentityProviderContext,
  exchange: Exchange,
): void {
  sendJson(exchange.response, 200, openIdConfiguration(context), openCors);
}

export function handleJwks(context: IdentityProviderContext, exchange: Exchange): void {
  sendJson(exchange.response, 200, context.signer.jwks, openCors);
}
