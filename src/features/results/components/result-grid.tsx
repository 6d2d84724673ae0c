import {
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RowApiModule,
  TextFilterModule,
  CellStyleModule,
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
import type { GridColumn, RowBlockSource, SortRequest } from '../row-block-source';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  ColumnApiModule,
  RowApiModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CellStyleModule,
]);

const NUMERIC_TYPES = new Set(['int', 'long', 'real', 'decimal']);

type GridRow = (string | null)[];

interface ResultGridProps {
  source: RowBlockSource;
  /** Changes when the source has more rows (streaming) so the grid refreshes its blocks. */
  revision: number;
  quickText: string;
  dark: boolean;
  label: string;
}

/**
 * The result grid on AG Grid's infinite row model: the grid asks for blocks of rows with the
 * sort and filter model, and the worker that owns the columns answers. Cells are plain text
 * (AG Grid's default renderer sets textContent), never HTML.
 */
export default function ResultGrid({ source, revision, quickText, dark, label }: ResultGridProps) {
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const theme = useMemo(
    () =>
      themeQuartz.withPart(dark ? colorSchemeDark : colorSchemeLight).withParams({
        fontSize: 13,
        headerFontSize: 13,
        spacing: 5,
        wrapperBorderRadius: 6,
      }),
    [dark],
  );

  const columnDefs = useMemo<ColDef<GridRow>[]>(
    () => source.columns.map((column, index) => columnDef(column, index)),
    [source],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) => {
        source
          .getRows({
            start: params.startRow,
            end: params.endRow,
            sortModel: params.sortModel as SortRequest[],
            filterModel: params.filterModel as Record<string, unknown>,
            quickText,
          })
          .then(
            (block) => params.successCallback(block.rows, block.lastRow ?? -1),
            () => params.failCallback(),
          );
      },
    }),
    [source, quickText],
  );

  useEffect(() => {
    apiRef.current?.refreshInfiniteCache();
  }, [revision]);

  return (
    <div className="result-grid" aria-label={label}>
      <AgGridReact<GridRow>
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

function columnDef(column: GridColumn, index: number): ColDef<GridRow> {
  const numeric = NUMERIC_TYPES.has(column.type);
  return {
    colId: `c${index}`,
    headerName: column.name,
    headerTooltip: `${column.name}: ${column.type}`,
    valueGetter: (params) => params.data?.[index] ?? null,
    cellClass: numeric ? 'cell--number' : column.type === 'dynamic' ? 'cell--dynamic' : undefined,
    cellClassRules: {
      'cell--null': (params) => params.value === null && params.data !== undefined,
    },
    type: numeric ? 'rightAligned' : undefined,
    filter: numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
    width: column.type === 'string' || column.type === 'dynamic' ? 220 : 150,
  };
}
