// First: the picker's own rules (time-range-picker.css) override this file's `.toolbar select`.
import './query-tab-panel.css';
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type Ref,
} from 'react';
import { isCopyLinkShortcut } from '../../shortcuts/shortcut-table';
import { RunControls } from './run-controls';
import { adxWebLink, encodeShareLink, ShareLinkError } from '../../../lib/share-link';
import { useColorScheme } from '../../../lib/theme/color-scheme';
import {
  currentStatement,
  statementPositionToDocument,
  type Statement,
} from '../../editor/current-statement';
import {
  TRUNCATED_PREVIEW_LINES,
  takePreviewQuery,
  truncatedPreviewQuery,
} from '../../../lib/kql-text/preview-query';
import type { KeptList } from '../../../lib/query/parse-worker-protocol';
import type { KeptResultInfo } from '../../../lib/query/result-store';
import { defaultResultEngine } from '../../../lib/sources/result-engine';
import { isRecallShortcut } from '../../shortcuts/shortcut-table';
import { RecallMenu } from '../../query/components/recall-menu';
import '../../query/components/recall-menu.css';
import { QueryEditor } from '../../editor/query-editor';
import type { QueryEditorHandle } from '../../editor/query-editor-props';
import type { FilterRequest } from '../../results/components/cell-filter-menu';
import { addFilterToQuery } from '../add-filter-to-query';
import { recordRun, runFacts } from '../../history';
import { ResultsPanel, type ChartMemory } from '../../results/components/results-panel';
import { useQueryRun } from '../../query/hooks/use-query-run';
import type { RunState } from '../../query/run-state';
import { describeTimespan, toTimespan, type TimeRange } from '../../../lib/appinsights';
import { targetOf } from '../../../lib/sources/query-target';
import { isManagementCommand } from '../../../lib/kusto/kusto-http';
import { useClusterSchemaJson, useConnectionSchema } from '../../schema/hooks/use-schema';
import type { Connection, KqlConnection } from '../use-connections';
import { TimeRangePicker } from './time-range-picker';

function safeTimespan(range: TimeRange | null): string | null {
  try {
    return range ? toTimespan(range) : null;
  } catch {
    return null;
  }
}

interface QueryTabPanelProps {
  workspace: string;
  /** The tab's id: its results are kept under it across reloads. */
  tabId: string;
  connection: KqlConnection;
  /** App Insights only: the range applied on top of the query; null = what the query says. */
  timeRange: TimeRange | null;
  onTimeRangeChange(range: TimeRange | null): void;
  connections: Connection[];
  onConnectionChange(id: string): void;
  text: string;
  onTextChange(text: string): void;
  /**
   * The sign-in panel's button; null when the embedding page provides tokens (f-IFrameAuth):
   * the button then runs the last statement again, which asks that page for a new token.
   */
  onSignInAgain: (() => void) | null;
  /** Embedders can hide Share (f-ShowShareMenu=false). */
  showShare?: boolean;
  /** The visible tab: it alone answers Shift+Alt+L (copy query link). */
  active?: boolean;
  /** The tab's editor, for the schema tree's "Insert" buttons. */
  editorRef?: Ref<QueryEditorHandle>;
}

/** One query tab: its connection, editor, Run/Cancel/Share, and its own results. */
export function QueryTabPanel({
  workspace,
  tabId,
  connection,
  timeRange,
  onTimeRangeChange,
  connections,
  onConnectionChange,
  text,
  onTextChange,
  onSignInAgain,
  showShare = true,
  active = true,
  editorRef,
}: QueryTabPanelProps) {
  const scheme = useColorScheme();
  const connectionSelectId = useId();
  // The ref serves the run-finished callback (captured when the run starts); the state, render.
  const lastStatement = useRef<Statement | null>(null);
  // The tab reads the caret (a grid filter goes to the statement there); the workspace's ref
  // (the schema tree) gets the same handle.
  const editorHandle = useRef<QueryEditorHandle | null>(null);
  useImperativeHandle(
    editorRef,
    () => ({
      insertAtCaret: (text: string) => editorHandle.current?.insertAtCaret(text),
      cursor: () => editorHandle.current?.cursor() ?? { offset: 0, selection: null },
    }),
    [],
  );
  const [runStatementAt, setRunStatementAt] = useState<Statement | null>(null);
  // The chart builder's view and pick survive this tab's re-runs (each tab has its own).
  const [chartMemory, setChartMemory] = useState<ChartMemory>({ view: 'table', pick: null });
  const [shareState, setShareState] = useState<{
    link: string | null;
    /** The same query in the Azure Data Explorer web UI (Kusto connections). */
    adxLink?: string;
    message: string;
  } | null>(null);
  const schema = useConnectionSchema(connection);
  const completionSchemaJson = useClusterSchemaJson(
    connection.kind === 'kusto' ? connection.clusterUrl : null,
    schema.data,
  );
  const timespan = connection.kind === 'appinsights' ? safeTimespan(timeRange) : null;
  const rangeLabel =
    connection.kind === 'appinsights'
      ? timespan
        ? `Time range: ${describeTimespan(timespan)}`
        : 'Time range: set in query'
      : undefined;
  const database = connection.kind === 'kusto' ? connection.database : connection.appId;

  const onFinished = useCallback(
    (run: RunState) => {
      const facts = runFacts(run);
      if (!facts) return;
      recordRun(workspace, {
        text: lastStatement.current?.text ?? '',
        connection: targetOf(connection),
        database,
        ...facts,
        // App Insights: the range the run applied on top of the query (null: the query's own).
        ...(connection.kind === 'appinsights' ? { timeRange: timespan ? timeRange : null } : {}),
      }).catch((error: unknown) => console.error('Could not record the run in history', error));
    },
    [workspace, connection, database, timeRange, timespan],
  );

  const keepTarget = useMemo(
    () => ({ workspace, tabId, connectionLabel: connection.label }),
    [workspace, tabId, connection.label],
  );
  const { run, start, restore, cancel } = useQueryRun(
    connection,
    timespan,
    onFinished,
    undefined,
    keepTarget,
  );
  const running = run.status === 'running';

  const runStatement = (statementText: string, statement: Statement) => {
    if (!statementText.trim()) return;
    lastStatement.current = statement;
    setRunStatementAt(statement);
    start(statementText);
  };

  /**
   * Preview: the statement with a 50-row cap. Kusto gets `set truncationmaxrecords=50;` before
   * it (the service stops there and says it truncated); App Insights and Log Analytics, whose
   * API has no such option, `| take 50` after it. The editor, the draft and history keep the
   * statement as written.
   */
  const previewStatement = (statementText: string, statement: Statement) => {
    if (!statementText.trim()) return;
    if (connection.kind === 'kusto' && isManagementCommand(statementText)) {
      setShareState({
        link: null,
        message: 'Preview is for queries: run a management command with Run (Shift+Enter).',
      });
      return;
    }
    const sent =
      connection.kind === 'kusto'
        ? truncatedPreviewQuery(statementText)
        : takePreviewQuery(statementText);
    lastStatement.current = statement;
    // Server positions count the added `set` line: map them back past it.
    setRunStatementAt(
      connection.kind === 'kusto'
        ? { ...statement, startLine: statement.startLine - TRUNCATED_PREVIEW_LINES }
        : statement,
    );
    start(sent, { preview: true, userText: statementText });
  };

  /** The statement at the editor's caret (or its selection), as Shift+Enter would run it. */
  const statementAtCursor = (): Statement => {
    const cursor = editorHandle.current?.cursor() ?? { offset: 0, selection: null };
    return currentStatement(text, cursor.offset, cursor.selection);
  };
  const previewAtCursor = () => {
    const statement = statementAtCursor();
    previewStatement(statement.text, statement);
  };

  // Recall (F8): this tab's kept results, picked from a list; nothing is sent.
  const [recall, setRecall] = useState<{ list: KeptList | null; statement: string } | null>(null);
  const [recallProblem, setRecallProblem] = useState<string | null>(null);
  const openRecall = () => {
    setRecallProblem(null);
    setRecall({ list: null, statement: statementAtCursor().text });
    void defaultResultEngine()
      .listKept(workspace, tabId)
      .then((list) => setRecall((open) => (open ? { ...open, list } : open)));
  };
  const pickRecalled = (info: KeptResultInfo) => {
    void restore(info, 'recall').then((problem) => {
      if (problem) setRecallProblem(problem);
      else setRecall(null);
    });
  };
  const onRecallKey = useEffectEvent((event: KeyboardEvent) => {
    if (!isRecallShortcut(event) || event.defaultPrevented) return;
    event.preventDefault();
    openRecall();
  });
  useEffect(() => {
    if (!active) return;
    const listener = (event: KeyboardEvent) => onRecallKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active]);

  // After a reload, the tab shows its last kept result once it is first shown (no request).
  const restoredOnce = useRef(false);
  const restoreLast = useEffectEvent(() => {
    if (restoredOnce.current || run.status !== 'idle') return;
    restoredOnce.current = true;
    void defaultResultEngine()
      .listKept(workspace, tabId)
      .then((list) => {
        const last = list.ok ? list.kept[0] : undefined;
        if (last) void restore(last, 'reload');
      });
  });
  useEffect(() => {
    if (active) restoreLast();
  }, [active]);

  /** "Filter to / Exclude this value" from the grid: appended to the statement at the cursor. */
  const addFilter = (request: FilterRequest): string => {
    const cursor = editorHandle.current?.cursor() ?? {
      offset: lastStatement.current?.startOffset ?? 0,
      selection: null,
    };
    const outcome = addFilterToQuery(text, cursor, request.targets, request.exclude);
    if (!outcome.ok) return outcome.message;
    onTextChange(outcome.text);
    if (request.run) runStatement(outcome.statement.text, outcome.statement);
    return `Added ${outcome.clause} to the query${request.run ? ' and ran it' : ''}.`;
  };

  const runAll = () => runStatement(text, { text, startOffset: 0, startLine: 1, startColumn: 1 });
  const runLastAgain = () => {
    const last = lastStatement.current;
    if (last) runStatement(last.text, last);
  };

  const queryLink = () =>
    encodeShareLink(
      connection.kind === 'kusto'
        ? { clusterUrl: connection.clusterUrl, database: connection.database, text }
        : {
            appId: connection.appId,
            endpoint: connection.endpoint,
            text,
            ...(timeRange ? { timeRange } : {}),
          },
    );
  // Copy for report: the statement that ran (else the editor's text) and a link to the query.
  const reportSource = async () => ({
    query: lastStatement.current?.text ?? text,
    link: showShare ? await queryLink().catch(() => null) : null,
  });

  const share = async () => {
    try {
      const link = await encodeShareLink(
        connection.kind === 'kusto'
          ? { clusterUrl: connection.clusterUrl, database: connection.database, text }
          : {
              appId: connection.appId,
              endpoint: connection.endpoint,
              text,
              ...(timeRange ? { timeRange } : {}),
            },
      );
      const adxLink =
        connection.kind === 'kusto'
          ? await adxWebLink({
              clusterUrl: connection.clusterUrl,
              database: connection.database,
              text,
            })
          : undefined;
      const links = adxLink ? { link, adxLink } : { link };
      try {
        await navigator.clipboard.writeText(link);
        setShareState({
          ...links,
          message: 'Link copied. It opens this query without running it, here or in ADX.',
        });
      } catch {
        setShareState({
          ...links,
          message: 'Copy this link (the clipboard is not available here):',
        });
      }
    } catch (error) {
      setShareState({
        link: null,
        message:
          error instanceof ShareLinkError
            ? error.message
            : `Could not make a link: ${String(error)}`,
      });
    }
  };

  // ADX's "Copy query link to clipboard" (Shift+Alt+L) is Share.
  const onCopyLinkKey = useEffectEvent((event: KeyboardEvent) => {
    if (!showShare || !isCopyLinkShortcut(event)) return;
    event.preventDefault();
    void share();
  });
  useEffect(() => {
    if (!active) return;
    const listener = (event: KeyboardEvent) => onCopyLinkKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active]);

  const errorMarker = (() => {
    if (run.status !== 'failed' || run.error.kind === 'sign-in' || !run.error.position) return null;
    const statement = runStatementAt ?? { startLine: 1, startColumn: 1 };
    const at = statementPositionToDocument(
      statement,
      run.error.position.line,
      run.error.position.column,
    );
    return { ...at, message: run.error.cause || run.error.title };
  })();

  return (
    <>
      <div className="toolbar">
        <label htmlFor={connectionSelectId}>Connection</label>
        <select
          id={connectionSelectId}
          value={connection.id}
          onChange={(event) => onConnectionChange(event.target.value)}
        >
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        {connection.kind === 'kusto' ? (
          <span className="toolbar__cluster" title={connection.clusterUrl}>
            {connection.clusterUrl}
          </span>
        ) : (
          <TimeRangePicker value={timeRange} onChange={onTimeRangeChange} />
        )}
        <span className="toolbar__spacer" />
        {showShare && (
          <button
            type="button"
            className="button"
            aria-keyshortcuts="Shift+Alt+L"
            title="Copy a link to this query (Shift+Alt+L)"
            onClick={() => void share()}
          >
            Share
          </button>
        )}
        <span className="recall-anchor">
          <button
            type="button"
            className="button"
            onClick={() => (recall ? setRecall(null) : openRecall())}
            aria-keyshortcuts="F8"
            aria-expanded={recall !== null}
            aria-haspopup="menu"
            title="Show an earlier result of this tab without running it (F8)"
          >
            Recall
          </button>
          {recall && (
            <RecallMenu
              list={recall.list}
              statementText={recall.statement}
              problem={recallProblem}
              onPick={pickRecalled}
              onClose={() => setRecall(null)}
            />
          )}
        </span>
        <RunControls
          text={text}
          running={running}
          onPreview={previewAtCursor}
          onRun={runAll}
          onCancel={cancel}
        />
      </div>
      {shareState && (
        <div className="share-notice" role="status">
          <span>{shareState.message}</span>
          {shareState.link && (
            <input
              readOnly
              value={shareState.link}
              aria-label="Share link"
              onFocus={(e) => e.target.select()}
            />
          )}
          {shareState.adxLink && (
            <a href={shareState.adxLink} target="_blank" rel="noopener noreferrer">
              Open in Azure Data Explorer
            </a>
          )}
          <button type="button" className="button" onClick={() => setShareState(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className="query-editor-host">
        <QueryEditor
          value={text}
          onChange={onTextChange}
          onRun={runStatement}
          onPreview={previewStatement}
          onRecall={openRecall}
          onCancel={cancel}
          running={running}
          schema={
            schema.data
              ? {
                  showSchemaJson: completionSchemaJson ?? schema.data.showSchemaJson,
                  clusterUri:
                    connection.kind === 'kusto' ? connection.clusterUrl : connection.endpoint,
                  database,
                }
              : null
          }
          errorMarker={errorMarker}
          theme={scheme}
          ariaLabel="Query"
          editorRef={editorHandle}
        />
      </div>
      <ResultsPanel
        run={run}
        dark={scheme === 'dark'}
        onSignInAgain={onSignInAgain ?? runLastAgain}
        tokensFromHost={onSignInAgain === null}
        context={rangeLabel}
        onAddFilter={addFilter}
        reportSource={reportSource}
        shortcutsActive={active}
        chartMemory={chartMemory}
        onChartMemory={setChartMemory}
      />
    </>
  );
}
