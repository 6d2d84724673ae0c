import {
  CellStyleModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  RowStyleModule,
  TextFilterModule,
  TooltipModule,
  type ColDef,
  type GridApi,
  type ICellRendererParams,
  type IDatasource,
  type IGetRowsParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef } from 'react';
import type { RowsRequest, RowsResult } from '../../../lib/query/query-result-session';
import {
  COUNT_COLUMN_ID,
  GROUP_COLUMN_ID,
  isNumericType,
  type AggregateFn,
  type FilterModel,
  type ResultColumn,
  type RowBlockRow,
  type SortModelItem,
} from '../../../lib/result-model';
import { useCellFocusKeeper } from '../use-cell-focus-keeper';
import { useRefreshGate } from '../use-refresh-gate';
import { RESULT_DEFAULT_COL_DEF, RESULT_ROW_MODEL, resultGridTheme } from './grid-theme';
import './group-bar.css';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  ColumnApiModule,
  RowApiModule,
  RenderApiModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CellStyleModule,
  // rowClassRules (group rows' class): without it AG Grid logs error #200 and ignores it.
  RowStyleModule,
  TooltipModule,
]);

export type FetchRows = (request: Omit<RowsRequest, 'tableId'>) => Promise<RowsResult>;

interface GroupedGridProps {
  columns: readonly ResultColumn[];
  groupBy: readonly string[];
  aggregates: Readonly<Record<string, AggregateFn>>;
  fetchRows: FetchRows;
  quickText: string;
  dark: boolean;
  label: string;
  /** Changes when the table gains rows, so the grid refreshes its blocks. */
  revision: number;
}

interface GroupContext {
  toggle: (id: string) => void;
}

/** The group column's cell: an expand toggle, the key and the group's row count. */
function GroupCell({ data, context }: ICellRendererParams<RowBlockRow, unknown, GroupContext>) {
  const group = data?.group;
  if (!group) return null;
  const label = group.key === null ? '(null)' : group.key === '' ? '(empty)' : group.key;
  return (
    <span className="group-cell" style={{ paddingLeft: `${group.depth * 18}px` }}>
      <button
        type="button"
        aria-expanded={group.expanded}
        aria-label={`${group.expanded ? 'Collapse' : 'Expand'} ${group.column} ${label}`}
        onClick={() => context.toggle(group.id)}
      >
        {group.expanded ? '▾' : '▸'}
      </button>
      <span className="group-cell__key">{label}</span>
      <span className="group-cell__count">({group.count.toLocaleString('en-US')})</span>
    </span>
  );
}

/**
 * The result grid grouped by columns, on AG Grid's (community) infinite row model: the worker
 * groups the filtered rows and answers blocks of a flat list of group rows and, under expanded
 * innermost groups, their rows. Sorting by the group column, Count or an aggregated column orders
 * the groups; sorting by other columns orders the rows inside each group. Cells are text only.
 */
export default function GroupedGrid({
  columns,
  groupBy,
  aggregates,
  fetchRows,
  quickText,
  dark,
  label,
  revision,
}: GroupedGridProps) {
  const apiRef = useRef<GridApi<RowBlockRow> | null>(null);
  const regionRef = useRef<HTMLDivElement | null>(null);
  const refreshGate = useRefreshGate(revision);
  // Expanded group ids per grouping, so a new grouping starts collapsed.
  const expandedSets = useRef(new Map<string, Set<string>>());
  const theme = resultGridTheme(dark);
  const groupKey = JSON.stringify([groupBy, aggregates]);

  const toggle = useCallback(
    (id: string) => {
      let expanded = expandedSets.current.get(groupKey);
      if (!expanded) expandedSets.current.set(groupKey, (expanded = new Set()));
      if (expanded.has(id)) expanded.delete(id);
      else expanded.add(id);
      refreshGate.request();
    },
    [groupKey, refreshGate],
  );
  const context = useMemo<GroupContext>(() => ({ toggle }), [toggle]);

  const columnDefs = useMemo<ColDef<RowBlockRow>[]>(
    () => [
      {
        colId: GROUP_COLUMN_ID,
        headerName: groupBy.join(' › '),
        headerTooltip: `Grouped by ${groupBy.join(', ')}`,
        cellRenderer: GroupCell,
        valueGetter: (params) => params.data?.group?.key ?? null,
        pinned: 'left',
        width: 260,
        filter: false,
      },
      {
        colId: COUNT_COLUMN_ID,
        headerName: 'Count',
        valueGetter: (params) => params.data?.group?.count ?? null,
        type: 'rightAligned',
        // The column's cellClass replaces the type's: name its right alignment as well.
        cellClass: ['cell--number', 'ag-right-aligned-cell'],
        width: 110,
        filter: false,
      },
      ...columns.map((column, index): ColDef<RowBlockRow> => {
        const numeric = isNumericType(column.type);
        const fn = aggregates[column.name];
        return {
          colId: column.name,
          headerName: fn ? `${column.name} (${fn})` : column.name,
          headerTooltip: `${column.name} (${column.type})`,
          valueGetter: (params) => params.data?.cells[index] ?? null,
          // Aggregates are figures (count, dcount, sum…): right-aligned, header and cells alike.
          cellClass: numeric || fn ? ['cell--number', 'ag-right-aligned-cell'] : undefined,
          type: numeric || fn ? 'rightAligned' : undefined,
          filter: numeric
            ? 'agNumberColumnFilter'
            : column.type === 'datetime'
              ? 'agDateColumnFilter'
              : 'agTextColumnFilter',
          width: column.type === 'string' || column.type === 'dynamic' ? 200 : 150,
        };
      }),
    ],
    // groupKey stands for groupBy and aggregates (new arrays on every render of the parent).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns, groupKey],
  );

  const datasource = useMemo<IDatasource>(() => {
    const [by, fns] = JSON.parse(groupKey) as [string[], Record<string, AggregateFn>];
    return {
      getRows: (params: IGetRowsParams) =>
        refreshGate.read(
          fetchRows({
            start: params.startRow,
            end: params.endRow,
            sortModel: params.sortModel as SortModelItem[],
            filterModel: params.filterModel as FilterModel,
            quickText: quickText || null,
            group: {
              groupBy: by,
              aggregates: fns,
              expanded: [...(expandedSets.current.get(groupKey) ?? [])],
            },
          }),
          (result) =>
            params.successCallback(result.rows, result.tableComplete ? result.rowCount : -1),
          () => params.failCallback(),
        ),
    };
  }, [fetchRows, quickText, groupKey, refreshGate]);

  useCellFocusKeeper(regionRef, apiRef);

  return (
    <div ref={regionRef} className="grouped-grid" role="region" aria-label={label}>
      <AgGridReact<RowBlockRow>
        theme={theme}
        columnDefs={columnDefs}
        defaultColDef={RESULT_DEFAULT_COL_DEF}
        {...RESULT_ROW_MODEL}
        datasource={datasource}
        context={context}
        rowClassRules={GROUP_ROW_CLASS_RULES}
        onGridReady={(event) => {
          apiRef.current = event.api;
          refreshGate.attach(() => event.api.refreshInfiniteCache());
        }}
        onCellKeyDown={(event) => {
          const key = event.event as KeyboardEvent | undefined;
          const group = event.data?.group;
          if (group && key && (key.key === 'Enter' || key.key === ' ')) {
            key.preventDefault();
            toggle(group.id);
          }
        }}
      />
    </div>
  );
}

/**
 * Rules rather than getRowClass: AG Grid reuses a row's element when the rows under it change
 * (a group opened above it), and re-evaluates rules then; a class from getRowClass stays.
 * One object for the grid's life: AG Grid compares options by reference.
 */
const GROUP_ROW_CLASS_RULES = {
  'row--group': (params: { data?: RowBlockRow }) => Boolean(params.data?.group),
};
