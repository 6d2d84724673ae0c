/**
 * Who is calling: a bearer token for the right resource (query API: api.applicationinsights.io,
 * ingestion: monitor.azure.com), or, on the query API, an API key (`X-Api-Key`, `?api_key=`, or
 * HTTP Basic with the key as user name or password, as the public API accepts).
 */
import { resources } from '../local-constants.ts';
import type { TokenClaims, TokenVerifier } from '../kusto-standin/token-verifier.ts';
import { authorizationRequired, wrongAudience, type ApiError } from './api-errors.ts';
import { callerFromClaims, type Caller } from './demo-applications.ts';
import { header, type Exchange } from './http-exchange.ts';

export type QueryAuthentication = { ok: true; caller: Caller } | { ok: false; error: ApiError };

function audiences(claims: TokenClaims): string[] {
  const aud = claims.aud;
  return (Array.isArray(aud) ? aud : aud === undefined ? [] : [aud]).map((a) =>
    a.replace(/\/+$/, ''),
  );
}

export function hasAudience(claims: TokenClaims, resource: string): boolean {
  return audiences(claims).includes(resource.replace(/\/+$/, ''));
}

function basicCredentialKey(authorization: string): string | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  const user = separator < 0 ? decoded : decoded.slice(0, separator);
  const password = separator < 0 ? '' : decoded.slice(separator + 1);
  return user || password || null;
}

export async function authenticateQueryCaller(
  exchange: Exchange,
  verifyToken: TokenVerifier,
): Promise<QueryAuthentication> {
  const authorization = header(exchange, 'authorization');
  if (authorization && /^Bearer\s/i.test(authorization)) {
    const verification = await verifyToken(authorization);
    if (!verification.ok) {
      return {
        ok: false,
        error: authorizationRequired(exchange.correlationId, verification.reason),
      };
    }
    if (!hasAudience(verification.claims, resources.appInsights)) {
      const aud = audiences(verification.claims).join(', ');
      return {
        ok: false,
        error: wrongAudience(aud, resources.appInsights, exchange.correlationId),
      };
    }
    return { ok: true, caller: callerFromClaims(verification.claims) };
  }
  const key =
    header(exchange, 'x-api-key') ??
    exchange.url.searchParams.get('api_key') ??
    (authorization ? basicCredentialKey(authorization) : null);
  if (key) return { ok: true, caller: { kind: 'apiKey', key, name: 'API key' } };
  return {
    ok: false,
    error: authorizationRequired(
      exchange.correlationId,
      authorization
        ? 'The Authorization header is neither a Bearer token nor Basic credentials.'
        : 'No Authorization header or API key was sent.',
    ),
  };
}

export type IngestionAuthentication = { ok: true; caller: Caller } | { ok: false; reason: string };

/** `/v2.1/track` takes Entra tokens only, issued for https://monitor.azure.com. */
export async function authenticateIngestionCaller(
  exchange: Exchange,
  verifyToken: TokenVerifier,
): Promise<IngestionAuthentication> {
  const verification = await verifyToken(header(exchange, 'authorization'));
  if (!verification.ok) return { ok: false, reason: verification.reason };
  if (!hasAudience(verification.claims, resources.monitorIngestion)) {
    return {
      ok: false,
      reason: `The token was issued for '${audiences(verification.claims).join(', ')}', not ${resources.monitorIngestion}.`,
    };
  }
  return { ok: true, caller: callerFromClaims(verification.claims) };
}
