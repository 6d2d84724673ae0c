/**
 * One ingested telemetry envelope (Breeze / `/v2.1/track` format) → rows of the classic tables.
 * Envelope: `{ name: "Microsoft.ApplicationInsights.<ikey>.Request", time, iKey, tags, sampleRate?,
 * data: { baseType: "RequestData", baseData: {…} } }`. Tags (`ai.operation.id`, `ai.cloud.role`, …)
 * become the context columns. Validation messages follow the real service's wording
 * ("Field 'name' on type 'EventData' is required but missing or empty…").
 */
import { randomUUID } from 'node:crypto';
import type { WireValue } from '../kql-engine/index.ts';
import {
  findApplicationByInstrumentationKey,
  type AppInsightsApplication,
} from './demo-applications.ts';
import { performanceBucket, toRow, type TelemetryRecord } from './telemetry-row.ts';
import { tableSchema, type TelemetryTableName } from './telemetry-schema.ts';

export type EnvelopeMapping =
  | { ok: true; app: AppInsightsApplication; table: TelemetryTableName; rows: WireValue[][] }
  | { ok: false; statusCode: 400; message: string };

type Fields = Record<string, unknown>;

class EnvelopeError extends Error {}

const tagColumns: Record<string, string> = {
  'ai.operation.id': 'operation_Id',
  'ai.operation.name': 'operation_Name',
  'ai.operation.parentId': 'operation_ParentId',
  'ai.operation.syntheticSource': 'operation_SyntheticSource',
  'ai.session.id': 'session_Id',
  'ai.user.id': 'user_Id',
  'ai.user.authUserId': 'user_AuthenticatedId',
  'ai.user.accountId': 'user_AccountId',
  'ai.application.ver': 'application_Version',
  'ai.device.type': 'client_Type',
  'ai.device.model': 'client_Model',
  'ai.device.osVersion': 'client_OS',
  'ai.device.browserVersion': 'client_Browser',
  'ai.location.city': 'client_City',
  'ai.location.province': 'client_StateOrProvince',
  'ai.location.country': 'client_CountryOrRegion',
  'ai.cloud.role': 'cloud_RoleName',
  'ai.cloud.roleInstance': 'cloud_RoleInstance',
  'ai.internal.sdkVersion': 'sdkVersion',
};

const severityLevels: Record<string, number> = {
  verbose: 0,
  information: 1,
  warning: 2,
  error: 3,
  critical: 4,
};

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function required(fields: Fields, field: string, type: string): string {
  const value = fields[field];
  if (typeof value !== 'string' || value === '') {
    throw new EnvelopeError(
      `Field '${field}' on type '${type}' is required but missing or empty. Expected: string, Actual: ${describe(value)}`,
    );
  }
  return value;
}

function optionalString(fields: Fields, field: string): string {
  const value = fields[field];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** `[d.]hh:mm:ss[.fffffff]` (what the SDKs send) → milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!m) return null;
  const [, days, hours, minutes, seconds, fraction] = m;
  const ms =
    ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 +
    Number(seconds) * 1000 +
    (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  return Math.round(ms * 1000) / 1000;
}

function duration(fields: Fields, type: string, mandatory: boolean): number | null {
  const value = fields.duration;
  if (value === undefined && !mandatory) return null;
  const ms = typeof value === 'string' ? parseDuration(value) : null;
  if (ms === null) {
    throw new EnvelopeError(
      `Field 'duration' on type '${type}' is ${value === undefined ? 'required but missing or empty' : 'not a valid TimeSpan'}. Expected: string (d.hh:mm:ss.fffffff), Actual: ${describe(value)}`,
    );
  }
  return ms;
}

function success(fields: Fields): boolean {
  const value = fields.success;
  return value === undefined ? true : value === true || value === 'true' || value === 'True';
}

function properties(value: unknown): WireValue {
  return isObject(value) && Object.keys(value).length > 0
    ? (value as { [k: string]: WireValue })
    : null;
}

function severity(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return severityLevels[value.toLowerCase()] ?? null;
  return null;
}

function exceptionRecord(data: Fields): TelemetryRecord {
  const list = data.exceptions;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isObject)) {
    throw new EnvelopeError(
      `Field 'exceptions' on type 'ExceptionData' is required but missing or empty. Expected: array, Actual: ${describe(list)}`,
    );
  }
  const exceptions = list as Fields[];
  const frame = (e: Fields): Fields => {
    const stack = Array.isArray(e.parsedStack) ? (e.parsedStack as unknown[]) : [];
    return isObject(stack[0]) ? stack[0] : {};
  };
  const outer = exceptions[0]!;
  const innermost = exceptions[exceptions.length - 1]!;
  const outerType = required(outer, 'typeName', 'ExceptionDetails');
  const outerMethod = optionalString(frame(outer), 'method');
  return {
    problemId: optionalString(data, 'problemId') || `${outerType} at ${outerMethod || 'unknown'}`,
    handledAt: optionalString(data, 'handledAt') || 'UserCode',
    type: outerType,
    message: optionalString(outer, 'message'),
    assembly: optionalString(frame(outer), 'assembly'),
    method: outerMethod,
    outerType,
    outerMessage: optionalString(outer, 'message'),
    outerAssembly: optionalString(frame(outer), 'assembly'),
    outerMethod,
    innermostType: optionalString(innermost, 'typeName'),
    innermostMessage: optionalString(innermost, 'message'),
    innermostAssembly: optionalString(frame(innermost), 'assembly'),
    innermostMethod: optionalString(frame(innermost), 'method'),
    severityLevel: severity(data.severityLevel) ?? 3,
    details: exceptions.map((e, i) => ({
      outerId: i === 0 ? '0' : optionalString(exceptions[i - 1]!, 'id'),
      id: optionalString(e, 'id') || String(i + 1),
      type: optionalString(e, 'typeName'),
      message: optionalString(e, 'message'),
      parsedStack: Array.isArray(e.parsedStack) ? (e.parsedStack as WireValue[]) : [],
    })),
  };
}

/** Per base type: its table and its own columns (several rows for MetricData). */
function baseDataRecords(
  baseType: string,
  data: Fields,
): { table: TelemetryTableName; records: TelemetryRecord[] } {
  const common = { customDimensions: properties(data.properties) };
  switch (baseType) {
    case 'RequestData': {
      const ms = duration(data, baseType, true)!;
      return {
        table: 'requests',
        records: [
          {
            ...common,
            id: optionalString(data, 'id'),
            source: optionalString(data, 'source'),
            name: optionalString(data, 'name'),
            url: optionalString(data, 'url'),
            success: success(data) ? 'True' : 'False',
            resultCode: required(data, 'responseCode', baseType),
            duration: ms,
            performanceBucket: performanceBucket(ms),
            customMeasurements: properties(data.measurements),
          },
        ],
      };
    }
    case 'RemoteDependencyData': {
      const ms = duration(data, baseType, true)!;
      return {
        table: 'dependencies',
        records: [
          {
            ...common,
            id: optionalString(data, 'id'),
            target: optionalString(data, 'target'),
            type: optionalString(data, 'type'),
            name: required(data, 'name', baseType),
            data: optionalString(data, 'data'),
            success: success(data) ? 'True' : 'False',
            resultCode: optionalString(data, 'resultCode'),
            duration: ms,
            performanceBucket: performanceBucket(ms),
            customMeasurements: properties(data.measurements),
          },
        ],
      };
    }
    case 'EventData':
      return {
        table: 'customEvents',
        records: [
          {
            ...common,
            name: required(data, 'name', baseType),
            customMeasurements: properties(data.measurements),
          },
        ],
      };
    case 'MessageData':
      return {
        table: 'traces',
        records: [
          {
            ...common,
            message: required(data, 'message', baseType),
            severityLevel: severity(data.severityLevel),
            customMeasurements: properties(data.measurements),
          },
        ],
      };
    case 'ExceptionData':
      return {
        table: 'exceptions',
        records: [
          {
            ...common,
            ...exceptionRecord(data),
            customMeasurements: properties(data.measurements),
          },
        ],
      };
    case 'PageViewData': {
      const ms = duration(data, baseType, false);
      return {
        table: 'pageViews',
        records: [
          {
            ...common,
            id: optionalString(data, 'id'),
            name: required(data, 'name', baseType),
            url: optionalString(data, 'url'),
            duration: ms,
            performanceBucket: ms === null ? '' : performanceBucket(ms),
            customMeasurements: properties(data.measurements),
          },
        ],
      };
    }
    case 'AvailabilityData': {
      const ms = duration(data, baseType, true)!;
      return {
        table: 'availabilityResults',
        records: [
          {
            ...common,
            id: optionalString(data, 'id'),
            name: required(data, 'name', baseType),
            location: optionalString(data, 'runLocation'),
            success: success(data) ? '1' : '0',
            message: optionalString(data, 'message'),
            duration: ms,
            performanceBucket: performanceBucket(ms),
            customMeasurements: properties(data.measurements),
          },
        ],
      };
    }
    case 'MetricData': {
      const metrics = data.metrics;
      if (!Array.isArray(metrics) || metrics.length === 0 || !metrics.every(isObject)) {
        throw new EnvelopeError(
          `Field 'metrics' on type 'MetricData' is required but missing or empty. Expected: array, Actual: ${describe(metrics)}`,
        );
      }
      return {
        table: 'customMetrics',
        records: (metrics as Fields[]).map((metric) => {
          const value = typeof metric.value === 'number' ? metric.value : null;
          if (value === null) {
            throw new EnvelopeError(
              `Field 'value' on type 'DataPoint' is required but missing or empty. Expected: number, Actual: ${describe(metric.value)}`,
            );
          }
          const number = (field: string, fallback: number) =>
            typeof metric[field] === 'number' ? (metric[field] as number) : fallback;
          return {
            ...common,
            name: required(metric, 'name', 'DataPoint'),
            value,
            valueCount: number('count', 1),
            valueSum: value,
            valueMin: number('min', value),
            valueMax: number('max', value),
            valueStdDev: number('stdDev', 0),
          };
        }),
      };
    }
    default:
      throw new EnvelopeError(`Telemetry of type '${baseType}' is not supported by this endpoint.`);
  }
}

/** The instrumentation key: `iKey`, else the one in the envelope name. */
function instrumentationKey(envelope: Fields): string {
  if (typeof envelope.iKey === 'string' && envelope.iKey) return envelope.iKey;
  const name = typeof envelope.name === 'string' ? envelope.name : '';
  return /^Microsoft\.ApplicationInsights\.([0-9a-f-]{32,36})\./i.exec(name)?.[1] ?? '';
}

export function mapEnvelope(envelope: unknown): EnvelopeMapping {
  try {
    if (!isObject(envelope))
      throw new EnvelopeError(`The item is not a JSON object (got ${describe(envelope)}).`);
    const app = findApplicationByInstrumentationKey(instrumentationKey(envelope));
    if (!app) throw new EnvelopeError('Invalid instrumentation key');
    const time = required(envelope, 'time', 'Envelope');
    const at = new Date(time);
    if (Number.isNaN(at.getTime())) {
      throw new EnvelopeError(
        `Field 'time' on type 'Envelope' is not a valid date-time. Actual: ${time}`,
      );
    }
    const data = envelope.data;
    if (!isObject(data)) {
      throw new EnvelopeError(
        `Field 'data' on type 'Envelope' is required but missing or empty. Expected: object, Actual: ${describe(data)}`,
      );
    }
    const baseType = required(data, 'baseType', 'Data');
    const baseData = data.baseData;
    if (!isObject(baseData)) {
      throw new EnvelopeError(
        `Field 'baseData' on type 'Data' is required but missing or empty. Expected: object, Actual: ${describe(baseData)}`,
      );
    }
    const { table, records } = baseDataRecords(baseType, baseData);
    const tags = isObject(envelope.tags) ? envelope.tags : {};
    const context: TelemetryRecord = {
      timestamp: at.toISOString(),
      client_Type: 'PC',
      // The service drops client IPs by default (IP masking) and keeps the geolocation.
      client_IP: '0.0.0.0',
    };
    for (const [tag, column] of Object.entries(tagColumns)) {
      if (typeof tags[tag] === 'string' && tags[tag] !== '') context[column] = tags[tag];
    }
    if (!context.operation_Name && table === 'requests') context.operation_Name = records[0]!.name;
    const sampleRate = typeof envelope.sampleRate === 'number' ? envelope.sampleRate : 100;
    const schema = tableSchema(table);
    const rows = records.map((record) =>
      toRow(schema, context, record, {
        appId: app.applicationId,
        appName: app.resourceName,
        iKey: app.instrumentationKey,
        itemId: randomUUID(),
        itemCount: Math.max(1, Math.round(100 / (sampleRate > 0 ? sampleRate : 100))),
      }),
    );
    return { ok: true, app, table, rows };
  } catch (error) {
    if (error instanceof EnvelopeError)
      return { ok: false, statusCode: 400, message: error.message };
    throw error;
  }
}
