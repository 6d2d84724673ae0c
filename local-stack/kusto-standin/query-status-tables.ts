/**
 * The secondary tables of a query response: @ExtendedProperties (render info), v2
 * QueryCompletionInformation and v1 QueryStatus, with the rows real clusters send.
 */
import type { ColumnSchema, VisualizationProperties, WireValue } from './kql-engine-api.ts';
import { kustoTimestamp } from './one-api-errors.ts';
import type { RequestIdentity } from './one-api-errors.ts';
import { microsTimespan, type QueryMeasurement } from './query-measurement.ts';

export const extendedPropertiesColumns: ColumnSchema[] = [
  { name: 'TableId', type: 'int' },
  { name: 'Key', type: 'string' },
  { name: 'Value', type: 'dynamic' },
];

/** v2: one Visualization row per primary table; the value is JSON *text*, as recorded. */
export function extendedPropertiesRows(
  primaries: ReadonlyArray<{ tableId: number; visualization: VisualizationProperties }>,
): WireValue[][] {
  return primaries.map((p) => [p.tableId, 'Visualization', JSON.stringify(p.visualization)]);
}

export const completionInformationColumns: ColumnSchema[] = [
  { name: 'Timestamp', type: 'datetime' },
  { name: 'ClientRequestId', type: 'string' },
  { name: 'ActivityId', type: 'guid' },
  { name: 'SubActivityId', type: 'guid' },
  { name: 'ParentActivityId', type: 'guid' },
  { name: 'Level', type: 'int' },
  { name: 'LevelName', type: 'string' },
  { name: 'StatusCode', type: 'int' },
  { name: 'StatusCodeName', type: 'string' },
  { name: 'EventType', type: 'int' },
  { name: 'EventTypeName', type: 'string' },
  { name: 'Payload', type: 'string' },
];

export interface QueryOutcome {
  executionSeconds: number;
  /** Rows and approximate JSON size of each primary table sent. */
  tables: ReadonlyArray<{ rowCount: number; size: number }>;
  inputRows: number;
  /** Message of a partial failure (limits, cancellation), if any. */
  errorMessage: string | null;
  /** 0x80DA0003 for E_QUERY_RESULT_SET_TOO_LARGE, as a signed 32-bit int. */
  errorStatusCode?: number;
  errorStatusName?: string;
  /** The stand-in's own measurement of the query; without one, figures follow the wall time. */
  measurement?: QueryMeasurement;
}

/** QueryResourceConsumption payload, with the fields real clusters fill (recordings). */
export function resourceConsumptionPayload(outcome: QueryOutcome): string {
  const m = outcome.measurement;
  const wall = timespan(outcome.executionSeconds);
  const memory = m?.memoryCache ?? { hits: 0, misses: 0 };
  return JSON.stringify({
    ExecutionTime: Math.round(outcome.executionSeconds * 1e7) / 1e7,
    resource_usage: {
      cache: {
        // A cold extent is read from local disk (a disk hit) into memory (a memory miss).
        memory: { hits: memory.hits, misses: memory.misses, total: memory.hits + memory.misses },
        disk: { hits: memory.misses, misses: 0, total: memory.misses },
        shards: {
          hot: {
            hitbytes: m?.hitBytes ?? 0,
            missbytes: m?.missBytes ?? 0,
            retrievebytes: m?.missBytes ?? 0,
          },
          cold: { hitbytes: 0, missbytes: 0, retrievebytes: 0 },
          bypassbytes: 0,
        },
      },
      cpu: m
        ? {
            user: microsTimespan(m.cpuUserMicros),
            kernel: microsTimespan(m.cpuKernelMicros),
            'total cpu': microsTimespan(m.cpuUserMicros + m.cpuKernelMicros),
          }
        : { user: wall, kernel: '00:00:00', 'total cpu': wall },
      memory: { peak_per_node: m?.memoryPeakBytes ?? 0 },
    },
    input_dataset_statistics: {
      extents: { total: m?.extentsTotal ?? 1, scanned: m?.extentsScanned ?? 1 },
      rows: {
        total: m?.rowsTotal ?? outcome.inputRows,
        scanned: m?.rowsScanned ?? outcome.inputRows,
      },
      rowstores: { scanned_rows: 0, scanned_values_size: 0 },
    },
    dataset_statistics: outcome.tables.map((t) => ({
      table_row_count: t.rowCount,
      table_size: t.size,
    })),
  });
}

function timespan(seconds: number): string {
  const totalMs = Math.round(seconds * 1000);
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  const s = (totalMs % 60_000) / 1000;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${s.toFixed(7).padStart(10, '0')}`;
}

export function completionInformationRows(
  ids: RequestIdentity,
  outcome: QueryOutcome,
): WireValue[][] {
  const stamp = kustoTimestamp(new Date());
  const base = [stamp, ids.clientRequestId, ids.activityId, ids.activityId, ids.activityId];
  const rows: WireValue[][] = [];
  if (outcome.errorMessage) {
    rows.push([
      ...base,
      2,
      'Error',
      outcome.errorStatusCode ?? -2133196797,
      outcome.errorStatusName ?? 'E_QUERY_RESULT_SET_TOO_LARGE (0x80DA0003)',
      4,
      'QueryInfo',
      JSON.stringify({ Count: 1, Text: outcome.errorMessage }),
    ]);
  } else {
    rows.push([
      ...base,
      4,
      'Info',
      0,
      'S_OK (0)',
      4,
      'QueryInfo',
      JSON.stringify({ Count: 1, Text: 'Query completed successfully' }),
    ]);
  }
  rows.push([
    ...base,
    4,
    'Info',
    0,
    'S_OK (0)',
    5,
    'WorkloadGroup',
    JSON.stringify({ Count: 1, Text: 'default' }),
  ]);
  rows.push([
    ...base,
    6,
    'Stats',
    0,
    'S_OK (0)',
    0,
    'QueryResourceConsumption',
    resourceConsumptionPayload(outcome),
  ]);
  return rows;
}

export const queryStatusColumns: ColumnSchema[] = [
  { name: 'Timestamp', type: 'datetime' },
  { name: 'Severity', type: 'int' },
  { name: 'SeverityName', type: 'string' },
  { name: 'StatusCode', type: 'int' },
  { name: 'StatusDescription', type: 'string' },
  { name: 'Count', type: 'int' },
  { name: 'RequestId', type: 'guid' },
  { name: 'ActivityId', type: 'guid' },
  { name: 'SubActivityId', type: 'guid' },
  { name: 'ClientActivityId', type: 'string' },
];

/** v1 QueryStatus rows (kusto-v1/node-v1_2-multitable.json). */
export function queryStatusRows(ids: RequestIdentity, outcome: QueryOutcome): WireValue[][] {
  const stamp = kustoTimestamp(new Date());
  const tail = [1, ids.activityId, ids.activityId, ids.activityId, ids.clientRequestId];
  const first: WireValue[] = outcome.errorMessage
    ? [stamp, 2, 'Error', outcome.errorStatusCode ?? -2133196797, outcome.errorMessage, ...tail]
    : [stamp, 4, 'Info', 0, 'Query completed successfully', ...tail];
  return [first, [stamp, 6, 'Stats', 0, resourceConsumptionPayload(outcome), ...tail]];
}
