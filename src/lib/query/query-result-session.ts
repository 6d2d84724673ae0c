import {
  GroupedView,
  filterIndex,
  getRowBlock,
  sortIndex,
  summarizeDataSet,
  TABLE_HEAD_ROWS,
  type DataSet,
  type DataSetSummary,
  type FilterModel,
  type GroupModel,
  type ResultTable,
  type RowBlockRow,
  type SortModelItem,
} from '../result-model';
import type { ResultParser } from './result-parser';

/**
 * Which parser reads a body: a key of the sources' parser registry
 * (`src/lib/sources/result-parsers.ts`), e.g. `v2`, `v1`, `appinsights`.
 */
export type ResponseFormat = string;

export interface RowsRequest {
  tableId: number;
  start: number;
  end: number;
  sortModel?: readonly SortModelItem[] | null;
  filterModel?: FilterModel | null;
  quickText?: string | null;
  /** Group the (filtered) rows: the view becomes group rows and the expanded groups' rows. */
  group?: GroupModel | null;
}

export interface RowsResult {
  rows: RowBlockRow[];
  /** Rows in this view (after filters and quick search). */
  rowCount: number;
  /** Rows in the table so far. */
  tableRowCount: number;
  /** The table has all its rows, so `rowCount` is final (AG Grid's `lastRow`). */
  tableComplete: boolean;
}

interface CachedGrouping {
  key: string;
  version: number;
  view: GroupedView;
}

interface CachedView {
  key: string;
  version: number;
  rowCount: number;
  index: Int32Array | null;
}

/**
 * One response being parsed, and the views the grid asks for. Free of worker globals: the worker
 * wraps it, tests and the in-process engine use it directly.
 */
export class QueryResultSession {
  private readonly views = new Map<number, CachedView>();
  private readonly groupings = new Map<number, CachedGrouping>();

  constructor(private readonly parser: ResultParser) {}

  /** The DataSet as parsed so far (whole-body formats: only once the body ended). */
  get dataSet(): DataSet | null {
    return this.parser.dataSet;
  }

  feed(chunk: Uint8Array): void {
    this.parser.feed(chunk);
  }

  /** Parse complete rows now (progressive display on a timer). */
  flush(): void {
    this.parser.flush();
  }

  /** The body ended. Throws ResponseFormatError when it was not a complete result. */
  end(): DataSet {
    return this.parser.end();
  }

  summary(): DataSetSummary | null {
    const dataSet = this.dataSet;
    if (!dataSet) return null;
    const summary = summarizeDataSet(dataSet);
    // The result tables' first rows ride along (a few thousand short strings at most; built
    // per posted summary, not per parsed chunk). summarizeDataSet keeps the tables' order.
    dataSet.tables.forEach((table, i) => {
      if (table.kind === 'PrimaryResult')
        summary.tables[i]!.head = getRowBlock(table, null, 0, TABLE_HEAD_ROWS);
    });
    return summary;
  }

  getRows(request: RowsRequest): RowsResult {
    const table = this.dataSet?.tables.find((t) => t.id === request.tableId);
    if (!table) return { rows: [], rowCount: 0, tableRowCount: 0, tableComplete: false };
    if (request.group && request.group.groupBy.length > 0) {
      const grouped = this.grouping(table, request, request.group).block(
        request.sortModel ?? [],
        request.group.expanded,
        request.start,
        request.end,
      );
      return { ...grouped, tableRowCount: table.rowCount, tableComplete: table.complete };
    }
    const view = this.view(table, request);
    return {
      rows: getRowBlock(table, view.index, request.start, request.end),
      rowCount: view.rowCount,
      tableRowCount: table.rowCount,
      tableComplete: table.complete,
    };
  }

  /** The filtered rows (in arrival order), or null for all of them. */
  filteredRows(tableId: number, filterModel?: FilterModel | null, quickText?: string | null) {
    const table = this.dataSet?.tables.find((t) => t.id === tableId);
    if (!table) return null;
    const view = this.view(table, { tableId, start: 0, end: 0, filterModel, quickText });
    return { table, rows: view.index };
  }

  /** A grouping of the filtered rows, cached until the grouping, filters or rows change. */
  private grouping(table: ResultTable, request: RowsRequest, group: GroupModel): GroupedView {
    const filtered = this.view(table, { ...request, sortModel: null });
    const key = JSON.stringify([
      request.filterModel ?? {},
      (request.quickText ?? '').trim(),
      group.groupBy,
      group.aggregates,
    ]);
    const cached = this.groupings.get(table.id);
    if (cached && cached.key === key && cached.version === table.version) return cached.view;
    const view = new GroupedView(table, filtered.index, group.groupBy, group.aggregates);
    this.groupings.set(table.id, { key, version: table.version, view });
    return view;
  }

  /** Sort/filter permutation for a request, cached per table until the model or rows change. */
  private view(table: ResultTable, request: RowsRequest): CachedView {
    const sortModel = request.sortModel ?? [];
    const filterModel = request.filterModel ?? {};
    const quickText = (request.quickText ?? '').trim();
    const key = JSON.stringify([sortModel, filterModel, quickText]);
    const cached = this.views.get(table.id);
    if (cached && cached.key === key && cached.version === table.version) return cached;

    const filtering = quickText !== '' || Object.keys(filterModel).length > 0;
    let index: Int32Array | null = filtering ? filterIndex(table, filterModel, quickText) : null;
    if (sortModel.length > 0) index = sortIndex(table, sortModel, index ?? undefined);
    const view = {
      key,
      version: table.version,
      rowCount: index ? index.length : table.rowCount,
      index,
    };
    this.views.set(table.id, view);
    return view;
  }
}
