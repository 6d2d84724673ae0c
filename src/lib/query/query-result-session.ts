import {
  filterIndex,
  getRowBlock,
  sortIndex,
  summarizeDataSet,
  type DataSet,
  type DataSetSummary,
  type FilterModel,
  type ResultTable,
  type RowBlockRow,
  type SortModelItem,
} from '../result-model';
import { parseAppInsightsBytes } from '../appinsights/parse-appinsights-response';
import { parseV1Bytes } from '../kusto/parse-v1-tables';
import { V2FrameParser, type V2ParserOptions } from '../kusto/parse-v2-frames';

/** `appinsights`: the App Insights / Log Analytics query API body, parsed whole like v1. */
export type ResponseFormat = 'v2' | 'v1' | 'appinsights';

export interface RowsRequest {
  tableId: number;
  start: number;
  end: number;
  sortModel?: readonly SortModelItem[] | null;
  filterModel?: FilterModel | null;
  quickText?: string | null;
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
  private readonly v2: V2FrameParser | null;
  private readonly v1Chunks: Uint8Array[] = [];
  private v1DataSet: DataSet | null = null;
  private readonly views = new Map<number, CachedView>();

  constructor(
    readonly format: ResponseFormat,
    options: V2ParserOptions = {},
  ) {
    this.v2 = format === 'v2' ? new V2FrameParser(undefined, {}, options) : null;
  }

  /** The DataSet as parsed so far (v1: only once the body ended). */
  get dataSet(): DataSet | null {
    return this.v2 ? this.v2.dataSet : this.v1DataSet;
  }

  feed(chunk: Uint8Array): void {
    if (this.v2) this.v2.feed(chunk);
    else this.v1Chunks.push(chunk.slice());
  }

  /** Parse complete rows now (progressive display on a timer). */
  flush(): void {
    this.v2?.flush();
  }

  /** The body ended. Throws KustoResponseFormatError when it was not a complete result. */
  end(): DataSet {
    if (this.v2) return this.v2.end();
    const total = this.v1Chunks.reduce((n, c) => n + c.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of this.v1Chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.v1Chunks.length = 0;
    this.v1DataSet =
      this.format === 'appinsights' ? parseAppInsightsBytes(bytes) : parseV1Bytes(bytes);
    return this.v1DataSet;
  }

  summary(): DataSetSummary | null {
    const dataSet = this.dataSet;
    return dataSet ? summarizeDataSet(dataSet) : null;
  }

  getRows(request: RowsRequest): RowsResult {
    const table = this.dataSet?.tables.find((t) => t.id === request.tableId);
    if (!table) return { rows: [], rowCount: 0, tableRowCount: 0, tableComplete: false };
    const view = this.view(table, request);
    return {
      rows: getRowBlock(table, view.index, request.start, request.end),
      rowCount: view.rowCount,
      tableRowCount: table.rowCount,
      tableComplete: table.complete,
    };
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
