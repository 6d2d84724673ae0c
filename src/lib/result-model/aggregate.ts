import { readCellText } from './cell-access';
import { isNullAt, type ColumnData } from './column-data';
import { formatReal } from './format-cell';
import type { AggregateFn } from './group-models';

/** An aggregate's result: `value` orders groups, `text` is what the grid shows. */
export interface AggregateValue {
  value: number | string | null;
  text: string | null;
}

const NONE: AggregateValue = { value: null, text: null };

/** Text keys (the display text, null for Kusto null): what grouping and dcount compare. */
export function keyReader(column: ColumnData): (row: number) => string | null {
  switch (column.type) {
    case 'string':
    case 'guid':
    case 'timespan':
    case 'decimal': {
      const values = column.values;
      return (row) => values.get(row) ?? null;
    }
    default:
      return (row) => readCellText(column, row);
  }
}

/** A number for sum/avg/min/max, or NaN when the cell has none (null, text). */
export function numberReader(column: ColumnData): ((row: number) => number) | null {
  switch (column.type) {
    case 'int':
    case 'real':
    case 'long': {
      const values = column.values;
      return (row) => (isNullAt(column, row) ? NaN : (values[row] as number));
    }
    case 'decimal': {
      const values = column.values;
      return (row) => Number(values.get(row) ?? NaN);
    }
    case 'bool': {
      const values = column.values;
      return (row) => {
        const v = values[row] as number;
        return v === 0 || v === 1 ? v : NaN;
      };
    }
    case 'datetime': {
      const ms = column.epochMs;
      return (row) => (isNullAt(column, row) ? NaN : (ms[row] as number));
    }
    default:
      return null;
  }
}

/**
 * One aggregate of `column` over `rows` (positions in the table). Nulls are skipped (count counts
 * non-null cells, as Kusto's countif(isnotnull(x)) would; a group's row count is separate).
 * min/max of a datetime show the datetime's text; of a string, the ordinal least/greatest.
 */
export function aggregateRows(
  column: ColumnData,
  fn: AggregateFn,
  rows: Int32Array,
): AggregateValue {
  const key = keyReader(column);
  if (fn === 'count' || fn === 'dcount') {
    if (fn === 'count') {
      let n = 0;
      for (let i = 0; i < rows.length; i++) if (key(rows[i] as number) !== null) n++;
      return { value: n, text: String(n) };
    }
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const k = key(rows[i] as number);
      if (k !== null) seen.add(k);
    }
    return { value: seen.size, text: String(seen.size) };
  }
  const num = numberReader(column);
  if (num === null || (column.type === 'bool' && (fn === 'min' || fn === 'max'))) {
    if (fn === 'sum' || fn === 'avg') return NONE;
    // Text min/max by ordinal order, like the grid's sort.
    let best: string | null = null;
    for (let i = 0; i < rows.length; i++) {
      const k = key(rows[i] as number);
      if (k === null) continue;
      if (best === null || (fn === 'min' ? k < best : k > best)) best = k;
    }
    return { value: best, text: best };
  }
  if (column.type === 'datetime' && (fn === 'sum' || fn === 'avg')) return NONE;
  let sum = 0;
  let n = 0;
  let bestRow = -1;
  let best = NaN;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    const v = num(row);
    if (v !== v) continue;
    sum += v;
    n++;
    if (bestRow < 0 || (fn === 'min' ? v < best : v > best)) {
      best = v;
      bestRow = row;
    }
  }
  if (n === 0) return NONE;
  switch (fn) {
    case 'sum':
      return { value: sum, text: formatReal(sum) };
    case 'avg':
      return { value: sum / n, text: formatReal(sum / n) };
    default:
      // The extreme cell's own text (exact longs, datetimes as ISO text).
      return { value: best, text: readCellText(column, bestRow) };
  }
}
