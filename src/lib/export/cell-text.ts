import type { ExportCell } from './export-types';

/** The text of a cell, or null for an empty (null) one. */
export function cellText(cell: ExportCell): string | null {
  if (cell === null || cell === undefined) return null;
  switch (typeof cell) {
    case 'string':
      return cell;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(cell);
    default:
      if (cell instanceof Date) return cell.toISOString();
      return JSON.stringify(cell, (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      );
  }
}
