import { CLIPBOARD_ROW_LIMIT, COPY_PART_ROWS, copyLimitsNote } from '../../lib/export';
import type { ResultColumn, SortModelItem } from '../../lib/result-model';
import { rangeBounds, type CellRange } from './cell-range';

/**
 * What a block selection reads from the worker, worked out from what the grid shows: which result
 * columns (by their displayed order, so reordered or pinned columns count where the user sees
 * them), which rows (at most CLIPBOARD_ROW_LIMIT), in the grid's sort order. Pure, so the
 * selection logic is tested without a grid.
 */
export interface BlockPlan {
  /** Indexes into the result's columns, left to right as displayed. */
  columnIndexes: number[];
  /** Displayed row range to ask for: [start, end). */
  start: number;
  end: number;
  /** Rows the user selected (more than `end - start` when the block is over the limit). */
  selectedRows: number;
  sortModel: SortModelItem[];
}

/** A displayed column's sort state, as AG Grid's getColumnState gives it. */
export interface ColumnSortState {
  colId: string;
  sort?: 'asc' | 'desc' | null;
  sortIndex?: number | null;
}

export function planBlockRead(
  range: CellRange,
  displayedColumnIds: readonly string[],
  columns: readonly ResultColumn[],
  columnState: readonly ColumnSortState[],
  rowLimit = CLIPBOARD_ROW_LIMIT,
): BlockPlan {
  const bounds = rangeBounds(range);
  const columnIndexes = displayedColumnIds
    .slice(bounds.left, bounds.right + 1)
    .map((id) => columns.findIndex((c) => c.name === id))
    .filter((index) => index >= 0);
  const sortModel = columnState
    .filter((state): state is ColumnSortState & { sort: 'asc' | 'desc' } => Boolean(state.sort))
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((state) => ({ colId: state.colId, sort: state.sort }));
  const selectedRows = bounds.bottom - bounds.top + 1;
  return {
    columnIndexes,
    start: bounds.top,
    end: bounds.top + Math.min(selectedRows, rowLimit),
    selectedRows,
    sortModel,
  };
}

/** The planned rows in parts of at most `partRows`, each read with its own request. */
export function blockParts(
  plan: Pick<BlockPlan, 'start' | 'end'>,
  partRows = COPY_PART_ROWS,
): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  for (let start = plan.start; start < plan.end; start += partRows)
    parts.push({ start, end: Math.min(plan.end, start + partRows) });
  return parts;
}

/** The planned columns' cells of each row read, in displayed order. */
export function pickBlockCells<T>(
  plan: Pick<BlockPlan, 'columnIndexes'>,
  rows: readonly { cells: readonly T[] }[],
): (T | null)[][] {
  return rows.map((row) => plan.columnIndexes.map((index) => row.cells[index] ?? null));
}

/** What Ctrl+C on a block says it copied. */
export function describeBlockCopy(rows: number, columns: number, selectedRows: number): string {
  const shape = `${plural(rows, 'row')} × ${plural(columns, 'column')}`;
  return rows < selectedRows
    ? `Copied the first ${shape} of ${selectedRows.toLocaleString('en-US')} selected rows ${copyLimitsNote()}.`
    : `Copied ${shape}.`;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
