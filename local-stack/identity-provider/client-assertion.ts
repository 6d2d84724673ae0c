/**
 * Client credentials with a certificate, as Entra takes them: `client_assertion_type=
 * urn:ietf:params:oauth:client-assertion-type:jwt-bearer` and `client_assertion`, a JWT the app signs
 * with the private key of a certificate registered on it. Checked here: the header names a
 * registered certificate (`x5t` SHA-1 or `x5t#S256` thumbprint), the signature verifies with it
 * (RS256 or PS256), `iss` = `sub` = client id, `aud` = this token endpoint, `exp`/`nbf` against the
 * provider's clock, and each `jti` is redeemed once.
 */
import { X509Certificate } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { certificateThumbprints } from '../tls/client-certificate.ts';
import type { ConfidentialRegistration } from './app-registrations.ts';
import { entraErrors, type EntraError } from './entra-errors.ts';

export const jwtBearerAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Redeemed assertion ids until their expiry; an id may not be used twice while it could verify. */
export class AssertionReplayCache {
  private readonly used = new Map<string, number>();

  /** False when `jti` was already redeemed. */
  redeem(jti: string, expiresAtMs: number, nowMs: number): boolean {
    for (const [id, expiry] of this.used) if (expiry < nowMs) this.used.delete(id);
    if (this.used.has(jti)) return false;
    this.used.set(jti, expiresAtMs);
    return true;
  }
}

export type AssertionCheck = { ok: true } | { ok: false; error: EntraError };

export async function verifyClientAssertion(parts: {
  assertion: string;
  registration: ConfidentialRegistration;
  /** Accepted `aud` values: this token endpoint, by tenant id or name. */
  audiences: readonly string[];
  now: number;
  replay: AssertionReplayCache;
}): Promise<AssertionCheck> {
  const { assertion, registration } = parts;
  const fail = (error: EntraError): AssertionCheck => ({ ok: false, error });
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    return fail(entraErrors.assertionMalformed('The client_assertion is not a JWT.'));
  }
  if (claims.iss !== registration.clientId || claims.sub !== registration.clientId) {
    return fail(entraErrors.assertionClientMismatch());
  }
  const sha1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  const sha256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  if (!sha1 && !sha256) {
    return fail(
      entraErrors.assertionMalformed("The assertion's header has no 'x5t' or 'x5t#S256'."),
    );
  }
  const certificate = (registration.certificates ?? []).find((pem) => {
    const thumbprints = certificateThumbprints(pem);
    return thumbprints.sha1 === sha1 || thumbprints.sha256 === sha256;
  });
  if (!certificate) {
    return fail(entraErrors.assertionKeyNotFound(registration.clientId, (sha256 ?? sha1)!));
  }
  const publicKey = new X509Certificate(certificate).publicKey;
  const audience = typeof claims.aud === 'string' ? claims.aud : JSON.stringify(claims.aud);
  try {
    await jwtVerify(assertion, publicKey, {
      algorithms: ['RS256', 'PS256'],
      currentDate: new Date(parts.now),
      clockTolerance: 0,
      requiredClaims: ['exp', 'jti'],
    });
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return fail(entraErrors.assertionBadSignature(registration.clientId));
    }
    if (
      error instanceof errors.JWTExpired ||
      (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
    ) {
      return fail(
        entraErrors.assertionTimeRange(
          new Date(parts.now),
          typeof claims.nbf === 'number' ? new Date(claims.nbf * 1000) : undefined,
          typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
        ),
      );
    }
    return fail(entraErrors.assertionMalformed(String((error as Error).message)));
  }
  if (!parts.audiences.some((accepted) => accepted.toLowerCase() === audience.toLowerCase())) {
    return fail(entraErrors.assertionAudience(audience, parts.audiences[0]!));
  }
  if (!parts.replay.redeem(String(claims.jti), (claims.exp ?? 0) * 1000, parts.now)) {
    return fail(entraErrors.assertionReplayed(String(claims.jti)));
  }
  return { ok: true };
}
