import type { AggregateFn } from '../../../lib/result-model';

/** What the user chose in the group bar for one result table. */
export interface GroupState {
  groupBy: string[];
  aggregates: Record<string, AggregateFn>;
  pivot: { column: string; fn: AggregateFn; value: string } | null;
}

export const NO_GROUPING: GroupState = { groupBy: [], aggregates: {}, pivot: null };

/** Drops columns the table no longer has (a re-run can change the schema). */
export function fitGroupState(state: GroupState, columns: readonly string[]): GroupState {
  const has = new Set(columns);
  const aggregates: Record<string, AggregateFn> = {};
  for (const [name, fn] of Object.entries(state.aggregates))
    if (has.has(name)) aggregates[name] = fn;
  return {
    groupBy: state.groupBy.filter((name) => has.has(name)),
    aggregates,
    pivot: state.pivot && has.has(state.pivot.column) ? state.pivot : null,
  };
}

/**
 * `render pivotchart` shown as a pivot view: rows by the x column, the series column's values as
 * columns, the sum of the first y column (count when there is none). Missing properties are
 * taken from the columns: the first text column, the next text column, the first number.
 */
export function pivotStateFor(
  visualization: { xColumn: string | null; series: string[] | null; yColumns: string[] | null },
  columns: readonly { name: string; type: string }[],
): GroupState | null {
  const text = columns.filter((c) => c.type === 'string').map((c) => c.name);
  const numbers = columns
    .filter((c) => ['int', 'long', 'real', 'decimal'].includes(c.type))
    .map((c) => c.name);
  const rows = visualization.xColumn ?? text[0];
  const column = visualization.series?.[0] ?? text.find((name) => name !== rows);
  if (!rows || !column) return null;
  const value = visualization.yColumns?.[0] ?? numbers[0];
  return {
    groupBy: [rows],
    aggregates: {},
    pivot: value ? { column, fn: 'sum', value } : { column, fn: 'count', value: '' },
  };
}
