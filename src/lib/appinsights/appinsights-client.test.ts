import { describe, expect, it } from 'vitest';
import { createInProcessResultEngine } from '../query/query-worker-client';
import {
  fakeFetch,
  jsonResponse,
  stallingBody,
  streamResponse,
  type Answer,
} from '../query/test-support/fake-fetch';
import { createTrustedHostPolicy } from '../trusted-hosts';
import type { QueryOutcome } from '../query/query-run';
import { runAppInsightsQuery, type AppInsightsQueryRequest } from './appinsights-client';
import { fetchAppInsightsSchema, metadataToShowSchemaJson } from './appinsights-schema';
import { appInsightsFixture } from './test-support/appinsights-fixtures';
import { appInsightsResultParsers } from './appinsights-result-parsers';

const ENDPOINT = 'https://api.applicationinsights.io';
const trustedHosts = createTrustedHostPolicy({ extraHosts: ['http://localhost:5182'] });
const typesFixture = appInsightsFixture('js-monitor-query-recording_query_with_types.json');

function ok(body: unknown = typesFixture.responseBody): Response {
  return jsonResponse(200, body, { 'x-ms-request-id': 'service-req-1' });
}

function run(answers: Answer[], overrides: Partial<AppInsightsQueryRequest> = {}) {
  const { fetch, calls } = fakeFetch(answers);
  const tokens: boolean[] = [];
  const sleeps: number[] = [];
  const controller = new AbortController();
  const handle = runAppInsightsQuery(
    {
      endpoint: ENDPOINT,
      appId: 'DEMO_APP',
      text: 'requests | take 10',
      timespan: 'PT1H',
      getToken: async ({ forceRefresh }) => {
        tokens.push(forceRefresh);
        return forceRefresh ? 'token-2' : 'token-1';
      },
      signal: controller.signal,
      trustedHosts,
      requestId: 'Quarry.Query;test-1',
      ...overrides,
    },
    {},
    {
      fetch,
      engine: createInProcessResultEngine(appInsightsResultParsers),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      now: () => 0,
    },
  );
  return { handle, calls, tokens, sleeps, controller };
}

function expectStatus<S extends QueryOutcome['status']>(
  outcome: QueryOutcome,
  status: S,
): Extract<QueryOutcome, { status: S }> {
  expect(outcome.status).toBe(status);
  return outcome as Extract<QueryOutcome, { status: S }>;
}

describe('runAppInsightsQuery', () => {
  it('POSTs {query, timespan} with the documented headers and returns the rows', async () => {
    const { handle, calls } = run([ok()]);
    const outcome = expectStatus(await handle.outcome, 'succeeded');
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.url).toBe('https://api.applicationinsights.io/v1/apps/DEMO_APP/query');
    expect(call.method).toBe('POST');
    expect(call.body).toEqual({ query: 'requests | take 10', timespan: 'PT1H' });
    expect(call.headers).toMatchObject({
      authorization: 'Bearer token-1',
      'content-type': 'application/json',
      accept: 'application/json',
      'x-ms-client-request-id': 'Quarry.Query;test-1',
      'x-ms-app': 'Quarry',
      prefer: 'include-render=true, include-statistics=true',
    });
    expect(call.redirect).toBe('manual');
    expect(call.credentials).toBe('omit');
    expect(outcome.activityId).toBe('service-req-1');
    expect(outcome.summary.source).toBe('appinsights');
    expect(outcome.summary.primaryTableIds).toEqual([0]);
    const rows = await handle.getRows({ tableId: 0, start: 0, end: 10 });
    expect(rows.rowCount).toBe(1);
    expect(handle.kind).toBe('query');
  });

  it('omits timespan when null; workspace kind uses /v1/workspaces', async () => {
    const { handle, calls } = run([ok()], { timespan: null, kind: 'workspace', appId: 'ws 1' });
    await handle.outcome;
    expect(calls[0]!.body).toEqual({ query: 'requests | take 10' });
    expect(calls[0]!.url).toBe('https://api.applicationinsights.io/v1/workspaces/ws%201/query');
  });

  it('PartialError: succeeded with the rows and a partial issue', async () => {
    const partial = appInsightsFixture('go-azquery-TestQueryWorkspace_PartialError.json');
    const { handle } = run([ok(partial.responseBody)]);
    const outcome = expectStatus(await handle.outcome, 'succeeded');
    expect(outcome.summary.tables[0]!.rowCount).toBe(1);
    expect(outcome.issues.map((i) => i.kind)).toEqual(['partial']);
  });

  it('401 renews the token once and retries; a second 401 is an auth error', async () => {
    const unauthorized = () =>
      jsonResponse(401, { error: { code: 'AuthorizationRequiredError', message: 'nope' } });
    const renewed = run([unauthorized(), ok()]);
    expectStatus(await renewed.handle.outcome, 'succeeded');
    expect(renewed.tokens).toEqual([false, true]);
    expect(renewed.calls[1]!.headers.authorization).toBe('Bearer token-2');

    const twice = run([unauthorized(), unauthorized()]);
    const failed = expectStatus(await twice.handle.outcome, 'failed');
    expect(failed.error.kind).toBe('auth');
    expect(twice.calls).toHaveLength(2);
  });

  it('429 retries after Retry-After, then succeeds', async () => {
    const { handle, calls, sleeps } = run([
      jsonResponse(
        429,
        { error: { code: 'ThrottledError', message: 'slow down' } },
        {
          'retry-after': '2',
        },
      ),
      ok(),
    ]);
    expectStatus(await handle.outcome, 'succeeded');
    expect(sleeps).toEqual([2000]);
    expect(calls).toHaveLength(2);
  });

  it('the recorded 400 bad query → failed query-syntax with position and correlation id', async () => {
    const bad = appInsightsFixture('js-monitor-query-recording_querylogs_bad_query.json');
    const { handle } = run([jsonResponse(400, bad.responseBody)]);
    const failed = expectStatus(await handle.outcome, 'failed');
    expect(failed.error).toMatchObject({
      kind: 'query-syntax',
      position: { line: 1, column: 12 },
      activityId: 'a4016d26-2c78-4700-9705-2488ddad97da',
      requestId: 'Quarry.Query;test-1',
    });
  });

  it('abort while the body streams → cancelled at once', async () => {
    const { handle, controller } = run([
      (call) => streamResponse(stallingBody(new TextEncoder().encode('{"tables":['), call.signal)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const outcome = await handle.outcome;
    expect(outcome.status).toBe('cancelled');
  });

  it('refuses an untrusted endpoint before asking for a token', async () => {
    const { handle, calls, tokens } = run([], { endpoint: 'https://evil.example.com' });
    const failed = expectStatus(await handle.outcome, 'failed');
    expect(failed.error.kind).toBe('untrusted-host');
    expect(calls).toHaveLength(0);
    expect(tokens).toHaveLength(0);
  });

  it('a network failure → network error', async () => {
    const { handle } = run([new TypeError('Failed to fetch')]);
    const failed = expectStatus(await handle.outcome, 'failed');
    expect(failed.error.kind).toBe('network');
  });

  it('204 (no data) → succeeded with no tables', async () => {
    const { handle } = run([new Response(null, { status: 204 })]);
    const outcome = expectStatus(await handle.outcome, 'succeeded');
    expect(outcome.summary.tables).toEqual([]);
  });
});

describe('fetchAppInsightsSchema', () => {
  const metadata = {
    tables: [
      {
        id: 't/requests',
        name: 'requests',
        timespanColumn: 'timestamp',
        columns: [
          { name: 'timestamp', type: 'datetime' },
          { name: 'duration', type: 'real', isPreferredFacet: true },
          { name: 'customDimensions', type: 'dynamic' },
        ],
      },
    ],
    tableGroups: [],
    applications: [],
  };

  it('GETs /metadata and returns tables with a show-schema document keyed by the app id', async () => {
    const { fetch, calls } = fakeFetch([jsonResponse(200, metadata)]);
    const schema = await fetchAppInsightsSchema(
      {
        endpoint: 'http://localhost:5182',
        appId: 'DEMO_APP',
        getToken: async () => 'token-1',
        signal: new AbortController().signal,
        trustedHosts,
      },
      { fetch, randomUUID: () => 'u1' },
    );
    expect(calls[0]!.url).toBe('http://localhost:5182/v1/apps/DEMO_APP/metadata');
    expect(calls[0]!.method).toBe('GET');
    expect(schema.name).toBe('DEMO_APP');
    expect(schema.tables[0]!.columns.map((c) => [c.name, c.cslType])).toEqual([
      ['timestamp', 'datetime'],
      ['duration', 'real'],
      ['customDimensions', 'dynamic'],
    ]);
    const doc = JSON.parse(schema.showSchemaJson) as {
      Databases: Record<string, { Tables: Record<string, { OrderedColumns: unknown[] }> }>;
    };
    expect(doc.Databases.DEMO_APP!.Tables.requests!.OrderedColumns).toHaveLength(3);
  });

  it('a 404 becomes a QueryFailure with not-found', async () => {
    const { fetch } = fakeFetch([
      jsonResponse(404, { error: { code: 'PathNotFoundError', message: 'no app' } }),
    ]);
    await expect(
      fetchAppInsightsSchema(
        {
          endpoint: ENDPOINT,
          appId: 'NOPE',
          getToken: async () => 't',
          signal: new AbortController().signal,
          trustedHosts,
        },
        { fetch },
      ),
    ).rejects.toMatchObject({ error: { kind: 'not-found' } });
  });

  it('metadataToShowSchemaJson maps Log Analytics functions too', () => {
    const json = metadataToShowSchemaJson(
      { tables: [], functions: [{ name: 'f', body: 'T | take 1' }] },
      'ws',
    );
    expect(JSON.parse(json)).toMatchObject({
      Databases: { ws: { Functions: { f: { Name: 'f', Body: 'T | take 1' } } } },
    });
  });
});
