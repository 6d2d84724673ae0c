/**
 * The authorization proxy against the real identity provider: start-up refusals logged with the
 * configuration and the IdP's error, forwarding with its own token (never the caller's), refresh
 * at the configured share of the lifetime, /health and /ready, CORS only for console origins, and
 * remote write through the ingestion proxy landing in a real Prometheus, queried through the
 * query proxy with no token.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusWorkspace, proxyClients, resources, tenant } from '../local-constants.ts';
import { createTokenVerifier } from '../kusto-standin/token-verifier.ts';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../identity-provider/identity-provider-test-fixture.ts';
import { ensureLocalCertificate } from '../tls/local-certificate.ts';
import {
  ensureProxyClientCertificates,
  generateClientCertificatePem,
} from '../tls/client-certificate.ts';
import { remoteWriteBody } from '../prometheus-server/remote-write-encoding.ts';
import {
  prometheusBinaries,
  queryUntilFound,
  requirePrometheusInCi,
  startTestStorage,
} from '../prometheus-server/prometheus-test-support.ts';
import { workspaceAudiences } from '../prometheus-server/prometheus-source.ts';
import { startWorkspaceStandIn } from '../prometheus-workspace/workspace-standin.ts';
import { startAuthProxy, ProxyStartError, type RunningAuthProxy } from './auth-proxy.ts';
import { readProxyConfig, type ProxyConfig } from './proxy-config.ts';
import { formatLogLine, type ProxyLogger } from './proxy-log.ts';
import type { Timers } from './token-source.ts';

let idp: TestIdentityProvider;
let certPath: string;
let workDir: string;
let proxyCertificates: Awaited<ReturnType<typeof ensureProxyClientCertificates>>;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  certPath = (await ensureLocalCertificate()).certPath;
  proxyCertificates = await ensureProxyClientCertificates();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'quarry-proxy-'));
});

afterAll(async () => {
  await idp?.close();
  await rm(workDir, { recursive: true, force: true });
});

function environment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    TARGET_HOST: 'http://localhost:1',
    IDENTITY_TYPE: 'aadapplication',
    AAD_CLIENT_ID: proxyClients.query.clientId,
    AAD_TENANT_ID: tenant.id,
    AAD_CLIENT_CERTIFICATE_PATH: proxyCertificates.query.path,
    AUDIENCE: `${resources.prometheus}/.default`,
    LISTENING_PORT: '0',
    AZURE_AUTHORITY_HOST: idp.identityProvider.url,
    SSL_CERT_FILE: certPath,
    CORS_ALLOWED_ORIGINS: 'http://localhost:5173',
    ...overrides,
  };
}

function config(overrides: Record<string, string> = {}): ProxyConfig {
  const read = readProxyConfig(environment(overrides));
  if (!read.ok) throw new Error(read.problems.join(' '));
  return read.config;
}

function memoryLog(): { logger: ProxyLogger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: (level, message, fields) => lines.push(formatLogLine(level, message, fields)),
  };
}

/** Timers a test fires by hand; records each delay asked for. */
function manualTimers(): Timers & { delays: number[]; fire(): void } {
  const pending: Array<{ callback: () => void; handle: number }> = [];
  let next = 0;
  return {
    delays: [],
    setTimeout(callback, delayMs) {
      this.delays.push(delayMs);
      const handle = ++next;
      pending.push({ callback, handle });
      return handle;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((entry) => entry.handle === handle);
      if (index >= 0) pending.splice(index, 1);
    },
    fire() {
      pending.shift()?.callback();
    },
  };
}

/** A target that records what reaches it and answers 200. */
async function recordingTarget(): Promise<{
  url: string;
  seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
    });
    response.end('{"status":"success","data":{"resultType":"vector","result":[]}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('auth proxy: start-up', () => {
  it('does not start with a certificate the app does not have, logging the configuration and the IdP error', async () => {
    const badPem = path.join(workDir, 'bad.pem');
    await writeFile(badPem, await generateClientCertificatePem('someone else'));
    const { logger, lines } = memoryLog();
    await expect(
      startAuthProxy(config({ AAD_CLIENT_CERTIFICATE_PATH: badPem }), { logger }),
    ).rejects.toThrow(ProxyStartError);
    const failure = lines.find((line) => line.includes('level=error'))!;
    expect(failure).toContain(`AAD_CLIENT_ID=${proxyClients.query.clientId}`);
    expect(failure).toContain(`AAD_CLIENT_CERTIFICATE_PATH=${badPem}`);
    expect(failure).toContain('AADSTS700027');
    expect(failure).toContain('StatusCode=401');
  });

  it('does not start for an unknown client (AADSTS700016)', async () => {
    const { logger, lines } = memoryLog();
    await expect(
      startAuthProxy(config({ AAD_CLIENT_ID: '00000000-0000-4000-8000-000000000000' }), { logger }),
    ).rejects.toThrow(/AADSTS700016/);
    const failure = lines.find((line) => line.includes('level=error'))!;
    expect(failure).toContain('AADSTS700016');
    expect(failure).toContain(`AAD_TENANT_ID=${tenant.id}`);
  });

  it('does not start when the certificate file has no private key', async () => {
    const certOnly = path.join(workDir, 'cert-only.pem');
    await writeFile(certOnly, proxyCertificates.query.certPem);
    const { logger, lines } = memoryLog();
    await expect(
      startAuthProxy(config({ AAD_CLIENT_CERTIFICATE_PATH: certOnly }), { logger }),
    ).rejects.toThrow(/no private key/);
    expect(lines.join('\n')).toContain('level=error');
  });

  it('as a process (main.ts): exits 1 and logs the IdP error when it cannot get a token', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts')],
      {
        env: {
          ...process.env,
          ...environment({ AAD_CLIENT_ID: '00000000-0000-4000-8000-000000000000' }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('Failed to get a token');
    expect(output).toContain('AADSTS700016');
  });

  it('refuses configurations the seed would not run with', () => {
    const read = readProxyConfig({
      ...environment(),
      IDENTITY_TYPE: 'systemAssigned',
      TARGET_HOST: '',
    });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.join(' ')).toMatch(
      /TARGET_HOST is required.*managed identity endpoint/,
    );
  });
});

describe('auth proxy: forwarding and tokens', () => {
  let target: Awaited<ReturnType<typeof recordingTarget>>;
  let proxy: RunningAuthProxy;
  let timers: ReturnType<typeof manualTimers>;
  let log: ReturnType<typeof memoryLog>;

  beforeAll(async () => {
    target = await recordingTarget();
    timers = manualTimers();
    log = memoryLog();
    proxy = await startAuthProxy(
      config({ TARGET_HOST: target.url, AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE: '25' }),
      {
        logger: log.logger,
        timers,
      },
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await target?.close();
  });

  it("forwards with its own token, never the caller's, and logs the status", async () => {
    const response = await fetch(`${proxy.url}/api/v1/query?query=up`, {
      headers: { authorization: 'Bearer caller-token', origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const sent = target.seen.at(-1)!;
    expect(sent.authorization).toMatch(/^Bearer /);
    expect(sent.authorization).not.toContain('caller-token');
    const claims = decodeJwt(sent.authorization!.slice(7));
    expect(claims).toMatchObject({
      aud: resources.prometheus,
      appid: proxyClients.query.clientId,
      idtyp: 'app',
    });
    expect(log.lines.join('\n')).toMatch(
      /level=info msg="Successfully sent request, returning response back." .*Request=".*\/api\/v1\/query\?query=up" StatusCode=200/,
    );
  });

  it('refreshes the token at the configured percentage before expiry', async () => {
    const acquired = log.lines.find((line) => line.includes('Token acquired.'))!;
    const lifetimeSeconds = Number(/ExpiresIn=(\d+)/.exec(acquired)![1]);
    // 25%: refresh after 75% of the lifetime.
    expect(timers.delays[0]).toBe(lifetimeSeconds * 1000 * 0.75);
    const first = target.seen.at(-1)?.authorization;
    timers.fire();
    await expect.poll(() => proxy.tokens.fetched).toBe(2);
    await fetch(`${proxy.url}/api/v1/labels`);
    const second = target.seen.at(-1)!.authorization;
    expect(second).not.toBe(first);
    expect(timers.delays[1]).toBe(lifetimeSeconds * 1000 * 0.75);
  });

  it('uses 10% before expiry by default', async () => {
    const localTimers = manualTimers();
    const local = memoryLog();
    const other = await startAuthProxy(config({ TARGET_HOST: target.url }), {
      logger: local.logger,
      timers: localTimers,
    });
    await other.close();
    const lifetimeSeconds = Number(/ExpiresIn=(\d+)/.exec(local.lines.join('\n'))![1]);
    expect(localTimers.delays[0]).toBe(lifetimeSeconds * 1000 * 0.9);
  });

  it('answers /health and /ready itself', async () => {
    expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
    expect((await fetch(`${proxy.url}/ready`)).status).toBe(200);
  });

  it('lets only the configured console origins use it from a browser', async () => {
    const preflight = await fetch(`${proxy.url}/api/v1/query`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const before = target.seen.length;
    const foreign = await fetch(`${proxy.url}/api/v1/query?query=up`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(target.seen.length).toBe(before);
  });
});

describe.skipIf(!prometheusBinaries)(
  'auth proxy: remote write into the workspace, query through the query proxy',
  () => {
    it('lands a remote write sent through the ingestion proxy in Prometheus, queryable with no token', async () => {
      const storage = await startTestStorage();
      const jwksUrl = `${idp.identityProvider.issuer.replace(/\/v2\.0$/, '')}/discovery/v2.0/keys`;
      const workspace = await startWorkspaceStandIn({
        port: 0,
        storageUrl: storage.url,
        verifyToken: createTokenVerifier({
          jwksUrl,
          issuer: idp.identityProvider.issuer,
          audiences: workspaceAudiences,
          caPem: idp.ca,
        }),
      });
      const ingestionLog = memoryLog();
      const ingestion = await startAuthProxy(
        config({
          TARGET_HOST: workspace.url,
          AAD_CLIENT_ID: proxyClients.ingestion.clientId,
          AAD_CLIENT_CERTIFICATE_PATH: proxyCertificates.ingestion.path,
          AUDIENCE: `${resources.monitorIngestion}/.default`,
        }),
        { logger: ingestionLog.logger },
      );
      const query = await startAuthProxy(config({ TARGET_HOST: workspace.url }), {
        logger: memoryLog().logger,
      });
      try {
        const { body, headers } = remoteWriteBody([
          {
            labels: { __name__: 'quarry_proxy_written', job: 'proxy-test' },
            samples: [{ value: 7, timestampMs: Date.now() }],
          },
        ]);
        const write = await fetch(
          `${ingestion.url}/dataCollectionRules/${prometheusWorkspace.dataCollectionRuleId}/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=${prometheusWorkspace.apiVersion}`,
          { method: 'POST', headers, body },
        );
        expect(write.status).toBe(204);
        expect(ingestionLog.lines.join('\n')).toMatch(/Successfully sent request.*StatusCode=204/);
        await queryUntilFound(storage.url, 'quarry_proxy_written');
        const answer = await fetch(`${query.url}/api/v1/query?query=quarry_proxy_written`);
        expect(answer.status).toBe(200);
        const parsed = (await answer.json()) as {
          data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
        };
        expect(parsed.data.result[0]).toMatchObject({
          metric: { job: 'proxy-test' },
          value: [expect.any(Number), '7'],
        });

        // The query proxy's identity may read, not write: the workspace refuses it on the ingestion path.
        const wrongIdentity = await fetch(
          `${query.url}/dataCollectionRules/${prometheusWorkspace.dataCollectionRuleId}/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=${prometheusWorkspace.apiVersion}`,
          { method: 'POST', headers, body },
        );
        expect(wrongIdentity.status).toBe(403);
      } finally {
        await query.close();
        await ingestion.close();
        await workspace.close();
        await storage.close();
      }
    });
  },
);

it('has Prometheus where CI runs', () => {
  requirePrometheusInCi();
});
