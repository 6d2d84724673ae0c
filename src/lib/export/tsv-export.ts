import { cellText } from './cell-text';
import type { ExportColumn, ExportRow } from './export-types';
import { isNumericColumnType, neutraliseFormula } from './formula-injection';

/**
 * Tab-separated text for the clipboard, as Excel and Google Sheets paste it: tabs between
 * cells, CRLF between rows. A cell holding a tab, line break or quote is wrapped in quotes with
 * quotes doubled (Excel's own copy format), so it lands in one cell with its line breaks intact.
 */

export interface TsvOptions {
  includeHeader?: boolean;
  /** Prefix formula-like text cells with ' (default true): pasting runs formulas too. */
  neutraliseFormulas?: boolean;
}

/** Rows copied as TSV at most: a clipboard is no place for half a million rows (use Export CSV). */
export const CLIPBOARD_ROW_LIMIT = 100_000;

const NEEDS_QUOTES = /[\t\r\n"]/;

export function tsvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toTsv(
  columns: readonly ExportColumn[],
  rows: Iterable<ExportRow>,
  options: TsvOptions = {},
): string {
  const neutralise = options.neutraliseFormulas ?? true;
  const numeric = columns.map((column) => isNumericColumnType(column.type));
  const field = (text: string | null, numericColumn: boolean): string =>
    text === null ? '' : tsvField(neutralise ? neutraliseFormula(text, numericColumn) : text);
  const lines: string[] = [];
  if (options.includeHeader ?? true) {
    lines.push(columns.map((column) => field(column.name, false)).join('\t'));
  }
  for (const row of rows) {
    lines.push(columns.map((_, c) => field(cellText(row[c]), numeric[c]!)).join('\t'));
  }
  return lines.join('\r\n');
}
