import type { CellClassParams, CellFocusedEvent, Column, GridApi } from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import type {
  KeyboardEvent as ReactKeyboardEvent,
  MouseEvent as ReactMouseEvent,
  RefObject,
} from 'react';
import { BoundedTsv } from '../../lib/export';
import type { RowsResult } from '../../lib/query/query-result-session';
import type { FilterModel, ResultColumn, RowBlockRow, SortModelItem } from '../../lib/result-model';
import { blockParts, describeBlockCopy, pickBlockCells, planBlockRead } from './block-read';
import {
  inRowSpans,
  isSingleCell,
  moveRange,
  rangeContains,
  rangeSize,
  rowsPaintChanged,
  type CellRange,
} from './cell-range';
import { combineSelectionStats, selectionStats, type SelectionStats } from './selection-stats';

export type GetRowBlock = (
  start: number,
  end: number,
  sortModel: readonly SortModelItem[],
  filterModel: FilterModel,
  quickText: string,
) => Promise<RowsResult>;

export interface GridSelection {
  rows: number;
  cols: number;
  /** Null while being computed; `partial` when only the first CLIPBOARD_ROW_LIMIT rows count. */
  stats: (SelectionStats & { partial: boolean }) | null;
}

interface BlockSelectionOptions {
  columns: readonly ResultColumn[];
  getRows: GetRowBlock;
  quickText: string;
  onSelection?: (selection: GridSelection | null) => void;
  /** The grid is kept but not shown: its block goes, as it would with the grid. */
  hidden?: boolean;
  /** The grid's API once ready, to repaint cells when the block goes. */
  apiRef?: RefObject<GridApi<RowBlockRow> | null>;
}

/**
 * A spreadsheet-like block selection for the result grid (AG Grid Community has none): Shift+click
 * or Shift+arrows extend a block from where the selection started, cell class rules paint it,
 * its figures are computed once it rests, and Ctrl+C copies it. The block is read from the worker
 * in the order the grid shows rows (its sort, filters and search).
 */
export function useBlockSelection({
  columns,
  getRows,
  quickText,
  onSelection,
  hidden = false,
  apiRef,
}: BlockSelectionOptions) {
  // A ref, so the cell class rules read it without rebuilding the column definitions.
  const rangeRef = useRef<CellRange | null>(null);
  // Whether the key press or click that moves the focus holds Shift.
  const extendRef = useRef(false);
  const statsTimer = useRef<number | undefined>(undefined);

  // New rows (another run, another table) make an old block meaningless, and a grid that goes
  // (the chart view replaces it) takes its block with it: the notice must not outlive it.
  useEffect(() => {
    rangeRef.current = null;
    onSelection?.(null);
    return () => onSelection?.(null);
  }, [getRows, onSelection]);
  useEffect(() => () => window.clearTimeout(statsTimer.current), []);
  useEffect(() => {
    if (!hidden) return;
    window.clearTimeout(statsTimer.current);
    if (rangeRef.current) {
      rangeRef.current = null;
      apiRef?.current?.refreshCells({ force: true });
    }
    onSelection?.(null);
  }, [hidden, onSelection, apiRef]);

  const cellClassRules = useMemo(
    () => ({
      'cell--in-range': (params: CellClassParams<RowBlockRow>) => inRange(rangeRef.current, params),
    }),
    [],
  );

  /**
   * The block's cells in parts (blockParts), read one request after another so that no single
   * message from the worker, nor the work on it, holds the page's thread for long.
   */
  const readBlockParts = (api: GridApi<RowBlockRow>, range: CellRange) => {
    const plan = planBlockRead(
      range,
      api.getAllDisplayedColumns().map((shown) => shown.getColId()),
      columns,
      api.getColumnState(),
    );
    const filterModel = api.getFilterModel() as FilterModel;
    async function* parts() {
      for (const part of blockParts(plan)) {
        const block = await getRows(part.start, part.end, plan.sortModel, filterModel, quickText);
        const rows = pickBlockCells(plan, block.rows);
        yield rows;
        if (rows.length < part.end - part.start) return; // the rows ended (filtered meanwhile)
      }
    }
    return {
      columns: plan.columnIndexes.map((index) => columns[index]!),
      selectedRows: plan.selectedRows,
      parts: parts(),
    };
  };

  const readBlock = async (api: GridApi<RowBlockRow>, range: CellRange) => {
    const block = readBlockParts(api, range);
    const rows: (string | null)[][] = [];
    for await (const part of block.parts) for (const row of part) rows.push(row);
    return { columns: block.columns, rows, selectedRows: block.selectedRows };
  };

  // Figures once the selection rests (held Shift+arrows would otherwise refetch at every step).
  const report = (api: GridApi<RowBlockRow>, range: CellRange) => {
    window.clearTimeout(statsTimer.current);
    if (isSingleCell(range)) {
      onSelection?.(null);
      return;
    }
    const size = rangeSize(range);
    onSelection?.({ ...size, stats: null });
    statsTimer.current = window.setTimeout(() => {
      void (async () => {
        const block = readBlockParts(api, range);
        const types = block.columns.map((c) => c.type);
        let stats: SelectionStats | null = null;
        let rowsRead = 0;
        for await (const part of block.parts) {
          if (rangeRef.current !== range) return; // the selection moved on meanwhile
          const partStats = selectionStats(types, part);
          stats = stats ? combineSelectionStats(stats, partStats) : partStats;
          rowsRead += part.length;
        }
        if (rangeRef.current !== range) return;
        onSelection?.({
          ...size,
          stats: {
            ...(stats ?? selectionStats(types, [])),
            partial: rowsRead < block.selectedRows,
          },
        });
      })().catch(() => undefined);
    }, 200);
  };

  return {
    cellClassRules,
    /** For the element around the grid: notes whether Shift is held as focus moves. */
    containerHandlers: {
      onKeyDownCapture: (event: ReactKeyboardEvent) => {
        extendRef.current = event.shiftKey;
      },
      onMouseDownCapture: (event: ReactMouseEvent) => {
        extendRef.current = event.shiftKey;
        // Shift+click extends the block; keep the browser from selecting page text as well.
        if (event.shiftKey) event.preventDefault();
      },
    },
    onCellFocused: (event: CellFocusedEvent<RowBlockRow>) => {
      const column = event.column;
      if (event.rowIndex == null || !column || typeof column === 'string') return;
      const before = rangeRef.current;
      const col = event.api.getAllDisplayedColumns().indexOf(column);
      const next = moveRange(before, { row: event.rowIndex, col }, extendRef.current);
      rangeRef.current = next;
      // Repaint only the rendered rows whose cells change (a Shift+arrow adds or drops one row;
      // refreshing every rendered cell cost a long task per step at 22 columns).
      const spans = rowsPaintChanged(before, next);
      if (spans.length > 0) {
        const rowNodes = event.api
          .getRenderedNodes()
          .filter((node) => node.rowIndex != null && inRowSpans(spans, node.rowIndex));
        if (rowNodes.length > 0) event.api.refreshCells({ rowNodes, force: true });
      }
      if (!isSingleCell(next) || (before && !isSingleCell(before))) report(event.api, next);
    },
    /**
     * The cells a filter acts on: the block when there is one and `at` (a displayed row and
     * column) lies inside it, else null (the caller uses the one cell it holds). Read in the
     * order the grid shows rows, capped at CLIPBOARD_ROW_LIMIT rows like a copy.
     */
    readBlockAt: async (
      api: GridApi<RowBlockRow>,
      at: { row: number; col: number },
    ): Promise<{ columns: ResultColumn[]; rows: (string | null)[][] } | null> => {
      const range = rangeRef.current;
      if (!range || isSingleCell(range) || !rangeContains(range, at.row, at.col)) return null;
      const block = await readBlock(api, range);
      return { columns: block.columns, rows: block.rows };
    },
    /**
     * Ctrl+C: the block as TSV without a header, like a spreadsheet's copy (Copy TSV above the
     * grid has the header), or the focused cell's text; a big block up to the copy limits
     * (CLIPBOARD_ROW_LIMIT rows, CLIPBOARD_CHAR_LIMIT characters). Resolves to what was copied.
     */
    copy: async (api: GridApi<RowBlockRow>, focusedText: string): Promise<string> => {
      const range = rangeRef.current;
      if (!range || isSingleCell(range)) {
        await writeClipboard(focusedText);
        return 'Copied the cell.';
      }
      const block = readBlockParts(api, range);
      const tsv = new BoundedTsv(block.columns);
      for await (const part of block.parts) if (!tsv.add(part)) break;
      await writeClipboard(tsv.text);
      return describeBlockCopy(tsv.rows, block.columns.length, block.selectedRows);
    },
  };
}

function inRange(range: CellRange | null, params: CellClassParams<RowBlockRow>): boolean {
  const row = params.node.rowIndex;
  if (!range || isSingleCell(range) || row == null) return false;
  return rangeContains(
    range,
    row,
    params.api.getAllDisplayedColumns().indexOf(params.column as Column),
  );
}

function writeClipboard(text: string): Promise<void> {
  if (!navigator.clipboard) return Promise.reject(new Error('this page has no clipboard access'));
  return navigator.clipboard.writeText(text);
}
