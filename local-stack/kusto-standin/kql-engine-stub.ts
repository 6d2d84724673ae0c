/**
 * Stand-in for local-stack/kql-engine until it lands: the same types and functions, but it only
 * evaluates `T`, `T | count` and `T | take n` (optionally after `set x;` statements).
 */

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
export interface PreparedDatabase {
  readonly name: string;
  readonly tables: ReadonlyArray<{
    name: string;
    columns: ColumnSchema[];
    rowCount: number;
    folder?: string;
    docString?: string;
  }>;
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
}
export interface EvaluateOptions {
  now?: Date;
  timeWindow?: { from: Date; to: Date; columnByTable: Record<string, string> };
}

export class KqlError extends Error {
  constructor(
    message: string,
    public kind: 'syntax' | 'semantic' | 'unsupported' | 'runtime',
    public code: string,
    public line: number,
    public column: number,
    public start: number,
    public length: number,
  ) {
    super(message);
    this.name = 'KqlError';
  }
}

interface StubDatabase extends PreparedDatabase {
  readonly inputs: ReadonlyMap<string, TableInput>;
}

export function prepareDatabase(input: DatabaseInput): PreparedDatabase {
  const db: StubDatabase = {
    name: input.name,
    tables: input.tables.map((t) => ({
      name: t.name,
      columns: t.columns,
      rowCount: t.rows.length,
      folder: t.folder,
      docString: t.docString,
    })),
    inputs: new Map(input.tables.map((t) => [t.name, t])),
  };
  return db;
}

export function emptyVisualization(): VisualizationProperties {
  return {
    Visualization: null,
    Title: null,
    XColumn: null,
    Series: null,
    YColumns: null,
    AnomalyColumns: null,
    XTitle: null,
    YTitle: null,
    XAxis: null,
    YAxis: null,
    Legend: null,
    YSplit: null,
    Accumulate: false,
    IsQuerySorted: false,
    Kind: null,
    Ymin: 'NaN',
    Ymax: 'NaN',
    Xmin: null,
    Xmax: null,
  };
}

export function evaluate(
  query: string,
  db: PreparedDatabase,
  _options?: EvaluateOptions,
): EvaluationResult {
  const setOptions: Record<string, string | boolean | number> = {};
  let body = query;
  for (;;) {
    const m = /^\s*set\s+(\w+)(?:\s*=\s*([^;]+))?\s*;/.exec(body);
    if (!m) break;
    setOptions[m[1]!] = m[2] === undefined ? true : m[2].trim();
    body = body.slice(m[0].length);
  }
  const trimmed = body.trim();
  const m = /^([A-Za-z_]\w*)\s*(?:\|\s*(count|take|limit)\s*(\d+)?\s*)?$/.exec(trimmed);
  if (!m) {
    const offset = query.length - body.length + (body.length - body.trimStart().length);
    throw new KqlError(
      'Syntax error: SYN0002: A recognition error occurred.',
      'syntax',
      'SYN0002',
      1,
      offset + 1,
      offset,
      trimmed.length,
    );
  }
  const table = (db as StubDatabase).inputs.get(m[1]!);
  if (!table) {
    throw new KqlError(
      `Semantic error: SEM0100: 'table' operator: Failed to resolve table expression named '${m[1]}'`,
      'semantic',
      'SEM0100',
      1,
      1,
      0,
      m[1]!.length,
    );
  }
  if (m[2] === 'count') {
    return {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [{ name: 'Count', type: 'long' }],
          rows: [[table.rows.length]],
          visualization: emptyVisualization(),
        },
      ],
      setOptions,
    };
  }
  const n = m[3] === undefined ? table.rows.length : Number(m[3]);
  return {
    tables: [
      {
        name: 'PrimaryResult',
        columns: table.columns,
        rows: table.rows.slice(0, n),
        visualization: emptyVisualization(),
      },
    ],
    setOptions,
  };
}
