/**
 * Sort and filter models in AG Grid's shapes (what the infinite row model hands its datasource),
 * declared here so the result model does not depend on the grid package. Keys (`colId`, filter
 * model keys) are column names: give each grid column `colId: column.name`.
 */

export interface SortModelItem {
  colId: string;
  sort: 'asc' | 'desc';
}

export type TextFilterOperator =
  | 'equals'
  | 'notEqual'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'endsWith'
  | 'blank'
  | 'notBlank';

export type NumberFilterOperator =
  | 'equals'
  | 'notEqual'
  | 'greaterThan'
  | 'greaterThanOrEqual'
  | 'lessThan'
  | 'lessThanOrEqual'
  | 'inRange'
  | 'blank'
  | 'notBlank';

export type DateFilterOperator =
  'equals' | 'notEqual' | 'greaterThan' | 'lessThan' | 'inRange' | 'blank' | 'notBlank';

export interface TextFilterCondition {
  filterType: 'text';
  type: TextFilterOperator;
  filter?: string | null;
}

export interface NumberFilterCondition {
  filterType: 'number';
  type: NumberFilterOperator;
  filter?: number | null;
  filterTo?: number | null;
}

/** `dateFrom` / `dateTo` as AG Grid sends them: `YYYY-MM-DD hh:mm:ss`, read as UTC. */
export interface DateFilterCondition {
  filterType: 'date';
  type: DateFilterOperator;
  dateFrom?: string | null;
  dateTo?: string | null;
}

export type FilterCondition = TextFilterCondition | NumberFilterCondition | DateFilterCondition;

/** Two or more conditions on one column (AG Grid's combined model). */
export interface CombinedFilterCondition {
  filterType: FilterCondition['filterType'];
  operator: 'AND' | 'OR';
  conditions: FilterCondition[];
}

export type ColumnFilterModel = FilterCondition | CombinedFilterCondition;

export type FilterModel = Record<string, ColumnFilterModel>;
