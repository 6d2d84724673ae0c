import { parseKustoDateTime, parsedDateTime } from './kusto-datetime';
import { formatTimespanTicks } from './kusto-timespan';
import type { KustoScalarType } from './kusto-scalar-type';
import { movableBuffer } from './owned-buffer';
import { ChunkedValues } from './chunked-values';
import { TextDictionary } from './text-dictionary';

/**
 * Column storage. Typed arrays wherever the type allows, with a null bitmap allocated only once a
 * column meets its first null (bit i set = row i is null). Arrays are over-allocated as rows
 * stream in; a column's length is its table's `rowCount`, never `values.length`.
 */

/** `BoolColumnData.values` code for null (0 = false, 1 = true). */
export const BOOL_NULL = 2;

/**
 * A parser may hand an exact number as a string: this character followed by the number's JSON
 * text. Used for numbers `JSON.parse` would round (longs beyond 2^53).
 */
export const EXACT_NUMBER_MARK = '\u0000';

export interface BoolColumnData {
  readonly type: 'bool';
  values: Uint8Array;
}
export interface IntColumnData {
  readonly type: 'int';
  /** Int32Array; switches to Float64Array if a value does not fit 32 bits (malformed sources). */
  values: Int32Array | Float64Array;
  nulls: Uint8Array | null;
}
export interface RealColumnData {
  readonly type: 'real';
  values: Float64Array;
  nulls: Uint8Array | null;
}
export interface LongColumnData {
  readonly type: 'long';
  /** The value, or the nearest double when it is beyond ±2^53 (then `exact` holds it). */
  values: Float64Array;
  nulls: Uint8Array | null;
  /** Exact values of the rows that are not safe integers; null while there are none. */
  exact: Map<number, bigint> | null;
}
export interface DateTimeColumnData {
  readonly type: 'datetime';
  epochMs: Float64Array;
  /** 0 = the source had ≤ 3 fractional digits; 1 + t = t sub-millisecond ticks. Lazily allocated. */
  subMsTicks: Uint16Array | null;
  nulls: Uint8Array | null;
  /** Text of values that did not parse as a date (shown as received). */
  unparsed: Map<number, string> | null;
}
export interface TextColumnData {
  readonly type: 'string' | 'guid' | 'timespan' | 'decimal';
  values: ChunkedValues<string | null>;
  /** Shares repeated values of low-cardinality string columns (text-dictionary.ts). */
  dictionary?: TextDictionary;
}
export interface DynamicColumnData {
  readonly type: 'dynamic';
  values: ChunkedValues<unknown>;
}

export type ColumnData =
  | BoolColumnData
  | IntColumnData
  | RealColumnData
  | LongColumnData
  | DateTimeColumnData
  | TextColumnData
  | DynamicColumnData;

export interface AppendOptions {
  /** The rows may contain EXACT_NUMBER_MARK strings (checked only then, to keep the hot path lean). */
  exactNumbers: boolean;
  /** v1 sends dynamic values as JSON text in strings: parse them. */
  dynamicTextIsJson: boolean;
}

const INITIAL_CAPACITY = 64;

export function createColumnData(type: KustoScalarType): ColumnData {
  switch (type) {
    case 'bool':
      return { type, values: new Uint8Array(INITIAL_CAPACITY) };
    case 'int':
      return { type, values: new Int32Array(INITIAL_CAPACITY), nulls: null };
    case 'real':
      return { type, values: new Float64Array(INITIAL_CAPACITY), nulls: null };
    case 'long':
      return { type, values: new Float64Array(INITIAL_CAPACITY), nulls: null, exact: null };
    case 'datetime':
      return {
        type,
        epochMs: new Float64Array(INITIAL_CAPACITY),
        subMsTicks: null,
        nulls: null,
        unparsed: null,
      };
    case 'dynamic':
      return { type, values: new ChunkedValues() };
    case 'string':
      return { type, values: new ChunkedValues(), dictionary: new TextDictionary() };
    default:
      return { type, values: new ChunkedValues() };
  }
}

export function isNullAt(column: ColumnData, row: number): boolean {
  switch (column.type) {
    case 'bool':
      return column.values[row] === BOOL_NULL;
    case 'int':
    case 'real':
    case 'long':
    case 'datetime':
      return column.nulls !== null && ((column.nulls[row >> 3] as number) & (1 << (row & 7))) !== 0;
    default:
      return (column.values.get(row) ?? null) === null;
  }
}

/** Forget all rows (a progressive `DataReplace`). */
export function clearColumn(column: ColumnData): void {
  switch (column.type) {
    case 'bool':
      return;
    case 'int':
    case 'real':
      column.nulls?.fill(0);
      return;
    case 'long':
      column.nulls?.fill(0);
      column.exact = null;
      return;
    case 'datetime':
      column.nulls?.fill(0);
      column.subMsTicks?.fill(0);
      column.unparsed = null;
      return;
    default:
      column.values.clear();
      if ('dictionary' in column) column.dictionary?.clear();
  }
}

type TypedColumnArray = Uint8Array | Uint16Array | Int32Array | Float64Array;

interface TypedArrayMaker<T extends TypedColumnArray> {
  new (length: number): T;
  new (buffer: ArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * A new array of `length` elements starting with `array`'s. Where the browser can, the contents
 * are moved with `transfer`: the old buffer is detached and its memory given back at once.
 * Why: a column grows by doubling while rows stream in and is cut to size at the end, so a load
 * left behind old arrays of about three times the columns' final size, which stayed in memory
 * until the worker's next full GC (after the load had completed, as measured). Nothing may hold
 * a column's array across a growth: readers take `column.values` afresh for each job.
 */
function resized<T extends TypedColumnArray>(
  array: T,
  length: number,
  Make: TypedArrayMaker<T>,
): T {
  const buffer = movableBuffer(array);
  if (buffer) return new Make(buffer.transfer(length * Make.BYTES_PER_ELEMENT));
  const next = new Make(length);
  next.set(length < array.length ? array.subarray(0, length) : array);
  return next;
}

function grownSize(current: number, needed: number): number {
  let size = Math.max(current, INITIAL_CAPACITY);
  while (size < needed) size *= 2;
  return size;
}

function growTyped<T extends TypedColumnArray>(
  array: T,
  needed: number,
  Make: TypedArrayMaker<T>,
): T {
  if (array.length >= needed) return array;
  return resized(array, grownSize(array.length, needed), Make);
}

function growNulls(nulls: Uint8Array | null, rows: number): Uint8Array | null {
  if (nulls === null) return null;
  return growTyped(nulls, (rows + 7) >> 3, Uint8Array);
}

/** `array` cut to its first `length` elements. */
function trimmed<T extends TypedColumnArray>(
  array: T,
  length: number,
  Make: TypedArrayMaker<T>,
): T {
  return array.length > length ? resized(array, length, Make) : array;
}

/** Makes room for `rows` rows in total. */
export function ensureCapacity(column: ColumnData, rows: number): void {
  switch (column.type) {
    case 'bool':
      column.values = growTyped(column.values, rows, Uint8Array);
      return;
    case 'int':
      column.values =
        column.values instanceof Int32Array
          ? growTyped(column.values, rows, Int32Array)
          : growTyped(column.values, rows, Float64Array);
      column.nulls = growNulls(column.nulls, rows);
      return;
    case 'real':
    case 'long':
      column.values = growTyped(column.values, rows, Float64Array);
      column.nulls = growNulls(column.nulls, rows);
      return;
    case 'datetime':
      column.epochMs = growTyped(column.epochMs, rows, Float64Array);
      if (column.subMsTicks) {
        column.subMsTicks = growTyped(column.subMsTicks, rows, Uint16Array);
      }
      column.nulls = growNulls(column.nulls, rows);
      return;
    default:
      return;
  }
}

/**
 * Cuts a column's storage to its `rows` rows (the table is complete). Columns grow by doubling
 * while rows stream in, so up to half of each typed array is spare capacity: at 531,594 rows a
 * Float64 column holds room for 1,048,576. The exact-sized copy takes the contents over (see
 * `resized`).
 */
export function trimColumn(column: ColumnData, rows: number): void {
  const bitmapBytes = (rows + 7) >> 3;
  switch (column.type) {
    case 'bool':
      column.values = trimmed(column.values, rows, Uint8Array);
      return;
    case 'int':
      column.values =
        column.values instanceof Int32Array
          ? trimmed(column.values, rows, Int32Array)
          : trimmed(column.values, rows, Float64Array);
      if (column.nulls) column.nulls = trimmed(column.nulls, bitmapBytes, Uint8Array);
      return;
    case 'real':
    case 'long':
      column.values = trimmed(column.values, rows, Float64Array);
      if (column.nulls) column.nulls = trimmed(column.nulls, bitmapBytes, Uint8Array);
      return;
    case 'datetime':
      column.epochMs = trimmed(column.epochMs, rows, Float64Array);
      if (column.subMsTicks) column.subMsTicks = trimmed(column.subMsTicks, rows, Uint16Array);
      if (column.nulls) column.nulls = trimmed(column.nulls, bitmapBytes, Uint8Array);
      return;
    default:
      // Chunked (chunked-values.ts): nothing to cut. The dictionary's map only speeds up
      // appends: the rows already share its strings.
      if ('dictionary' in column) delete column.dictionary;
  }
}

function markNull(
  column: IntColumnData | RealColumnData | LongColumnData | DateTimeColumnData,
  row: number,
  capacity: number,
): void {
  if (column.nulls === null) column.nulls = new Uint8Array((capacity + 7) >> 3);
  column.nulls[row >> 3] = (column.nulls[row >> 3] as number) | (1 << (row & 7));
}

function isExactToken(value: string): boolean {
  return value.charCodeAt(0) === 0;
}

type Rows = readonly unknown[];

/**
 * Writes column `col` of `rows` (arrays; shorter rows read as null) at rows `base…`.
 * `ensureCapacity(column, base + rows.length)` must have run.
 */
export function appendColumnValues(
  column: ColumnData,
  rows: Rows,
  col: number,
  base: number,
  options: AppendOptions,
): void {
  switch (column.type) {
    case 'bool':
      return appendBool(column, rows, col, base);
    case 'int':
      return appendInt(column, rows, col, base);
    case 'real':
      return appendReal(column, rows, col, base);
    case 'long':
      return appendLong(column, rows, col, base);
    case 'datetime':
      return appendDateTime(column, rows, col, base);
    case 'dynamic':
      return appendDynamic(column, rows, col, base, options);
    case 'timespan':
      return appendTimespan(column, rows, col, base);
    default:
      return appendText(column, rows, col, base);
  }
}

function cell(rows: Rows, r: number, col: number): unknown {
  return (rows[r] as readonly unknown[])[col];
}

function appendBool(column: BoolColumnData, rows: Rows, col: number, base: number): void {
  const values = column.values;
  for (let r = 0; r < rows.length; r++) {
    const v = cell(rows, r, col);
    if (v === true || v === 1) values[base + r] = 1;
    else if (v === false || v === 0) values[base + r] = 0;
    else if (typeof v === 'string' && /^(true|false|1|0)$/i.test(v)) {
      values[base + r] = v === '1' || v.toLowerCase() === 'true' ? 1 : 0;
    } else values[base + r] = BOOL_NULL;
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const text = isExactToken(v) ? v.slice(1) : v;
    if (text === 'NaN') return NaN;
    if (text === 'Infinity') return Infinity;
    if (text === '-Infinity') return -Infinity;
    return text.trim() === '' ? NaN : Number(text);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

function appendInt(column: IntColumnData, rows: Rows, col: number, base: number): void {
  const capacity = column.values.length;
  for (let r = 0; r < rows.length; r++) {
    const v = cell(rows, r, col);
    const row = base + r;
    const num = typeof v === 'number' ? v : v === null || v === undefined ? NaN : toNumber(v);
    if (num !== num) {
      column.values[row] = 0;
      markNull(column, row, capacity);
      continue;
    }
    if ((num | 0) !== num && column.values instanceof Int32Array) {
      column.values = Float64Array.from(column.values);
    }
    column.values[row] = num;
  }
}

function appendReal(column: RealColumnData, rows: Rows, col: number, base: number): void {
  const values = column.values;
  for (let r = 0; r < rows.length; r++) {
    const v = cell(rows, r, col);
    if (typeof v === 'number') values[base + r] = v;
    else if (v === null || v === undefined) {
      values[base + r] = 0;
      markNull(column, base + r, values.length);
    } else values[base + r] = toNumber(v); // "NaN" / "Infinity" / "-Infinity" and exact tokens
  }
}

const INTEGER_TEXT = /^-?\d+$/;

function appendLong(column: LongColumnData, rows: Rows, col: number, base: number): void {
  const values = column.values;
  for (let r = 0; r < rows.length; r++) {
    const v = cell(rows, r, col);
    const row = base + r;
    if (typeof v === 'number') {
      values[row] = v;
      continue;
    }
    if (v === null || v === undefined) {
      values[row] = 0;
      markNull(column, row, values.length);
      continue;
    }
    const text = typeof v === 'string' ? (isExactToken(v) ? v.slice(1) : v.trim()) : '';
    if (INTEGER_TEXT.test(text)) {
      const exact = BigInt(text);
      const approx = Number(exact);
      values[row] = approx;
      if (!Number.isSafeInteger(approx)) (column.exact ??= new Map()).set(row, exact);
    } else {
      const num = toNumber(v);
      if (num !== num) markNull(column, row, values.length);
      values[row] = num === num ? num : 0;
    }
  }
}

function appendDateTime(column: DateTimeColumnData, rows: Rows, col: number, base: number): void {
  const epochMs = column.epochMs;
  for (let r = 0; r < rows.length; r++) {
    const v = cell(rows, r, col);
    const row = base + r;
    if (typeof v === 'string') {
      const ms = parseKustoDateTime(v);
      epochMs[row] = ms;
      if (ms !== ms) (column.unparsed ??= new Map()).set(row, v);
      else if (parsedDateTime.subMsTicks >= 0) {
        column.subMsTicks ??= new Uint16Array(epochMs.length);
        column.subMsTicks[row] = parsedDateTime.subMsTicks + 1;
      }
    } else if (typeof v === 'number') {
      epochMs[row] = v;
    } else {
      epochMs[row] = 0;
      markNull(column, row, epochMs.length);
    }
  }
}

function appendTimespan(column: TextColumnData, rows: Rows, col: number, base: number): void {
  const values = column.values;
  for (let r = 0; r < rows.length; r++) {
    const v = cell(rows, r, col);
    let text: string | null = null;
    if (typeof v === 'string') text = isExactToken(v) ? formatTimespanTicks(Number(v.slice(1))) : v;
    else if (typeof v === 'number') text = formatTimespanTicks(v); // ticks
    values.set(base + r, text);
  }
}

function appendText(column: TextColumnData, rows: Rows, col: number, base: number): void {
  const values = column.values;
  const dictionary = column.dictionary?.active ? column.dictionary : null;
  for (let r = 0; r < rows.length; r++) {
    const v = cell(rows, r, col);
    let text: string | null;
    if (typeof v === 'string') {
      if (isExactToken(v)) text = v.slice(1);
      else text = dictionary ? dictionary.intern(v) : v;
    } else if (v === null || v === undefined) text = null;
    else text = typeof v === 'object' ? JSON.stringify(v) : String(v);
    values.set(base + r, text);
  }
}

function appendDynamic(
  column: DynamicColumnData,
  rows: Rows,
  col: number,
  base: number,
  options: AppendOptions,
): void {
  const values = column.values;
  for (let r = 0; r < rows.length; r++) {
    let v = cell(rows, r, col);
    if (v === undefined) v = null;
    else if (options.exactNumbers) v = reviveExactNumbers(v);
    if (options.dynamicTextIsJson && typeof v === 'string') v = parseJsonOrKeep(v);
    values.set(base + r, v);
  }
}

function parseJsonOrKeep(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Inside dynamic values exact tokens become plain numbers again: dynamic cells are ordinary JSON
 * for charts and JSON viewers, so longs nested in them round like any JSON number.
 */
function reviveExactNumbers(value: unknown): unknown {
  if (typeof value === 'string') return isExactToken(value) ? Number(value.slice(1)) : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveExactNumbers(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = reviveExactNumbers(record[key]);
  }
  return value;
}
