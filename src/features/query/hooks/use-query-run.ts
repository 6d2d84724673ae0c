import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { runAppInsightsQuery } from '../../../lib/appinsights';
import { runKustoQuery } from '../../../lib/kusto/kusto-client';
import { runPrometheusQuery, type PrometheusEvaluation } from '../../../lib/prometheus';
import type { TokenFunction } from '../../../lib/auth/token-function';
import type { QueryCallbacks, QueryHandle } from '../../../lib/query/query-run';
import type { QueryError } from '../../../lib/query-errors';
import type { DataSetSummary } from '../../../lib/result-model';
import type { ConnectionSettings } from '../../../lib/sources/query-target';
import { defaultResultEngine } from '../../../lib/sources/result-engine';
import type { TrustedHostPolicy } from '../../../lib/trusted-hosts';
import { useTrustedHosts } from '../../../lib/trusted-hosts/trusted-hosts-context';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import type { KeptResultInfo } from '../../../lib/query/result-store';
import type { RunState } from '../run-state';
import { runStateFromOutcome } from '../run-state-from-outcome';

export interface StartOptions {
  /** Preview: `text` carries the 50-row cap; `userText` is the statement as written. */
  preview?: boolean;
  /** The statement as the user wrote it (kept and listed by Recall); `text` by default. */
  userText?: string;
}

export interface QueryRun {
  run: RunState;
  start(text: string, options?: StartOptions): void;
  /**
   * Shows a kept result without sending anything. Resolves to null when shown, else to why not
   * (after a reload the tab then says so; Recall shows it beside its list).
   */
  restore(info: KeptResultInfo, reason: 'reload' | 'recall'): Promise<string | null>;
  cancel(): void;
}

/** Where a tab's results are kept across reloads (absent: not kept). */
export interface KeepTarget {
  workspace: string;
  tabId: string;
  connectionLabel: string;
}

interface Current {
  controller: AbortController;
  dispose(): void;
}

interface StartArgs {
  text: string;
  /** App Insights: the time range applied on top of the query; null = what the query says. */
  timespan: string | null;
  /** Prometheus: instant or range, read when the run starts (a relative range ends then). */
  evaluation: PrometheusEvaluation;
  signal: AbortSignal;
  trustedHosts: TrustedHostPolicy;
  getToken: TokenFunction;
  callbacks: QueryCallbacks;
}

function startQuery(target: ConnectionSettings, args: StartArgs): QueryHandle {
  const { text, timespan, signal, trustedHosts, getToken, callbacks } = args;
  if (target.kind === 'prometheus') {
    const { endpoint, auth } = target;
    return runPrometheusQuery(
      { endpoint, auth, evaluation: args.evaluation, text, signal, trustedHosts, getToken },
      callbacks,
      { engine: defaultResultEngine() },
    );
  }
  if (target.kind === 'kusto') {
    const { clusterUrl, database } = target;
    return runKustoQuery(
      { clusterUrl, database, text, signal, trustedHosts, getToken },
      callbacks,
      {
        engine: defaultResultEngine(),
      },
    );
  }
  const { endpoint, appId } = target;
  return runAppInsightsQuery(
    { endpoint, appId, timespan, text, signal, trustedHosts, getToken },
    callbacks,
    { engine: defaultResultEngine() },
  );
}

/**
 * Runs KQL against a cluster or an Application Insights app: token from the broker (silent,
 * then interactive), streaming parse in the worker, one RunState for the UI. A new run
 * supersedes the previous one.
 */
export function useQueryRun(
  target: ConnectionSettings,
  timespan: string | null,
  onFinished?: (run: RunState) => void,
  /** Prometheus connections: how the next run evaluates (instant, or range and step). */
  evaluation?: () => PrometheusEvaluation,
  keepTarget?: KeepTarget,
): QueryRun {
  const trustedHosts = useTrustedHosts();
  const getToken = useAccessToken(
    target.kind === 'kusto' ? target.clusterUrl : target.endpoint,
    target.kind === 'kusto' ? undefined : (target.resource ?? undefined),
  );
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const current = useRef<Current | null>(null);
  // `start` stays the same function for the editor's key bindings; a run uses what the tab
  // shows when it starts (target, token function, finish callback), read from here.
  const latest = useRef({
    target,
    timespan,
    trustedHosts,
    getToken,
    onFinished,
    evaluation,
    keepTarget,
  });
  useLayoutEffect(() => {
    latest.current = {
      target,
      timespan,
      trustedHosts,
      getToken,
      onFinished,
      evaluation,
      keepTarget,
    };
  });

  const start = useCallback((text: string, options: StartOptions = {}) => {
    const { target, timespan, trustedHosts, getToken, onFinished, evaluation, keepTarget } =
      latest.current;
    const previous = current.current;
    previous?.controller.abort();
    const controller = new AbortController();
    const startedAt = Date.now();
    const handle: QueryHandle = startQuery(target, {
      text,
      timespan: target.kind === 'appinsights' ? timespan : null,
      evaluation: evaluation?.() ?? { kind: 'instant' },
      signal: controller.signal,
      trustedHosts,
      getToken,
      callbacks: {
        onSummary: (summary) =>
          setRun((state) =>
            state.status === 'running' && state.requestId === handle.requestId
              ? { ...state, summary, session: handle }
              : state,
          ),
      },
    });
    const mine: Current = { controller, dispose: () => handle.dispose() };
    current.current = mine;
    setRun({
      status: 'running',
      requestId: handle.requestId,
      startedAt,
      summary: null,
      session: handle,
    });
    previous?.dispose();

    void handle.outcome.then((outcome) => {
      // A newer run superseded this one: its outcome is not what the tab shows.
      if (current.current !== mine) return;
      const settled = runStateFromOutcome(outcome, startedAt, handle);
      const next =
        settled.status === 'done' && options.preview ? { ...settled, preview: true } : settled;
      setRun(next);
      onFinished?.(next);
      if (next.status !== 'done' || !keepTarget) return;
      // The worker keeps the result (in its compact form) for reloads and Recall.
      void handle
        .keep(keepTarget.workspace, {
          id: handle.requestId,
          tabId: keepTarget.tabId,
          savedAt: outcome.timing.finishedAt,
          startedAt: next.startedAt,
          durationMs: next.durationMs,
          text: options.userText ?? text,
          preview: options.preview === true,
          rowCount: primaryRows(next.summary),
          connectionLabel: keepTarget.connectionLabel,
          problem: next.problem,
        })
        .then((keepOutcome) =>
          setRun((state) =>
            state.status === 'done' && state.requestId === next.requestId && !state.kept
              ? { ...state, keepOutcome }
              : state,
          ),
        );
    });
  }, []);

  const restore = useCallback(
    async (info: KeptResultInfo, reason: 'reload' | 'recall'): Promise<string | null> => {
      const { keepTarget } = latest.current;
      if (!keepTarget) return 'Results are not kept for this tab.';
      const session = defaultResultEngine().restore(keepTarget.workspace, info.id);
      const controller = new AbortController();
      const mine: Current = { controller, dispose: () => session.dispose() };
      const outcome = await session.done;
      if (!outcome.ok) {
        session.dispose();
        const message = `The result of ${new Date(info.savedAt).toLocaleString()} was not restored: ${outcome.failure.message}`;
        // After a reload the tab had nothing else to show: it says why it is empty.
        if (reason === 'reload')
          setRun((state) => (state.status === 'idle' ? { status: 'idle', note: message } : state));
        return message;
      }
      // A run started meanwhile (or the tab shows a result already after a reload): it wins.
      if (reason === 'reload' && current.current !== null) {
        session.dispose();
        return null;
      }
      const previous = current.current;
      previous?.controller.abort();
      current.current = mine;
      previous?.dispose();
      setRun({
        status: 'done',
        requestId: info.id,
        startedAt: info.startedAt,
        durationMs: info.durationMs,
        summary: outcome.summary,
        session,
        problem: (info.problem as QueryError | null) ?? null,
        preview: info.preview,
        kept: { reason, savedAt: info.savedAt, text: info.text },
      });
      return null;
    },
    [],
  );

  useEffect(
    () => () => {
      current.current?.controller.abort();
      current.current?.dispose();
    },
    [],
  );

  const cancel = useCallback(() => current.current?.controller.abort(), []);
  return { run, start, restore, cancel };
}

function primaryRows(summary: DataSetSummary): number {
  return summary.tables
    .filter((t) => summary.primaryTableIds.includes(t.id))
    .reduce((sum, t) => sum + t.rowCount, 0);
}
