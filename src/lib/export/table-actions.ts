import type { QueryHandle } from '../query/query-run';
import type { TableSummary } from '../result-model';
import type { ExportColumn, ExportRow } from './export-types';
import { downloadBlob, fileTimestamp } from './download-blob';
import { BoundedTsv, COPY_PART_ROWS, copyLimitsNote } from './bounded-tsv';
import { CLIPBOARD_ROW_LIMIT } from './tsv-export';

/**
 * The results panel's "Copy TSV" and "Export CSV" for one result table: rows are read from where
 * the result lives (the worker, through the run's `getRows`), in the order the server sent them.
 */

type ExportedTable = Pick<TableSummary, 'id' | 'name' | 'rowCount'> & {
  columns: readonly ExportColumn[];
};
type GetRows = QueryHandle['getRows'];

/**
 * The table as a CSV download (UTF-8 with BOM, formula prefixes neutralised), written by the
 * result's worker (the `csv` job): the page only gets the finished file.
 */
export async function exportTableCsv(
  table: Pick<TableSummary, 'id' | 'name'>,
  session: Pick<QueryHandle, 'runJob'>,
): Promise<void> {
  const blob = await session.runJob({ kind: 'csv', tableId: table.id });
  downloadBlob(blob, `${table.name}-${fileTimestamp()}.csv`);
}

/**
 * Copies the table with its header as tab-separated text that pastes into Excel, up to the copy
 * limits (CLIPBOARD_ROW_LIMIT rows, CLIPBOARD_CHAR_LIMIT characters), read in parts so that no
 * message from the worker holds the page's thread for long. Resolves to what it copied.
 */
export async function copyTableTsv(
  table: ExportedTable,
  getRows: GetRows,
  clipboard: Pick<Clipboard, 'writeText'> = navigator.clipboard,
): Promise<string> {
  const tsv = new BoundedTsv(
    table.columns.map((c) => ({ name: c.name, type: c.type })),
    { includeHeader: true },
  );
  await readCopyRows(table, getRows, tsv);
  await clipboard.writeText(tsv.text);
  const copied = `${tsv.rows.toLocaleString('en-US')} row${tsv.rows === 1 ? '' : 's'}`;
  return tsv.rows < table.rowCount
    ? `Copied the first ${copied} of ${table.rowCount.toLocaleString('en-US')} with the header ${copyLimitsNote()}.`
    : `Copied ${copied} with the header.`;
}

/**
 * The table's first rows, read in parts of COPY_PART_ROWS (each crosses from the worker in a task
 * of its own, where 100,000 rows × every column in one message took seconds) while they fit in
 * `tsv`, up to CLIPBOARD_ROW_LIMIT rows. Returns the rows that fit (those `tsv` holds).
 */
export async function readCopyRows(
  table: Pick<TableSummary, 'id' | 'rowCount'>,
  getRows: GetRows,
  tsv: BoundedTsv,
): Promise<ExportRow[]> {
  const taken: ExportRow[] = [];
  const end = Math.min(table.rowCount, CLIPBOARD_ROW_LIMIT);
  for (let start = 0; start < end; start += COPY_PART_ROWS) {
    const { rows } = await getRows({
      tableId: table.id,
      start,
      end: Math.min(end, start + COPY_PART_ROWS),
    });
    const cells = rows.map((row) => row.cells);
    const fitted = tsv.add(cells);
    for (const row of cells) taken.push(row);
    if (!fitted || rows.length === 0) break;
  }
  return taken.slice(0, tsv.rows);
}
