/** The engine's public contract: what the Kusto and App Insights stand-ins code against. */

export type KustoScalarType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'datetime'
  | 'timespan'
  | 'string'
  | 'guid'
  | 'dynamic';

export interface ColumnSchema {
  name: string;
  type: KustoScalarType;
}

/**
 * Rows in Kusto's JSON wire form (v2): datetime ISO-8601 'Z' strings, timespan
 * 'd.hh:mm:ss.fffffff' strings, dynamic as JSON values, decimal as strings, guid strings,
 * long/int/real numbers (real may be "NaN"/"Infinity"), null.
 */
export type WireValue = null | boolean | number | string | WireValue[] | { [k: string]: WireValue };

export interface TableInput {
  name: string;
  columns: ColumnSchema[];
  rows: WireValue[][];
  folder?: string;
  docString?: string;
}

export interface DatabaseInput {
  name: string;
  tables: TableInput[];
}

export interface PreparedTableInfo {
  name: string;
  columns: ColumnSchema[];
  rowCount: number;
  folder?: string;
  docString?: string;
}

export interface PreparedDatabase {
  readonly name: string;
  readonly tables: ReadonlyArray<PreparedTableInfo>;
}

export interface VisualizationProperties {
  Visualization: string | null;
  Title: string | null;
  XColumn: string | null;
  Series: string | null;
  YColumns: string | null;
  AnomalyColumns: string | null;
  XTitle: string | null;
  YTitle: string | null;
  XAxis: string | null;
  YAxis: string | null;
  Legend: string | null;
  YSplit: string | null;
  Accumulate: boolean;
  IsQuerySorted: boolean;
  Kind: string | null;
  Ymin: number | 'NaN';
  Ymax: number | 'NaN';
  Xmin: WireValue;
  Xmax: WireValue;
}

export interface ResultTable {
  name: string;
  columns: ColumnSchema[];
  rows: WireValue[][];
  visualization: VisualizationProperties;
}

export interface EvaluationResult {
  tables: ResultTable[];
  setOptions: Record<string, string | boolean | number>;
  /** The stored tables the query read and how many of their rows (for query statistics). */
  scannedTables?: { name: string; rows: number }[];
}

/** A result table whose rows are computed as they are pulled (see `evaluateStreaming`). */
export interface StreamingResultTable {
  name: string;
  columns: ColumnSchema[];
  visualization: VisualizationProperties;
  /** Wire rows a batch at a time; each call evaluates afresh. Throws KqlError on failures. */
  batches(): Iterable<WireValue[][]>;
  /**
   * The same rows as JSON text (`JSON.stringify` of each wire row), a batch at a time; rows the
   * engine keeps text for come as their UTF-8 bytes.
   */
  jsonBatches(): Iterable<Array<string | Uint8Array>>;
}

export interface StreamingEvaluation {
  tables: StreamingResultTable[];
  setOptions: Record<string, string | boolean | number>;
  /** The stored tables the query read and how many of their rows (for query statistics). */
  scannedTables?: { name: string; rows: number }[];
}

export interface EvaluateOptions {
  now?: Date;
  /** App Insights-style outer time window applied to each table's time column */
  timeWindow?: { from: Date; to: Date; columnByTable: Record<string, string> };
}
