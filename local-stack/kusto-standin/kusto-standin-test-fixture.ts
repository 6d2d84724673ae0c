/**
 * Test helpers: a stand-in on a free port whose token verifier trusts a key pair made here, and
 * tokens minted with it for the demo users, the daemon app, or with broken claims.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { daemonClient, demoUsers, tenant } from '../local-constants.ts';
import {
  catalogDatabase,
  contosoSalesDatabase,
  DatabaseCatalog,
  sampleLogsDatabase,
  samplesDatabase,
} from './database-catalog.ts';
import type { WireValue } from './kql-engine-api.ts';
import { startKustoStandIn } from './kusto-standin.ts';
import type { RunningKustoStandIn } from './kusto-standin.ts';
import { createTokenVerifierWithKeys } from './token-verifier.ts';

export const TEST_ISSUER = `https://localhost:5999/${tenant.id}/v2.0`;
/** Rows of QuarryTest.Numbers: more than the default 500,000-record limit, small enough to be quick. */
export const NUMBERS_ROWS = 600_000;

export interface StandInFixture {
  standIn: RunningKustoStandIn;
  url: string;
  mintToken(claims?: JWTPayload & { lifetimeSeconds?: number }): Promise<string>;
  userToken(
    username: 'analyst@contoso.com' | 'viewer@contoso.com',
    extra?: JWTPayload,
  ): Promise<string>;
  appToken(): Promise<string>;
  /** A token signed by a key the stand-in does not trust. */
  foreignToken(): Promise<string>;
  close(): Promise<void>;
}

let sharedCatalog: DatabaseCatalog | undefined;

/** Samples and ContosoSales as in production, plus QuarryTest.Numbers (600,000 longs). */
export function testCatalog(): DatabaseCatalog {
  if (sharedCatalog) return sharedCatalog;
  const numbers: WireValue[][] = [];
  for (let i = 1; i <= NUMBERS_ROWS; i++) numbers.push([i]);
  sharedCatalog = new DatabaseCatalog([
    samplesDatabase(),
    contosoSalesDatabase(),
    sampleLogsDatabase(),
    catalogDatabase('QuarryTest', '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918', [
      { name: 'Numbers', columns: [{ name: 'n', type: 'long' }], rows: numbers },
    ]),
  ]);
  return sharedCatalog;
}

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = crypto.randomUUID();
  return { privateKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] }, kid };
}

export async function startStandInFixture(): Promise<StandInFixture> {
  const trusted = await keyPair();
  const foreign = await keyPair();
  const audiences: string[] = [];
  const verifier = createTokenVerifierWithKeys(createLocalJWKSet(trusted.jwks), {
    issuer: TEST_ISSUER,
    audiences,
    clockToleranceSeconds: 0,
  });
  const standIn = await startKustoStandIn({
    port: 0,
    verifyToken: verifier,
    catalog: testCatalog(),
  });
  // The audience is the cluster URL, known once the port is bound.
  audiences.push(standIn.url, `${standIn.url}/`, 'https://kusto.kusto.windows.net');

  const sign = async (
    key: Awaited<ReturnType<typeof keyPair>>,
    claims: JWTPayload & { lifetimeSeconds?: number } = {},
  ): Promise<string> => {
    const { lifetimeSeconds = 3600, ...rest } = claims;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: TEST_ISSUER, aud: standIn.url, tid: tenant.id, ver: '2.0', ...rest })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(key.privateKey);
  };

  return {
    standIn,
    url: standIn.url,
    mintToken: (claims) => sign(trusted, claims),
    userToken: (username, extra = {}) => {
      const user = demoUsers.find((u) => u.username === username)!;
      return sign(trusted, {
        oid: user.objectId,
        upn: user.username,
        preferred_username: user.username,
        name: user.displayName,
        scp: 'user_impersonation',
        idtyp: 'user',
        ...extra,
      });
    },
    appToken: () =>
      sign(trusted, {
        oid: '3e8d1c7b-2a9f-4b6e-8d0c-5f4a3b2c1d0e',
        appid: daemonClient.clientId,
        azp: daemonClient.clientId,
        idtyp: 'app',
        roles: [],
      }),
    foreignToken: () => sign(foreign, { oid: demoUsers[0]!.objectId, upn: demoUsers[0]!.username }),
    close: () => standIn.close(),
  };
}
