import { readCellText } from './cell-access';
import { BOOL_NULL, isNullAt, type ColumnData } from './column-data';
import { parseTimespanTicks } from './kusto-timespan';
import type { SortModelItem } from './grid-models';
import type { ResultTable } from './result-types';

type Compare = (a: number, b: number) => number;

/**
 * Row permutation for a sort model (AG Grid's `sortModel`, multi-column). Sorts `rows` (e.g. a
 * filter result) or all rows. Nulls come first ascending and last descending, as in Kusto.
 * Strings compare by code unit (ordinal). Stable: ties keep their original order.
 */
export function sortIndex(
  table: ResultTable,
  sortModel: readonly SortModelItem[],
  rows?: Int32Array,
): Int32Array {
  const index = rows ? Int32Array.from(rows) : identityIndex(table.rowCount);
  const comparators: Compare[] = [];
  for (const item of sortModel) {
    const col = table.columns.findIndex((c) => c.name === item.colId);
    const column = table.data[col];
    if (!column) continue;
    const compare = comparatorFor(column, table.rowCount);
    comparators.push(item.sort === 'desc' ? (a, b) => compare(b, a) : compare);
  }
  if (comparators.length === 0) return index;
  const [only] = comparators;
  if (comparators.length === 1 && only) {
    index.sort((a, b) => only(a, b) || a - b);
  } else {
    index.sort((a, b) => {
      for (const compare of comparators) {
        const r = compare(a, b);
        if (r !== 0) return r;
      }
      return a - b;
    });
  }
  return index;
}

export function identityIndex(rowCount: number): Int32Array {
  const index = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) index[i] = i;
  return index;
}

function compareNumbers(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  // NaN sorts before every number (after null).
  return x !== x ? (y !== y ? 0 : -1) : 1;
}

function withNulls(column: ColumnData, compare: Compare): Compare {
  return (a, b) => {
    const an = isNullAt(column, a);
    const bn = isNullAt(column, b);
    if (an || bn) return an === bn ? 0 : an ? -1 : 1;
    return compare(a, b);
  };
}

function compareText(x: string | null | undefined, y: string | null | undefined): number {
  if (x === y) return 0;
  if (x === null || x === undefined) return -1;
  if (y === null || y === undefined) return 1;
  return x < y ? -1 : 1;
}

function comparatorFor(column: ColumnData, rowCount: number): Compare {
  switch (column.type) {
    case 'bool': {
      const v = column.values;
      const rank = (x: number) => (x === BOOL_NULL ? -1 : x);
      return (a, b) => rank(v[a] as number) - rank(v[b] as number);
    }
    case 'int':
    case 'real': {
      const v = column.values;
      return withNulls(column, (a, b) => compareNumbers(v[a] as number, v[b] as number));
    }
    case 'long': {
      const v = column.values;
      const exact = column.exact;
      return withNulls(column, (a, b) => {
        const r = compareNumbers(v[a] as number, v[b] as number);
        if (r !== 0 || exact === null) return r;
        // Equal doubles can hide different longs beyond 2^53.
        const x = exact.get(a) ?? BigInt(v[a] as number);
        const y = exact.get(b) ?? BigInt(v[b] as number);
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    case 'datetime': {
      const ms = column.epochMs;
      const sub = column.subMsTicks;
      const unparsed = column.unparsed;
      return withNulls(column, (a, b) => {
        const r = compareNumbers(ms[a] as number, ms[b] as number);
        if (r !== 0) return r;
        if (sub) {
          const d = (sub[a] as number) - (sub[b] as number);
          if (d !== 0) return d;
        }
        return unparsed ? compareText(unparsed.get(a), unparsed.get(b)) : 0;
      });
    }
    case 'timespan': {
      const keys = new Float64Array(rowCount);
      for (let i = 0; i < rowCount; i++) {
        const text = column.values.get(i);
        keys[i] = typeof text === 'string' ? parseTimespanTicks(text) : NaN;
      }
      return withNulls(column, (a, b) => compareNumbers(keys[a] as number, keys[b] as number));
    }
    case 'decimal': {
      const values = column.values;
      const keys = new Float64Array(rowCount);
      for (let i = 0; i < rowCount; i++) keys[i] = Number(values.get(i) ?? NaN);
      return withNulls(column, (a, b) => {
        // Rounding is monotonic: different doubles mean different decimals, same order.
        const r = compareNumbers(keys[a] as number, keys[b] as number);
        return r !== 0 ? r : compareDecimalText(values.get(a) as string, values.get(b) as string);
      });
    }
    case 'dynamic': {
      const keys: (string | null)[] = new Array<string | null>(rowCount);
      for (let i = 0; i < rowCount; i++) keys[i] = readCellText(column, i);
      return (a, b) => compareText(keys[a], keys[b]);
    }
    default: {
      const v = column.values;
      return (a, b) => compareText(v.get(a), v.get(b));
    }
  }
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Exact order of two decimal texts; falls back to text order for anything else (NaN…). */
export function compareDecimalText(x: string, y: string): number {
  const a = DECIMAL.exec(x);
  const b = DECIMAL.exec(y);
  if (!a || !b) return compareText(x, y);
  const norm = (m: RegExpExecArray) => {
    const int = (m[2] ?? '').replace(/^0+/, '');
    const frac = (m[3] ?? '').replace(/0+$/, '');
    const zero = int === '' && frac === '';
    return { neg: m[1] === '-' && !zero, int, frac };
  };
  const p = norm(a);
  const q = norm(b);
  if (p.neg !== q.neg) return p.neg ? -1 : 1;
  const sign = p.neg ? -1 : 1;
  if (p.int.length !== q.int.length) return sign * (p.int.length - q.int.length);
  if (p.int !== q.int) return sign * (p.int < q.int ? -1 : 1);
  if (p.frac === q.frac) return 0;
  const len = Math.max(p.frac.length, q.frac.length);
  return sign * (p.frac.padEnd(len, '0') < q.frac.padEnd(len, '0') ? -1 : 1);
}
