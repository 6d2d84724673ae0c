import type { FunctionSchema, TableSchema } from '../../lib/query/database-schema';

/** A table-like entity with the columns the filter lets through. */
export interface MatchedTable {
  table: TableSchema;
  columns: TableSchema['columns'];
}

/** The filter box's text as the trees compare it: trimmed, lower case ('' shows everything). */
export function filterNeedle(filter: string): string {
  return filter.trim().toLowerCase();
}

/**
 * The tables the filter keeps: a table whose name matches keeps all its columns; otherwise it
 * keeps the matching columns and is dropped when none match.
 */
export function matchTables(tables: readonly TableSchema[], needle: string): MatchedTable[] {
  if (!needle) return tables.map((table) => ({ table, columns: table.columns }));
  return tables
    .map((table) => ({
      table,
      columns: table.name.toLowerCase().includes(needle)
        ? table.columns
        : table.columns.filter((column) => column.name.toLowerCase().includes(needle)),
    }))
    .filter(
      ({ table, columns }) => table.name.toLowerCase().includes(needle) || columns.length > 0,
    );
}

/** The functions whose name matches the filter. */
export function matchFunctions(
  functions: readonly FunctionSchema[],
  needle: string,
): readonly FunctionSchema[] {
  return needle ? functions.filter((fn) => fn.name.toLowerCase().includes(needle)) : functions;
}
