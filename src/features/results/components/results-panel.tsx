import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { AuthErrorPanel } from '../../auth/components/auth-error-panel';
import type {
  DataSetSummary,
  ResultColumn,
  TableSummary,
  VisualizationProperties,
} from '../../../lib/result-model';
import {
  CLIPBOARD_ROW_LIMIT,
  downloadBlob,
  fileTimestamp,
  rowsFromBlocks,
  toCsv,
  toTsv,
} from '../../../lib/export';
import { JsonTree } from './json-tree';
import type { GetRowBlock, GridSelection } from '../use-block-selection';
import { describeSelectionStats } from '../selection-stats';
import type { RowSource, RunState } from '../../query/run-state';
import { QueryErrorPanel } from '../../query/components/query-error-panel';
import { RunStatusLine } from '../../query/components/run-status-line';

const ResultGrid = lazy(() => import('./result-grid'));
const ResultChart = lazy(() => import('../../charts/result-chart'));

/** Most points a chart loads from the worker; beyond this the chart says it shows the first N. */
const CHART_ROW_LIMIT = 1_000_000;

/** Starts fetching the grid's chunk early (while the user signs in or types). */
export function preloadResultGrid(): void {
  void import('./result-grid');
}

interface ResultsPanelProps {
  run: RunState;
  dark: boolean;
  onSignInAgain: () => void;
  /** f-IFrameAuth: tokens come from the embedding page; the sign-in panel asks it again. */
  tokensFromHost?: boolean;
  /** Shown in the status line, e.g. the App Insights time range. */
  context?: string;
}

export function ResultsPanel({
  run,
  dark,
  onSignInAgain,
  tokensFromHost,
  context,
}: ResultsPanelProps) {
  if (run.status === 'idle') {
    return (
      <section className="results results--empty" aria-label="Results">
        <p>
          Run a query to see its results here. <kbd>Shift</kbd>+<kbd>Enter</kbd> runs it.
        </p>
      </section>
    );
  }
  if (run.status === 'failed') {
    return (
      <section className="results" aria-label="Results">
        {run.error.kind === 'sign-in' ? (
          <AuthErrorPanel
            error={run.error.signInError}
            onSignInAgain={onSignInAgain}
            tokensFromHost={tokensFromHost}
          />
        ) : (
          <QueryErrorPanel error={run.error} />
        )}
        <RunStatusLine run={run} context={context} />
      </section>
    );
  }
  if (run.status === 'cancelled') {
    return (
      <section className="results" aria-label="Results">
        <p className="results__notice">Query cancelled. No further rows will arrive.</p>
        <RunStatusLine run={run} context={context} />
      </section>
    );
  }
  return (
    <section className="results" aria-label="Results">
      {run.status === 'done' && run.problem && (
        <QueryErrorPanel error={run.problem} tone="warning" />
      )}
      {run.summary && run.session ? (
        <ResultTables summary={run.summary} session={run.session} dark={dark} />
      ) : (
        <p className="results__notice" aria-live="polite">
          Running…
        </p>
      )}
      <RunStatusLine run={run} context={context} />
    </section>
  );
}

function ResultTables({
  summary,
  session,
  dark,
}: {
  summary: DataSetSummary;
  session: RowSource;
  dark: boolean;
}) {
  const primary = useMemo(
    () =>
      summary.primaryTableIds
        .map((id) => summary.tables.find((table) => table.id === id))
        .filter((table): table is TableSummary => table !== undefined),
    [summary],
  );
  const [selected, setSelected] = useState(0);
  const [quickText, setQuickText] = useState('');
  // Searching 500k rows takes the worker up to a second or two: search once typing pauses.
  const [searchText, setSearchText] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSearchText(quickText), 300);
    return () => window.clearTimeout(timer);
  }, [quickText]);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [localTime, setLocalTime] = useState(false);
  const [openCell, setOpenCell] = useState<{ column: ResultColumn; value: unknown } | null>(null);
  const [selection, setSelection] = useState<GridSelection | null>(null);
  const [copyNotice, setCopyNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!copyNotice) return;
    const timer = window.setTimeout(() => setCopyNotice(null), 5000);
    return () => window.clearTimeout(timer);
  }, [copyNotice]);
  const table = primary[Math.min(selected, primary.length - 1)];
  const visualization = table ? summary.visualizations[table.id] : undefined;
  const chartable = visualization?.visualization != null && visualization.visualization !== 'table';
  const showChart = chartable && view === 'chart';

  if (!table) return <p className="results__notice">The query returned no table.</p>;

  return (
    <div className="result-tables">
      <div className="result-tables__bar">
        {primary.length > 1 && (
          <div className="result-tabs" role="tablist" aria-label="Result tables">
            {primary.map((t, index) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={t === table}
                className="result-tabs__tab"
                onClick={() => setSelected(index)}
              >
                {t.name === 'PrimaryResult' ? `Table ${index + 1}` : t.name}
              </button>
            ))}
          </div>
        )}
        <span className="result-tables__spacer" />
        {chartable && (
          <div className="segmented" role="group" aria-label="Show result as">
            <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              Table
            </button>
            <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
              Chart
            </button>
          </div>
        )}
        {table.columns.some((c) => c.type === 'datetime') && (
          <div className="segmented" role="group" aria-label="Show datetimes in">
            <button type="button" aria-pressed={!localTime} onClick={() => setLocalTime(false)}>
              UTC
            </button>
            <button type="button" aria-pressed={localTime} onClick={() => setLocalTime(true)}>
              Local
            </button>
          </div>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            void copyTsv(table, session).then(setCopyNotice, (error: unknown) =>
              setCopyNotice(`Could not copy: ${String(error)}`),
            )
          }
        >
          Copy TSV
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => void exportCsv(table, session)}
        >
          Export CSV
        </button>
        <input
          type="search"
          className="result-tables__search"
          placeholder="Search results"
          aria-label="Search results"
          value={quickText}
          onChange={(event) => setQuickText(event.target.value)}
        />
      </div>
      <p className="result-tables__notice" role="status">
        {copyNotice ?? (selection && describeSelection(selection))}
      </p>
      {table.complete && table.rowCount === 0 ? (
        <p className="results__notice">The query returned no rows.</p>
      ) : showChart && visualization ? (
        <TableChart table={table} session={session} visualization={visualization} dark={dark} />
      ) : (
        <div className="result-body">
          <TableGrid
            key={`${table.id}`}
            table={table}
            session={session}
            quickText={searchText}
            dark={dark}
            localTime={localTime}
            onOpenCell={(column, text) =>
              setOpenCell({ column, value: parseCellForPanel(column, text) })
            }
            onSelection={setSelection}
            onCopied={setCopyNotice}
          />
          {openCell && (
            <aside className="cell-panel" aria-label={`Value of ${openCell.column.name}`}>
              <div className="cell-panel__header">
                <h3>{openCell.column.name}</h3>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setOpenCell(null)}
                >
                  Close
                </button>
              </div>
              <JsonTree value={openCell.value} />
            </aside>
          )}
        </div>
      )}
    </div>
  );
}

function TableGrid({
  table,
  session,
  quickText,
  dark,
  localTime,
  onOpenCell,
  onSelection,
  onCopied,
}: {
  table: TableSummary;
  session: RowSource;
  quickText: string;
  dark: boolean;
  localTime: boolean;
  onOpenCell: (column: ResultColumn, text: string | null) => void;
  onSelection: (selection: GridSelection | null) => void;
  onCopied: (message: string) => void;
}) {
  const getRows = useCallback<GetRowBlock>(
    (start, end, sortModel, filterModel, text) =>
      session.getRows({
        tableId: table.id,
        start,
        end,
        sortModel,
        filterModel,
        quickText: text || null,
      }),
    [session, table.id],
  );
  // Refresh the visible blocks as rows stream in, at most a few times a second.
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const timer = window.setTimeout(() => setRevision(table.version), 250);
    return () => window.clearTimeout(timer);
  }, [table.version]);

  return (
    <Suspense fallback={<p className="results__notice">Loading the grid…</p>}>
      <ResultGrid
        columns={table.columns}
        getRows={getRows}
        revision={revision}
        quickText={quickText}
        dark={dark}
        localTime={localTime}
        onOpenCell={onOpenCell}
        onSelection={onSelection}
        onCopied={onCopied}
        label={`${table.name} (${table.rowCount.toLocaleString('en-US')} rows)`}
      />
    </Suspense>
  );
}

function TableChart({
  table,
  session,
  visualization,
  dark,
}: {
  table: TableSummary;
  session: RowSource;
  visualization: VisualizationProperties;
  dark: boolean;
}) {
  const [rows, setRows] = useState<unknown[][] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!table.complete) return;
    let live = true;
    session
      .getRows({ tableId: table.id, start: 0, end: Math.min(table.rowCount, CHART_ROW_LIMIT) })
      .then(
        (result) => live && setRows(result.rows.map((row) => row.cells)),
        (error: unknown) => live && setFailed(String(error)),
      );
    return () => {
      live = false;
    };
  }, [session, table.id, table.complete, table.rowCount]);

  if (failed) return <p className="results__notice">The chart could not load its rows: {failed}</p>;
  if (!rows) return <p className="results__notice">Preparing the chart…</p>;
  return (
    <Suspense fallback={<p className="results__notice">Loading the chart…</p>}>
      <div className="result-chart-host">
        <ResultChart
          columns={table.columns.map((c) => ({ name: c.name, type: c.type }))}
          rows={rows}
          visualization={visualization}
          theme={dark ? 'dark' : 'light'}
        />
      </div>
    </Suspense>
  );
}

/** Streams the table, in the order the server sent it, into a CSV download. */
async function exportCsv(table: TableSummary, session: RowSource): Promise<void> {
  const rows = rowsFromBlocks(
    async (start, end) =>
      (await session.getRows({ tableId: table.id, start, end })).rows.map((row) => row.cells),
    { total: table.rowCount },
  );
  const blob = await toCsv(
    table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows,
  );
  downloadBlob(blob, `${table.name}-${fileTimestamp()}.csv`);
}

/**
 * Copies the table (up to CLIPBOARD_ROW_LIMIT rows, in the order the server sent them) with its
 * header as tab-separated text that pastes into Excel. Says what it copied.
 */
async function copyTsv(table: TableSummary, session: RowSource): Promise<string> {
  const { rows } = await session.getRows({
    tableId: table.id,
    start: 0,
    end: Math.min(table.rowCount, CLIPBOARD_ROW_LIMIT),
  });
  const text = toTsv(
    table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows.map((row) => row.cells),
  );
  await navigator.clipboard.writeText(text);
  const copied = `${rows.length.toLocaleString('en-US')} row${rows.length === 1 ? '' : 's'}`;
  return rows.length < table.rowCount
    ? `Copied the first ${copied} of ${table.rowCount.toLocaleString('en-US')} (use Export CSV for all).`
    : `Copied ${copied} with the header.`;
}

/** "3 × 2 cells selected · Count 6 · Sum 10,204 · … · Ctrl+C copies". */
function describeSelection({ rows, cols, stats }: GridSelection): string {
  const size = `${rows.toLocaleString('en-US')} × ${cols.toLocaleString('en-US')} cells selected`;
  const figures = stats
    ? ` · ${describeSelectionStats(stats)}${stats.partial ? ` (first ${CLIPBOARD_ROW_LIMIT.toLocaleString('en-US')} rows)` : ''}`
    : '';
  return `${size}${figures} · Ctrl+C copies`;
}

/** Dynamic cells arrive as compact JSON text; other values are shown as they are. */
function parseCellForPanel(column: ResultColumn, text: string | null): unknown {
  if (text === null || column.type !== 'dynamic') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
