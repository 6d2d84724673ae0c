import { formatKustoDateTime, type KustoDateTime } from './kusto-datetime';
import type { KustoScalarType } from './kusto-scalar-type';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A typed cell value, per column type: bool → boolean, int/real → number, long → number (or
 * bigint beyond ±2^53), decimal/guid/string/timespan → string (decimal exact), datetime →
 * KustoDateTime, dynamic → parsed JSON. Kusto null → null.
 */
export type CellValue = null | boolean | number | bigint | string | KustoDateTime | JsonValue;

function isDateTime(value: unknown): value is KustoDateTime {
  return typeof value === 'object' && value !== null && 'epochMs' in value && 'subMsTicks' in value;
}

/**
 * Display text for a cell. Null shows as '' (tell it from an empty string with `getCell(...)
 * === null` or the null entries of a row block). Text is for text nodes only, never HTML.
 */
export function formatCell(value: CellValue | undefined, type: KustoScalarType): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'datetime':
      if (isDateTime(value)) return formatKustoDateTime(value.epochMs, value.subMsTicks);
      return typeof value === 'string' ? value : '';
    case 'dynamic':
      return formatDynamic(value);
    case 'real':
      return typeof value === 'number' ? formatReal(value) : String(value);
    default:
      return typeof value === 'object' ? formatDynamic(value) : String(value);
  }
}

/** JS shortest round-trip text; NaN / Infinity / -Infinity spelled as Kusto does. */
export function formatReal(value: number): string {
  return String(value);
}

/** Compact JSON (a bigint, which JSON cannot hold, prints as its digits). */
export function formatDynamic(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}
