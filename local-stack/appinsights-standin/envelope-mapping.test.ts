import { describe, expect, it } from 'vitest';
import type { WireValue } from '../kql-engine/index.ts';
import { appInsightsApps } from '../local-constants.ts';
import { mapEnvelope, parseDuration } from './envelope-mapping.ts';
import { tableSchema, type TelemetryTableName } from './telemetry-schema.ts';

const IKEY = appInsightsApps.demo.instrumentationKey;

function envelope(
  baseType: string,
  baseData: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    name: `Microsoft.ApplicationInsights.${IKEY.replace(/-/g, '')}.X`,
    time: '2026-11-18T10:00:00.123Z',
    iKey: IKEY,
    tags: {
      'ai.operation.id': 'op-1',
      'ai.operation.parentId': 'parent-1',
      'ai.cloud.role': 'web',
      'ai.cloud.roleInstance': 'web-0',
      'ai.user.id': 'user-1',
      'ai.session.id': 'session-1',
      'ai.location.ip': '203.0.113.7',
      'ai.internal.sdkVersion': 'node:2.9.8',
    },
    data: { baseType, baseData: { ver: 2, ...baseData } },
    ...extra,
  };
}

/** The mapped rows as column-name → value records. */
function mapped(item: unknown): {
  table: TelemetryTableName;
  rows: Array<Record<string, WireValue>>;
} {
  const result = mapEnvelope(item);
  if (!result.ok) throw new Error(result.message);
  const columns = tableSchema(result.table).columns;
  return {
    table: result.table,
    rows: result.rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i]!]))),
  };
}

describe('parseDuration', () => {
  it.each([
    ['00:00:00.123', 123],
    ['00:00:01.5', 1500],
    ['01:02:03', 3_723_000],
    ['1.00:00:00.0000001', 86_400_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 3);
  });

  it('rejects other formats', () => {
    expect(parseDuration('123')).toBeNull();
    expect(parseDuration('PT1S')).toBeNull();
  });
});

describe('mapEnvelope', () => {
  it('maps RequestData to a requests row with the context tags and app columns', () => {
    const { table, rows } = mapped(
      envelope('RequestData', {
        id: 'req-1',
        name: 'GET /a',
        url: 'https://x.test/a',
        duration: '00:00:00.250',
        responseCode: '404',
        success: false,
        properties: { k: 'v' },
      }),
    );
    expect(table).toBe('requests');
    expect(rows[0]).toMatchObject({
      timestamp: '2026-11-18T10:00:00.123Z',
      id: 'req-1',
      name: 'GET /a',
      success: 'False',
      resultCode: '404',
      duration: 250,
      performanceBucket: '250ms-500ms',
      itemType: 'request',
      customDimensions: { k: 'v' },
      customMeasurements: null,
      operation_Id: 'op-1',
      operation_ParentId: 'parent-1',
      operation_Name: 'GET /a',
      cloud_RoleName: 'web',
      cloud_RoleInstance: 'web-0',
      user_Id: 'user-1',
      session_Id: 'session-1',
      client_IP: '0.0.0.0',
      sdkVersion: 'node:2.9.8',
      appId: appInsightsApps.demo.applicationId,
      appName: appInsightsApps.demo.resourceName,
      iKey: IKEY,
      itemCount: 1,
    });
    expect(rows[0]!.itemId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps events, traces, dependencies, page views and availability results to their tables', () => {
    expect(
      mapped(envelope('EventData', { name: 'E', measurements: { m: 2 } })).rows[0],
    ).toMatchObject({
      name: 'E',
      itemType: 'customEvent',
      customMeasurements: { m: 2 },
    });
    expect(
      mapped(envelope('MessageData', { message: 'hello', severityLevel: 'Warning' })).rows[0],
    ).toMatchObject({
      message: 'hello',
      severityLevel: 2,
      itemType: 'trace',
    });
    expect(
      mapped(
        envelope('RemoteDependencyData', {
          name: 'SELECT 1',
          duration: '00:00:02',
          success: true,
          resultCode: '0',
          type: 'SQL',
          target: 'db',
          data: 'SELECT 1',
        }),
      ).rows[0],
    ).toMatchObject({
      name: 'SELECT 1',
      duration: 2000,
      performanceBucket: '1sec-3sec',
      success: 'True',
      type: 'SQL',
    });
    expect(
      mapped(envelope('PageViewData', { name: 'Home', url: 'https://x.test/' })).rows[0],
    ).toMatchObject({
      name: 'Home',
      duration: null,
      itemType: 'pageView',
    });
    expect(
      mapped(
        envelope('AvailabilityData', {
          name: 'ping',
          duration: '00:00:00.100',
          success: false,
          runLocation: 'West Europe',
        }),
      ).rows[0],
    ).toMatchObject({
      name: 'ping',
      location: 'West Europe',
      success: '0',
      itemType: 'availabilityResult',
    });
  });

  it('maps ExceptionData: outer and innermost exception, problem id, details', () => {
    const row = mapped(
      envelope('ExceptionData', {
        severityLevel: 3,
        exceptions: [
          {
            id: '1',
            typeName: 'Outer',
            message: 'outer failed',
            hasFullStack: true,
            parsedStack: [{ level: 0, method: 'A.b', assembly: 'app' }],
          },
          {
            id: '2',
            outerId: '1',
            typeName: 'Inner',
            message: 'inner failed',
            parsedStack: [{ level: 0, method: 'C.d', assembly: 'lib' }],
          },
        ],
      }),
    ).rows[0]!;
    expect(row).toMatchObject({
      problemId: 'Outer at A.b',
      type: 'Outer',
      message: 'outer failed',
      method: 'A.b',
      outerType: 'Outer',
      innermostType: 'Inner',
      innermostMessage: 'inner failed',
      innermostMethod: 'C.d',
      severityLevel: 3,
    });
    expect(row.details).toEqual([
      expect.objectContaining({ id: '1', outerId: '0', type: 'Outer' }),
      expect.objectContaining({ id: '2', outerId: '1', type: 'Inner' }),
    ]);
  });

  it('maps MetricData to one customMetrics row per metric', () => {
    const { table, rows } = mapped(
      envelope('MetricData', {
        metrics: [
          { name: 'queue', value: 5 },
          { name: 'lag', value: 2, count: 4, min: 0, max: 1 },
        ],
      }),
    );
    expect(table).toBe('customMetrics');
    expect(rows.map((r) => [r.name, r.value, r.valueCount, r.valueMin, r.valueMax])).toEqual([
      ['queue', 5, 1, 5, 5],
      ['lag', 2, 4, 0, 1],
    ]);
  });

  it('takes the instrumentation key from the envelope name when iKey is absent, and honours sampleRate', () => {
    const item = { ...envelope('EventData', { name: 'E' }), iKey: undefined, sampleRate: 25 };
    expect(mapped(item).rows[0]!.itemCount).toBe(4);
  });

  it('rejects bad items with the service-style message', () => {
    const message = (item: unknown) => {
      const result = mapEnvelope(item);
      return result.ok ? null : result.message;
    };
    expect(message(envelope('EventData', {}))).toBe(
      "Field 'name' on type 'EventData' is required but missing or empty. Expected: string, Actual: undefined",
    );
    expect(message({ ...envelope('EventData', { name: 'E' }), iKey: 'nope', name: 'nope' })).toBe(
      'Invalid instrumentation key',
    );
    expect(message({ ...envelope('EventData', { name: 'E' }), time: 'soon' })).toContain("'time'");
    expect(message(envelope('RequestData', { responseCode: '200', duration: '1 s' }))).toContain(
      "'duration'",
    );
    expect(message(envelope('SomethingData', {}))).toContain("'SomethingData' is not supported");
    expect(message(42)).toContain('not a JSON object');
  });
});
