// First: the picker's own rules (time-range-picker.css) override this file's `.toolbar select`.
import '../../workspace/components/query-tab-panel.css';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { PromqlRunSettings } from '../../../lib/query-history';
import { targetOf } from '../../../lib/sources/query-target';
import type { DraftPromql } from '../../../lib/storage/workspace-draft-store';
import type { TimeRange } from '../../../lib/appinsights';
import {
  autoStepSeconds,
  describeStepProblem,
  fetchLabelNames,
  fetchLabelValues,
  fetchMetricNames,
  formatStep,
  type PrometheusEvaluation,
  type PrometheusTarget,
} from '../../../lib/prometheus';
import { useColorScheme } from '../../../lib/theme/color-scheme';
import { useTrustedHosts } from '../../../lib/trusted-hosts/trusted-hosts-context';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import { statementPositionToDocument, type Statement } from '../../editor/current-statement';
import type { PromqlCompletionSource } from '../../editor/promql-completion-source';
import { PromqlQueryEditor } from '../../editor/promql-query-editor';
import { ResultsPanel } from '../../results/components/results-panel';
import { recordRun, runFacts } from '../../history';
import { useQueryRun } from '../../query/hooks/use-query-run';
import type { RunState } from '../../query/run-state';
import type { Connection } from '../../workspace/use-connections';
import { RunControls } from '../../workspace/components/run-controls';
import { TimeRangePicker } from '../../workspace/components/time-range-picker';
import { DEFAULT_PROMETHEUS_RANGE, rangeSeconds, timeWindow } from '../time-window';
import './prometheus-tab-panel.css';

export type PrometheusConnection = Extract<Connection, { kind: 'prometheus' }>;

interface PrometheusTabPanelProps {
  /** The storage workspace, whose history records each run. */
  workspace: string;
  connection: PrometheusConnection;
  /** The range of a range query (an instant query is evaluated at its end); null = last hour. */
  timeRange: TimeRange | null;
  onTimeRangeChange(range: TimeRange | null): void;
  connections: Connection[];
  onConnectionChange(id: string): void;
  text: string;
  onTextChange(text: string): void;
  /** Instant or range, and the Step field; undefined = range with the step chosen from the range. */
  promql: DraftPromql | undefined;
  onPromqlChange(promql: DraftPromql): void;
  /** Null when tokens come from an embedding page (the panel then runs the query again). */
  onSignInAgain: (() => void) | null;
}

/** Names change slowly: completion asks the endpoint again after this long. */
const METADATA_STALE_MS = 5 * 60_000;

/**
 * One query tab on a Prometheus connection: PromQL editor, instant or range query, the time
 * range and step, and its results (a grid; a range query also draws a time chart).
 */
export function PrometheusTabPanel({
  workspace,
  connection,
  timeRange,
  onTimeRangeChange,
  connections,
  onConnectionChange,
  text,
  onTextChange,
  promql,
  onPromqlChange,
  onSignInAgain,
}: PrometheusTabPanelProps) {
  const scheme = useColorScheme();
  const ids = { connection: useId(), step: useId() };
  // Kept in the tab's draft, so a reload or a run reopened from history brings them back.
  const mode = promql?.type ?? 'range';
  const step = promql?.step ?? '';
  const setMode = (type: DraftPromql['type']) => onPromqlChange({ type, step });
  const setStep = (value: string) => onPromqlChange({ type: mode, step: value });
  const [problem, setProblem] = useState<string | null>(null);
  const [runStatementAt, setRunStatementAt] = useState<Statement | null>(null);
  // The ref serves the run (read when it starts); the state, the status line.
  const evaluation = useRef<PrometheusEvaluation>({ kind: 'instant' });
  const [ranWith, setRanWith] = useState<PrometheusEvaluation | null>(null);
  const range = timeRange ?? DEFAULT_PROMETHEUS_RANGE;

  const spanSeconds = rangeSeconds(range);
  const autoStep = spanSeconds === null ? '' : formatStep(autoStepSeconds(spanSeconds));

  // What the history records of the run that is going: read when it finishes.
  const ranAs = useRef<{ statement: string; timeRange: TimeRange; promql: PromqlRunSettings }>(
    null,
  );
  const onFinished = useCallback(
    (run: RunState) => {
      const facts = runFacts(run);
      const settings = ranAs.current;
      if (!facts || !settings) return;
      recordRun(workspace, {
        text: settings.statement,
        connection: targetOf(connection),
        database: null,
        ...facts,
        timeRange: settings.timeRange,
        promql: settings.promql,
      }).catch((error: unknown) => console.error('Could not record the run in history', error));
    },
    [workspace, connection],
  );

  const { run, start, cancel } = useQueryRun(
    connection,
    null,
    onFinished,
    () => evaluation.current,
  );
  const running = run.status === 'running';

  const runStatement = (statementText: string, statement: Statement) => {
    if (!statementText.trim()) return;
    let window;
    try {
      window = timeWindow(range, Date.now());
    } catch (error) {
      return setProblem(error instanceof Error ? error.message : String(error));
    }
    const chosenStep = step.trim() || formatStep(autoStepSeconds(window.end - window.start));
    if (mode === 'range') {
      const stepProblem = describeStepProblem(chosenStep, window.end - window.start);
      if (stepProblem) return setProblem(stepProblem);
    }
    setProblem(null);
    evaluation.current =
      mode === 'range'
        ? { kind: 'range', start: window.start, end: window.end, step: chosenStep }
        : // An absolute range's instant query looks at its end; a relative one at the server's now.
          range.kind === 'absolute'
          ? { kind: 'instant', time: window.end }
          : { kind: 'instant' };
    setRanWith(evaluation.current);
    ranAs.current = {
      statement: statementText,
      timeRange: range,
      promql: {
        type: mode,
        step: step.trim(),
        ...(mode === 'range' ? { ranStep: chosenStep } : {}),
      },
    };
    setRunStatementAt(statement);
    start(statementText);
  };

  const completion = usePrometheusCompletion(connection);

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

  const ev = ranWith;
  const context =
    run.status === 'idle' || !ev
      ? undefined
      : ev.kind === 'range'
        ? `Range query · step ${ev.step} · via ${connection.auth === 'proxy' ? 'auth proxy (no token sent)' : 'Entra'}`
        : `Instant query · via ${connection.auth === 'proxy' ? 'auth proxy (no token sent)' : 'Entra'}`;

  return (
    <>
      <div className="toolbar">
        <label htmlFor={ids.connection}>Connection</label>
        <select
          id={ids.connection}
          value={connection.id}
          onChange={(event) => onConnectionChange(event.target.value)}
        >
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <div className="segmented" role="group" aria-label="Query type">
          <button
            type="button"
            aria-pressed={mode === 'instant'}
            onClick={() => setMode('instant')}
          >
            Instant
          </button>
          <button type="button" aria-pressed={mode === 'range'} onClick={() => setMode('range')}>
            Range
          </button>
        </div>
        <TimeRangePicker value={range} onChange={onTimeRangeChange} allowInQuery={false} />
        {mode === 'range' && (
          <span className="prometheus-step">
            <label htmlFor={ids.step}>Step</label>
            <input
              id={ids.step}
              value={step}
              onChange={(event) => setStep(event.target.value)}
              placeholder={autoStep ? `auto (${autoStep})` : 'auto'}
              title="Seconds or a duration (30s, 5m, 1h); empty = chosen from the range"
              spellCheck={false}
            />
          </span>
        )}
        <span className="toolbar__spacer" />
        <RunControls
          text={text}
          running={running}
          onRun={() => runStatement(text, { text, startOffset: 0, startLine: 1, startColumn: 1 })}
          onCancel={cancel}
        />
      </div>
      {problem && (
        <p className="prometheus-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="query-editor-host">
        <PromqlQueryEditor
          value={text}
          onChange={onTextChange}
          onRun={runStatement}
          onCancel={cancel}
          running={running}
          completion={completion}
          errorMarker={errorMarker}
          theme={scheme}
          ariaLabel="Query"
        />
      </div>
      <ResultsPanel
        run={run}
        dark={scheme === 'dark'}
        onSignInAgain={onSignInAgain ?? (() => undefined)}
        tokensFromHost={onSignInAgain === null}
        context={context}
      />
    </>
  );
}

/** Completion names from the connection's endpoint, cached by react-query. */
function usePrometheusCompletion(connection: PrometheusConnection): PromqlCompletionSource {
  const queryClient = useQueryClient();
  const trustedHosts = useTrustedHosts();
  const getToken = useAccessToken(connection.endpoint, connection.resource ?? undefined);
  const { endpoint, auth } = connection;
  const target = useCallback(
    (signal: AbortSignal): PrometheusTarget => ({ endpoint, auth, getToken, signal, trustedHosts }),
    [endpoint, auth, getToken, trustedHosts],
  );
  return useMemo<PromqlCompletionSource>(() => {
    const key = ['prometheus-metadata', auth, endpoint] as const;
    const cached = <T,>(parts: readonly unknown[], fetch: (signal: AbortSignal) => Promise<T>) =>
      queryClient.fetchQuery({
        queryKey: [...key, ...parts],
        queryFn: ({ signal }) => fetch(signal),
        staleTime: METADATA_STALE_MS,
        retry: false,
      });
    return {
      metricNames: () => cached(['metrics'], (signal) => fetchMetricNames(target(signal))),
      labelNames: (metric) =>
        cached(['labels', metric], (signal) =>
          fetchLabelNames(target(signal), metric ? { metric } : {}),
        ),
      labelValues: (label, metric) =>
        cached(['values', label, metric], (signal) =>
          fetchLabelValues(target(signal), label, metric ? { metric } : {}),
        ),
    };
  }, [queryClient, auth, endpoint, target]);
}
