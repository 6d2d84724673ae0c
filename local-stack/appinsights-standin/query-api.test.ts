import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInsightsApps, resources } from '../local-constants.ts';
import {
  startAppInsightsFixture,
  TEST_NOW,
  type AppInsightsFixture,
} from './appinsights-standin-test-fixture.ts';
import { generateDemoTelemetry } from './appinsights-standin.ts';
import { demoApplication } from './demo-applications.ts';
import { tableSchema } from './telemetry-schema.ts';

const DEMO = appInsightsApps.demo.appId;
const BILLING = appInsightsApps.billing.appId;
const HOUR = 3_600_000;

function recordedResponse(name: string) {
  const url = new URL(`../../fixtures/recorded/appinsights/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).Entries[0];
}

let fixture: AppInsightsFixture;
let analyst: string;
const generated = generateDemoTelemetry(TEST_NOW).get(demoApplication)!;

beforeAll(async () => {
  fixture = await startAppInsightsFixture();
  analyst = await fixture.userToken('analyst@contoso.com');
});
afterAll(async () => {
  await fixture?.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function count(query: string, timespan?: string): Promise<number> {
  const answer = await fixture.query(DEMO, query, timespan ? { timespan } : {});
  expect(answer.status, answer.text).toBe(200);
  return answer.json.tables[0].rows[0][0] as number;
}

describe('query results', () => {
  it('answers in the lower-case tables/columns/rows shape with Kusto column types', async () => {
    const answer = await fixture.query(DEMO, 'requests | take 3');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(answer.json)).toEqual(['tables']);
    const [table] = answer.json.tables;
    expect(table.name).toBe('PrimaryResult');
    expect(table.columns).toEqual(
      tableSchema('requests').columns.map((c) => ({ name: c.name, type: c.type })),
    );
    expect(table.columns.find((c: { name: string }) => c.name === 'success').type).toBe('string');
    expect(table.rows).toHaveLength(3);
  });

  it('sends dynamic cells as JSON text, like the recorded real response', async () => {
    const recorded = recordedResponse('js-monitor-query-recording_query_with_types.json');
    expect(typeof recorded.ResponseBody.tables[0].rows[0][6]).toBe('string');

    const answer = await fixture.query(
      DEMO,
      'print d = dynamic({"hello":"world"}), s = "hello", b = true, l = long(101), r = 102.1',
    );
    expect(answer.status).toBe(200);
    expect(answer.json.tables[0].rows[0]).toEqual(['{"hello":"world"}', 'hello', true, 101, 102.1]);
    expect(answer.json.tables[0].columns.map((c: { type: string }) => c.type)).toEqual([
      'dynamic',
      'string',
      'bool',
      'long',
      'real',
    ]);
  });

  it('counts every generated row when no timespan is given', async () => {
    expect(await count('requests | count')).toBe(generated.requests.length);
  });

  it('restricts every table to the timespan: shorter spans count fewer rows', async () => {
    const hour = await count('requests | count', 'PT1H');
    const day = await count('requests | count', 'P1D');
    const week = await count('requests | count', 'P7D');
    expect(hour).toBeGreaterThan(0);
    expect(hour).toBeLessThan(day);
    expect(day).toBeLessThan(week);
    const expectedDay = generated.requests.filter(
      (row) => Date.parse(row[0] as string) >= TEST_NOW.getTime() - 24 * HOUR,
    ).length;
    expect(day).toBe(expectedDay);
    // The window applies under the query's own filters, to each table it reads.
    expect(await count('union requests, dependencies | count', 'PT1H')).toBeGreaterThan(hour);
  });

  it('accepts start/end and start/duration windows', async () => {
    const end = TEST_NOW.toISOString();
    const start = new Date(TEST_NOW.getTime() - 6 * HOUR).toISOString();
    const byEnd = await count('requests | count', `${start}/${end}`);
    const byDuration = await count('requests | count', `${start}/PT6H`);
    expect(byEnd).toBe(byDuration);
    expect(byEnd).toBe(await count('requests | count', 'PT6H'));
  });

  it('rejects a timespan that is not ISO-8601', async () => {
    const answer = await fixture.query(DEMO, 'requests | count', { timespan: 'yesterday' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('BadArgumentError');
    expect(answer.json.error.innererror.message).toContain("'yesterday'");
  });

  it('takes POST with a JSON body, intersecting a URL timespan with the body one', async () => {
    const post = (body: unknown, search = '') =>
      fixture.request(`/v1/apps/${DEMO}/query${search}`, {
        method: 'POST',
        headers: { ...bearer(analyst), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const day = await post({ query: 'requests | count', timespan: 'P1D' });
    expect(day.status).toBe(200);
    const both = await post({ query: 'requests | count', timespan: 'P1D' }, '?timespan=PT1H');
    expect(both.json.tables[0].rows[0][0]).toBe(await count('requests | count', 'PT1H'));
    expect(day.json.tables[0].rows[0][0]).toBe(await count('requests | count', 'P1D'));
  });

  it('answers a POST that is not JSON with an empty 200, as Log Analytics does', async () => {
    const answer = await fixture.request(`/v1/apps/${DEMO}/query`, {
      method: 'POST',
      headers: { ...bearer(analyst), 'Content-Type': 'text/plain' },
      body: 'requests | count',
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
  });

  it('adds render only when Prefer asks for it, in camelCase', async () => {
    const query =
      'requests | summarize count() by bin(timestamp, 1h) | render timechart title="Load"';
    const plain = await fixture.query(DEMO, query, { timespan: 'P1D' });
    expect(plain.json.render).toBeUndefined();
    const rendered = await fixture.query(DEMO, query, {
      timespan: 'P1D',
      headers: { ...bearer(analyst), Prefer: 'include-render=true' },
    });
    expect(rendered.json.render).toMatchObject({
      visualization: 'timechart',
      title: 'Load',
      accumulate: false,
      isQuerySorted: false,
    });
  });

  it('adds statistics.query shaped like the recorded response when asked', async () => {
    const recorded = recordedResponse('js-monitor-query-recording_includequerystatistics.json');
    const answer = await fixture.query(DEMO, 'requests | take 5', {
      headers: { ...bearer(analyst), Prefer: 'include-statistics=true, include-render=true' },
    });
    const statistics = answer.json.statistics.query;
    expect(Object.keys(statistics)).toEqual(Object.keys(recorded.ResponseBody.statistics.query));
    expect(Object.keys(statistics.resourceUsage)).toEqual(
      Object.keys(recorded.ResponseBody.statistics.query.resourceUsage),
    );
    expect(typeof statistics.executionTime).toBe('number');
    expect(statistics.datasetStatistics).toEqual([
      { tableRowCount: 5, tableSize: expect.any(Number) },
    ]);
  });

  it('serves the app under its GUID application id too', async () => {
    const byGuid = await fixture.query(appInsightsApps.demo.applicationId, 'requests | count');
    expect(byGuid.json.tables[0].rows[0][0]).toBe(generated.requests.length);
  });

  it('unions the extra `applications` into every table', async () => {
    const answer = await fixture.request(`/v1/apps/${DEMO}/query`, {
      method: 'POST',
      headers: { ...bearer(analyst), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'requests | summarize n = count() by appName | order by appName asc',
        applications: [BILLING],
      }),
    });
    expect(answer.status).toBe(200);
    expect(answer.json.tables[0].rows.map((row: unknown[]) => row[0])).toEqual([
      appInsightsApps.billing.resourceName,
      appInsightsApps.demo.resourceName,
    ]);
  });
});

describe('query errors', () => {
  it('reports a syntax error exactly like the recorded real 400', async () => {
    const recorded = recordedResponse('js-monitor-query-recording_querylogs_bad_query.json');
    const answer = await fixture.request(`/v1/apps/${DEMO}/query`, {
      method: 'POST',
      headers: { ...bearer(analyst), 'Content-Type': 'application/json' },
      body: JSON.stringify(recorded.RequestBody),
    });
    expect(answer.status).toBe(400);
    const expected = structuredClone(recorded.ResponseBody);
    expected.error.correlationId = answer.headers.get('x-ms-correlation-request-id');
    expected.error.innererror.correlationId = expected.error.correlationId;
    expect(answer.json).toEqual(expected);
  });

  it('reports an unknown table as a SemanticError with SEM0100 and its position', async () => {
    const answer = await fixture.query(DEMO, 'requests\n| join (requestz) on operation_Id');
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('BadArgumentError');
    expect(answer.json.error.innererror.code).toBe('SemanticError');
    expect(answer.json.error.innererror.innererror).toMatchObject({
      code: 'SEM0100',
      line: 2,
      pos: 8,
      token: 'requestz',
    });
  });

  it('requires the query parameter', async () => {
    const answer = await fixture.request(`/v1/apps/${DEMO}/query`, { headers: bearer(analyst) });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('BadArgumentError');
  });
});

describe('authentication and access', () => {
  it('answers 401 AuthorizationRequiredError without credentials or with an untrusted token', async () => {
    for (const headers of [
      {},
      bearer(await fixture.foreignToken()),
      { Authorization: 'Bearr x' },
    ]) {
      const answer = await fixture.query(DEMO, 'requests | count', { headers });
      expect(answer.status).toBe(401);
      expect(answer.json.error).toMatchObject({
        code: 'AuthorizationRequiredError',
        message: 'Valid authentication was not provided',
      });
    }
  });

  it('answers 403 InvalidAuthenticationTokenAudience for a token of another resource', async () => {
    const kustoToken = await fixture.userToken('analyst@contoso.com', resources.kusto);
    const answer = await fixture.query(DEMO, 'requests | count', { headers: bearer(kustoToken) });
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('InvalidAuthenticationTokenAudience');
    expect(answer.json.error.message).toContain(resources.kusto);
  });

  it('answers 403 InsufficientAccessError to the viewer on both apps, and lets the analyst read both', async () => {
    const viewer = await fixture.userToken('viewer@contoso.com');
    for (const app of [DEMO, BILLING]) {
      const denied = await fixture.query(app, 'requests | count', { headers: bearer(viewer) });
      expect(denied.status).toBe(403);
      expect(denied.json.error.code).toBe('InsufficientAccessError');
      expect(denied.json.error.innererror.message).toContain('viewer@contoso.com');
      const metadata = await fixture.request(`/v1/apps/${app}/metadata`, {
        headers: bearer(viewer),
      });
      expect(metadata.status).toBe(403);
      expect((await fixture.query(app, 'requests | count')).status).toBe(200);
    }
  });

  it('accepts DEMO_KEY for DEMO_APP only, in X-Api-Key, api_key or Basic', async () => {
    const ok = await fixture.query(DEMO, 'requests | count', {
      headers: { 'X-Api-Key': 'DEMO_KEY' },
    });
    expect(ok.status).toBe(200);
    const basic = `Basic ${Buffer.from('DEMO_KEY:').toString('base64')}`;
    expect(
      (await fixture.query(DEMO, 'requests | count', { headers: { Authorization: basic } })).status,
    ).toBe(200);
    const inUrl = await fixture.request(
      `/v1/apps/${DEMO}/query?query=requests%7Ccount&api_key=DEMO_KEY`,
    );
    expect(inUrl.status).toBe(200);
    const otherApp = await fixture.query(BILLING, 'requests | count', {
      headers: { 'X-Api-Key': 'DEMO_KEY' },
    });
    expect(otherApp.status).toBe(403);
    const wrongKey = await fixture.query(DEMO, 'requests | count', {
      headers: { 'X-Api-Key': 'nope' },
    });
    expect(wrongKey.status).toBe(403);
  });

  it('answers 404 PathNotFoundError for unknown apps and paths', async () => {
    const app = await fixture.query('NO_SUCH_APP', 'requests | count');
    expect(app.status).toBe(404);
    expect(app.json.error).toMatchObject({
      code: 'PathNotFoundError',
      message: 'The requested application was not found',
    });
    for (const [path, method] of [
      ['/v1/apps/DEMO_APP/nothing', 'GET'],
      ['/v2/apps/DEMO_APP/query', 'GET'],
      [`/v1/apps/${DEMO}/query`, 'DELETE'],
    ] as const) {
      const answer = await fixture.request(path, { method, headers: bearer(analyst) });
      expect(answer.status).toBe(404);
      expect(answer.json.error).toMatchObject({
        code: 'PathNotFoundError',
        message: 'The requested path does not exist',
      });
    }
  });
});

describe('protocol details', () => {
  it('echoes the client request id and puts the correlation id into error bodies', async () => {
    const ok = await fixture.query(DEMO, 'requests | take 1', {
      headers: { ...bearer(analyst), 'x-ms-client-request-id': 'client-id-1' },
    });
    expect(ok.headers.get('x-ms-request-id')).toBe('client-id-1');
    expect(ok.headers.get('x-ms-correlation-request-id')).toBe('client-id-1');
    const failed = await fixture.query(DEMO, 'requests | count', {
      headers: { 'x-ms-correlation-request-id': 'corr-7' },
    });
    expect(failed.headers.get('x-ms-correlation-request-id')).toBe('corr-7');
    expect(failed.json.error.correlationId).toBe('corr-7');
    const anonymous = await fixture.query(DEMO, 'requests | take 1');
    expect(anonymous.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers CORS preflights and exposes the id headers to the console', async () => {
    const origin = 'http://localhost:5173';
    const preflight = await fixture.request(`/v1/apps/${DEMO}/query`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, prefer, x-ms-app',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const allowed = preflight.headers.get('access-control-allow-headers')!.split(/,\s*/);
    for (const name of [
      'authorization',
      'content-type',
      'x-ms-app',
      'x-ms-client-request-id',
      'prefer',
      'x-api-key',
    ]) {
      expect(allowed).toContain(name);
    }
    const answer = await fixture.query(DEMO, 'requests | take 1', {
      headers: { ...bearer(analyst), Origin: origin },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-ms-request-id');
    expect(answer.headers.get('access-control-expose-headers')).toContain(
      'x-ms-correlation-request-id',
    );
  });

  it('serves the schema at /metadata in the swagger example shape', async () => {
    const answer = await fixture.request(`/v1/apps/${DEMO}/metadata`, { headers: bearer(analyst) });
    expect(answer.status).toBe(200);
    const requests = answer.json.tables.find((t: { id: string }) => t.id === 't/requests');
    expect(requests).toMatchObject({ name: 'requests', timespanColumn: 'timestamp' });
    expect(requests.columns.slice(0, 6)).toEqual([
      { name: 'timestamp', type: 'datetime' },
      { name: 'id', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'name', type: 'string', isPreferredFacet: true },
      { name: 'url', type: 'string', isPreferredFacet: true },
      { name: 'success', type: 'string', isPreferredFacet: true },
    ]);
    expect(answer.json.tables.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining([
        'requests',
        'dependencies',
        'exceptions',
        'traces',
        'pageViews',
        'customEvents',
        'availabilityResults',
      ]),
    );
    expect(answer.json.tableGroups[0]).toMatchObject({ id: 'ai/StandardSchema', source: 'ai' });
    expect(answer.json.applications).toEqual([
      expect.objectContaining({
        id: appInsightsApps.demo.applicationId,
        name: 'Contoso Shop (demo)',
      }),
    ]);
  });

  it('refuses /__admin to a caller without the per-start token, with no CORS headers', async () => {
    const forged = await fetch(`${fixture.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('access-control-allow-origin')).toBeNull();
    expect(await forged.text()).toContain('x-quarry-admin-token');
  });

  it('fails the next query on demand (429 with Retry-After), then recovers; logs requests', async () => {
    const armed = await fixture.request('/__admin/fail-next', {
      method: 'POST',
      body: JSON.stringify({ status: 429, retryAfterSeconds: 7 }),
    });
    expect(armed.status).toBe(200);
    const throttled = await fixture.query(DEMO, 'requests | count');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.json.error.code).toBe('ThrottledError');
    expect((await fixture.query(DEMO, 'requests | count')).status).toBe(200);

    const log = await fixture.request('/__admin/requests');
    const last = log.json.requests.at(-1);
    expect(last).toMatchObject({
      method: 'GET',
      appId: DEMO,
      query: 'requests | count',
      status: 200,
      caller: 'analyst@contoso.com',
    });
  });
});
