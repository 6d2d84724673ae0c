import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { AuthErrorPanel } from '../../auth/components/auth-error-panel';
import {
  NO_RENDER_PROPERTIES,
  type DataSetSummary,
  type PivotModel,
  type ResultColumn,
  type TableSummary,
  type VisualizationProperties,
} from '../../../lib/result-model';
import { CLIPBOARD_ROW_LIMIT, copyTableTsv, exportTableCsv } from '../../../lib/export';
import { JsonTree } from './json-tree';
import { ReportActions, type ReportSource } from '../report/report-actions';
import type { FetchRows } from '../grouping/grouped-grid';
import { pivotStateFor, type GroupState } from '../grouping/group-state';
import type { GetRowBlock, GridSelection } from '../use-block-selection';
import { describeSelectionStats } from '../selection-stats';
import type { RowSource, RunState } from '../../query/run-state';
import { QueryErrorPanel } from '../../query/components/query-error-panel';
import { RunStatusLine } from '../../query/components/run-status-line';
import { previewExplainsProblem, ResultOrigin } from '../../query/components/result-origin';
import { QueryStatsView } from './query-stats-view';
import type { FilterRequest } from './cell-filter-menu';
import { ChartBuilder } from '../../charts/chart-builder';
import { loadTableChart, type LoadedChart } from '../../charts/load-table-chart';
import {
  pickToVisualization,
  reconcilePick,
  type ChartPick,
} from '../../../lib/chart-data/chart-pick';
import { RefreshThrottle } from '../refresh-throttle';
import { LazyTableAnalysis as ResultGrid, warmResultGridWhenIdle } from '../grid-warmup';
import './results-panel.css';

const ResultChart = lazy(() => import('../../charts/result-chart'));

/** Most points a chart loads from the worker; beyond this the chart says it shows the first N. */
const CHART_ROW_LIMIT = 1_000_000;

export type ResultView = 'chart' | 'table' | 'both';

/**
 * What a tab remembers of a result without `render` between runs: whether it shows the chart
 * builder's chart, and the builder's pick (kept while the columns still fit it).
 */
export interface ChartMemory {
  view: ResultView;
  pick: ChartPick | null;
}

/** Starts fetching the grid's chunk early (while the user signs in or types). */
export function preloadResultGrid(): void {
  // The module the lazy ResultGrid loads (it imports the grid), not only the grid.
  void import('../grouping/table-analysis');
}

interface ResultsPanelProps {
  run: RunState;
  dark: boolean;
  onSignInAgain: () => void;
  /** f-IFrameAuth: tokens come from the embedding page; the sign-in panel asks it again. */
  tokensFromHost?: boolean;
  /** Shown in the status line, e.g. the App Insights time range. */
  context?: string;
  /** Adds a grid selection as a `| where` to the query; returns what it did, for the notice line. */
  onAddFilter?: (request: FilterRequest) => string;
  /** The query and its link, for Copy for report. */
  reportSource?: ReportSource;
  /** This tab is the visible one: its Copy for report answers Ctrl+Shift+C. */
  shortcutsActive?: boolean;
  /** The tab's chart builder memory; without it the builder forgets between runs. */
  chartMemory?: ChartMemory;
  onChartMemory?: (memory: ChartMemory) => void;
}

export function ResultsPanel({
  run,
  dark,
  onSignInAgain,
  tokensFromHost,
  context,
  onAddFilter,
  reportSource,
  shortcutsActive = false,
  chartMemory,
  onChartMemory,
}: ResultsPanelProps) {
  // Signed in with a tab open: pay the grid's one-time costs before the first result.
  useEffect(warmResultGridWhenIdle, []);
  if (run.status === 'idle') {
    return (
      <section className="results results--empty" aria-label="Results">
        {run.note && <p className="results__notice">{run.note}</p>}
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
      {run.status === 'done' && <ResultOrigin run={run} />}
      {run.status === 'done' && run.problem && !previewExplainsProblem(run) && (
        <QueryErrorPanel error={run.problem} tone="warning" />
      )}
      {run.summary && run.session ? (
        <ResultTables
          summary={run.summary}
          session={run.session}
          dark={dark}
          onAddFilter={onAddFilter}
          reportSource={reportSource}
          shortcutsActive={shortcutsActive}
          chartMemory={chartMemory}
          onChartMemory={onChartMemory}
        />
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
  onAddFilter,
  reportSource,
  shortcutsActive,
  chartMemory,
  onChartMemory,
}: {
  summary: DataSetSummary;
  session: RowSource;
  dark: boolean;
  onAddFilter?: (request: FilterRequest) => string;
  reportSource?: ReportSource;
  shortcutsActive: boolean;
  chartMemory?: ChartMemory;
  onChartMemory?: (memory: ChartMemory) => void;
}) {
  const primary = useMemo(
    () =>
      summary.primaryTableIds
        .map((id) => summary.tables.find((table) => table.id === id))
        .filter((table): table is TableSummary => table !== undefined),
    [summary],
  );
  const [selected, setSelected] = useState(0);
  // The Stats tab, beside the result tables (ADX's "Stats").
  const [statsOpen, setStatsOpen] = useState(false);
  const hasStats = summary.stats !== null;
  const [quickText, setQuickText] = useState('');
  // Searching 500k rows takes the worker up to a second or two: search once typing pauses.
  const [searchText, setSearchText] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSearchText(quickText), 300);
    return () => window.clearTimeout(timer);
  }, [quickText]);
  const [renderView, setRenderView] = useState<ResultView>('chart');
  // Without a memory from the tab (Prometheus), the builder remembers for this result only.
  const [ownMemory, setOwnMemory] = useState<ChartMemory>({ view: 'table', pick: null });
  const memory = chartMemory ?? ownMemory;
  const setMemory = onChartMemory ?? setOwnMemory;
  const [localTime, setLocalTime] = useState(false);
  const [openCell, setOpenCell] = useState<{ column: ResultColumn; value: unknown } | null>(null);
  const [selection, setSelection] = useState<GridSelection | null>(null);
  const [copyNotice, setCopyNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!copyNotice) return;
    const timer = window.setTimeout(() => setCopyNotice(null), 5000);
    return () => window.clearTimeout(timer);
  }, [copyNotice]);
  // A block just selected (its figures still to come) replaces an earlier "Copied …" notice.
  const onSelection = useCallback((next: GridSelection | null) => {
    setSelection(next);
    if (next && next.stats === null) setCopyNotice(null);
  }, []);
  const table = primary[Math.min(selected, primary.length - 1)];
  const visualization = table ? summary.visualizations[table.id] : undefined;
  const visualizationKind = visualization?.visualization?.toLowerCase() ?? null;
  // No render (or `render table`): the Chart view offers the chart builder.
  const builder = visualizationKind === null || visualizationKind === 'table';
  // timepivot shows as the grid; pivotchart as the grid's pivot view.
  const chartable = builder || !['timepivot', 'pivotchart'].includes(visualizationKind);
  const initialGroup =
    visualizationKind === 'pivotchart' && visualization
      ? pivotStateFor(visualization, table?.columns ?? [])
      : null;
  const view = builder ? memory.view : renderView;
  const setView = (next: ResultView) =>
    builder ? setMemory({ ...memory, view: next }) : setRenderView(next);
  const chartColumns = useMemo(
    () => (table?.columns ?? []).map((c) => ({ name: c.name, type: c.type })),
    [table?.columns],
  );
  const pick = useMemo(
    () => (builder ? reconcilePick(memory.pick, chartColumns) : null),
    [builder, memory.pick, chartColumns],
  );
  const builtVisualization = useMemo(() => (pick ? pickToVisualization(pick) : null), [pick]);
  const chartVisualization: VisualizationProperties | undefined = builder
    ? builtVisualization
      ? { ...NO_RENDER_PROPERTIES, ...builtVisualization }
      : undefined
    : visualization;
  const showChart = chartable && view === 'chart';
  const chartOf = (key: string) =>
    chartVisualization ? (
      <div className="result-chart-builder-host" key={key}>
        {builder && pick && (
          <ChartBuilder
            columns={chartColumns}
            pick={pick}
            onChange={(next) => setMemory({ ...memory, pick: next })}
          />
        )}
        <TableChart
          table={table!}
          session={session}
          visualization={chartVisualization}
          dark={dark}
        />
      </div>
    ) : (
      <p className="results__notice" key={key}>
        Nothing to chart: the result has no numeric column.
      </p>
    );

  if (!table) return <p className="results__notice">The query returned no table.</p>;

  return (
    <div className="result-tables">
      <div className="result-tables__bar">
        {(primary.length > 1 || hasStats) && (
          <div className="result-tabs" role="tablist" aria-label="Result tables">
            {primary.map((t, index) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={t === table && !statsOpen}
                className="result-tabs__tab"
                onClick={() => {
                  setSelected(index);
                  setStatsOpen(false);
                }}
              >
                {t.name === 'PrimaryResult' ? `Table ${index + 1}` : t.name}
              </button>
            ))}
            {hasStats && (
              <button
                type="button"
                role="tab"
                aria-selected={statsOpen}
                className="result-tabs__tab"
                onClick={() => setStatsOpen(true)}
              >
                Stats
              </button>
            )}
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
            <button type="button" aria-pressed={view === 'both'} onClick={() => setView('both')}>
              Both
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
            void copyTableTsv(table, (request) => session.getRows(request)).then(
              setCopyNotice,
              (error: unknown) => setCopyNotice(`Could not copy: ${String(error)}`),
            )
          }
        >
          Copy TSV
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => void exportTableCsv(table, session)}
        >
          Export CSV
        </button>
        <ReportActions
          table={table}
          session={session}
          reportSource={reportSource}
          onNotice={setCopyNotice}
          shortcutActive={shortcutsActive}
        />
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
      {statsOpen ? (
        <QueryStatsView stats={summary.stats} />
      ) : table.complete && table.rowCount === 0 ? (
        <p className="results__notice">The query returned no rows.</p>
      ) : showChart ? (
        chartOf('chart')
      ) : (
        <div className="result-body">
          {chartable && view === 'both' && (
            <div className="result-body__chart">{chartOf('both')}</div>
          )}
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
            onSelection={onSelection}
            onCopied={setCopyNotice}
            onFilter={onAddFilter && ((request) => setCopyNotice(onAddFilter(request)))}
            initialGroup={initialGroup}
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
  onFilter,
  initialGroup,
}: {
  initialGroup: GroupState | null;
  table: TableSummary;
  session: RowSource;
  quickText: string;
  dark: boolean;
  localTime: boolean;
  onOpenCell: (column: ResultColumn, text: string | null) => void;
  onSelection: (selection: GridSelection | null) => void;
  onCopied: (message: string) => void;
  onFilter?: (request: FilterRequest) => void;
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
  const fetchRows = useCallback<FetchRows>(
    (request) => session.getRows({ ...request, tableId: table.id }),
    [session, table.id],
  );
  const runPivot = useCallback(
    (model: PivotModel, text: string) =>
      session.runJob({ kind: 'pivot', tableId: table.id, model, quickText: text || null }),
    [session, table.id],
  );
  const revision = useThrottledRevision(table.version, 250);

  return (
    <Suspense fallback={<p className="results__notice">Loading the grid…</p>}>
      <ResultGrid
        columns={table.columns}
        getRows={getRows}
        fetchRows={fetchRows}
        runPivot={runPivot}
        revision={revision}
        quickText={quickText}
        dark={dark}
        localTime={localTime}
        onOpenCell={onOpenCell}
        onSelection={onSelection}
        onCopied={onCopied}
        onFilter={onFilter}
        initialGroup={initialGroup}
        firstRows={table.head}
        label={`${table.name} (${table.rowCount.toLocaleString('en-US')} rows)`}
      />
    </Suspense>
  );
}

/** The grid's refresh revision while rows stream in (see RefreshThrottle). */
function useThrottledRevision(version: number, intervalMs: number): number {
  // The grid reads its first block when it mounts: that version needs no refresh.
  const [revision, setRevision] = useState(version);
  const [throttle] = useState(() => new RefreshThrottle(version, intervalMs, setRevision));
  useEffect(() => throttle.update(version), [throttle, version]);
  useEffect(() => () => throttle.stop(), [throttle]);
  return revision;
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
  // The chart with the visualization it was shaped for: while a new pick loads, the old chart
  // stays whole rather than being drawn with the new pick's properties.
  const [chart, setChart] = useState<{
    loaded: LoadedChart;
    visualization: VisualizationProperties;
  } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The builder's visualization is a fresh object each render: reload and redraw only when it
  // changes.
  const visualizationKey = JSON.stringify(visualization);
  const stableVisualization = useMemo(
    () => JSON.parse(visualizationKey) as VisualizationProperties,
    [visualizationKey],
  );
  const { id: tableId, rowCount, complete } = table;
  useEffect(() => {
    if (!complete) return;
    let live = true;
    loadTableChart(session, { id: tableId, rowCount }, stableVisualization, CHART_ROW_LIMIT).then(
      (loaded) => live && setChart({ loaded, visualization: stableVisualization }),
      (error: unknown) => live && setFailed(String(error)),
    );
    return () => {
      live = false;
    };
  }, [session, tableId, complete, rowCount, stableVisualization]);

  if (failed) return <p className="results__notice">The chart could not load its rows: {failed}</p>;
  if (!chart) return <p className="results__notice">Preparing the chart…</p>;
  return (
    <Suspense fallback={<p className="results__notice">Loading the chart…</p>}>
      <div className="result-chart-host">
        <ResultChart
          columns={table.columns.map((c) => ({ name: c.name, type: c.type }))}
          {...chart.loaded}
          visualization={chart.visualization}
          theme={dark ? 'dark' : 'light'}
        />
      </div>
    </Suspense>
  );
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
