import { ChunkedValues, type ColumnData, type DataSet, type ResultTable } from '../result-model';

/**
 * A parsed result in the form the result store keeps: the worker's own column storage (typed
 * arrays cut to the row count, null bitmaps, exact-long and unparsed-date maps), with repeated
 * strings written once per column. IndexedDB's structured clone takes typed arrays, Maps and
 * bigints as they are, so storing costs a copy of the columns, never a re-encoding to JSON, and
 * restoring needs no parser.
 */

export const COMPACT_RESULT_VERSION = 1;

type StoredColumn =
  | { type: 'bool'; values: Uint8Array }
  | { type: 'int'; values: Int32Array | Float64Array; nulls: Uint8Array | null }
  | { type: 'real'; values: Float64Array; nulls: Uint8Array | null }
  | {
      type: 'long';
      values: Float64Array;
      nulls: Uint8Array | null;
      exact: Map<number, bigint> | null;
    }
  | {
      type: 'datetime';
      epochMs: Float64Array;
      subMsTicks: Uint16Array | null;
      nulls: Uint8Array | null;
      unparsed: Map<number, string> | null;
    }
  /** Text: each row's value, or (few distinct values) the values once and each row's code. */
  | {
      type: 'string' | 'guid' | 'timespan' | 'decimal';
      values: (string | null)[] | null;
      distinct: (string | null)[] | null;
      codes: Uint16Array | Uint32Array | null;
    }
  | { type: 'dynamic'; values: unknown[] };

interface StoredTable extends Omit<ResultTable, 'data' | 'columns' | 'version'> {
  columns: ResultTable['columns'][number][];
  data: StoredColumn[];
}

export interface CompactResult extends Omit<DataSet, 'tables'> {
  version: typeof COMPACT_RESULT_VERSION;
  tables: StoredTable[];
}

export type CompactOutcome =
  | { ok: true; result: CompactResult; bytes: number }
  /** Bigger than `maxBytes`: counting stopped there (`bytes` is at least that). */
  | { ok: false; bytes: number };

/** Bytes a JS string takes, about (UTF-16 plus a header); the store's caps are about as rough. */
function textBytes(text: string | null | undefined): number {
  return text == null ? 0 : 16 + text.length * 2;
}

/** Rough size of a JSON-like value (dynamic cells). */
function valueBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined) return 8;
  if (typeof value === 'string') return textBytes(value);
  if (typeof value !== 'object' || depth > 32) return 16;
  let n = 32;
  if (Array.isArray(value)) for (const item of value) n += 8 + valueBytes(item, depth + 1);
  else {
    // for…in, not Object.entries: sizing a million cells' objects made tens of MB of pair arrays.
    const record = value as Record<string, unknown>;
    for (const key in record)
      if (Object.hasOwn(record, key)) n += textBytes(key) + valueBytes(record[key], depth + 1);
  }
  return n;
}

function bitmap(nulls: Uint8Array | null, rows: number): Uint8Array | null {
  return nulls ? nulls.slice(0, Math.ceil(rows / 8)) : null;
}

/**
 * Distinct values of a text column with few of them (each row then stores a code), or null when
 * they are mostly distinct (ids, narratives: codes would only add to them).
 */
function textDictionary(values: ChunkedValues<string | null>, rows: number) {
  const codeOf = new Map<string | null, number>();
  const distinct: (string | null)[] = [];
  for (let row = 0; row < rows; row++) {
    const value = values.get(row) ?? null;
    if (codeOf.has(value)) continue;
    if (distinct.length > Math.max(256, rows / 4)) return null;
    codeOf.set(value, distinct.length);
    distinct.push(value);
  }
  return { codeOf, distinct };
}

function textCodes(
  values: ChunkedValues<string | null>,
  rows: number,
  codeOf: ReadonlyMap<string | null, number>,
  distinctCount: number,
): Uint16Array | Uint32Array {
  const codes = distinctCount <= 65_536 ? new Uint16Array(rows) : new Uint32Array(rows);
  for (let row = 0; row < rows; row++) codes[row] = codeOf.get(values.get(row) ?? null) as number;
  return codes;
}

/**
 * The least a column can take in its stored form, known without reading a cell: exact for
 * number, bool and datetime columns (before their exact-long and unparsed maps), 2 bytes a row
 * for text (a code) and 8 for a dynamic cell.
 */
function leastBytes(column: ColumnData, rows: number): number {
  const bitmapBytes = (nulls: Uint8Array | null) => (nulls ? Math.ceil(rows / 8) : 0);
  switch (column.type) {
    case 'bool':
      return rows;
    case 'int':
    case 'real':
      return rows * column.values.BYTES_PER_ELEMENT + bitmapBytes(column.nulls);
    case 'long':
      return rows * 8 + bitmapBytes(column.nulls);
    case 'datetime':
      return rows * 8 + (column.subMsTicks ? rows * 2 : 0) + bitmapBytes(column.nulls);
    case 'dynamic':
      return rows * 8;
    default:
      return rows * 2;
  }
}

/** Columns sized first cost least to size: typed ones nothing, dynamic ones stop at the budget. */
function sizingCost(column: ColumnData): number {
  switch (column.type) {
    case 'bool':
    case 'int':
    case 'real':
    case 'long':
    case 'datetime':
      return 0;
    case 'dynamic':
      return 1;
    default:
      return 2;
  }
}

/**
 * A column's stored size and how to make its stored form. Sizes come first, so a result over the
 * cap is turned down before any column is copied (at 531,594 rows the copies made before the cap
 * was reached were ~50 MB of ArrayBuffers, garbage right away). Counting a column row by row
 * stops once it is over `budget` (the caller then turns the result down).
 */
function planColumn(
  column: ColumnData,
  rows: number,
  budget: number,
): { bytes: number; build: () => StoredColumn } {
  switch (column.type) {
    case 'bool':
      return {
        bytes: leastBytes(column, rows),
        build: () => ({ type: 'bool', values: column.values.slice(0, rows) }),
      };
    case 'int':
    case 'real':
      return {
        bytes: leastBytes(column, rows),
        build: () =>
          ({
            type: column.type,
            values: column.values.slice(0, rows),
            nulls: bitmap(column.nulls, rows),
          }) as StoredColumn,
      };
    case 'long':
      return {
        bytes: leastBytes(column, rows) + (column.exact?.size ?? 0) * 48,
        build: () => ({
          type: 'long',
          values: column.values.slice(0, rows),
          nulls: bitmap(column.nulls, rows),
          exact: column.exact ? new Map(column.exact) : null,
        }),
      };
    case 'datetime': {
      let bytes = leastBytes(column, rows);
      for (const text of column.unparsed?.values() ?? []) bytes += 16 + textBytes(text);
      return {
        bytes,
        build: () => ({
          type: 'datetime',
          epochMs: column.epochMs.slice(0, rows),
          subMsTicks: column.subMsTicks ? column.subMsTicks.slice(0, rows) : null,
          nulls: bitmap(column.nulls, rows),
          unparsed: column.unparsed ? new Map(column.unparsed) : null,
        }),
      };
    }
    case 'dynamic': {
      let bytes = 0;
      for (let row = 0; row < rows && bytes <= budget; row++)
        bytes += 8 + valueBytes(column.values.get(row));
      return { bytes, build: () => ({ type: 'dynamic', values: column.values.toArray(rows) }) };
    }
    default: {
      const values = column.values;
      const dictionary = textDictionary(values, rows);
      if (dictionary) {
        const { codeOf, distinct } = dictionary;
        let bytes = rows * (distinct.length <= 65_536 ? 2 : 4);
        for (const text of distinct) bytes += textBytes(text);
        return {
          bytes,
          build: () => ({
            type: column.type,
            values: null,
            distinct,
            codes: textCodes(values, rows, codeOf, distinct.length),
          }),
        };
      }
      let bytes = 0;
      for (let row = 0; row < rows && bytes <= budget; row++)
        bytes += 8 + textBytes(values.get(row));
      return {
        bytes,
        build: () => ({
          type: column.type,
          values: values.toArray(rows),
          distinct: null,
          codes: null,
        }),
      };
    }
  }
}

/** The data set in its stored form, or its size (at least) when that is over `maxBytes`. */
export function compactDataSet(dataSet: DataSet, maxBytes = Infinity): CompactOutcome {
  // Every column's least size is reserved up front, and the columns are sized cheapest first,
  // each within what the others leave. A result that cannot fit is then turned down having read
  // as few cells as possible: at 1,004,122 StormEvents rows (over the cap), sizing in column
  // order read every cell of the seven text columns for their dictionaries, 162-281 ms of the
  // worker right after completion (Node, three runs), while the page waited for rows.
  const columns = dataSet.tables.flatMap((table, t) =>
    table.data.map((column, c) => ({
      column,
      rows: table.rowCount,
      least: leastBytes(column, table.rowCount),
      t,
      c,
    })),
  );
  let reserved = 0;
  for (const { least } of columns) reserved += least;
  if (reserved > maxBytes) return { ok: false, bytes: reserved };
  columns.sort((a, b) => sizingCost(a.column) - sizingCost(b.column));
  let bytes = 0;
  const plans: { bytes: number; build: () => StoredColumn }[][] = dataSet.tables.map(() => []);
  for (const { column, rows, least, t, c } of columns) {
    reserved -= least;
    const plan = planColumn(column, rows, maxBytes - bytes - reserved);
    bytes += plan.bytes;
    if (bytes + reserved > maxBytes) return { ok: false, bytes: bytes + reserved };
    plans[t]![c] = plan;
  }
  const tables: StoredTable[] = dataSet.tables.map((table, t) => ({
    id: table.id,
    name: table.name,
    kind: table.kind,
    columns: [...table.columns],
    data: plans[t]!.map((plan) => plan.build()),
    rowCount: table.rowCount,
    complete: table.complete,
    progress: table.progress,
    reportedRowCount: table.reportedRowCount,
  }));
  const { tables: _tables, ...rest } = dataSet;
  void _tables;
  return { ok: true, result: { ...rest, version: COMPACT_RESULT_VERSION, tables }, bytes };
}

/** Thrown when a stored result is not one this version can read (damaged, or from another). */
export class CompactResultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompactResultError';
  }
}

function expandColumn(stored: StoredColumn, rows: number, where: string): ColumnData {
  const check = (ok: boolean) => {
    if (!ok) throw new CompactResultError(`${where} is damaged.`);
  };
  switch (stored.type) {
    case 'bool':
      check(stored.values instanceof Uint8Array && stored.values.length >= rows);
      return { type: 'bool', values: stored.values };
    case 'int':
    case 'real':
    case 'long':
      check(ArrayBuffer.isView(stored.values) && stored.values.length >= rows);
      if (stored.type === 'long')
        return { type: 'long', values: stored.values, nulls: stored.nulls, exact: stored.exact };
      return stored.type === 'int'
        ? { type: 'int', values: stored.values, nulls: stored.nulls }
        : { type: 'real', values: stored.values, nulls: stored.nulls };
    case 'datetime':
      check(stored.epochMs instanceof Float64Array && stored.epochMs.length >= rows);
      return {
        type: 'datetime',
        epochMs: stored.epochMs,
        subMsTicks: stored.subMsTicks,
        nulls: stored.nulls,
        unparsed: stored.unparsed,
      };
    case 'dynamic':
      check(Array.isArray(stored.values) && stored.values.length >= rows);
      return { type: 'dynamic', values: ChunkedValues.from(stored.values, rows) };
    case 'string':
    case 'guid':
    case 'timespan':
    case 'decimal': {
      if (stored.values) {
        check(Array.isArray(stored.values) && stored.values.length >= rows);
        return { type: stored.type, values: ChunkedValues.from(stored.values, rows) };
      }
      const { distinct, codes } = stored;
      check(Array.isArray(distinct) && ArrayBuffer.isView(codes) && (codes?.length ?? 0) >= rows);
      const values = new ChunkedValues<string | null>();
      for (let row = 0; row < rows; row++) {
        const value = distinct![codes![row] as number];
        check(value !== undefined);
        values.set(row, value ?? null);
      }
      return { type: stored.type, values };
    }
    default:
      throw new CompactResultError(`${where} has a column type this version does not know.`);
  }
}

/** The data set again, for a result session. Throws CompactResultError when it is damaged. */
export function expandDataSet(stored: unknown): DataSet {
  const result = stored as Partial<CompactResult> | null;
  if (!result || typeof result !== 'object' || result.version !== COMPACT_RESULT_VERSION)
    throw new CompactResultError('The kept result is not in a form this version reads.');
  if (!Array.isArray(result.tables) || typeof result.source !== 'string')
    throw new CompactResultError('The kept result is damaged (it has no tables).');
  const tables: ResultTable[] = result.tables.map((table, t) => {
    if (
      !table ||
      !Array.isArray(table.columns) ||
      !Array.isArray(table.data) ||
      table.columns.length !== table.data.length ||
      !Number.isInteger(table.rowCount)
    )
      throw new CompactResultError(`Table ${t + 1} of the kept result is damaged.`);
    return {
      id: table.id,
      name: table.name,
      kind: table.kind,
      columns: table.columns,
      data: table.data.map((column, c) =>
        expandColumn(column, table.rowCount, `Column ${c + 1} of table ${t + 1}`),
      ),
      rowCount: table.rowCount,
      version: 1,
      complete: table.complete,
      progress: table.progress,
      reportedRowCount: table.reportedRowCount,
    };
  });
  const { version: _version, tables: _tables, ...rest } = result as CompactResult;
  void _version;
  void _tables;
  return { ...rest, tables, complete: true };
}
