/**
 * The engine's in-memory value form. One JavaScript value per cell, interpreted by the column's
 * Kusto type:
 * - bool: boolean | null;  int, long, real, decimal: number | null (decimal is held as a double)
 * - datetime: 100 ns ticks since 2020-01-01 (see datetime-text.ts) | null;  timespan: ticks | null
 * - string: string (never null: Kusto strings are empty instead);  guid: lowercase string | null
 * - dynamic: a JSON value in wire form (datetimes inside dynamic values are ISO strings)
 */
import type {
  ColumnSchema,
  KustoScalarType,
  VisualizationProperties,
  WireValue,
} from './public-types';
import {
  formatDatetimeString,
  formatDatetimeWire,
  formatTimespan,
  parseDatetimeText,
  parseTimespanText,
  ticksSinceYearOne,
} from './datetime-text';

export type Value = WireValue;
export type DynamicValue = WireValue;

/** A scalar type as the analyzer names it; 'null' and 'unknown' occur for untyped literals. */
export type ValueType = KustoScalarType | 'null' | 'unknown';

export interface Table {
  columns: ColumnSchema[];
  rows: Value[][];
  /** Set by `render`; carried to the result's visualization properties. */
  visualization?: VisualizationProperties;
  /** True when the rows come out of sort/top (Kusto reports it as IsQuerySorted). */
  sorted?: boolean;
  /** Set by `as Name`. */
  name?: string;
}

export function isNumericType(type: ValueType): boolean {
  return type === 'int' || type === 'long' || type === 'real' || type === 'decimal';
}

export function isIntegerType(type: ValueType): boolean {
  return type === 'int' || type === 'long';
}

/** Wire (v2 JSON) cell -> internal value. */
export function fromWire(type: KustoScalarType, wire: WireValue | undefined): Value {
  if (wire === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'string':
      if (wire === null) return '';
      return typeof wire === 'string' ? wire : JSON.stringify(wire);
    case 'dynamic':
      return wire;
    default:
      return toScalarOfType(type, wire, 'dynamic');
  }
}

/** Internal value -> wire (v2 JSON) cell. */
export function toWire(type: KustoScalarType, value: Value): WireValue {
  if (value === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'datetime':
      return typeof value === 'number' ? formatDatetimeWire(value) : null;
    case 'timespan':
      return typeof value === 'number' ? formatTimespan(value) : null;
    case 'real':
      if (typeof value !== 'number') return null;
      if (!Number.isFinite(value))
        return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
      return value;
    case 'decimal':
      // Decimals are held as doubles; 15 significant digits hide the binary noise (1.1 + 2.2).
      return typeof value === 'number' ? String(Number(value.toPrecision(15))) : null;
    // The analyzer's type is authoritative; a value of another kind never reaches the wire as is.
    case 'string':
      return typeof value === 'string' ? value : toStringValue('dynamic', value);
    case 'int':
    case 'long':
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
    case 'bool':
      return typeof value === 'boolean' ? value : null;
    case 'guid':
      return typeof value === 'string' ? value : null;
    default:
      return value;
  }
}

/** An internal value placed inside a dynamic value (make_list, pack, ...). */
export function toDynamic(type: ValueType, value: Value): DynamicValue {
  if (value === null) return null;
  switch (type) {
    case 'datetime':
      return typeof value === 'number' ? formatDatetimeWire(value) : value;
    case 'timespan':
      return typeof value === 'number' ? formatTimespan(value) : value;
    case 'decimal':
      return value;
    case 'real':
      return typeof value === 'number' && !Number.isFinite(value) ? toWire('real', value) : value;
    default:
      return value;
  }
}

/** tostring() of a value of the given type. */
export function toStringValue(type: ValueType, value: Value): string {
  if (value === null) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return String(value);
    case 'datetime':
      return typeof value === 'number' ? formatDatetimeString(value) : String(value);
    case 'timespan':
      return typeof value === 'number' ? formatTimespan(value) : String(value);
    case 'bool':
      return value ? 'true' : 'false';
    case 'real':
    case 'decimal':
    case 'int':
    case 'long':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return formatNumber(value);
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      return JSON.stringify(value);
  }
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

function parseNumberText(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^[+-]?(nan)$/i.test(trimmed)) return NaN;
  if (/^\+?(inf|infinity)$/i.test(trimmed)) return Infinity;
  if (/^-(inf|infinity)$/i.test(trimmed)) return -Infinity;
  if (/^[+-]?0x[0-9a-f]+$/i.test(trimmed)) return Number.parseInt(trimmed, 16);
  const n = Number(trimmed);
  return Number.isNaN(n) ? null : n;
}

/** Numbers from datetimes and timespans count 100 ns ticks (datetimes from 0001-01-01), as .NET does. */
function numberFromTemporal(fromType: ValueType, value: number): number {
  if (fromType === 'datetime') return ticksSinceYearOne(value);
  return value;
}

/**
 * Converts a value of `fromType` to `toType` the way Kusto's to*() functions do: failures give
 * null (or '' for strings). Used by conversions, comparisons with dynamic values and wire input.
 */
export function toScalarOfType(toType: KustoScalarType, value: Value, fromType: ValueType): Value {
  if (value === null) return toType === 'string' ? '' : null;
  switch (toType) {
    case 'string':
      return toStringValue(fromType, value);
    case 'dynamic':
      return fromType === 'dynamic' ? value : toDynamic(fromType, value);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return Number.isNaN(value) ? null : value !== 0;
      if (typeof value === 'string') {
        const lower = value.trim().toLowerCase();
        if (lower === 'true' || lower === '1') return true;
        if (lower === 'false' || lower === '0') return false;
      }
      return null;
    case 'int':
    case 'long': {
      let n: number | null = null;
      if (typeof value === 'number') n = numberFromTemporal(fromType, value);
      else if (typeof value === 'boolean') n = value ? 1 : 0;
      else if (typeof value === 'string') n = parseNumberText(value);
      if (n === null || !Number.isFinite(n)) return null;
      const truncated = Math.trunc(n);
      return toType === 'int' ? truncated | 0 : truncated;
    }
    case 'real':
    case 'decimal': {
      if (typeof value === 'number') return numberFromTemporal(fromType, value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') return parseNumberText(value);
      return null;
    }
    case 'datetime':
      if (typeof value === 'number') return fromType === 'datetime' ? value : null;
      if (typeof value === 'string') return parseDatetimeText(value);
      return null;
    case 'timespan':
      if (typeof value === 'number') {
        // Numbers count ticks, as in Kusto.
        return fromType === 'timespan' || fromType === 'dynamic' || isNumericType(fromType)
          ? value
          : null;
      }
      if (typeof value === 'string') return parseTimespanText(value);
      return null;
    case 'guid':
      if (
        typeof value === 'string' &&
        /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value.trim())
      ) {
        return value.trim().toLowerCase();
      }
      return null;
  }
}

/** Internal row from a wire row, column by column. */
export function rowFromWire(columns: ColumnSchema[], row: WireValue[]): Value[] {
  return columns.map((column, i) => fromWire(column.type, row[i]));
}

export function rowToWire(columns: ColumnSchema[], row: Value[]): WireValue[] {
  return columns.map((column, i) => toWire(column.type, row[i] ?? null));
}
