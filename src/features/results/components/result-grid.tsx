import {
  CellStyleModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  TextFilterModule,
  TooltipModule,
  colorSchemeDark,
  colorSchemeLight,
  themeQuartz,
  type CellClassParams,
  type ColDef,
  type Column,
  type GridApi,
  type IDatasource,
  type IGetRowsParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CLIPBOARD_ROW_LIMIT, toTsv } from '../../../lib/export';
import type { RowsResult } from '../../../lib/kusto/query-result-session';
import {
  isNumericType,
  type FilterModel,
  type ResultColumn,
  type RowBlockRow,
  type SortModelItem,
} from '../../../lib/result-model';
import { selectionStats, type SelectionStats } from '../selection-stats';
import {
  isSingleCell,
  moveRange,
  rangeBounds,
  rangeContains,
  rangeSize,
  type CellRange,
} from '../cell-range';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  ColumnApiModule,
  RowApiModule,
  RenderApiModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CellStyleModule,
  TooltipModule,
]);

export interface GridSelection {
  rows: number;
  cols: number;
  /** Null while being computed; `partial` when only the first CLIPBOARD_ROW_LIMIT rows count. */
  stats: (SelectionStats & { partial: boolean }) | null;
}

export type GetRowBlock = (
  start: number,
  end: number,
  sortModel: readonly SortModelItem[],
  filterModel: FilterModel,
  quickText: string,
) => Promise<RowsResult>;

interface ResultGridProps {
  columns: readonly ResultColumn[];
  getRows: GetRowBlock;
  /** Changes when the table gains rows (streaming), so the grid refreshes its blocks. */
  revision: number;
  quickText: string;
  dark: boolean;
  label: string;
  onRowCount?: (visibleRows: number) => void;
  /** Show datetimes in the browser's time zone instead of UTC. */
  localTime: boolean;
  /** A cell was opened (double-click or Enter): dynamic values go to the side panel. */
  onOpenCell?: (column: ResultColumn, text: string | null) => void;
  /** The selected block changed: its size and, a moment later, its figures; null for one cell. */
  onSelection?: (selection: GridSelection | null) => void;
  /** Ctrl+C copied something (a cell or a block), or could not. */
  onCopied?: (message: string) => void;
}

/**
 * The result grid on AG Grid's infinite row model: the grid asks for blocks of rows with its
 * sort and filter model, and the worker that owns the typed columns answers. Cells are plain
 * text (AG Grid's default renderer sets textContent), never HTML.
 */
export default function ResultGrid({
  columns,
  getRows,
  revision,
  quickText,
  dark,
  label,
  onRowCount,
  localTime,
  onOpenCell,
  onSelection,
  onCopied,
}: ResultGridProps) {
  const apiRef = useRef<GridApi<RowBlockRow> | null>(null);
  // The selected block lives in a ref: cell class rules read it without rebuilding the columns.
  const rangeRef = useRef<CellRange | null>(null);
  // Whether the key press or click that moves the focus holds Shift (extends the block).
  const extendRef = useRef(false);
  const theme = useMemo(
    () =>
      themeQuartz.withPart(dark ? colorSchemeDark : colorSchemeLight).withParams({
        fontSize: 13,
        headerFontSize: 13,
        spacing: 5,
        wrapperBorderRadius: 6,
        fontFamily: 'inherit',
      }),
    [dark],
  );

  const columnDefs = useMemo<ColDef<RowBlockRow>[]>(
    () =>
      columns.map((column, index) => ({
        ...columnDef(column, index, localTime),
        cellClassRules: { 'cell--in-range': (params) => inRange(rangeRef.current, params) },
      })),
    [columns, localTime],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) => {
        getRows(
          params.startRow,
          params.endRow,
          params.sortModel as SortModelItem[],
          params.filterModel as FilterModel,
          quickText,
        ).then(
          (result) => {
            params.successCallback(result.rows, result.tableComplete ? result.rowCount : -1);
            onRowCount?.(result.rowCount);
          },
          () => params.failCallback(),
        );
      },
    }),
    [getRows, quickText, onRowCount],
  );

  useEffect(() => {
    apiRef.current?.refreshInfiniteCache();
  }, [revision]);

  // New rows (another run, another table) make an old block meaningless.
  useEffect(() => {
    rangeRef.current = null;
    onSelection?.(null);
  }, [getRows, onSelection]);

  const [pinned, setPinned] = useState<ReadonlySet<string>>(new Set());
  const togglePin = (name: string) => {
    const next = new Set(pinned);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setPinned(next);
    apiRef.current?.applyColumnState({
      state: [{ colId: name, pinned: next.has(name) ? 'left' : null }],
    });
  };

  /**
   * The block's cells in the order the grid shows rows (its sort, filters and search) and
   * columns, at most CLIPBOARD_ROW_LIMIT rows; values as the result holds them (UTC ISO datetimes).
   */
  const readBlock = async (api: GridApi<RowBlockRow>, range: CellRange) => {
    const bounds = rangeBounds(range);
    const picked = api
      .getAllDisplayedColumns()
      .slice(bounds.left, bounds.right + 1)
      .map((shown) => columns.findIndex((c) => c.name === shown.getColId()))
      .filter((index) => index >= 0);
    const sortModel = api
      .getColumnState()
      .filter((state) => state.sort)
      .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
      .map((state) => ({ colId: state.colId, sort: state.sort! }));
    const selectedRows = bounds.bottom - bounds.top + 1;
    const block = await getRows(
      bounds.top,
      bounds.top + Math.min(selectedRows, CLIPBOARD_ROW_LIMIT),
      sortModel,
      api.getFilterModel() as FilterModel,
      quickText,
    );
    return {
      columns: picked.map((index) => columns[index]!),
      rows: block.rows.map((row) => picked.map((index) => row.cells[index] ?? null)),
      selectedRows,
    };
  };

  /** The block as TSV without a header, like a spreadsheet's copy (Copy TSV has the header). */
  const copyBlock = async (api: GridApi<RowBlockRow>, range: CellRange): Promise<string> => {
    const block = await readBlock(api, range);
    await writeClipboard(toTsv(block.columns, block.rows, { includeHeader: false }));
    const shape = `${plural(block.rows.length, 'row')} × ${plural(block.columns.length, 'column')}`;
    return block.rows.length < block.selectedRows
      ? `Copied the first ${shape} of ${block.selectedRows.toLocaleString('en-US')} selected rows (use Export CSV for more).`
      : `Copied ${shape}.`;
  };

  // Figures for the block once the selection rests (Shift+arrow repeats would refetch per step).
  const statsTimer = useRef<number | undefined>(undefined);
  const reportSelection = (api: GridApi<RowBlockRow>, range: CellRange) => {
    window.clearTimeout(statsTimer.current);
    if (isSingleCell(range)) {
      onSelection?.(null);
      return;
    }
    const size = rangeSize(range);
    onSelection?.({ ...size, stats: null });
    statsTimer.current = window.setTimeout(() => {
      void readBlock(api, range).then(
        (block) => {
          if (rangeRef.current !== range) return; // the selection moved on meanwhile
          const stats = selectionStats(
            block.columns.map((c) => c.type),
            block.rows,
          );
          onSelection?.({
            ...size,
            stats: { ...stats, partial: block.rows.length < block.selectedRows },
          });
        },
        () => undefined,
      );
    }, 200);
  };
  useEffect(() => () => window.clearTimeout(statsTimer.current), []);

  return (
    <div
      className="result-grid"
      role="region"
      aria-label={label}
      onKeyDownCapture={(event) => {
        extendRef.current = event.shiftKey;
      }}
      onMouseDownCapture={(event) => {
        extendRef.current = event.shiftKey;
        // Shift+click extends the block; keep the browser from selecting page text as well.
        if (event.shiftKey) event.preventDefault();
      }}
    >
      <details className="column-menu">
        <summary>Columns</summary>
        <fieldset>
          <legend>Pin to the left</legend>
          {columns.map((column) => (
            <label key={column.name}>
              <input
                type="checkbox"
                checked={pinned.has(column.name)}
                onChange={() => togglePin(column.name)}
              />
              {column.name}
            </label>
          ))}
        </fieldset>
      </details>
      <AgGridReact<RowBlockRow>
        theme={theme}
        columnDefs={columnDefs}
        defaultColDef={{ sortable: true, resizable: true, minWidth: 70 }}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={200}
        maxBlocksInCache={50}
        infiniteInitialRowCount={1}
        onGridReady={(event) => {
          apiRef.current = event.api;
        }}
        onCellDoubleClicked={(event) => {
          const column = columns.find((c) => c.name === event.colDef.colId);
          if (column) onOpenCell?.(column, (event.value as string | null) ?? null);
        }}
        onCellFocused={(event) => {
          const column = event.column;
          if (event.rowIndex == null || !column || typeof column === 'string') return;
          const before = rangeRef.current;
          const col = event.api.getAllDisplayedColumns().indexOf(column);
          const next = moveRange(before, { row: event.rowIndex, col }, extendRef.current);
          rangeRef.current = next;
          // Repaint the highlight only when there is (or was) a block to draw.
          if (!isSingleCell(next) || (before && !isSingleCell(before))) {
            event.api.refreshCells({ force: true });
            reportSelection(event.api, next);
          }
        }}
        onCellKeyDown={(event) => {
          const key = event.event as KeyboardEvent | undefined;
          if (!key || !('colDef' in event)) return;
          const column = columns.find((c) => c.name === event.colDef.colId);
          const text = (event.value as string | null) ?? '';
          if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'c') {
            // Community AG Grid has no clipboard module: copy the cell or the block ourselves.
            const range = rangeRef.current;
            const copied =
              range && !isSingleCell(range)
                ? copyBlock(event.api, range)
                : writeClipboard(text).then(() => 'Copied the cell.');
            void copied.then(
              (message) => onCopied?.(message),
              (error: unknown) => onCopied?.(`Could not copy: ${String(error)}`),
            );
          } else if (key.key === 'Enter' && column) {
            onOpenCell?.(column, text);
          }
        }}
      />
    </div>
  );
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

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function columnDef(column: ResultColumn, index: number, localTime: boolean): ColDef<RowBlockRow> {
  const numeric = isNumericType(column.type);
  return {
    valueFormatter:
      localTime && column.type === 'datetime'
        ? (params) => formatLocal(params.value as string | null)
        : undefined,
    colId: column.name,
    headerName: column.name,
    headerTooltip: `${column.name} (${column.type})`,
    valueGetter: (params) => params.data?.cells[index] ?? null,
    cellClass: numeric ? 'cell--number' : column.type === 'dynamic' ? 'cell--dynamic' : undefined,
    type: numeric ? 'rightAligned' : undefined,
    filter: numeric
      ? 'agNumberColumnFilter'
      : column.type === 'datetime'
        ? 'agDateColumnFilter'
        : 'agTextColumnFilter',
    width:
      column.type === 'string' || column.type === 'dynamic'
        ? 220
        : column.type === 'datetime'
          ? 240
          : 130,
  };
}

/** A UTC ISO datetime shown in the browser's zone, e.g. "2007-09-29 10:11:00.000 GMT+2". */
function formatLocal(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const zone = `GMT${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)} ${zone}`;
}
