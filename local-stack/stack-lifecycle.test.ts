/**
 * The whole local stack as `npm start` and Playwright run it (local-stack/start.ts), on free
 * ports so it never meets a stack on the fixed ones, with QUARRY_PROMETHEUS_BIN pointing where
 * no Prometheus is:
 * - it says in one line how to install Prometheus, and everything else still serves: the
 *   identity provider, the Kusto stand-in, the workspace (503 with that line) and the query
 *   proxy; the console's own client turns the 503 into what happened, why, and what to do;
 * - started under a throwaway parent that owns it (as playwright.config.ts owns it), it stops
 *   when that parent is SIGKILLed, freeing every port it held.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrometheusQuery } from '../src/lib/prometheus';
import { createInProcessResultEngine } from '../src/lib/sources/result-engine';
import { createTrustedHostPolicy } from '../src/lib/trusted-hosts';
import { tenant } from './local-constants.ts';
import { freePort } from './prometheus-server/prometheus-test-support.ts';
import { ensureLocalCertificate } from './tls/local-certificate.ts';

const root = path.resolve(import.meta.dirname, '..');
const missingBinary = path.join(root, '.local-stack', 'no-such-dir', 'prometheus');

const portVariables = [
  'QUARRY_IDP_PORT',
  'QUARRY_KUSTO_PORT',
  'QUARRY_APPINSIGHTS_PORT',
  'QUARRY_APPINSIGHTS_TLS_PORT',
  'QUARRY_PROMETHEUS_PORT',
  'QUARRY_PROMETHEUS_QUERY_PROXY_PORT',
  'QUARRY_PROMETHEUS_INGESTION_PROXY_PORT',
  'QUARRY_PROMETHEUS_STORAGE_PORT',
  'QUARRY_PROMETHEUS_AGENT_PORT',
] as const;
type PortVariable = (typeof portVariables)[number];

let ports: Record<PortVariable, number>;
let parent: ChildProcess;
let output = '';

/** Resolves when something accepts connections on the port, false when nothing does. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A GET over https trusting the local certificate (Node's fetch cannot be given a CA). */
function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}. Stack output:\n${output}`);
}

beforeAll(async () => {
  const chosen: Partial<Record<PortVariable, number>> = {};
  for (const name of portVariables) chosen[name] = await freePort();
  ports = chosen as Record<PortVariable, number>;
  // The throwaway parent: like Playwright's runner, it names itself the stack's owner and runs
  // the stack through a shell and npx; its stdout is the stack's (inherited), read here.
  const script = `
    const { spawn } = require('node:child_process');
    spawn('npx tsx local-stack/start.ts --console=none', {
      shell: true,
      stdio: 'inherit',
      env: { ...process.env, QUARRY_STACK_OWNER_PID: String(process.pid) },
    });
    setInterval(() => {}, 60_000);
  `;
  parent = spawn(process.execPath, ['-e', script], {
    cwd: root,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
      QUARRY_PROMETHEUS_BIN: missingBinary,
      // This stack's admin token, so a stack on the fixed ports keeps its own file's.
      QUARRY_ADMIN_TOKEN: 'stack-lifecycle-test-token',
      QUARRY_STACK_OWNER_PID: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  parent.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  parent.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    () => output.includes('Quarry local stack is running.'),
    'the stack to start',
    90_000,
  );
}, 120_000);

afterAll(async () => {
  // Only if a test failed before the kill below: end what this test started.
  if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
  await waitFor(
    async () => !(await Promise.all(Object.values(ports).map(listening))).some(Boolean),
    'the ports to be freed (cleanup)',
    60_000,
  ).catch(() => undefined);
});

describe('the local stack without Prometheus', () => {
  it('says in one line how to install Prometheus', () => {
    const lines = output.split('\n').filter((line) => line.includes('apt-get install'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`QUARRY_PROMETHEUS_BIN=${missingBinary}`);
    expect(lines[0]).toContain('`sudo apt-get install -y prometheus`');
  });

  it('still serves the identity provider and the Kusto stand-in', async () => {
    const { certPem } = await ensureLocalCertificate();
    const discovery = await httpsGet(
      `https://localhost:${ports.QUARRY_IDP_PORT}/${tenant.id}/v2.0/.well-known/openid-configuration`,
      certPem,
    );
    expect(discovery.status).toBe(200);
    expect(JSON.parse(discovery.body)).toMatchObject({
      issuer: expect.stringContaining(tenant.id),
    });
    const kusto = await fetch(`http://localhost:${ports.QUARRY_KUSTO_PORT}/v1/rest/mgmt`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ db: 'Samples', csl: '.show version' }),
    });
    // Without a token the stand-in answers, and refuses: it is up and checking tokens.
    expect(kusto.status).toBe(401);
  });

  it('the workspace answers 503 with the same line, and the console says what to do', async () => {
    const direct = await fetch(`http://localhost:${ports.QUARRY_PROMETHEUS_PORT}/api/v1/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'query=up',
    });
    // The token check comes first: without one, 401.
    expect(direct.status).toBe(401);

    const proxyUrl = `http://localhost:${ports.QUARRY_PROMETHEUS_QUERY_PROXY_PORT}`;
    const raw = await fetch(`${proxyUrl}/api/v1/query?query=up`);
    expect(raw.status).toBe(503);
    expect(await raw.text()).toContain('`sudo apt-get install -y prometheus`');

    // The console's Prometheus client, as a proxy connection uses it (no token).
    const outcome = await runPrometheusQuery(
      {
        endpoint: proxyUrl,
        auth: 'proxy',
        text: 'up',
        evaluation: { kind: 'instant' },
        getToken: () => Promise.reject(new Error('no token through a proxy')),
        signal: new AbortController().signal,
        trustedHosts: createTrustedHostPolicy({ extraHosts: [proxyUrl] }),
      },
      {},
      { engine: createInProcessResultEngine(), sleep: () => Promise.resolve() },
    ).outcome;
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.title).toMatch(/workspace behind the auth proxy .* cannot answer queries/);
    expect(outcome.error.title).not.toMatch(/proxy .* is not (ready|running)/);
    expect(outcome.error.cause).toContain('Prometheus was not found');
    expect(outcome.error.cause).toContain('`sudo apt-get install -y prometheus`');
    expect(outcome.error.fix).toMatch(/start the stack again/);
    expect(outcome.error.requestId).toBeTruthy();
  });
});

describe('the local stack when its parent is killed', () => {
  it('stops and frees every port it held', async () => {
    const held = portVariables.filter(
      (name) => !name.endsWith('STORAGE_PORT') && !name.endsWith('AGENT_PORT'),
    );
    for (const name of held) expect(await listening(ports[name]), name).toBe(true);
    parent.kill('SIGKILL');
    await waitFor(
      async () => !(await Promise.all(held.map((name) => listening(ports[name])))).some(Boolean),
      'every port to be freed after the parent was killed',
      60_000,
    );
    expect(output).toMatch(
      /The local stack is stopping: the process that started it \(\d+\) ended/,
    );
  }, 90_000);
});
