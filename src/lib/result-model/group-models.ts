/**
 * What the grid asks the worker for when it groups or pivots a table. Column keys are column
 * names, as in the sort and filter models.
 */

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'dcount';

export const AGGREGATE_FNS: readonly AggregateFn[] = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'dcount',
];

/** Sort-model column ids of the grouped view's own columns. */
export const GROUP_COLUMN_ID = '__group';
export const COUNT_COLUMN_ID = '__count';

export interface GroupModel {
  /** Columns to group by, outermost first. */
  groupBy: string[];
  /** One aggregate per column, shown in that column on group rows. */
  aggregates: Record<string, AggregateFn>;
  /** Ids of the expanded groups (GroupRowInfo.id). */
  expanded: string[];
}

/** Extra facts of a group row in a grouped view (its `cells` hold the aggregates' text). */
export interface GroupRowInfo {
  /** Stable id: the JSON of its key path. */
  id: string;
  depth: number;
  column: string;
  /** The key's display text; null for a Kusto null. */
  key: string | null;
  count: number;
  expanded: boolean;
  /** A group of the innermost level: expanding it shows rows, not groups. */
  leaf: boolean;
}

export interface PivotModel {
  /** Row keys, outermost first. */
  rows: string[];
  /** Its distinct values become columns. */
  pivotColumn: string;
  /** The aggregate of each (row key, column value) cell; `column` is ignored for count. */
  aggregate: { column: string; fn: AggregateFn };
}

export interface PivotResult {
  /** Row key names, then one per pivot value (its display text, `(null)` for null). */
  columns: string[];
  /** How many leading columns are row keys. */
  keyColumns: number;
  /** Aggregate cells: numbers where the aggregate is numeric, else text; null = no rows. */
  rows: (string | number | null)[][];
  /** Distinct pivot values beyond the column cap were left out. */
  truncatedColumns: number;
  /** Source rows left out because the pivot reached its row cap. */
  truncatedRows: number;
}
