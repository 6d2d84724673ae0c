import { describe, expect, it } from 'vitest';
import { ParseWorkerCore } from '../query/parse-worker-core';
import type { ParseWorkerRequest, ParseWorkerResponse } from '../query/parse-worker-protocol';
import { PortResultEngine, type EnginePort, type ResultEngine } from '../query/query-worker-client';
import type { QueryOutcome } from '../query/query-run';
import {
  chunkedBody,
  fakeFetch,
  jsonResponse,
  stallingBody,
  streamResponse,
  textResponse,
  type Answer,
} from '../query/test-support/fake-fetch';
import { runKustoQuery } from '../kusto/kusto-client';
import { fixture, v2Fixtures } from '../kusto/test-support/fixtures';
import { createTrustedHostPolicy } from '../trusted-hosts';
import { createInProcessResultEngine } from './result-engine';
import { resultParsers } from './result-parsers';

/**
 * Fetch in the worker: the page builds the request (trusted host, token, headers, retries,
 * classification) and the worker sends it. Each scenario runs twice, once with the page's fetch
 * (today's fallback, no worker) and once through the worker protocol over a fake port, and both
 * must end the same.
 */

const CLUSTER = 'https://help.kusto.windows.net';
const TOKEN = 'secret-token-1';
const trustedHosts = createTrustedHostPolicy({ extraHosts: [] });

interface Wire {
  toWorker: ParseWorkerRequest[];
  toPage: ParseWorkerResponse[];
}

/** A worker engine whose worker runs here (asynchronously, like a Worker) with `workerFetch`. */
function workerEngine(workerFetch: typeof fetch): { engine: ResultEngine; wire: Wire } {
  const wire: Wire = { toWorker: [], toPage: [] };
  const listeners: ((event: { data: ParseWorkerResponse }) => void)[] = [];
  const core = new ParseWorkerCore(
    (data) => {
      wire.toPage.push(data);
      queueMicrotask(() => listeners.forEach((l) => l({ data })));
    },
    resultParsers,
    { fetch: workerFetch },
  );
  const port: EnginePort = {
    postMessage: (message) => {
      wire.toWorker.push(message);
      queueMicrotask(() => core.handle(message));
    },
    addEventListener: (type: 'message' | 'error', listener: never) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  return { engine: new PortResultEngine(port, { transferStreams: true, workerFetch: true }), wire };
}

function query(
  engine: ResultEngine,
  pageFetch: typeof fetch | undefined,
  controller = new AbortController(),
) {
  return runKustoQuery(
    {
      clusterUrl: CLUSTER,
      database: 'Samples',
      text: 'StormEvents | take 10',
      getToken: async () => TOKEN,
      signal: controller.signal,
      requestId: 'Quarry.Query;test-1',
      trustedHosts,
    },
    {},
    {
      ...(pageFetch ? { fetch: pageFetch } : {}),
      engine,
      sleep: async () => undefined,
      now: () => Date.parse('2024-01-01T00:00:00Z'),
      randomUUID: () => '00000000-0000-4000-8000-000000000000',
    },
  );
}

/** Outcome without what differs between runs by design (the clock is fixed already). */
function comparable(outcome: QueryOutcome): unknown {
  return JSON.parse(JSON.stringify(outcome)) as unknown;
}

/** Runs `answers()` through the page's fetch and through the worker's; returns both. */
async function both(answers: () => Answer[]) {
  const page = fakeFetch(answers());
  const viaPage = await query(createInProcessResultEngine(), page.fetch).outcome;
  const worker = fakeFetch(answers());
  const { engine, wire } = workerEngine(worker.fetch);
  const viaWorker = await query(engine, undefined).outcome;
  return { viaPage, viaWorker, pageCalls: page.calls, workerCalls: worker.calls, wire };
}

const v2 = () => fixture(v2Fixtures, 'node-v2.json');

describe('fetch in the parse worker', () => {
  it('sends the request the page built and parses the body in the worker, never on the page', async () => {
    const { viaPage, viaWorker, pageCalls, workerCalls, wire } = await both(() => [
      streamResponse(chunkedBody(v2(), 256), { 'x-ms-activity-id': 'act-1' }),
    ]);
    expect(viaWorker.status).toBe('succeeded');
    expect(comparable(viaWorker)).toEqual(comparable(viaPage));
    expect(workerCalls).toHaveLength(1);
    const [sent] = workerCalls;
    expect(sent).toMatchObject({
      url: pageCalls[0]?.url,
      method: 'POST',
      headers: pageCalls[0]?.headers,
      body: pageCalls[0]?.body,
      redirect: 'manual',
      credentials: 'omit',
    });
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const opened = wire.toWorker.find((m) => m.type === 'open');
    expect(opened).toMatchObject({ type: 'open', body: null, fetchId: 1 });
    // The body went from the worker's fetch into its parser: no bytes crossed either way.
    expect(wire.toWorker.some((m) => m.type === 'chunk' || m.type === 'readFetched')).toBe(false);
    expect(wire.toPage.some((m) => m.type === 'fetchChunk')).toBe(false);
  });

  it('never posts the token back to the page', async () => {
    const { wire } = await both(() => [
      textResponse(401, `{"error":{"message":"bad token ${'x'.repeat(3)}"}}`),
      streamResponse(chunkedBody(v2(), 4096)),
    ]);
    expect(JSON.stringify(wire.toPage)).not.toContain(TOKEN);
    // The only message carrying it is the request itself, inside its headers.
    const carrying = wire.toWorker.filter((m) => JSON.stringify(m).includes(TOKEN));
    expect(carrying.every((m) => m.type === 'fetch')).toBe(true);
    for (const m of carrying) {
      if (m.type !== 'fetch') continue;
      expect(m.request.url).not.toContain(TOKEN);
      expect(m.request.body ?? '').not.toContain(TOKEN);
    }
  });

  it('reads an error answer back to the page and classifies it the same way', async () => {
    const error = {
      error: { code: 'General_BadRequest', message: 'Syntax error', '@type': 'Kusto.Data' },
    };
    const { viaPage, viaWorker, wire } = await both(() => [
      jsonResponse(400, error, { 'x-ms-activity-id': 'act-400' }),
    ]);
    expect(viaWorker.status).toBe('failed');
    expect(comparable(viaWorker)).toEqual(comparable(viaPage));
    expect(wire.toWorker.map((m) => m.type)).toContain('readFetched');
  });

  it('retries a throttled answer through the worker, dropping the first body', async () => {
    const { viaPage, viaWorker, workerCalls, wire } = await both(() => [
      textResponse(429, 'slow down', { 'retry-after': '1' }),
      streamResponse(chunkedBody(v2(), 4096)),
    ]);
    expect(viaWorker.status).toBe('succeeded');
    expect(comparable(viaWorker)).toEqual(comparable(viaPage));
    expect(workerCalls).toHaveLength(2);
    expect(wire.toWorker.map((m) => m.type)).toContain('cancelFetched');
  });

  it('keeps the classification of a network failure before any answer', async () => {
    const { viaPage, viaWorker } = await both(() => [new TypeError('Failed to fetch')]);
    expect(viaWorker.status).toBe('failed');
    if (viaWorker.status === 'failed') expect(viaWorker.error.kind).toBe('network');
    expect(comparable(viaWorker)).toEqual(comparable(viaPage));
  });

  it('keeps the classification of a connection dropped mid-body, with the rows so far', async () => {
    const { viaPage, viaWorker } = await both(() => [
      streamResponse(chunkedBody(v2(), 1000, new TypeError('network error'), 3000)),
    ]);
    expect(viaWorker.status).toBe('failed');
    if (viaWorker.status === 'failed') expect(viaWorker.error.kind).toBe('network');
    expect(comparable(viaWorker)).toEqual(comparable(viaPage));
  });

  it('aborts the worker fetch when the run is cancelled while the body streams', async () => {
    const bytes = v2();
    const first = bytes.slice(0, 2000);
    const worker = fakeFetch([(call) => streamResponse(stallingBody(first, call.signal))]);
    const { engine, wire } = workerEngine(worker.fetch);
    const controller = new AbortController();
    const handle = query(engine, undefined, controller);
    // Wait until the worker parses the body, then cancel.
    await new Promise<void>((resolve) => {
      const check = () =>
        wire.toWorker.some((m) => m.type === 'open') ? resolve() : setTimeout(check, 1);
      check();
    });
    controller.abort();
    const outcome = await handle.outcome;
    expect(outcome.status).toBe('cancelled');
    expect(worker.calls[0]?.signal?.aborted).toBe(true);
    expect(wire.toWorker.map((m) => m.type)).toContain('abortFetch');
  });

  it('aborts the worker fetch when the run is cancelled before the answer', async () => {
    const worker = fakeFetch([
      (call) =>
        new Promise<Response>((_, reject) =>
          call.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        ),
    ]);
    const { engine } = workerEngine(worker.fetch);
    const controller = new AbortController();
    const handle = query(engine, undefined, controller);
    await new Promise<void>((resolve) => {
      const check = () => (worker.calls.length > 0 ? resolve() : setTimeout(check, 1));
      check();
    });
    controller.abort();
    const outcome = await handle.outcome;
    expect(outcome.status).toBe('cancelled');
    expect(worker.calls[0]?.signal?.aborted).toBe(true);
  });

  it('refuses an untrusted host on the page: the worker is never asked', async () => {
    const worker = fakeFetch([]);
    const { engine, wire } = workerEngine(worker.fetch);
    const outcome = await runKustoQuery(
      {
        clusterUrl: 'https://evil.example.com',
        database: 'Samples',
        text: 'T',
        getToken: async () => TOKEN,
        signal: new AbortController().signal,
        trustedHosts,
      },
      {},
      { engine },
    ).outcome;
    expect(outcome.status).toBe('failed');
    expect(worker.calls).toHaveLength(0);
    expect(wire.toWorker.some((m) => m.type === 'fetch')).toBe(false);
  });
});
