import type { ChartColumn } from './chart-types';
import { toEpochMs } from './chart-values';

/**
 * make-series results hold one row per series with dynamic arrays: the x values in one column
 * and each measure in another. The render docs ("How to render continuous data") say the array
 * elements are the points: an x array gives the x values and each y array the y values of the
 * same positions. This unrolls such rows into one row per position so the rest of the chart
 * code sees plain columns. Scalar columns (the `by` columns: series) repeat on every position.
 *
 * Array columns get the type of their elements: `datetime` when they read as datetimes, `real`
 * when numbers, else `string`. A dynamic column with no arrays keeps its type (charts skip it).
 */
export interface UnrolledResult {
  columns: ChartColumn[];
  rows: unknown[][];
  /** True when some column held arrays and the rows were unrolled. */
  unrolled: boolean;
}

function asArray(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return null;
  const text = value.trimStart();
  if (!text.startsWith('[')) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function elementType(values: readonly unknown[]): string {
  let numbers = 0;
  let dates = 0;
  let others = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') numbers++;
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) dates++;
    else others++;
    if (numbers + dates + others >= 50) break;
  }
  if (others > 0) return 'string';
  if (dates > 0 && numbers === 0) return 'datetime';
  return numbers > 0 ? 'real' : 'string';
}

/** At most this many unrolled rows: a chart of more points helps nobody and costs memory. */
export const MAX_UNROLLED_ROWS = 2_000_000;

export function unrollSeriesArrays(
  columns: readonly ChartColumn[],
  rows: readonly (readonly unknown[])[],
): UnrolledResult {
  const dynamicIndexes = columns.flatMap((c, i) => (c.type.toLowerCase() === 'dynamic' ? [i] : []));
  // Which dynamic columns hold arrays: judged on the first row with a non-null value.
  const arrayColumns = dynamicIndexes.filter((i) => {
    const row = rows.find((r) => r[i] !== null && r[i] !== undefined);
    return row !== undefined && asArray(row[i]) !== null;
  });
  if (arrayColumns.length === 0) {
    return { columns: [...columns], rows: rows as unknown[][], unrolled: false };
  }

  const parsedRows = rows.map((row) => arrayColumns.map((i) => asArray(row[i]) ?? []));
  const types = arrayColumns.map((_, k) => elementType(parsedRows.flatMap((arrays) => arrays[k]!)));
  const outColumns = columns.map((c, i) => {
    const k = arrayColumns.indexOf(i);
    return k === -1 ? { ...c } : { name: c.name, type: types[k]! };
  });

  const out: unknown[][] = [];
  for (let r = 0; r < rows.length && out.length < MAX_UNROLLED_ROWS; r++) {
    const arrays = parsedRows[r]!;
    const length = Math.max(0, ...arrays.map((a) => a.length));
    for (let p = 0; p < length && out.length < MAX_UNROLLED_ROWS; p++) {
      const row = rows[r]!.slice();
      arrayColumns.forEach((column, k) => {
        const value = arrays[k]![p] ?? null;
        row[column] =
          types[k] === 'datetime' && typeof value === 'string' ? toEpochMs(value) : value;
      });
      out.push(row);
    }
  }
  return { columns: outColumns, rows: out, unrolled: true };
}
