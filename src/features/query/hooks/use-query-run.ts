import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { runAppInsightsQuery } from '../../../lib/appinsights';
import { runKustoQuery } from '../../../lib/kusto/kusto-client';
import type { TokenFunction } from '../../../lib/auth/token-function';
import type { QueryCallbacks, QueryHandle } from '../../../lib/query/query-run';
import type { ConnectionSettings } from '../../../lib/sources/query-target';
import { defaultResultEngine } from '../../../lib/sources/result-engine';
import type { TrustedHostPolicy } from '../../../lib/trusted-hosts';
import { useTrustedHosts } from '../../../lib/trusted-hosts/trusted-hosts-context';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import type { RunState } from '../run-state';
import { runStateFromOutcome } from '../run-state-from-outcome';

export interface QueryRun {
  run: RunState;
  start(text: string): void;
  cancel(): void;
}

interface StartArgs {
  text: string;
  /** App Insights: the time range applied on top of the query; null = what the query says. */
  timespan: string | null;
  signal: AbortSignal;
  trustedHosts: TrustedHostPolicy;
  getToken: TokenFunction;
  callbacks: QueryCallbacks;
}

function startQuery(target: ConnectionSettings, args: StartArgs): QueryHandle {
  const { text, timespan, signal, trustedHosts, getToken, callbacks } = args;
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
): QueryRun {
  const trustedHosts = useTrustedHosts();
  const getToken = useAccessToken(
    target.kind === 'kusto' ? target.clusterUrl : target.endpoint,
    target.kind === 'kusto' ? undefined : target.resource,
  );
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const current = useRef<{ controller: AbortController; handle: QueryHandle } | null>(null);
  // `start` stays the same function for the editor's key bindings; a run uses what the tab
  // shows when it starts (target, token function, finish callback), read from here.
  const latest = useRef({ target, timespan, trustedHosts, getToken, onFinished });
  useLayoutEffect(() => {
    latest.current = { target, timespan, trustedHosts, getToken, onFinished };
  });

  const start = useCallback((text: string) => {
    const { target, timespan, trustedHosts, getToken, onFinished } = latest.current;
    const previous = current.current;
    previous?.controller.abort();
    const controller = new AbortController();
    const startedAt = Date.now();
    const handle: QueryHandle = startQuery(target, {
      text,
      timespan: target.kind === 'appinsights' ? timespan : null,
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
    current.current = { controller, handle };
    setRun({
      status: 'running',
      requestId: handle.requestId,
      startedAt,
      summary: null,
      session: handle,
    });
    previous?.handle.dispose();

    void handle.outcome.then((outcome) => {
      // A newer run superseded this one: its outcome is not what the tab shows.
      if (current.current?.handle !== handle) return;
      const next = runStateFromOutcome(outcome, startedAt, handle);
      setRun(next);
      onFinished?.(next);
    });
  }, []);

  useEffect(
    () => () => {
      current.current?.controller.abort();
      current.current?.handle.dispose();
    },
    [],
  );

  const cancel = useCallback(() => current.current?.controller.abort(), []);
  return { run, start, cancel };
}
