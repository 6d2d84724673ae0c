import type { DataSetSummary, ResultColumn, TableSummary } from './result-types';

function sameColumns(a: readonly ResultColumn[], b: readonly ResultColumn[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (c, i) => c.name === b[i]!.name && c.type === b[i]!.type && c.wireType === b[i]!.wireType,
    )
  );
}

function sameTable(a: TableSummary, b: TableSummary): boolean {
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    a.rowCount === b.rowCount &&
    a.version === b.version &&
    a.complete === b.complete &&
    a.progress === b.progress
  );
}

/**
 * `next` with the parts that did not change taken from `previous` (the same objects), so the
 * page's memoized views see unchanged columns as unchanged. Each summary crosses from the worker
 * as a fresh structured clone: without this, every progress update gave the grid new column
 * definitions, and AG Grid rebuilt all headers (a long main-thread task per update).
 */
export function shareUnchanged(
  previous: DataSetSummary | null,
  next: DataSetSummary,
): DataSetSummary {
  if (!previous) return next;
  const before = new Map(previous.tables.map((t) => [t.id, t]));
  let changed = previous.tables.length !== next.tables.length;
  const tables = next.tables.map((table, i) => {
    const old = before.get(table.id);
    if (!old) return ((changed = true), table);
    const columns = sameColumns(old.columns, table.columns) ? old.columns : table.columns;
    if (columns === old.columns && sameTable(old, table)) {
      if (previous.tables[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return columns === table.columns ? table : { ...table, columns };
  });
  return { ...next, tables: changed ? tables : previous.tables };
}
