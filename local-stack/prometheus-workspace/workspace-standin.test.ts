/**
 * The workspace stand-in against a real Prometheus: Entra checks (audience, role) per path, the
 * Prometheus API and remote write forwarded, CORS for the console.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoUsers,
  monitorRoles,
  prometheusWorkspace,
  resources,
  tenant,
} from '../local-constants.ts';
import { createTokenVerifierWithKeys } from '../kusto-standin/token-verifier.ts';
import { remoteWriteBody } from '../prometheus-server/remote-write-encoding.ts';
import {
  prometheusBinaries,
  queryUntilFound,
  requirePrometheusInCi,
  startTestStorage,
} from '../prometheus-server/prometheus-test-support.ts';
import type { RunningPrometheus } from '../prometheus-server/prometheus-process.ts';
import { workspaceAudiences } from '../prometheus-server/prometheus-source.ts';
import { startWorkspaceStandIn, type RunningWorkspaceStandIn } from './workspace-standin.ts';

const issuer = `https://localhost:5999/${tenant.id}/v2.0`;
const ingestionPath = `/dataCollectionRules/${prometheusWorkspace.dataCollectionRuleId}/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=${prometheusWorkspace.apiVersion}`;

let sign: (claims: JWTPayload) => Promise<string>;
let storage: RunningPrometheus | undefined;
let workspace: RunningWorkspaceStandIn;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256' };
  sign = (claims) =>
    new SignJWT({ iss: issuer, tid: tenant.id, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  if (prometheusBinaries) storage = await startTestStorage();
  workspace = await startWorkspaceStandIn({
    port: 0,
    verifyToken: createTokenVerifierWithKeys(createLocalJWKSet({ keys: [jwk] }), {
      issuer,
      audiences: workspaceAudiences,
    }),
    storageUrl: storage?.url,
  });
});

afterAll(async () => {
  await workspace?.close();
  await storage?.close();
});

function userToken(username: string, roles?: string[]): Promise<string> {
  const user = demoUsers.find((candidate) => candidate.username === username)!;
  return sign({
    aud: resources.prometheus,
    upn: user.username,
    oid: user.objectId,
    idtyp: 'user',
    ...(roles ? { roles } : {}),
  });
}

describe('workspace stand-in: who may call', () => {
  it('refuses a call without a token with 401 in the Azure Monitor error shape', async () => {
    const response = await fetch(`${workspace.url}/api/v1/query?query=up`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('AuthenticationFailed');
    expect(body.error.message).toContain('No Authorization header');
  });

  it('refuses viewer@contoso.com (no Monitoring Data Reader) with 403 naming the role', async () => {
    const token = await userToken('viewer@contoso.com');
    const response = await fetch(`${workspace.url}/api/v1/query?query=up`, {
      headers: { authorization: `Bearer ${token}`, 'x-ms-client-request-id': 'req-viewer-1' },
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as {
      error: { code: string; message: string; correlationId: string };
    };
    expect(body.error.code).toBe('InsufficientAccessError');
    expect(body.error.message).toContain("'Monitoring Data Reader'");
    expect(body.error.message).toContain('viewer@contoso.com');
    expect(body.error.correlationId).toBe('req-viewer-1');
    expect(response.headers.get('x-ms-request-id')).toMatch(/[0-9a-f-]{36}/);
  });

  it('refuses a token for another resource with 403 naming the audience to ask for', async () => {
    const token = await sign({
      aud: resources.kusto,
      upn: 'analyst@contoso.com',
      roles: [monitorRoles.dataReader],
    });
    const response = await fetch(`${workspace.url}/api/v1/labels`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('InvalidAuthenticationTokenAudience');
    expect(body.error.message).toContain(resources.prometheus);
  });

  it('refuses a query token on the ingestion path (audience monitor.azure.com, Metrics Publisher)', async () => {
    const token = await userToken('analyst@contoso.com', [monitorRoles.dataReader]);
    const { body, headers } = remoteWriteBody([]);
    const response = await fetch(`${workspace.url}${ingestionPath}`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}` },
      body,
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      resources.monitorIngestion,
    );
  });

  it('answers preflights and reflects the console origin', async () => {
    const preflight = await fetch(`${workspace.url}/api/v1/query`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('serves its own request metrics at /metrics', async () => {
    const response = await fetch(`${workspace.url}/metrics`);
    const text = await response.text();
    expect(text).toContain('http_requests_total{route="/api/v1/query",method="GET",status="403"');
    expect(text).toContain('service="prometheus-workspace"');
  });
});

describe.skipIf(!prometheusBinaries)('workspace stand-in: forwarding to a real Prometheus', () => {
  it('stores a remote write from a Metrics Publisher and answers query, labels, values, series, metadata', async () => {
    const writer = await sign({
      aud: resources.monitorIngestion,
      appid: 'writer',
      idtyp: 'app',
      roles: [monitorRoles.metricsPublisher],
    });
    const now = Date.now();
    const { body, headers } = remoteWriteBody([
      {
        labels: { __name__: 'quarry_test_gauge', job: 'workspace-test', route: '/a' },
        samples: [{ value: 42, timestampMs: now }],
      },
    ]);
    const write = await fetch(`${workspace.url}${ingestionPath}`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${writer}` },
      body,
    });
    expect(write.status).toBe(204);

    const reader = {
      authorization: `Bearer ${await userToken('analyst@contoso.com', [monitorRoles.dataReader])}`,
    };
    await queryUntilFound(storage!.url, 'quarry_test_gauge');
    const instant = await fetch(`${workspace.url}/api/v1/query?query=quarry_test_gauge`, {
      headers: reader,
    });
    expect(instant.status).toBe(200);
    const result = (await instant.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    expect(result.data.result[0]!.metric).toMatchObject({ job: 'workspace-test', route: '/a' });
    expect(result.data.result[0]!.value[1]).toBe('42');

    const posted = await fetch(`${workspace.url}/api/v1/query_range`, {
      method: 'POST',
      headers: { ...reader, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        query: 'quarry_test_gauge',
        start: String(now / 1000 - 60),
        end: String(now / 1000 + 60),
        step: '15',
      }),
    });
    expect(((await posted.json()) as { data: { resultType: string } }).data.resultType).toBe(
      'matrix',
    );

    const values = await fetch(`${workspace.url}/api/v1/label/route/values`, { headers: reader });
    expect(((await values.json()) as { data: string[] }).data).toContain('/a');
    const labels = await fetch(`${workspace.url}/api/v1/labels`, { headers: reader });
    expect(((await labels.json()) as { data: string[] }).data).toContain('route');
    const series = await fetch(`${workspace.url}/api/v1/series?match[]=quarry_test_gauge`, {
      headers: reader,
    });
    expect(((await series.json()) as { data: unknown[] }).data).toHaveLength(1);
    const metadata = await fetch(`${workspace.url}/api/v1/metadata`, { headers: reader });
    expect(metadata.status).toBe(200);
  });

  it('passes Prometheus errors through untouched (bad_data with the parser position)', async () => {
    const reader = {
      authorization: `Bearer ${await userToken('analyst@contoso.com', [monitorRoles.dataReader])}`,
    };
    const response = await fetch(
      `${workspace.url}/api/v1/query?query=${encodeURIComponent('sum(up')}`,
      { headers: reader },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { status: string; errorType: string; error: string };
    expect(body).toMatchObject({ status: 'error', errorType: 'bad_data' });
    expect(body.error).toContain('1:7');
  });
});

it('has Prometheus where CI runs', () => {
  requirePrometheusInCi();
});
