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
  type ColDef,
  type GridApi,
  type IDatasource,
  type IGetRowsParams,
} from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  isNumericType,
  type FilterModel,
  type ResultColumn,
  type RowBlockRow,
  type SortModelItem,
} from '../../../lib/result-model';
import { useBlockSelection, type GetRowBlock, type GridSelection } from '../use-block-selection';
import { useCellFilterMenu } from '../use-cell-filter-menu';
import { RESULT_DEFAULT_COL_DEF, RESULT_ROW_MODEL, resultGridTheme } from '../grouping/grid-theme';
import { noteGridReady } from '../grid-warmup';
import { useCellFocusKeeper } from '../use-cell-focus-keeper';
import { useRefreshGate } from '../use-refresh-gate';
import {
  formatLocalDatetime,
  resultCellClasses,
  resultColumnWidth,
} from '../result-column-display';
import type { FilterRequest } from './cell-filter-menu';
import { FirstRowsPreview } from './first-rows-preview';
import { PlainDomGrid } from './plain-dom-grid';
import { useFirstRowsPreview } from '../use-first-rows-preview';
import './result-grid.css';

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

const GRID_OPTIONS_LATER = ['columnDefs', 'datasource'] as const;

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
  /** "Filter to / Exclude this value" (cell menu, Ctrl+Shift+Space); absent: no filter menu. */
  onFilter?: (request: FilterRequest) => void;
  /** Kept but not shown (a grouped or pivoted view is in front): it drops its block. */
  hidden?: boolean;
  /** The table's first rows in arrival order, drawn before AG Grid is ready (FirstRowsPreview). */
  firstRows?: readonly RowBlockRow[];
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
  onFilter,
  hidden = false,
  firstRows,
}: ResultGridProps) {
  const apiRef = useRef<GridApi<RowBlockRow> | null>(null);
  const regionRef = useRef<HTMLDivElement | null>(null);
  const selection = useBlockSelection({ columns, getRows, quickText, onSelection, hidden, apiRef });
  const { cellClassRules } = selection;
  const filterMenu = useCellFilterMenu({ columns, selection, onFilter });
  const theme = resultGridTheme(dark);

  const columnDefs = useMemo<ColDef<RowBlockRow>[]>(
    () =>
      columns.map((column, index) => ({
        ...columnDef(column, index, localTime),
        cellClassRules,
      })),
    [columns, localTime, cellClassRules],
  );

  const refreshGate = useRefreshGate(revision, hidden);
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) =>
        refreshGate.read(
          getRows(
            params.startRow,
            params.endRow,
            params.sortModel as SortModelItem[],
            params.filterModel as FilterModel,
            quickText,
          ),
          (result) => {
            params.successCallback(result.rows, result.tableComplete ? result.rowCount : -1);
            onRowCount?.(result.rowCount);
          },
          () => params.failCallback(),
        ),
    }),
    [getRows, quickText, onRowCount, refreshGate],
  );

  useCellFocusKeeper(regionRef, apiRef);
  const preview = useFirstRowsPreview(firstRows, quickText, hidden);

  // AG Grid is created a frame after its region and the first rows' preview: the page lays out
  // and paints them in that frame, so the grid's theme measurements (forced layouts) lay out only
  // the grid, in a task of their own, and the preview is on screen while that task runs.
  const [gridMounted, setGridMounted] = useState(false);
  const previewSettled = preview.settled;
  useEffect(() => {
    if (!previewSettled) return;
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setGridMounted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [previewSettled]);

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

  return (
    <div
      ref={regionRef}
      className="result-grid"
      role="region"
      aria-label={label}
      hidden={hidden}
      {...selection.containerHandlers}
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
      <div className="result-grid__body">
        {preview.rows && (
          <FirstRowsPreview
            columns={columns}
            rows={preview.rows}
            localTime={localTime}
            size={{ width: window.innerWidth, height: window.innerHeight }}
          />
        )}
        {gridMounted && (
          <PlainDomGrid<RowBlockRow>
            later={GRID_OPTIONS_LATER}
            options={{
              theme,
              columnDefs,
              defaultColDef: RESULT_DEFAULT_COL_DEF,
              ...RESULT_ROW_MODEL,
              datasource,
              // Rows drawn beyond the viewport (AG Grid's default is 10): each is 22 cells to create
              // as rows scroll in. At 59,066 rows, scrolling's tasks over 50 ms went from 20–23 with
              // 10 to 3–4 with 2 (bench, one page a frame); keyboard moves scroll the next row in.
              rowBuffer: 2,
              onGridReady: (event) => {
                apiRef.current = event.api;
                refreshGate.attach(() => event.api.refreshInfiniteCache());
                noteGridReady(regionRef.current);
              },
              onFirstDataRendered: preview.gridShowsRows,
              onCellDoubleClicked: (event) => {
                const column = columns.find((c) => c.name === event.colDef.colId);
                if (column) onOpenCell?.(column, (event.value as string | null) ?? null);
              },
              onCellFocused: selection.onCellFocused,
              preventDefaultOnContextMenu: onFilter !== undefined,
              onCellContextMenu: filterMenu.onCellContextMenu,
              onCellKeyDown: (event) => {
                const key = event.event as KeyboardEvent | undefined;
                if (!key || !('colDef' in event)) return;
                const column = columns.find((c) => c.name === event.colDef.colId);
                const text = (event.value as string | null) ?? '';
                if (filterMenu.onCellKey(event, key)) return;
                if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'c') {
                  // Community AG Grid has no clipboard module: copy the cell or the block ourselves.
                  void selection.copy(event.api, text).then(
                    (message) => onCopied?.(message),
                    (error: unknown) => onCopied?.(`Could not copy: ${String(error)}`),
                  );
                } else if (key.key === 'Enter' && column) {
                  onOpenCell?.(column, text);
                }
              },
            }}
          />
        )}
      </div>
      {filterMenu.menu}
    </div>
  );
}

function columnDef(column: ResultColumn, index: number, localTime: boolean): ColDef<RowBlockRow> {
  const numeric = isNumericType(column.type);
  const classes = resultCellClasses(column);
  return {
    valueFormatter:
      localTime && column.type === 'datetime'
        ? (params) => formatLocalDatetime(params.value as string | null)
        : undefined,
    colId: column.name,
    headerName: column.name,
    headerTooltip: `${column.name} (${column.type})`,
    valueGetter: (params) => params.data?.cells[index] ?? null,
    cellClass: classes.length > 0 ? classes : undefined,
    type: numeric ? 'rightAligned' : undefined,
    filter: numeric
      ? 'agNumberColumnFilter'
      : column.type === 'datetime'
        ? 'agDateColumnFilter'
        : 'agTextColumnFilter',
    width: resultColumnWidth(column),
  };
}
