import { describe, expect, it } from 'vitest';
import { createInProcessResultEngine } from '../query/query-worker-client';
import {
  fakeFetch,
  jsonResponse,
  textResponse,
  type Answer,
} from '../query/test-support/fake-fetch';
import type { QueryOutcome } from '../query/query-run';
import { createTrustedHostPolicy } from '../trusted-hosts';
import { runPrometheusQuery, type PrometheusQueryRequest } from './prometheus-client';
import { fetchLabelValues, fetchMetricNames } from './prometheus-metadata';
import { prometheusResultParsers } from './prometheus-result-parsers';
import { prometheusFixtureText } from './test-support/prometheus-fixtures';

const WORKSPACE = 'https://myws-abcd.westeurope.prometheus.monitor.azure.com';
const PROXY = 'http://localhost:5185';
const trustedHosts = createTrustedHostPolicy({ extraHosts: [PROXY] });

function recorded(name: string, status = 200): Response {
  return new Response(prometheusFixtureText(name), {
    status,
    headers: { 'content-type': 'application/json', 'x-ms-request-id': 'ws-req-1' },
  });
}

function run(answers: Answer[], overrides: Partial<PrometheusQueryRequest> = {}) {
  const { fetch, calls } = fakeFetch(answers);
  const tokens: boolean[] = [];
  const controller = new AbortController();
  const handle = runPrometheusQuery(
    {
      endpoint: WORKSPACE,
      auth: 'entra',
      text: 'up',
      evaluation: { kind: 'instant' },
      getToken: async ({ forceRefresh }) => {
        tokens.push(forceRefresh);
        return 'user-token';
      },
      signal: controller.signal,
      trustedHosts,
      requestId: 'Quarry.Query;prom-1',
      ...overrides,
    },
    {},
    {
      fetch,
      engine: createInProcessResultEngine(prometheusResultParsers),
      sleep: async () => undefined,
      now: () => 0,
    },
  );
  return { handle, calls, tokens };
}

function failed(outcome: QueryOutcome) {
  if (outcome.status !== 'failed') throw new Error(`expected failed, got ${outcome.status}`);
  return outcome.error;
}

describe('runPrometheusQuery', () => {
  it('sends an instant query to /api/v1/query with the user’s token and reads the series', async () => {
    const { handle, calls, tokens } = run([recorded('instant-up.json')]);
    const outcome = await handle.outcome;
    expect(outcome.status).toBe('succeeded');
    expect(calls[0]!.url).toBe(`${WORKSPACE}/api/v1/query`);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.headers.authorization).toBe('Bearer user-token');
    expect(calls[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(calls[0]!.headers['x-ms-client-request-id']).toBe('Quarry.Query;prom-1');
    expect(calls[0]!.body).toBe('query=up');
    expect(tokens).toEqual([false]);
    const rows = await handle.getRows({ tableId: 0, start: 0, end: 10 });
    expect(rows.rowCount).toBe(1);
  });

  it('sends a range query with start, end and step to /api/v1/query_range and charts it', async () => {
    const { handle, calls } = run([recorded('range-rate.json')], {
      text: 'sum by (handler) (rate(prometheus_http_requests_total[30s]))',
      evaluation: { kind: 'range', start: 1000, end: 4600, step: '15s' },
    });
    const outcome = await handle.outcome;
    if (outcome.status !== 'succeeded') throw new Error(outcome.status);
    expect(calls[0]!.url).toBe(`${WORKSPACE}/api/v1/query_range`);
    const form = new URLSearchParams(String(calls[0]!.body));
    expect([form.get('start'), form.get('end'), form.get('step')]).toEqual(['1000', '4600', '15s']);
    expect(outcome.summary.visualizations[0]?.visualization).toBe('timechart');
  });

  it('through a proxy sends no Authorization header and never asks for a token', async () => {
    const { handle, calls, tokens } = run([recorded('instant-up.json')], {
      endpoint: PROXY,
      auth: 'proxy',
    });
    expect((await handle.outcome).status).toBe('succeeded');
    expect(calls[0]!.url).toBe(`${PROXY}/api/v1/query`);
    expect(Object.keys(calls[0]!.headers)).not.toContain('authorization');
    expect(tokens).toEqual([]);
  });

  it('through a proxy, a 401 is not retried with a renewed token (there is none)', async () => {
    const { handle, calls, tokens } = run(
      [jsonResponse(401, { error: { code: 'InvalidAuthenticationToken', message: 'bad' } })],
      { endpoint: PROXY, auth: 'proxy' },
    );
    const error = failed(await handle.outcome);
    expect(error.kind).toBe('auth');
    expect(error.title).toMatch(/could not authenticate to the workspace/);
    expect(calls.length).toBe(1);
    expect(tokens).toEqual([]);
  });

  it('refuses a proxy that is not a trusted host before sending anything', async () => {
    const { handle, calls } = run([], { endpoint: 'http://localhost:9999', auth: 'proxy' });
    const error = failed(await handle.outcome);
    expect(error.kind).toBe('untrusted-host');
    expect(calls).toEqual([]);
  });

  it('names a proxy that does not answer as not running', async () => {
    const { handle } = run([new TypeError('Failed to fetch')], { endpoint: PROXY, auth: 'proxy' });
    const error = failed(await handle.outcome);
    expect(error.kind).toBe('network');
    expect(error.title).toBe('The auth proxy at localhost:5185 is not running');
    expect(error.requestId).toBe('Quarry.Query;prom-1');
  });

  it('names a proxy whose /ready probe fails as not ready', async () => {
    const { handle, calls } = run(
      [textResponse(502, 'Bad Gateway'), textResponse(503, 'not ready: no token')],
      { endpoint: PROXY, auth: 'proxy' },
    );
    const error = failed(await handle.outcome);
    expect(error.title).toBe('The auth proxy at localhost:5185 is not ready');
    expect(error.cause).toMatch(/HTTP 503 \(not ready: no token\)/);
    expect(calls[1]!.url).toBe(`${PROXY}/ready`);
    expect(Object.keys(calls[1]!.headers)).not.toContain('authorization');
  });

  it('reads a recorded bad_data parse error with its position and the request id', async () => {
    const { handle } = run([recorded('error-bad-data-syntax.json', 400)], {
      text: 'sum(rate(up[5m])) by',
    });
    const error = failed(await handle.outcome);
    expect(error).toMatchObject({
      kind: 'query-syntax',
      position: { line: 1, column: 21 },
      code: 'bad_data',
      requestId: 'Quarry.Query;prom-1',
      activityId: 'ws-req-1',
    });
    expect(error.cause).toBe(
      '1:21: parse error: unexpected end of input in grouping opts, expected "("',
    );
  });
});

describe('Prometheus metadata', () => {
  it('reads metric names and a metric’s label values from the endpoint', async () => {
    const { fetch, calls } = fakeFetch([
      recorded('metric-names.json'),
      recorded('label-values-job.json'),
    ]);
    const target = {
      endpoint: PROXY,
      auth: 'proxy' as const,
      getToken: async () => 'never',
      signal: new AbortController().signal,
      trustedHosts,
    };
    const names = await fetchMetricNames(target, { deps: { fetch } });
    expect(names).toContain('up');
    expect(calls[0]!.url).toBe(`${PROXY}/api/v1/label/__name__/values`);
    expect(calls[0]!.method).toBe('GET');
    const jobs = await fetchLabelValues(target, 'job', { metric: 'up', deps: { fetch } });
    expect(jobs).toEqual(['prometheus']);
    expect(decodeURIComponent(calls[1]!.url)).toBe(
      `${PROXY}/api/v1/label/job/values?match[]={__name__="up"}`,
    );
    expect(calls.every((c) => !('authorization' in c.headers))).toBe(true);
  });
});
