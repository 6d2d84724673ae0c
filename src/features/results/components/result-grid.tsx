import {
  CellStyleModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RowApiModule,
  TextFilterModule,
  TooltipModule,
  colorSchemeDark,
  colorSchemeLight,
  themeQuartz,
  type ColDef,
  type GridApi,
  type IDatasource,
  type IGetRowsParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef } from 'react';
import type { RowsResult } from '../../../lib/kusto/query-result-session';
import {
  isNumericType,
  type FilterModel,
  type ResultColumn,
  type RowBlockRow,
  type SortModelItem,
} from '../../../lib/result-model';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  ColumnApiModule,
  RowApiModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CellStyleModule,
  TooltipModule,
]);

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
}: ResultGridProps) {
  const apiRef = useRef<GridApi<RowBlockRow> | null>(null);
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
    () => columns.map((column, index) => columnDef(column, index)),
    [columns],
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

  return (
    <div className="result-grid" role="region" aria-label={label}>
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
      />
    </div>
  );
}

function columnDef(column: ResultColumn, index: number): ColDef<RowBlockRow> {
  const numeric = isNumericType(column.type);
  return {
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
          ? 210
          : 130,
  };
}
