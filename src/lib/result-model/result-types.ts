import type { ColumnData } from './column-data';
import type { KustoScalarType } from './kusto-scalar-type';
import type { RowBlockRow } from './row-block';

/** Table kinds of Kusto v2 (`TableKind`) plus v1's `QueryStatus`; other strings pass through. */
export type TableKind =
  | 'PrimaryResult'
  | 'QueryCompletionInformation'
  | 'QueryProperties'
  | 'QueryTraceLog'
  | 'QueryPerfLog'
  | 'TableOfContents'
  | 'QueryPlan'
  | 'QueryStatus'
  | 'Unknown'
  | (string & {});

export interface ResultColumn {
  readonly name: string;
  readonly type: KustoScalarType;
  /** The type name as the source sent it (`double`, `Int64`, `missing`…). */
  readonly wireType: string;
}

/**
 * One result table with its columns' storage. Builders mutate it while rows stream in; everyone
 * else treats it as read-only. `version` changes whenever rows are added or replaced, so cached
 * sort/filter permutations can tell they are stale.
 */
export interface ResultTable {
  readonly id: number;
  readonly name: string;
  readonly kind: TableKind;
  readonly columns: readonly ResultColumn[];
  readonly data: readonly ColumnData[];
  rowCount: number;
  version: number;
  /** All rows arrived (DataTable frame, TableCompletion, or end of a v1/App Insights body). */
  complete: boolean;
  /** Progressive results: last TableProgress value (0–100). */
  progress: number | null;
  /** RowCount as the server stated it in TableCompletion, if it did. */
  reportedRowCount: number | null;
}

/** Render properties of one primary table (`| render …`), from @ExtendedProperties. */
export interface VisualizationProperties {
  /** Chart kind (`timechart`, `piechart`, …) or null when the query has no render. */
  visualization: string | null;
  title: string | null;
  xColumn: string | null;
  series: string[] | null;
  yColumns: string[] | null;
  anomalyColumns: string[] | null;
  xTitle: string | null;
  yTitle: string | null;
  xAxis: string | null;
  yAxis: string | null;
  legend: string | null;
  ySplit: string | null;
  accumulate: boolean;
  isQuerySorted: boolean;
  kind: string | null;
  yMin: number | null;
  yMax: number | null;
  xMin: unknown;
  xMax: unknown;
  /** The parsed JSON as sent, for keys not modelled above. */
  raw: Record<string, unknown>;
}

/** Every render property unset: the base for charts Quarry builds itself (chart builder, PromQL). */
export const NO_RENDER_PROPERTIES: Readonly<VisualizationProperties> = {
  visualization: null,
  title: null,
  xColumn: null,
  series: null,
  yColumns: null,
  anomalyColumns: null,
  xTitle: null,
  yTitle: null,
  xAxis: null,
  yAxis: null,
  legend: null,
  ySplit: null,
  accumulate: false,
  isQuerySorted: false,
  kind: null,
  yMin: null,
  yMax: null,
  xMin: null,
  xMax: null,
  raw: {},
};

/** A non-visualization row of @ExtendedProperties (e.g. `ServerCache`, `Cursor`). */
export interface ExtendedProperty {
  tableId: number | null;
  key: string;
  value: unknown;
}

/** What QueryCompletionInformation (v2) / QueryStatus (v1) said about the run. */
export interface CompletionStats {
  /** Server execution time in seconds (`ExecutionTime`). */
  executionTimeSec: number | null;
  /** CPU time as timespan texts (`resource_usage.cpu`). */
  cpu: { user: string | null; kernel: string | null; total: string | null } | null;
  memoryPeakPerNode: number | null;
  inputDataset: {
    extentsTotal: number | null;
    extentsScanned: number | null;
    rowsTotal: number | null;
    rowsScanned: number | null;
  } | null;
  /** Per result table: `dataset_statistics` rows. */
  resultDataset: { rowCount: number | null; size: number | null }[];
  workloadGroup: string | null;
  /** The QueryResourceConsumption payload as sent (cache, network, …). */
  resourceConsumption: Record<string, unknown> | null;
}

export type IssueSource =
  | 'dataset-completion'
  | 'table-completion'
  | 'in-data'
  | 'completion-information'
  | 'v1-exceptions'
  | 'response';

/**
 * A problem reported inside a successful response: partial failures, truncation, warnings. Raw
 * material; `query-errors` turns it into a user-facing QueryError.
 */
export interface DataSetIssue {
  severity: 'error' | 'warning';
  source: IssueSource;
  /** e.g. `LimitsExceeded`, `SEM0100`, `E_QUERY_RESULT_SET_TOO_LARGE` when one is known. */
  code: string | null;
  message: string;
  tableId: number | null;
  /** `@permanent` of a OneApiError, when stated. */
  permanent: boolean | null;
  activityId: string | null;
  clientRequestId: string | null;
  /** The error object / row / text as received. */
  raw: unknown;
}

export interface DataSetHeader {
  version: string | null;
  progressive: boolean;
  fragmented: boolean;
  errorReportingPlacement: string | null;
}

export interface DataSetCompletion {
  hasErrors: boolean;
  cancelled: boolean;
}

export type DataSetSource = 'kusto-v2' | 'kusto-v1' | 'appinsights' | 'prometheus';

/** A whole response: source-agnostic, built incrementally. */
export interface DataSet {
  readonly source: DataSetSource;
  tables: ResultTable[];
  /** By primary table id. */
  visualizations: Record<number, VisualizationProperties>;
  extendedProperties: ExtendedProperty[];
  stats: CompletionStats | null;
  issues: DataSetIssue[];
  header: DataSetHeader | null;
  completion: DataSetCompletion | null;
  /** The response body was read to its end and parsed. */
  complete: boolean;
}

/** A table without its storage: what crosses from the worker to the page. */
export interface TableSummary {
  id: number;
  name: string;
  kind: TableKind;
  columns: ResultColumn[];
  rowCount: number;
  version: number;
  complete: boolean;
  progress: number | null;
  /**
   * A result table's first rows (up to TABLE_HEAD_ROWS, in arrival order, as display text), sent
   * with the summary so the grid's first screen can be drawn before the grid asks for a block.
   */
  head?: RowBlockRow[];
}

/** Rows a table's `head` holds at most: more than a tall screen shows (60 × 32 px). */
export const TABLE_HEAD_ROWS = 60;

export interface DataSetSummary {
  source: DataSetSource;
  tables: TableSummary[];
  /** Ids of PrimaryResult tables, in order: the result tabs. */
  primaryTableIds: number[];
  visualizations: Record<number, VisualizationProperties>;
  extendedProperties: ExtendedProperty[];
  stats: CompletionStats | null;
  issues: DataSetIssue[];
  header: DataSetHeader | null;
  completion: DataSetCompletion | null;
  complete: boolean;
}

export function summarizeDataSet(dataSet: DataSet): DataSetSummary {
  const tables = dataSet.tables.map((t): TableSummary => ({
    id: t.id,
    name: t.name,
    kind: t.kind,
    columns: [...t.columns],
    rowCount: t.rowCount,
    version: t.version,
    complete: t.complete,
    progress: t.progress,
  }));
  return {
    source: dataSet.source,
    tables,
    primaryTableIds: tables.filter((t) => t.kind === 'PrimaryResult').map((t) => t.id),
    visualizations: { ...dataSet.visualizations },
    extendedProperties: [...dataSet.extendedProperties],
    stats: dataSet.stats,
    issues: [...dataSet.issues],
    header: dataSet.header,
    completion: dataSet.completion,
    complete: dataSet.complete,
  };
}
