import { readCellText } from './cell-access';
import type { GroupRowInfo } from './group-models';
import type { ResultTable } from './result-types';

export interface RowBlockRow {
  /** The row's position in the table as received (stable across sorts). */
  row: number;
  /** Display text per column; null marks a Kusto null (render '' or a null badge). */
  cells: (string | null)[];
  /** Grouped views: set on group rows (whose `cells` hold aggregates, `row` is -1). */
  group?: GroupRowInfo;
}

/**
 * Display-ready rows `start…end-1` of a view: `index` is a sort/filter permutation, or null for
 * the rows in arrival order. Out-of-range parts of the block are dropped.
 */
export function getRowBlock(
  table: ResultTable,
  index: Int32Array | null,
  start: number,
  end: number,
): RowBlockRow[] {
  const total = index ? index.length : table.rowCount;
  const from = Math.max(0, Math.floor(start));
  const to = Math.min(total, Math.floor(end));
  const rows: RowBlockRow[] = [];
  for (let i = from; i < to; i++) {
    const row = index ? (index[i] as number) : i;
    if (row >= table.rowCount) continue; // stale index after a DataReplace
    const cells = new Array<string | null>(table.data.length);
    for (let c = 0; c < table.data.length; c++) cells[c] = readCellText(table.data[c]!, row);
    rows.push({ row, cells });
  }
  return rows;
}
