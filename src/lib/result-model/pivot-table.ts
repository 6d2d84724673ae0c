import { aggregateRows, keyReader } from './aggregate';
import type { PivotModel, PivotResult } from './group-models';
import type { ResultTable } from './result-types';
import { identityIndex, sortIndex } from './sort-index';

/** A pivot wider than this is cut (the rest is counted); a grid of thousands of columns helps nobody. */
export const PIVOT_COLUMN_LIMIT = 500;
export const PIVOT_ROW_LIMIT = 100_000;

/**
 * Rows × column values × an aggregate: one output row per distinct combination of the row key
 * columns, one output column per distinct value of the pivot column (in the column's typed
 * order), each cell the aggregate over the rows that have both. Keys are compared by their text.
 */
export function pivotTable(
  table: ResultTable,
  baseRows: Int32Array | null,
  model: PivotModel,
): PivotResult {
  const rows = baseRows ?? identityIndex(table.rowCount);
  const keyCols = model.rows
    .map((name) => table.columns.findIndex((c) => c.name === name))
    .filter((i) => i >= 0);
  const pivotCol = table.columns.findIndex((c) => c.name === model.pivotColumn);
  if (pivotCol < 0) throw new Error(`The pivot column "${model.pivotColumn}" is not in the table.`);
  const aggCol = table.columns.findIndex((c) => c.name === model.aggregate.column);
  const measure = table.data[aggCol >= 0 ? aggCol : pivotCol]!;
  const fn = aggCol >= 0 ? model.aggregate.fn : 'count';

  // Pivot values in the column's typed order (one representative row each).
  const pivotKey = keyReader(table.data[pivotCol]!);
  const firstOfValue = new Map<string | null, number>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    const k = pivotKey(row);
    if (!firstOfValue.has(k)) firstOfValue.set(k, row);
  }
  const ordered = sortIndex(
    table,
    [{ colId: model.pivotColumn, sort: 'asc' }],
    Int32Array.from(firstOfValue.values()),
  );
  const valueKeys = Array.from(ordered, (row) => pivotKey(row));
  const kept = valueKeys.slice(0, PIVOT_COLUMN_LIMIT);
  const columnOf = new Map(kept.map((k, i) => [k, i]));

  // Cells: rows bucketed per (row key, pivot value).
  const keyReaders = keyCols.map((c) => keyReader(table.data[c]!));
  const rowIndex = new Map<string, number>();
  const rowKeys: (string | null)[][] = [];
  const buckets: number[][][] = [];
  let skippedRows = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    const column = columnOf.get(pivotKey(row));
    if (column === undefined) continue;
    const parts = keyReaders.map((read) => read(row));
    const id = JSON.stringify(parts);
    let r = rowIndex.get(id);
    if (r === undefined) {
      if (rowKeys.length >= PIVOT_ROW_LIMIT) {
        skippedRows++;
        continue;
      }
      r = rowKeys.length;
      rowIndex.set(id, r);
      rowKeys.push(parts);
      buckets.push([]);
    }
    const line = buckets[r] as number[][];
    (line[column] ??= []).push(row);
  }

  const numeric = fn === 'count' || fn === 'dcount' || fn === 'sum' || fn === 'avg';
  const out = rowKeys.map((parts, r) => {
    const line = buckets[r] as number[][];
    const cells: (string | number | null)[] = [...parts];
    for (let c = 0; c < kept.length; c++) {
      const bucket = line[c];
      if (!bucket) {
        cells.push(fn === 'count' ? 0 : null);
        continue;
      }
      const value = aggregateRows(measure, fn, Int32Array.from(bucket));
      cells.push(numeric && typeof value.value === 'number' ? value.value : value.text);
    }
    return cells;
  });
  // Row keys in text order, so the pivot reads like a sorted report.
  out.sort((a, b) => {
    for (let k = 0; k < keyCols.length; k++) {
      const x = a[k] as string | null;
      const y = b[k] as string | null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
  return {
    columns: [
      ...keyCols.map((c) => table.columns[c]!.name),
      ...kept.map((k) => (k === null ? '(null)' : k)),
    ],
    keyColumns: keyCols.length,
    rows: out,
    truncatedColumns: valueKeys.length - kept.length,
    truncatedRows: skippedRows,
  };
}
