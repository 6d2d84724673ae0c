import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appInsightsApps, resources } from '../local-constants.ts';
import {
  startAppInsightsFixture,
  type AppInsightsFixture,
} from './appinsights-standin-test-fixture.ts';

const IKEY = appInsightsApps.demo.instrumentationKey;

function envelope(type: string, baseType: string, baseData: Record<string, unknown>, tags = {}) {
  return {
    name: `Microsoft.ApplicationInsights.${IKEY.replace(/-/g, '')}.${type}`,
    time: '2026-11-18T11:30:00.000Z',
    iKey: IKEY,
    tags: { 'ai.cloud.role': 'ingestion-test', 'ai.internal.sdkVersion': 'node:2.9.8', ...tags },
    data: { baseType, baseData: { ver: 2, ...baseData } },
  };
}

const requestEnvelope = (name: string) =>
  envelope(
    'Request',
    'RequestData',
    {
      id: 'a1b2c3d4e5f60718',
      name,
      url: 'https://example.test/x',
      duration: '00:00:01.250',
      responseCode: '503',
      success: false,
      properties: { tenant: 'north' },
    },
    { 'ai.operation.id': '0123456789abcdef0123456789abcdef' },
  );
const eventEnvelope = (name: string) =>
  envelope('Event', 'EventData', {
    name,
    properties: { plan: 'gold' },
    measurements: { seats: 3 },
  });

let fixture: AppInsightsFixture;
let publisher: string;

beforeAll(async () => {
  fixture = await startAppInsightsFixture();
  publisher = await fixture.appToken();
});
afterAll(async () => {
  await fixture?.close();
});
beforeEach(async () => {
  await fixture.request('/__admin/reset', { method: 'POST' });
});

function track(
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
  path = '/v2.1/track',
) {
  return fixture.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-json-stream',
      Authorization: `Bearer ${publisher}`,
      ...headers,
    },
    body,
  });
}

const ndjson = (items: unknown[]) => items.map((item) => JSON.stringify(item)).join('\n');

async function rowsOf(query: string): Promise<unknown[][]> {
  const answer = await fixture.query(appInsightsApps.demo.appId, query);
  expect(answer.status, answer.text).toBe(200);
  return answer.json.tables[0].rows;
}

describe('POST /v2.1/track', () => {
  it('accepts gzip newline-delimited envelopes and makes them queryable', async () => {
    const body = new Uint8Array(
      gzipSync(ndjson([requestEnvelope('GET /ingested'), eventEnvelope('IngestedEvent')])),
    );
    const answer = await track(body, { 'Content-Encoding': 'gzip' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ itemsReceived: 2, itemsAccepted: 2, errors: [] });

    const requests = await rowsOf(
      'requests | where name == "GET /ingested" | project success, resultCode, duration, performanceBucket, cloud_RoleName, operation_Id, operation_Name, customDimensions, sdkVersion, appId, itemType',
    );
    expect(requests).toEqual([
      [
        'False',
        '503',
        1250,
        '1sec-3sec',
        'ingestion-test',
        '0123456789abcdef0123456789abcdef',
        'GET /ingested',
        '{"tenant":"north"}',
        'node:2.9.8',
        appInsightsApps.demo.applicationId,
        'request',
      ],
    ]);
    const events = await rowsOf(
      'customEvents | where name == "IngestedEvent" | project timestamp, customMeasurements',
    );
    expect(events).toEqual([['2026-11-18T11:30:00.0000000Z', '{"seats":3}']]);
  });

  it('accepts a JSON array body too', async () => {
    const answer = await track(JSON.stringify([eventEnvelope('FromArray')]), {
      'Content-Type': 'application/json',
    });
    expect(answer.json).toEqual({ itemsReceived: 1, itemsAccepted: 1, errors: [] });
    expect(await rowsOf('customEvents | where name == "FromArray" | count')).toEqual([[1]]);
  });

  it('answers 206 with per-item errors and keeps the valid items', async () => {
    const items = [
      eventEnvelope('Kept'),
      envelope('Event', 'EventData', { properties: {} }),
      { ...eventEnvelope('WrongKey'), iKey: '00000000-0000-0000-0000-000000000000', name: 'x' },
    ];
    const answer = await track(`${ndjson(items)}\n{not json`);
    expect(answer.status).toBe(206);
    expect(answer.json.itemsReceived).toBe(4);
    expect(answer.json.itemsAccepted).toBe(1);
    expect(answer.json.errors).toEqual([
      {
        index: 1,
        statusCode: 400,
        message:
          "Field 'name' on type 'EventData' is required but missing or empty. Expected: string, Actual: undefined",
      },
      { index: 2, statusCode: 400, message: 'Invalid instrumentation key' },
      { index: 3, statusCode: 400, message: 'The item is not valid JSON.' },
    ]);
    expect(await rowsOf('customEvents | where name == "Kept" | count')).toEqual([[1]]);
  });

  it('answers 400 when no item is valid', async () => {
    const answer = await track(ndjson([{ ...eventEnvelope('x'), iKey: 'nope', name: 'nope' }]));
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toBe('Invalid instrumentation key');
  });

  it('requires an Entra token for https://monitor.azure.com (401 otherwise)', async () => {
    const body = ndjson([eventEnvelope('Unauthenticated')]);
    const queryToken = await fixture.appToken(resources.appInsights);
    for (const headers of [
      { Authorization: '' },
      { Authorization: `Bearer ${queryToken}` },
      { Authorization: `Bearer ${await fixture.foreignToken()}` },
    ]) {
      const answer = await track(body, headers);
      expect(answer.status).toBe(401);
      expect(answer.statusText).toBe('Authorization required');
      expect(answer.json).toMatchObject({ itemsReceived: 1, itemsAccepted: 0 });
    }
    expect(await rowsOf('customEvents | where name == "Unauthenticated" | count')).toEqual([[0]]);
  });

  it('answers 403 to a caller without the publisher role', async () => {
    const viewer = await fixture.userToken('viewer@contoso.com', resources.monitorIngestion);
    const answer = await track(ndjson([eventEnvelope('FromViewer')]), {
      Authorization: `Bearer ${viewer}`,
    });
    expect(answer.status).toBe(403);
    expect(answer.json.errors[0].statusCode).toBe(403);
  });

  it('forgets ingested telemetry on /__admin/reset', async () => {
    await track(ndjson([eventEnvelope('Forgotten')]));
    expect(await rowsOf('customEvents | where name == "Forgotten" | count')).toEqual([[1]]);
    await fixture.request('/__admin/reset', { method: 'POST' });
    expect(await rowsOf('customEvents | where name == "Forgotten" | count')).toEqual([[0]]);
  });
});

describe('POST /v2/track', () => {
  it('refuses instrumentation-key-only ingestion: 400 Authentication not supported', async () => {
    const answer = await track(
      ndjson([eventEnvelope('Legacy')]),
      { Authorization: '' },
      '/v2/track',
    );
    expect(answer.status).toBe(400);
    expect(answer.statusText).toBe('Authentication not supported');
    expect(answer.json).toEqual({
      itemsReceived: 1,
      itemsAccepted: 0,
      errors: [{ index: 0, statusCode: 400, message: 'Authentication not supported' }],
    });
  });
});
