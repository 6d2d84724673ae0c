/**
 * The official `azure-kusto-data` SDK against the stand-in: a client none of us wrote parses the
 * wire format. The last test runs the full stack: a token from the local identity provider
 * (client_credentials), validated over https with the local certificate as CA.
 */
import { Client as KustoClient, KustoConnectionStringBuilder } from 'azure-kusto-data';
import type { KustoResultTable } from 'azure-kusto-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityProvider } from '../identity-provider/identity-provider.ts';
import { daemonClient, resources, tenant } from '../local-constants.ts';
import { ensureLocalCertificate } from '../tls/local-certificate.ts';
import { startKustoStandIn } from './kusto-standin.ts';
import { startStandInFixture, testCatalog } from './kusto-standin-test-fixture.ts';
import type { StandInFixture } from './kusto-standin-test-fixture.ts';
import { createTokenVerifier } from './token-verifier.ts';

function rowsOf(table: KustoResultTable): Array<Record<string, unknown>> {
  return table.toJSON<Record<string, unknown>>().data;
}

describe('azure-kusto-data against the stand-in', () => {
  let fixture: StandInFixture;
  let client: KustoClient;

  beforeAll(async () => {
    fixture = await startStandInFixture();
    const token = await fixture.userToken('analyst@contoso.com');
    client = new KustoClient(
      KustoConnectionStringBuilder.withTokenProvider(fixture.url, async () => token),
    );
  });

  afterAll(async () => {
    client?.close();
    await fixture?.close();
  });

  it('runs `StormEvents | count` (v2)', async () => {
    const response = await client.execute('Samples', 'StormEvents | count');
    expect(response.primaryResults).toHaveLength(1);
    expect(rowsOf(response.primaryResults[0]!)).toEqual([{ Count: 59066 }]);
  });

  it('runs a summarize and reads the published figures', async () => {
    const response = await client.execute(
      'Samples',
      'StormEvents | summarize StormCount = count(), TypeOfStorms = dcount(EventType) by State | top 5 by StormCount',
    );
    expect(rowsOf(response.primaryResults[0]!)).toEqual([
      { State: 'TEXAS', StormCount: 4701, TypeOfStorms: 27 },
      { State: 'KANSAS', StormCount: 3166, TypeOfStorms: 21 },
      { State: 'IOWA', StormCount: 2337, TypeOfStorms: 19 },
      { State: 'ILLINOIS', StormCount: 2022, TypeOfStorms: 23 },
      { State: 'MISSOURI', StormCount: 2016, TypeOfStorms: 20 },
    ]);
  });

  it('parses every column type of a StormEvents row, dynamic included', async () => {
    const response = await client.execute('Samples', 'StormEvents | take 1');
    const [row] = rowsOf(response.primaryResults[0]!);
    expect(row!.EventId).toBe(61032);
    expect(row!.StartTime).toEqual(new Date('2007-09-29T08:11:00Z'));
    expect(row!.BeginLat).toBe(28.0393);
    expect((row!.StormSummary as { Details: { Location: string } }).Details.Location).toBe(
      'ATLANTIC SOUTH',
    );
  });

  it('runs `.show tables` on /v1/rest/mgmt', async () => {
    const response = await client.execute('Samples', '.show tables');
    const tables = rowsOf(response.primaryResults[0]!);
    expect(tables.map((t) => t.TableName)).toEqual(['StormEvents', 'PopulationData', 'StateCodes']);
  });

  it('reads the v1 query shape (table of contents) through executeQueryV1', async () => {
    const response = await client.executeQueryV1('Samples', 'PopulationData | count');
    expect(response.primaryResults).toHaveLength(1);
    expect(rowsOf(response.primaryResults[0]!)).toEqual([{ Count: 52 }]);
  });

  it('surfaces a syntax error as a failed request', async () => {
    await expect(client.execute('Samples', 'StormEvents take 5')).rejects.toThrow(/400/);
  });

  it('raises the partial failure of a truncated result', async () => {
    await expect(client.execute('QuarryTest', 'Numbers')).rejects.toThrow(
      /E_QUERY_RESULT_SET_TOO_LARGE/,
    );
  });
});

describe('full stack: local identity provider token, azure-kusto-data, stand-in', () => {
  it('gets a client_credentials token for the daemon and queries as that app', async () => {
    const certificate = await ensureLocalCertificate();
    const identityProvider = await startIdentityProvider({ port: 0 });
    const audiences: string[] = [resources.kusto, `${resources.kusto}/`];
    const standIn = await startKustoStandIn({
      port: 0,
      catalog: testCatalog(),
      verifyToken: createTokenVerifier({
        jwksUrl: `${identityProvider.url}/${tenant.id}/discovery/v2.0/keys`,
        issuer: identityProvider.issuer,
        audiences,
        caPem: certificate.certPem,
      }),
    });
    audiences.push(standIn.url);
    let client: KustoClient | undefined;
    try {
      const tokenResponse = await fetchWithCa(
        `${identityProvider.url}/${tenant.id}/oauth2/v2.0/token`,
        certificate.certPem,
        {
          grant_type: 'client_credentials',
          client_id: daemonClient.clientId,
          client_secret: daemonClient.clientSecret,
          scope: `${resources.kusto}/.default`,
        },
      );
      const accessToken = tokenResponse.access_token as string;
      expect(typeof accessToken).toBe('string');
      client = new KustoClient(
        KustoConnectionStringBuilder.withTokenProvider(standIn.url, async () => accessToken),
      );
      const count = await client.execute('Samples', 'StormEvents | count');
      expect(rowsOf(count.primaryResults[0]!)).toEqual([{ Count: 59066 }]);
      // The daemon app is granted ContosoSales.
      const sales = await client.execute('ContosoSales', 'Sales | count');
      expect(rowsOf(sales.primaryResults[0]!)).toEqual([{ Count: 1000 }]);
      const log = standIn.controls.log.map((entry) => entry.user);
      expect(log).toContain(daemonClient.clientId);
    } finally {
      client?.close();
      await standIn.close();
      await identityProvider.close();
    }
  });
});

/** POST a form to the https identity provider, trusting the local certificate. */
async function fetchWithCa(
  url: string,
  caPem: string,
  form: Record<string, string>,
): Promise<Record<string, unknown>> {
  const https = await import('node:https');
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        ca: caPem,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
