import { describe, expect, it } from 'vitest';
import { NotSignedInError } from '../auth/token-errors';
import { createTrustedHostPolicy } from '../trusted-hosts';
import { clientVersionHeader, isManagementCommand, kustoEndpoint } from './kusto-http';
import type { QueryOutcome } from '../query/query-run';
import { runKustoQuery, type KustoQueryRequest } from './kusto-client';
import { kustoResultParsers } from './kusto-result-parsers';
import { createInProcessResultEngine } from '../query/query-worker-client';
import {
  chunkedBody,
  fakeFetch,
  jsonResponse,
  stallingBody,
  streamResponse,
  textResponse,
  type Answer,
} from '../query/test-support/fake-fetch';
import { fixture, v1Fixtures, v2Fixtures } from './test-support/fixtures';

const CLUSTER = 'https://help.kusto.windows.net';
const trustedHosts = createTrustedHostPolicy({ extraHosts: ['http://localhost:5181'] });
const encoder = new TextEncoder();

interface Harness {
  outcome: Promise<QueryOutcome>;
  calls: ReturnType<typeof fakeFetch>['calls'];
  tokens: boolean[];
  sleeps: number[];
  handle: ReturnType<typeof runKustoQuery>;
  controller: AbortController;
}

function run(
  answers: Answer[],
  overrides: Partial<KustoQueryRequest> = {},
  options: {
    sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
    getToken?: KustoQueryRequest['getToken'];
  } = {},
): Harness {
  const { fetch, calls } = fakeFetch(answers);
  const tokens: boolean[] = [];
  const sleeps: number[] = [];
  const controller = new AbortController();
  const handle = runKustoQuery(
    {
      clusterUrl: CLUSTER,
      database: 'Samples',
      text: 'StormEvents | take 10',
      getToken:
        options.getToken ??
        (async ({ forceRefresh }) => {
          tokens.push(forceRefresh);
          return forceRefresh ? 'token-2' : 'token-1';
        }),
      signal: controller.signal,
      requestId: 'Quarry.Query;test-1',
      trustedHosts,
      ...overrides,
    },
    {},
    {
      fetch,
      engine: createInProcessResultEngine(kustoResultParsers),
      sleep:
        options.sleep ??
        (async (ms) => {
          sleeps.push(ms);
        }),
      now: () => Date.parse('2024-01-01T00:00:00Z'),
      randomUUID: () => '00000000-0000-4000-8000-000000000000',
    },
  );
  return { outcome: handle.outcome, calls, tokens, sleeps, handle, controller };
}

function okBody(name = 'node-v2.json', size = 64): Response {
  return streamResponse(chunkedBody(fixture(v2Fixtures, name), size), {
    'x-ms-activity-id': 'act-1',
  });
}

function expectStatus<S extends QueryOutcome['status']>(
  outcome: QueryOutcome,
  status: S,
): Extract<QueryOutcome, { status: S }> {
  expect(outcome.status).toBe(status);
  return outcome as Extract<QueryOutcome, { status: S }>;
}

describe('runKustoQuery: the request', () => {
  it('POSTs a query to /v2/rest/query with the documented headers and body', async () => {
    const h = run([okBody()], {
      properties: {
        servertimeout: '00:02:00',
        truncationmaxrecords: 1000,
        progressive: true,
        notruncation: undefined,
      },
      parameters: { n: 10 },
    });
    expectStatus(await h.outcome, 'succeeded');
    expect(h.calls).toHaveLength(1);
    const call = h.calls[0]!;
    expect(call.url).toBe('https://help.kusto.windows.net/v2/rest/query');
    expect(call.method).toBe('POST');
    expect(call.redirect).toBe('manual');
    expect(call.credentials).toBe('omit');
    expect(call.headers).toMatchObject({
      authorization: 'Bearer token-1',
      accept: 'application/json',
      'content-type': 'application/json; charset=utf-8',
      'x-ms-client-request-id': 'Quarry.Query;test-1',
      'x-ms-app': 'Quarry',
      'x-ms-client-version': 'Quarry.Web:{0.1.0}',
    });
    expect(call.body).toEqual({
      db: 'Samples',
      csl: 'StormEvents | take 10',
      properties: {
        Options: {
          servertimeout: '00:02:00',
          truncationmaxrecords: 1000,
          results_progressive_enabled: true,
        },
        Parameters: { n: 10 },
      },
    });
  });

  it('routes text starting with a dot (after comments) to /v1/rest/mgmt, without the comments', async () => {
    const h = run([streamResponse(chunkedBody(fixture(v1Fixtures, 'node-v1.json'), 100))], {
      text: '// list the tables\n  .show tables',
    });
    const outcome = expectStatus(await h.outcome, 'succeeded');
    expect(h.handle.kind).toBe('command');
    expect(h.calls[0]!.url).toBe('https://help.kusto.windows.net/v1/rest/mgmt');
    expect((h.calls[0]!.body as { csl: string }).csl).toBe('.show tables');
    expect(outcome.summary.tables[0]?.rowCount).toBe(25);
  });

  it('uses a Quarry.Query;<uuid> request id by default and keeps a cluster URL path', async () => {
    const { fetch, calls } = fakeFetch([okBody()]);
    const handle = runKustoQuery(
      {
        clusterUrl: 'https://adx.monitor.azure.com/subscriptions/s1/resourcegroups/rg/',
        database: 'db',
        text: 'T',
        getToken: async () => 't',
        signal: new AbortController().signal,
        trustedHosts,
      },
      {},
      { fetch, engine: createInProcessResultEngine(kustoResultParsers), randomUUID: () => 'abc' },
    );
    await handle.outcome;
    expect(handle.requestId).toBe('Quarry.Query;abc');
    expect(calls[0]!.url).toBe(
      'https://adx.monitor.azure.com/subscriptions/s1/resourcegroups/rg/v2/rest/query',
    );
    expect(calls[0]!.headers['x-ms-client-request-id']).toBe('Quarry.Query;abc');
  });

  it('helpers: command detection, endpoint building, version header sanitizing', () => {
    expect(isManagementCommand('.show databases')).toBe(true);
    expect(isManagementCommand('  // a\n// b\n\t.show version')).toBe(true);
    expect(isManagementCommand('StormEvents | where x == ".a"')).toBe(false);
    expect(isManagementCommand('// only a comment')).toBe(false);
    expect(kustoEndpoint('http://localhost:5181/', '/v1/rest/mgmt')).toBe(
      'http://localhost:5181/v1/rest/mgmt',
    );
    expect(clientVersionHeader('1.2.3 beta/é')).toBe('Quarry.Web:{1.2.3_beta__}');
  });
});

describe('runKustoQuery: results', () => {
  it('streams a v2 body into the engine: summaries while loading, row blocks with sorting after', async () => {
    const summaries: number[] = [];
    const { fetch } = fakeFetch([okBody('python-deft.json', 200)]);
    const handle = runKustoQuery(
      {
        clusterUrl: CLUSTER,
        database: 'Samples',
        text: 'Deft',
        getToken: async () => 't',
        signal: new AbortController().signal,
        trustedHosts,
      },
      { onSummary: (s) => summaries.push(s.tables.length) },
      { fetch, engine: createInProcessResultEngine(kustoResultParsers, { updateIntervalMs: 0 }) },
    );
    const outcome = expectStatus(await handle.outcome, 'succeeded');
    expect(summaries.length).toBeGreaterThan(1);
    expect(outcome.activityId).toBe('act-1');
    expect(outcome.issues).toEqual([]);
    expect(outcome.summary.primaryTableIds).toEqual([1]);
    expect(handle.summary()?.tables.find((t) => t.id === 1)?.rowCount).toBe(11);
    const sorted = await handle.getRows({
      tableId: 1,
      start: 0,
      end: 3,
      sortModel: [{ colId: 'xdouble', sort: 'desc' }],
    });
    expect(sorted.rows.map((r) => r.cells[2])).toEqual(['9.0009', '8.0008', '7.0007']);
    expect(sorted.rowCount).toBe(11);
    expect(sorted.tableComplete).toBe(true);
    const filtered = await handle.getRows({ tableId: 1, start: 0, end: 100, quickText: 'seven' });
    expect(filtered.rows.map((r) => r.row)).toEqual([8]);
    handle.dispose();
    await expect(handle.getRows({ tableId: 1, start: 0, end: 1 })).rejects.toThrow(
      /no longer available/,
    );
  });

  it('keeps rows and reports truncation for a partial result (LimitsExceeded)', async () => {
    const h = run([okBody('go-partialError.json')]);
    const outcome = expectStatus(await h.outcome, 'succeeded');
    expect(outcome.issues.map((e) => e.kind)).toEqual(['truncated']);
    expect(outcome.issues[0]).toMatchObject({
      requestId: 'Quarry.Query;test-1',
      code: 'LimitsExceeded',
    });
    expect(
      (await h.handle.getRows({ tableId: 1, start: 0, end: 10 })).rows.map((r) => r.cells),
    ).toEqual([['1']]);
  });

  it('reports a server-side cancellation (DataSetCompletion.Cancelled) as cancelled, rows kept', async () => {
    const body = encoder.encode(
      JSON.stringify([
        { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' },
        {
          FrameType: 'DataTable',
          TableId: 1,
          TableKind: 'PrimaryResult',
          TableName: 'PrimaryResult',
          Columns: [{ ColumnName: 'n', ColumnType: 'long' }],
          Rows: [[1], [2]],
        },
        {
          FrameType: 'DataSetCompletion',
          HasErrors: true,
          Cancelled: true,
          OneApiErrors: [
            {
              error: {
                code: 'QueryCancelled',
                message: 'The query was cancelled.',
                '@message': 'Query execution was cancelled by a .cancel query command.',
              },
            },
          ],
        },
      ]),
    );
    const h = run([streamResponse(chunkedBody(body, 50))]);
    const outcome = expectStatus(await h.outcome, 'cancelled');
    expect(outcome.error.kind).toBe('cancelled');
    expect(outcome.summary?.tables[0]?.rowCount).toBe(2);
  });

  it('fails with a network error when the connection drops mid-body, keeping the rows that arrived', async () => {
    const bytes = fixture(v2Fixtures, 'python-progressive_result.json');
    const h = run([streamResponse(chunkedBody(bytes, 1000, new TypeError('network error'), 8000))]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error.kind).toBe('network');
    expect(outcome.error.title).toMatch(/dropped while results were arriving/);
    expect(outcome.summary?.tables.find((t) => t.id === 1)?.rowCount).toBeGreaterThan(0);
  });

  it('reports a 200 that is not a Kusto result (an HTML page) as bad-response', async () => {
    const h = run([new Response('<html><body>Sign in</body></html>', { status: 200 })]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error.kind).toBe('bad-response');
    expect(outcome.error.detail).toContain('<html>');
  });
});

describe('runKustoQuery: failures and retries', () => {
  it('refreshes the token once on 401 and retries', async () => {
    const h = run([textResponse(401, 'Unauthorized'), okBody()]);
    expectStatus(await h.outcome, 'succeeded');
    expect(h.tokens).toEqual([false, true]);
    expect(h.calls.map((c) => c.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('fails with auth after a second 401, using the body or WWW-Authenticate', async () => {
    const h = run([
      textResponse(401, ''),
      textResponse(401, '', {
        'www-authenticate': 'Bearer error="invalid_token", error_description="expired"',
      }),
    ]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error).toMatchObject({
      kind: 'auth',
      httpStatus: 401,
      requestId: 'Quarry.Query;test-1',
    });
    expect(outcome.error.cause).toContain('invalid_token');
    expect(h.calls).toHaveLength(2);
  });

  it('retries 429 after Retry-After seconds, then succeeds', async () => {
    const h = run([textResponse(429, 'slow down', { 'retry-after': '2' }), okBody()]);
    expectStatus(await h.outcome, 'succeeded');
    expect(h.sleeps).toEqual([2000]);
  });

  it('honours an HTTP-date Retry-After', async () => {
    const h = run([
      textResponse(503, '', { 'retry-after': 'Mon, 01 Jan 2024 00:00:05 GMT' }),
      okBody(),
    ]);
    expectStatus(await h.outcome, 'succeeded');
    expect(h.sleeps).toEqual([5000]);
  });

  it('backs off 1 s, 2 s, 4 s without Retry-After and gives up after 3 retries', async () => {
    const throttled = () =>
      jsonResponse(429, {
        error: { code: 'TooManyRequests', message: 'Request was denied due to throttling.' },
      });
    const h = run([throttled(), throttled(), throttled(), throttled()]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(h.sleeps).toEqual([1000, 2000, 4000]);
    expect(h.calls).toHaveLength(4);
    expect(outcome.error).toMatchObject({ kind: 'throttled', httpStatus: 429, retryAfterMs: null });
  });

  it('does not sleep through a Retry-After longer than a minute', async () => {
    const h = run([textResponse(429, '', { 'retry-after': '600' })]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(h.sleeps).toEqual([]);
    expect(outcome.error).toMatchObject({ kind: 'throttled', retryAfterMs: 600_000 });
    expect(outcome.error.fix).toContain('600 s');
  });

  it('maps a network failure to an error naming the host and likely causes', async () => {
    const h = run([new TypeError('Failed to fetch')]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error).toMatchObject({ kind: 'network', host: 'help.kusto.windows.net' });
    expect(outcome.error.title).toBe('Could not reach help.kusto.windows.net');
    expect(outcome.error.cause).toMatch(/CORS/);
    expect(outcome.error.detail).toContain('Failed to fetch');
  });

  it('refuses an untrusted host before asking for a token', async () => {
    const h = run([], { clusterUrl: 'https://help.kusto.windows.net.evil.com' });
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error.kind).toBe('untrusted-host');
    expect(h.tokens).toEqual([]);
    expect(h.calls).toEqual([]);
  });

  it('maps a getToken failure to sign-in without calling fetch', async () => {
    const notSignedIn = new NotSignedInError();
    const h = run(
      [],
      {},
      {
        getToken: async () => {
          throw notSignedIn;
        },
      },
    );
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error).toMatchObject({
      kind: 'sign-in',
      title: 'You are not signed in',
      signInError: notSignedIn,
    });
    expect(h.calls).toEqual([]);
  });

  it('parses a 400 semantic error with its position', async () => {
    const h = run([
      jsonResponse(
        400,
        {
          error: {
            code: 'General_BadRequest',
            message: 'Request is invalid and cannot be executed.',
            '@type': 'Kusto.Data.Exceptions.KustoBadRequestException',
            '@message':
              "Semantic error: SEM0100: 'where' operator: Failed to resolve column named 'Stat' [line:position=2:8]",
            innererror: {
              code: 'SEM0100',
              '@type': 'Kusto.Data.Exceptions.SemanticException',
              '@errorMessage': "'where' operator: Failed to resolve column named 'Stat'",
            },
          },
        },
        { 'x-ms-activity-id': 'act-400' },
      ),
    ]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error).toMatchObject({
      kind: 'query-semantic',
      code: 'SEM0100',
      position: { line: 2, column: 9 },
      activityId: 'act-400',
      httpStatus: 400,
      cause: "'where' operator: Failed to resolve column named 'Stat'",
    });
    expect(outcome.error.title).toBe('Semantic error at line 2, column 9');
    // The run itself carries the service's id too (history and the status line show it).
    expect(outcome.activityId).toBe('act-400');
  });

  it('parses the recorded syntax-error body (grafana-error-response.json)', async () => {
    const body = new TextDecoder().decode(fixture(v1Fixtures, 'grafana-error-response.json'));
    const h = run([new Response(body, { status: 400 })]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error).toMatchObject({
      kind: 'query-syntax',
      code: 'SYN0002',
      position: { line: 1, column: 10 },
      cause: 'A recognition error occurred.',
      activityId: '3e4d89dc-38af-40a3-af81-a7e7d9b04055',
    });
  });

  it('falls back to text for non-JSON error bodies', async () => {
    const h = run([
      textResponse(
        400,
        "Bad request: Control commands (starting with a dot '.') do not support api_version=v2\nError details: ClientRequestId='c1', ActivityId='a1', Timestamp='2024-01-01T00:00:00Z'",
      ),
    ]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error).toMatchObject({
      kind: 'http',
      activityId: 'a1',
      title: 'Command sent to the query endpoint',
    });
    expect(outcome.error.cause).toMatch(/^Control commands/);
  });

  it('names who lacks access to which database on 403', async () => {
    const h = run([
      jsonResponse(403, {
        error: {
          code: 'Forbidden',
          message: 'Caller is not authorized to perform this action',
          '@message': "Principal 'aaduser=u1;t1' is not authorized to read database 'Samples'.",
        },
      }),
    ]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error).toMatchObject({
      kind: 'forbidden',
      principal: 'aaduser=u1;t1',
      database: 'Samples',
      title: "No access to database 'Samples'",
    });
  });

  it('maps 404, 413, 504 and other 5xx', async () => {
    const kinds: string[] = [];
    for (const status of [404, 413, 504, 520]) {
      const outcome = await run([textResponse(status, `status ${status}`)]).outcome;
      kinds.push(
        `${status}:${outcome.status === 'failed' ? `${outcome.error.kind}:${outcome.error.httpStatus}` : outcome.status}`,
      );
    }
    expect(kinds).toEqual(['404:not-found:404', '413:http:413', '504:timeout:504', '520:http:520']);
  });

  it('reports a redirect instead of following it', async () => {
    const h = run([
      new Response(null, { status: 302, headers: { location: 'https://evil.example' } }),
    ]);
    const outcome = expectStatus(await h.outcome, 'failed');
    expect(outcome.error.title).toMatch(/redirect/);
  });
});

describe('runKustoQuery: cancellation never hangs', () => {
  it('is cancelled at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const h = run([], { signal: controller.signal });
    expectStatus(await h.outcome, 'cancelled');
    expect(h.calls).toEqual([]);
  });

  it('cancels while waiting for a token that never comes (e.g. a redirect sign-in)', async () => {
    const h = run([], {}, { getToken: () => new Promise<string>(() => undefined) });
    setTimeout(() => h.controller.abort(), 0);
    expectStatus(await h.outcome, 'cancelled');
    expect(h.calls).toEqual([]);
  });

  it('cancels during a throttling back-off', async () => {
    const h = run(
      [textResponse(429, '', { 'retry-after': '30' })],
      {},
      {
        sleep: (_ms, signal) =>
          new Promise<void>((resolve) => {
            signal.addEventListener('abort', () => resolve(), { once: true });
            setTimeout(() => h.controller.abort(), 0);
          }),
      },
    );
    expectStatus(await h.outcome, 'cancelled');
    expect(h.calls).toHaveLength(1);
  });

  it('cancels while the body streams, and asks the cluster to .cancel query that request id', async () => {
    const first = fixture(v2Fixtures, 'python-progressive_result.json').slice(0, 3000);
    const cancelBody = fixture(v1Fixtures, 'node-v1.json');
    let cancelCall: { url: string; body: unknown } | null = null;
    const cancelResult = new Promise<unknown>((resolve) => {
      const { fetch } = fakeFetch([
        (call) => streamResponse(stallingBody(first, call.signal)),
        (call) => {
          cancelCall = { url: call.url, body: call.body };
          return streamResponse(chunkedBody(cancelBody, 100));
        },
      ]);
      const controller = new AbortController();
      const handle = runKustoQuery(
        {
          clusterUrl: CLUSTER,
          database: 'Samples',
          text: 'StormEvents',
          getToken: async () => 't',
          signal: controller.signal,
          requestId: 'Quarry.Query;to-cancel',
          trustedHosts,
        },
        {
          onPhase: (phase) => {
            if (phase === 'receiving') setTimeout(() => controller.abort(), 10);
          },
          onCancelRequest: resolve,
        },
        { fetch, engine: createInProcessResultEngine(kustoResultParsers) },
      );
      void handle.outcome.then((outcome) => expect(outcome.status).toBe('cancelled'));
    });
    expect(await cancelResult).toEqual({ ok: true });
    expect(cancelCall).toMatchObject({
      url: 'https://help.kusto.windows.net/v1/rest/mgmt',
      body: {
        db: 'Samples',
        csl: '.cancel query "Quarry.Query;to-cancel" with (reason="Cancelled in Quarry")',
      },
    });
  });
});
