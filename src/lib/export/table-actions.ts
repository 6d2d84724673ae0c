import type { QueryHandle } from '../query/query-run';
import type { TableSummary } from '../result-model';
import type { ExportColumn } from './export-types';
import { downloadBlob, fileTimestamp } from './download-blob';
import { CLIPBOARD_ROW_LIMIT, toTsv } from './tsv-export';

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
 * Copies the table (up to CLIPBOARD_ROW_LIMIT rows) with its header as tab-separated text that
 * pastes into Excel. Resolves to what it copied, for the notice.
 */
export async function copyTableTsv(
  table: ExportedTable,
  getRows: GetRows,
  clipboard: Pick<Clipboard, 'writeText'> = navigator.clipboard,
): Promise<string> {
  const { rows } = await getRows({
    tableId: table.id,
    start: 0,
    end: Math.min(table.rowCount, CLIPBOARD_ROW_LIMIT),
  });
  const text = toTsv(
    table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows.map((row) => row.cells),
  );
  await clipboard.writeText(text);
  const copied = `${rows.length.toLocaleString('en-US')} row${rows.length === 1 ? '' : 's'}`;
  return rows.length < table.rowCount
    ? `Copied the first ${copied} of ${table.rowCount.toLocaleString('en-US')} (use Export CSV for all).`
    : `Copied ${copied} with the header.`;
}
