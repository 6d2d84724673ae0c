import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { UntrustedTokenTargetError } from '../../../lib/auth/token-broker';
import { runAppInsightsQuery } from '../../../lib/appinsights';
import { runKustoQuery } from '../../../lib/kusto/kusto-client';
import { runPrometheusQuery, type PrometheusEvaluation } from '../../../lib/prometheus';
import type { TokenFunction } from '../../../lib/auth/token-function';
import type { QueryCallbacks, QueryHandle } from '../../../lib/query/query-run';
import { defaultResultEngine } from '../../../lib/sources/result-engine';
import type { TrustedHostPolicy } from '../../../lib/trusted-hosts';
import { useTrustedHosts } from '../../../lib/trusted-hosts/trusted-hosts-context';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import type { RunState } from '../run-state';

/** Where a query goes: a Kusto cluster and database, or an Application Insights app. */
export type QueryTarget =
  | { kind: 'kusto'; clusterUrl: string; database: string }
  | {
      kind: 'appinsights';
      endpoint: string;
      appId: string;
      resource: string;
      timespan: string | null;
    }
  | {
      kind: 'prometheus';
      endpoint: string;
      auth: 'entra' | 'proxy';
      /** The token's resource (entra); null through a proxy, which never gets a token. */
      resource: string | null;
      /** Read when a run starts: a relative range ends at that moment. */
      evaluation: () => PrometheusEvaluation;
    };

export interface QueryRun {
  run: RunState;
  start(text: string): void;
  cancel(): void;
}

interface StartArgs {
  text: string;
  signal: AbortSignal;
  trustedHosts: TrustedHostPolicy;
  getToken: TokenFunction;
  callbacks: QueryCallbacks;
}

function startQuery(target: QueryTarget, args: StartArgs): QueryHandle {
  const { text, signal, trustedHosts, getToken, callbacks } = args;
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
  if (target.kind === 'prometheus') {
    const { endpoint, auth } = target;
    return runPrometheusQuery(
      { endpoint, auth, evaluation: target.evaluation(), text, signal, trustedHosts, getToken },
      callbacks,
      { engine: defaultResultEngine() },
    );
  }
  const { endpoint, appId, timespan } = target;
  return runAppInsightsQuery(
    { endpoint, appId, timespan, text, signal, trustedHosts, getToken },
    callbacks,
    { engine: defaultResultEngine() },
  );
}

function targetKey(target: QueryTarget): string[] {
  if (target.kind === 'prometheus') return ['prometheus', target.auth, target.endpoint];
  return target.kind === 'kusto'
    ? ['kusto', target.clusterUrl, target.database]
    : ['appinsights', target.endpoint, target.appId];
}

/**
 * Runs KQL against a cluster or an Application Insights app: token from the broker (silent,
 * then interactive), streaming parse in the worker, one RunState for the UI. A new run
 * supersedes the previous one.
 */
export function useQueryRun(target: QueryTarget, onFinished?: (run: RunState) => void): QueryRun {
  const trustedHosts = useTrustedHosts();
  const getToken = useAccessToken(
    target.kind === 'kusto' ? target.clusterUrl : target.endpoint,
    target.kind === 'kusto' ? undefined : (target.resource ?? undefined),
  );
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const current = useRef<{ controller: AbortController; handle: QueryHandle } | null>(null);

  const mutation = useMutation({
    mutationKey: ['run', ...targetKey(target)],
    mutationFn: async (text: string): Promise<RunState> => {
      const previous = current.current;
      previous?.controller.abort();
      const controller = new AbortController();
      const startedAt = Date.now();
      let signInError: unknown = null;
      const handle: QueryHandle = startQuery(target, {
        text,
        signal: controller.signal,
        trustedHosts,
        getToken: async (options) => {
          try {
            return await getToken(options);
          } catch (error) {
            signInError = error;
            throw error;
          }
        },
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

      const outcome = await handle.outcome;
      const durationMs = outcome.timing.finishedAt - outcome.timing.startedAt;
      let next: RunState;
      if (outcome.status === 'succeeded') {
        next = {
          status: 'done',
          requestId: outcome.requestId,
          startedAt,
          durationMs,
          summary: outcome.summary,
          session: handle,
          problem: outcome.issues[0] ?? null,
        };
      } else if (outcome.status === 'cancelled') {
        next = { status: 'cancelled', requestId: outcome.requestId, startedAt, durationMs };
      } else if (signInError !== null && !(signInError instanceof UntrustedTokenTargetError)) {
        next = {
          status: 'failed',
          requestId: outcome.requestId,
          startedAt,
          durationMs,
          error: { kind: 'sign-in', cause: signInError },
        };
      } else if (outcome.summary && outcome.summary.primaryTableIds.length > 0) {
        // Rows arrived before the failure: keep them on screen with the error beside them.
        next = {
          status: 'done',
          requestId: outcome.requestId,
          startedAt,
          durationMs,
          summary: outcome.summary,
          session: handle,
          problem: outcome.error,
        };
      } else {
        next = {
          status: 'failed',
          requestId: outcome.requestId,
          startedAt,
          durationMs,
          error: outcome.error,
        };
      }
      if (current.current?.handle === handle) {
        setRun(next);
        onFinished?.(next);
      }
      return next;
    },
  });

  useEffect(
    () => () => {
      current.current?.controller.abort();
      current.current?.handle.dispose();
    },
    [],
  );

  const { mutate } = mutation;
  const start = useCallback((text: string) => mutate(text), [mutate]);
  const cancel = useCallback(() => current.current?.controller.abort(), []);
  return { run, start, cancel };
}
