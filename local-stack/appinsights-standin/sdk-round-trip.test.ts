/**
 * The real classic SDK (applicationinsights 2.9.8) sends telemetry to the stand-in with an Entra
 * token from the real local identity provider (client credentials), over http and over TLS; the
 * stand-in verifies it against that provider's JWKS, and a query then finds what was sent.
 */
import https from 'node:https';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { daemonClient, resources, tenant } from '../local-constants.ts';
import {
  startIdentityProvider,
  type RunningIdentityProvider,
} from '../identity-provider/identity-provider.ts';
import { httpsRequest } from '../identity-provider/identity-provider-test-client.ts';
import { ensureLocalCertificate } from '../tls/local-certificate.ts';
import {
  createAppInsightsTokenVerifier,
  startAppInsightsStandIn,
  type RunningAppInsightsStandIn,
} from './appinsights-standin.ts';
import { demoConnectionString } from './demo-applications.ts';

// Statsbeat would phone Microsoft's ingestion from inside the SDK; read once, at first import.
process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
const appInsights = await import('applicationinsights');

let ca: string;
let idp: RunningIdentityProvider;
let standIn: RunningAppInsightsStandIn;
const requestedScopes: string[] = [];

async function clientCredentialsToken(
  scope: string,
): Promise<{ token: string; expiresOnTimestamp: number }> {
  const response = await httpsRequest(`${idp.url}/${tenant.id}/oauth2/v2.0/token`, ca, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: daemonClient.clientId,
      client_secret: daemonClient.clientSecret,
      scope,
    }).toString(),
  });
  expect(response.status, response.body).toBe(200);
  const body = JSON.parse(response.body) as { access_token: string; expires_in: number };
  return { token: body.access_token, expiresOnTimestamp: Date.now() + body.expires_in * 1000 };
}

beforeAll(async () => {
  ca = (await ensureLocalCertificate()).certPem;
  idp = await startIdentityProvider({ port: 0 });
  standIn = await startAppInsightsStandIn({
    port: 0,
    tlsPort: 0,
    verifyToken: createAppInsightsTokenVerifier({
      jwksUrl: `${idp.url}/${tenant.id}/discovery/v2.0/keys`,
      issuer: idp.issuer,
      caPem: ca,
    }),
  });
});

afterAll(async () => {
  await standIn?.close();
  await idp?.close();
});

function sdkClient(baseUrl: string) {
  const client = new appInsights.TelemetryClient(demoConnectionString(baseUrl));
  client.config.aadTokenCredential = {
    getToken: async (scopes: string | string[]) => {
      const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
      requestedScopes.push(scope);
      return clientCredentialsToken(scope);
    },
  };
  client.config.httpsAgent = new https.Agent({ ca });
  client.channel.setUseDiskRetryCaching(false);
  return client;
}

function flush(client: InstanceType<typeof appInsights.TelemetryClient>): Promise<string> {
  return new Promise((resolve) =>
    client.flush({ callback: (response: string) => resolve(response) }),
  );
}

async function query(kql: string): Promise<unknown[][]> {
  const { token } = await clientCredentialsToken(`${resources.appInsights}/.default`);
  const response = await fetch(
    `${standIn.url}/v1/apps/DEMO_APP/query?${new URLSearchParams({ query: kql })}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  const body = (await response.json()) as { tables: Array<{ rows: unknown[][] }> };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.tables[0]!.rows;
}

it('the applicationinsights 2.9.8 SDK sends a request and an event that later queries find', async () => {
  const marker = `sdk-${Date.now()}`;
  const client = sdkClient(standIn.url);
  client.trackRequest({
    name: `GET /${marker}`,
    url: `https://example.test/${marker}`,
    duration: 123,
    resultCode: 200,
    success: true,
    properties: { marker },
  });
  client.trackEvent({
    name: `Event ${marker}`,
    properties: { marker },
    measurements: { answer: 42 },
  });
  const response = await flush(client);
  expect(JSON.parse(response)).toEqual({ itemsReceived: 2, itemsAccepted: 2, errors: [] });
  // The SDK asks for the ingestion scope with its double slash; the IdP maps it to the resource.
  expect(requestedScopes).toContain('https://monitor.azure.com//.default');

  expect(
    await query(
      `requests | where name == "GET /${marker}" | project resultCode, success, duration, sdkVersion`,
    ),
  ).toEqual([['200', 'True', 123, expect.stringMatching(/node:2\.9\.8$/)]]);
  expect(
    await query(
      `customEvents | where name == "Event ${marker}" | project tostring(customDimensions.marker)`,
    ),
  ).toEqual([[marker]]);
});

it('the same SDK sends over the TLS listener when it trusts the local certificate', async () => {
  const marker = `tls-${Date.now()}`;
  const client = sdkClient(standIn.tlsUrl!);
  client.trackEvent({ name: `Event ${marker}` });
  const response = await flush(client);
  expect(JSON.parse(response)).toEqual({ itemsReceived: 1, itemsAccepted: 1, errors: [] });
  expect(await query(`customEvents | where name == "Event ${marker}" | count`)).toEqual([[1]]);
});
