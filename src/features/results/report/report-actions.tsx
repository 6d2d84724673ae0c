import { useEffect, useEffectEvent, useState } from 'react';
import { isCopyReportShortcut } from '../../shortcuts/shortcut-table';
import type { RowsRequest, RowsResult } from '../../../lib/query/query-result-session';
import type { WorkerJob, WorkerJobResult } from '../../../lib/query/worker-jobs';
import {
  BoundedTsv,
  CLIPBOARD_CHAR_LIMIT,
  copyLimitsNote,
  downloadBlob,
  readCopyRows,
  fileTimestamp,
  toReportHtml,
  toReportMarkdown,
  toReportPlainText,
  type ReportContent,
} from '../../../lib/export';
import type { TableSummary } from '../../../lib/result-model';

/**
 * A report's rows at most, as characters of their tab-separated text. The rich copy formats an
 * HTML table and a plain-text one in one task and Chromium writes both in another (see
 * CLIPBOARD_CHAR_LIMIT): at 1.7 M characters of cells (59,066 StormEvents rows) each copy left two
 * tasks of 74–115 ms; at 0.5 M (~900 rows of 22 columns, plenty for mail or a ticket) three
 * copies left one task of 69 ms between them.
 */
const REPORT_CELL_CHARS = CLIPBOARD_CHAR_LIMIT / 10;

/** What the query tab knows about the run: its text and a link that opens it. */
export type ReportSource = () => Promise<{ query: string; link: string | null }>;

interface ReportActionsProps {
  table: TableSummary;
  session: {
    getRows(request: RowsRequest): Promise<RowsResult>;
    runJob<J extends WorkerJob>(job: J): Promise<WorkerJobResult<J>>;
  };
  reportSource?: ReportSource;
  /** A line for the status notice: what was copied or exported, or why not. */
  onNotice: (message: string) => void;
  /** Ctrl+Shift+C (Kusto.Explorer's shortcut) copies for a report: true in the visible tab only. */
  shortcutActive?: boolean;
}

/**
 * Copy for a report (rich text: an HTML table under the query and its link; or Markdown) and
 * Export Excel (written in the worker, typed cells). Rows come from the worker in the order the
 * server sent them.
 */
export function ReportActions({
  table,
  session,
  reportSource,
  onNotice,
  shortcutActive = false,
}: ReportActionsProps) {
  const [exporting, setExporting] = useState(false);

  const content = async (): Promise<ReportContent> => {
    const columns = table.columns.map((c) => ({ name: c.name, type: c.type }));
    const [source, rows] = await Promise.all([
      reportSource ? reportSource() : Promise.resolve({ query: '', link: null }),
      readCopyRows(
        table,
        (request) => session.getRows(request),
        new BoundedTsv(columns, { includeHeader: true, charLimit: REPORT_CELL_CHARS }),
      ),
    ]);
    return { ...source, columns, rows, totalRows: table.rowCount };
  };
  const copied = (report: ReportContent, how: string) =>
    report.rows.length < table.rowCount
      ? `Copied the query, link and the first ${report.rows.length.toLocaleString('en-US')} of ${table.rowCount.toLocaleString('en-US')} rows ${how} ${copyLimitsNote('a report', REPORT_CELL_CHARS, 'characters of cells')}.`
      : `Copied the query, link and ${report.rows.length.toLocaleString('en-US')} rows ${how}.`;
  const fail = (what: string) => (error: unknown) =>
    onNotice(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);

  const copyRich = async () => {
    const report = await content();
    const html = toReportHtml(report);
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([toReportPlainText(report)], { type: 'text/plain' }),
      }),
    ]);
    onNotice(copied(report, 'as rich text (paste into mail or a document)'));
  };
  const copyMarkdown = async () => {
    const report = await content();
    await navigator.clipboard.writeText(toReportMarkdown(report));
    onNotice(copied(report, 'as Markdown'));
  };
  const exportExcel = async () => {
    setExporting(true);
    onNotice(`Writing an Excel file of ${table.rowCount.toLocaleString('en-US')} rows…`);
    try {
      const result = await session.runJob({
        kind: 'xlsx',
        tableId: table.id,
        sheetName: table.name === 'PrimaryResult' ? 'Result' : table.name,
      });
      downloadBlob(result.blob, `${table.name}-${fileTimestamp()}.xlsx`);
      onNotice(
        result.truncated
          ? `Exported the first ${result.rowsWritten.toLocaleString('en-US')} rows (Excel's sheet limit).`
          : `Exported ${result.rowsWritten.toLocaleString('en-US')} rows to Excel.`,
      );
    } finally {
      setExporting(false);
    }
  };

  // Kusto.Explorer's Ctrl+Shift+C, anywhere in Quarry (the editor and the grid do not bind it).
  // preventDefault keeps Chromium's inspector shortcut from taking it while the page has focus.
  const onCopyReportKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || !isCopyReportShortcut(event)) return;
    // An open dialog's keys are its own.
    if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
    event.preventDefault();
    void copyRich().catch(fail('copy for a report'));
  });
  useEffect(() => {
    if (!shortcutActive) return;
    const listener = (event: KeyboardEvent) => onCopyReportKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [shortcutActive]);

  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-keyshortcuts="Control+Shift+C Meta+Shift+C"
        title="Copy the query, its link and the results as a table (Ctrl+Shift+C)"
        onClick={() => void copyRich().catch(fail('copy for a report'))}
      >
        Copy for report
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={() => void copyMarkdown().catch(fail('copy as Markdown'))}
      >
        Copy Markdown
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={exporting || !table.complete}
        onClick={() => void exportExcel().catch(fail('export to Excel'))}
      >
        Export Excel
      </button>
    </>
  );
}
