/**
 * The fault matrix, network half: Quarry's own Kusto client (src/lib/kusto) against the real
 * Kusto stand-in over loopback HTTP, with the faults made at the HTTP layer (README, "Fault
 * matrix"). Each case asserts what the user is left with: the rows that arrived, and a message
 * that says what happened with the request id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runKustoQuery } from '../../src/lib/kusto/kusto-client';
import type { QueryOutcome } from '../../src/lib/query/query-run';
import type { ResultEngine } from '../../src/lib/query/query-worker-client';
import { createInProcessResultEngine } from '../../src/lib/sources/result-engine';
import { createTrustedHostPolicy } from '../../src/lib/trusted-hosts';
import {
  startStandInFixture,
  type StandInFixture,
} from '../kusto-standin/kusto-standin-test-fixture.ts';

let fixture: StandInFixture;
beforeAll(async () => {
  fixture = await startStandInFixture();
});
afterAll(() => fixture?.close());
beforeEach(() => fixture.standIn.controls.reset());
/** The variant's engine: the page fetches (fallback), or the parse worker's protocol does. */
let engine: ResultEngine;

function query(url: string, text: string, requestId: string): Promise<QueryOutcome> {
  return runKustoQuery(
    {
      clusterUrl: url,
      database: 'Samples',
      text,
      requestId,
      getToken: () => fixture.userToken('viewer@contoso.com'),
      signal: new AbortController().signal,
      trustedHosts: createTrustedHostPolicy({ extraHosts: [url] }),
    },
    {},
    { engine, sleep: async () => {} },
  ).outcome;
}

function failed(outcome: QueryOutcome) {
  expect(outcome.status).toBe('failed');
  return outcome as Extract<QueryOutcome, { status: 'failed' }>;
}

const primaryRows = (outcome: {
  summary: { tables: { kind?: string; rowCount: number }[] } | null;
}) => Math.max(0, ...(outcome.summary?.tables.map((table) => table.rowCount) ?? []));

describe.each([
  { via: 'the page', workerFetch: false },
  { via: 'the parse worker', workerFetch: true },
])(
  'fault matrix ($via fetches): the Kusto stand-in misbehaving at the HTTP layer',
  ({ workerFetch }) => {
    beforeAll(() => {
      engine = createInProcessResultEngine(undefined, { workerFetch });
    });
    it('network cut mid-stream: the rows so far are kept, the message names the drop and the request id', async () => {
      const whole = await query(fixture.url, 'StormEvents | take 5000', 'Fault;whole');
      expect(whole.status).toBe('succeeded');
      fixture.standIn.controls.cutNext(200_000);
      const outcome = failed(await query(fixture.url, 'StormEvents | take 5000', 'Fault;cut'));
      expect(outcome.error.kind).toBe('network');
      expect(outcome.error.title).toMatch(/dropped while results were arriving/);
      expect(outcome.error.requestId).toBe('Fault;cut');
      const kept = primaryRows(outcome);
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(5000);
    });

    it('a truncated body (the server ends it early): rows so far kept, a clear bad-response', async () => {
      const proxy = await startProxy(fixture.url, (body) => body.subarray(0, 150_000));
      try {
        const outcome = failed(await query(proxy.url, 'StormEvents | take 5000', 'Fault;short'));
        expect(outcome.error).toMatchObject({
          kind: 'bad-response',
          title: 'The response could not be read',
        });
        expect(outcome.error.requestId).toBe('Fault;short');
        expect(primaryRows(outcome)).toBeGreaterThan(0);
      } finally {
        await proxy.close();
      }
    });

    it('a 500 with an HTML body: an http error with the status, the HTML shown as text only', async () => {
      const proxy = await startProxy(fixture.url, null, {
        status: 500,
        body: '<html><body><h1>Internal Server Error</h1><script>alert(1)</script></body></html>',
      });
      try {
        const outcome = failed(await query(proxy.url, 'StormEvents | count', 'Fault;html'));
        expect(outcome.error).toMatchObject({ httpStatus: 500, requestId: 'Fault;html' });
        expect(outcome.error.title).not.toContain('<');
        expect(outcome.summary).toBeNull();
      } finally {
        await proxy.close();
      }
    });

    it('stand-in restarted mid-query: a network failure with the request id, and the next run works', async () => {
      const restartable = await startProxy(fixture.url, null);
      fixture.standIn.controls.delayNext(10_000);
      // The other variant's query (same id) may still be running in the stand-in: its delay is
      // not cut by the restart. Wait for this run's own query.
      const running = () =>
        fixture.standIn.controls
          .runningQueries()
          .filter((q) => q.clientRequestId === 'Fault;restart');
      const stale = running();
      const pending = query(restartable.url, 'StormEvents | count', 'Fault;restart');
      await waitFor(() => running().some((q) => !stale.includes(q)));
      await restartable.restart();
      const outcome = failed(await pending);
      expect(outcome.error.kind).toBe('network');
      expect(outcome.error.requestId).toBe('Fault;restart');
      fixture.standIn.controls.reset();
      const again = await query(restartable.url, 'StormEvents | count', 'Fault;after-restart');
      expect(again.status).toBe('succeeded');
      await restartable.close();
    });
  },
);

/**
 * A loopback HTTP hop in front of the stand-in that can rewrite the answer: cut the body short
 * (`rewrite`), or answer with a canned status and body instead. `restart()` drops every
 * connection and listens again on the same port, as a restarted service does.
 */
async function startProxy(
  target: string,
  rewrite: ((body: Buffer) => Buffer) | null,
  canned?: { status: number; body: string },
) {
  const handler: http.RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (canned) {
        response.writeHead(canned.status, { 'content-type': 'text/html' });
        response.end(canned.body);
        return;
      }
      const upstream = http.request(
        `${target}${request.url ?? '/'}`,
        { method: request.method, headers: { ...request.headers, host: new URL(target).host } },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const whole = Buffer.concat(body);
            const sent = rewrite ? rewrite(whole) : whole;
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            headers['content-length'] = String(sent.length);
            response.writeHead(answer.statusCode ?? 502, headers);
            response.end(sent);
          });
          answer.on('error', () => response.destroy());
        },
      );
      upstream.on('error', () => response.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  };
  let server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://localhost:${port}`,
    close,
    restart: async () => {
      await close();
      server = http.createServer(handler);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
