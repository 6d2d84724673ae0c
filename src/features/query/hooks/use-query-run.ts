import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { UntrustedTokenTargetError } from '../../../lib/auth/token-broker';
import { useRuntimeConfig } from '../../../lib/config/runtime-config-context';
import { runKustoQuery, type KustoQueryHandle } from '../../../lib/kusto/kusto-client';
import { createTrustedHostPolicy } from '../../../lib/trusted-hosts';
import { useAccessToken } from '../../auth/hooks/use-access-token';
import type { RunState } from '../run-state';

export interface KustoTarget {
  clusterUrl: string;
  database: string;
}

export interface KustoQueryRun {
  run: RunState;
  start(text: string): void;
  cancel(): void;
}

/**
 * Runs KQL against one cluster and database: token from the broker (silent, then interactive),
 * streaming parse in the worker, one RunState for the UI. A new run supersedes the previous one.
 */
export function useKustoQueryRun(
  target: KustoTarget,
  onFinished?: (run: RunState) => void,
): KustoQueryRun {
  const config = useRuntimeConfig();
  const trustedHosts = useMemo(
    () => createTrustedHostPolicy({ extraHosts: config.trustedHosts }),
    [config.trustedHosts],
  );
  const getToken = useAccessToken(target.clusterUrl);
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const current = useRef<{ controller: AbortController; handle: KustoQueryHandle } | null>(null);

  const mutation = useMutation({
    mutationKey: ['kusto', 'run', target.clusterUrl, target.database],
    mutationFn: async (text: string): Promise<RunState> => {
      const previous = current.current;
      previous?.controller.abort();
      const controller = new AbortController();
      const startedAt = Date.now();
      let signInError: unknown = null;
      const handle = runKustoQuery(
        {
          clusterUrl: target.clusterUrl,
          database: target.database,
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
        },
        {
          onSummary: (summary) =>
            setRun((state) =>
              state.status === 'running' && state.requestId === handle.requestId
                ? { ...state, summary, session: handle }
                : state,
            ),
        },
      );
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
