/** Starts an identity provider on a free port with a clock the test controls. */
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { ensureLocalCertificate } from '../tls/local-certificate.ts';
import { startIdentityProvider, type RunningIdentityProvider } from './identity-provider.ts';
import { IdentityProviderClient, json } from './identity-provider-test-client.ts';

export interface TestIdentityProvider {
  identityProvider: RunningIdentityProvider;
  ca: string;
  /** A fresh browser-like client (its own cookie jar). */
  newClient(): IdentityProviderClient;
  /** Moves the provider's clock forward. */
  advanceClock(milliseconds: number): void;
  /** Verifies a token's signature against the provider's JWKS, its issuer and audience. */
  verify(token: string, audience: string): Promise<JWTPayload>;
  close(): Promise<void>;
}

export async function startTestIdentityProvider(): Promise<TestIdentityProvider> {
  let offset = 0;
  const { certPem } = await ensureLocalCertificate();
  const identityProvider = await startIdentityProvider({
    port: 0,
    now: () => Date.now() + offset,
  });
  const newClient = (): IdentityProviderClient =>
    new IdentityProviderClient(identityProvider.url, certPem, identityProvider.adminToken);
  return {
    identityProvider,
    ca: certPem,
    newClient,
    advanceClock: (milliseconds) => {
      offset += milliseconds;
    },
    verify: async (token, audience) => {
      const jwksUrl = `${identityProvider.issuer.replace(/\/v2\.0$/, '')}/discovery/v2.0/keys`;
      const keys = createLocalJWKSet(json(await newClient().request(jwksUrl)));
      const { payload } = await jwtVerify(token, keys, {
        issuer: identityProvider.issuer,
        audience,
        currentDate: new Date(Date.now() + offset),
      });
      return payload;
    },
    close: () => identityProvider.close(),
  };
}
