/**
 * Bearer-token validation for the local stand-ins: an RS256 JWT signed by a key from the identity
 * provider's JWKS (fetched over https with the local self-signed CA), with the expected issuer,
 * one of the accepted audiences, and valid exp/nbf. Reusable by any stand-in with its own audiences.
 */
import https from 'node:https';
import { createRemoteJWKSet, customFetch, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';

export type TokenClaims = JWTPayload & Record<string, unknown>;

export type TokenVerification =
  { ok: true; claims: TokenClaims } | { ok: false; status: 401; reason: string };

export type TokenVerifier = (authorizationHeader: string | undefined) => Promise<TokenVerification>;

export interface TokenVerifierOptions {
  /** The identity provider's JWKS endpoint (`urls.jwks`). */
  jwksUrl: string;
  /** Expected `iss` (`urls.issuer`). */
  issuer: string;
  /** Accepted `aud` values. */
  audiences: readonly string[];
  /** PEM of the CA (the local self-signed certificate) that signs the JWKS endpoint's TLS cert. */
  caPem?: string;
  /** Allowed clock skew for exp/nbf, in seconds (default 30). */
  clockToleranceSeconds?: number;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    ...(options.caPem ? { [customFetch]: fetchTrustingCa(options.caPem) } : {}),
  });
  return createTokenVerifierWithKeys(jwks, options);
}

/** Same checks with a key resolver of your choice (tests use `createLocalJWKSet`). */
export function createTokenVerifierWithKeys(
  keys: JWTVerifyGetKey,
  options: Pick<TokenVerifierOptions, 'issuer' | 'audiences' | 'clockToleranceSeconds'>,
): TokenVerifier {
  return async (authorizationHeader) => {
    if (!authorizationHeader) return fail('No Authorization header was sent.');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader);
    if (!match) return fail('The Authorization header is not a Bearer token.');
    try {
      const { payload } = await jwtVerify(match[1]!, keys, {
        issuer: options.issuer,
        audience: [...options.audiences],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp'],
      });
      return { ok: true, claims: payload as TokenClaims };
    } catch (error) {
      return fail(describeJoseError(error));
    }
  };
}

function fail(reason: string): TokenVerification {
  return { ok: false, status: 401, reason };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The token was issued for another audience (resource).';
    if (error.claim === 'iss') return 'The token was issued by another issuer.';
    if (error.claim === 'nbf') return 'The token is not valid yet.';
    return `The token's "${error.claim}" claim is not valid.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'The token signature is not valid.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was signed with an unknown key.';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return 'The token is malformed.';
  if (error instanceof errors.JOSEError) return `The token could not be validated (${error.code}).`;
  return 'The signing keys could not be fetched from the identity provider.';
}

/** A fetch for jose that trusts the given CA (the local identity provider's self-signed cert). */
function fetchTrustingCa(caPem: string) {
  return (url: string, init: { headers: Headers; signal: AbortSignal }): Promise<Response> =>
    new Promise((resolve, reject) => {
      const request = https.get(
        url,
        { ca: caPem, headers: Object.fromEntries(init.headers.entries()), signal: init.signal },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === 'string') headers.set(name, value);
            }
            resolve(
              new Response(Buffer.concat(chunks), { status: response.statusCode ?? 500, headers }),
            );
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
}
