/** Turns a telemetry item (column name → value) into a row of its table, in column order. */
import type { WireValue } from '../kql-engine/index.ts';
import type { TelemetryTableSchema } from './telemetry-schema.ts';

export type TelemetryRecord = Record<string, WireValue | undefined>;

/**
 * Missing string columns become '' (Kusto strings are never null), anything else null. With
 * several records, later ones win (cheaper than spreading them into one object per row).
 */
export function toRow(schema: TelemetryTableSchema, ...records: TelemetryRecord[]): WireValue[] {
  const row: WireValue[] = new Array<WireValue>(schema.columns.length);
  for (let c = 0; c < schema.columns.length; c++) {
    const column = schema.columns[c]!;
    let value: WireValue | undefined;
    if (column.name === 'itemType') {
      value = schema.itemType;
    } else {
      for (let r = records.length - 1; r >= 0 && value === undefined; r--) {
        value = records[r]![column.name];
      }
    }
    row[c] = value === undefined || value === null ? (column.type === 'string' ? '' : null) : value;
  }
  return row;
}

/** Application Insights' duration buckets (the `performanceBucket` column). */
const buckets: ReadonlyArray<[number, string]> = [
  [250, '<250ms'],
  [500, '250ms-500ms'],
  [1_000, '500ms-1sec'],
  [3_000, '1sec-3sec'],
  [7_000, '3sec-7sec'],
  [15_000, '7sec-15sec'],
  [30_000, '15sec-30sec'],
  [60_000, '30sec-1min'],
  [120_000, '1min-2min'],
  [300_000, '2min-5min'],
];

export function performanceBucket(durationMs: number): string {
  for (const [limit, label] of buckets) if (durationMs < limit) return label;
  return '>=5min';
}
