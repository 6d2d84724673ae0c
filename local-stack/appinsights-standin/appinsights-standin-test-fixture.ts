/**
 * Test helpers: a stand-in on a free port with a frozen clock, whose token verifier trusts a key
 * pair made here; tokens for the demo users and the daemon app, for either resource; and small
 * HTTP helpers returning status, headers and parsed JSON.
 */
import { ADMIN_TOKEN_HEADER } from '../admin/admin-access.ts';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { daemonClient, demoUsers, resources, tenant } from '../local-constants.ts';
import { createTokenVerifierWithKeys } from '../kusto-standin/token-verifier.ts';
import {
  acceptedAudiences,
  startAppInsightsStandIn,
  type RunningAppInsightsStandIn,
} from './appinsights-standin.ts';

export const TEST_ISSUER = `https://localhost:5998/${tenant.id}/v2.0`;
/** The stand-in's frozen clock in tests: the generated history ends here. */
export const TEST_NOW = new Date('2026-11-18T12:00:00.000Z');

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  // The tests read arbitrary response shapes; `any` keeps those reads short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface AppInsightsFixture {
  standIn: RunningAppInsightsStandIn;
  url: string;
  mintToken(claims?: JWTPayload & { lifetimeSeconds?: number }): Promise<string>;
  userToken(
    username: 'analyst@contoso.com' | 'viewer@contoso.com',
    audience?: string,
  ): Promise<string>;
  /** The daemon client (client credentials), by default for the ingestion resource. */
  appToken(audience?: string): Promise<string>;
  /** A token signed by a key the stand-in does not trust. */
  foreignToken(): Promise<string>;
  request(path: string, init?: RequestInit): Promise<HttpAnswer>;
  /** GET `/v1/apps/{app}/query?query=…` as the analyst (or with the given headers). */
  query(
    app: string,
    query: string,
    options?: { timespan?: string; headers?: Record<string, string> },
  ): Promise<HttpAnswer>;
  close(): Promise<void>;
}

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = crypto.randomUUID();
  return { privateKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] }, kid };
}

export async function startAppInsightsFixture(): Promise<AppInsightsFixture> {
  const trusted = await keyPair();
  const foreign = await keyPair();
  const standIn = await startAppInsightsStandIn({
    port: 0,
    now: TEST_NOW,
    warmUp: false,
    verifyToken: createTokenVerifierWithKeys(createLocalJWKSet(trusted.jwks), {
      issuer: TEST_ISSUER,
      audiences: acceptedAudiences,
      clockToleranceSeconds: 0,
    }),
  });

  const sign = async (
    key: Awaited<ReturnType<typeof keyPair>>,
    claims: JWTPayload & { lifetimeSeconds?: number } = {},
  ): Promise<string> => {
    const { lifetimeSeconds = 3600, ...rest } = claims;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: TEST_ISSUER,
      aud: resources.appInsights,
      tid: tenant.id,
      ver: '2.0',
      ...rest,
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(key.privateKey);
  };

  const request = async (path: string, init?: RequestInit): Promise<HttpAnswer> => {
    // Admin calls carry this start's token, as the stack's own tests do.
    const headers = new Headers(init?.headers);
    if (path.startsWith('/__admin')) headers.set(ADMIN_TOKEN_HEADER, standIn.adminToken);
    const response = await fetch(`${standIn.url}${path}`, { ...init, headers });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text,
      json,
    };
  };

  const fixture: AppInsightsFixture = {
    standIn,
    url: standIn.url,
    mintToken: (claims) => sign(trusted, claims),
    userToken: (username, audience = resources.appInsights) => {
      const user = demoUsers.find((u) => u.username === username)!;
      return sign(trusted, {
        aud: audience,
        oid: user.objectId,
        upn: user.username,
        preferred_username: user.username,
        name: user.displayName,
        scp: 'user_impersonation',
        appid: 'quarry-console',
        idtyp: 'user',
      });
    },
    appToken: (audience = resources.monitorIngestion) =>
      sign(trusted, {
        aud: audience,
        oid: '3e8d1c7b-2a9f-4b6e-8d0c-5f4a3b2c1d0e',
        appid: daemonClient.clientId,
        azp: daemonClient.clientId,
        idtyp: 'app',
        roles: [],
      }),
    foreignToken: () =>
      sign(foreign, {
        oid: demoUsers[0]!.objectId,
        preferred_username: demoUsers[0]!.username,
        idtyp: 'user',
      }),
    request,
    query: async (app, query, options = {}) => {
      const search = new URLSearchParams({ query });
      if (options.timespan) search.set('timespan', options.timespan);
      const headers = options.headers ?? {
        Authorization: `Bearer ${await fixture.userToken('analyst@contoso.com')}`,
      };
      return request(`/v1/apps/${encodeURIComponent(app)}/query?${search}`, { headers });
    },
    close: () => standIn.close(),
  };
  return fixture;
}
