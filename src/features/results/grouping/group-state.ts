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
