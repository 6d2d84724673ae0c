/**
 * The identity provider's signing key: one RS256 key pair made at start (tokens from before a
 * restart stop verifying, which is fine locally), published as a JWKS like Entra's.
 */
import {
  SignJWT,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
} from 'jose';

export interface SigningKey {
  keyId: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface TokenSigner {
  readonly keyId: string;
  /** The JWKS document served at `/{tenant}/discovery/v2.0/keys`. */
  readonly jwks: { keys: (JWK & { issuer: string })[] };
  sign(claims: Record<string, unknown>): Promise<string>;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { keyId: await calculateJwkThumbprint(publicJwk), privateKey, publicJwk };
}

export function createTokenSigner(key: SigningKey, issuer: string): TokenSigner {
  return {
    keyId: key.keyId,
    jwks: { keys: [{ ...key.publicJwk, kid: key.keyId, use: 'sig', alg: 'RS256', issuer }] },
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.keyId })
        .sign(key.privateKey),
  };
}
