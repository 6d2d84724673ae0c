import {
  queryRequestId,
  requestPhases,
  resultRequestDeps,
  sourceRunOptions,
  startQueryRun,
  type QueryCallbacks,
  type QueryDeps,
  type QueryHandle,
} from '../query/query-run';
import { hostOf } from '../query-errors';
import { outcomeFromSettled } from '../query/settled-outcome';
import { sendPrometheusRequest, type PrometheusTarget } from './prometheus-http';

/** An instant query (one evaluation time) or a range query (start, end, step). */
export type PrometheusEvaluation =
  | { kind: 'instant'; /** Unix seconds; absent = the server's now. */ time?: number }
  | {
      kind: 'range';
      start: number;
      end: number;
      /** Seconds, or a duration such as `30s`. */ step: string;
    };

export interface PrometheusQueryRequest extends Omit<PrometheusTarget, 'signal'> {
  text: string;
  evaluation: PrometheusEvaluation;
  signal: AbortSignal;
  /** Default `Quarry.Query;<uuid>`, sent as x-ms-client-request-id. */
  requestId?: string;
}

/** The form fields of `/api/v1/query` or `/api/v1/query_range`. */
export function queryForm(text: string, evaluation: PrometheusEvaluation): URLSearchParams {
  const form = new URLSearchParams({ query: text });
  if (evaluation.kind === 'instant') {
    if (evaluation.time !== undefined) form.set('time', String(evaluation.time));
  } else {
    form.set('start', String(evaluation.start));
    form.set('end', String(evaluation.end));
    form.set('step', evaluation.step);
  }
  return form;
}

/**
 * Runs PromQL against a Prometheus endpoint (an Azure Monitor workspace directly with the user's
 * token, or through an auth proxy with none). The answer is parsed by the result engine into the
 * same DataSet as every source; a range query's table carries a time chart. Prometheus has no
 * cancel call: an abort just stops the request.
 */
export function runPrometheusQuery(
  request: PrometheusQueryRequest,
  callbacks: QueryCallbacks,
  deps: QueryDeps,
): QueryHandle {
  const range = request.evaluation.kind === 'range';
  return startQueryRun({
    ...sourceRunOptions(queryRequestId(request.requestId, deps), request.signal, callbacks, deps),
    kind: 'query',
    host: hostOf(request.endpoint),
    database: request.endpoint,
    run: async (scope) => {
      callbacks.onPhase?.(request.auth === 'entra' ? 'authorizing' : 'waiting');
      const http = await sendPrometheusRequest({
        target: { ...request, signal: scope.signal },
        path: range ? 'query_range' : 'query',
        form: queryForm(request.text, request.evaluation),
        requestId: scope.requestId,
        deps: resultRequestDeps(deps),
        ...requestPhases(callbacks),
      });
      if (!http.ok) {
        return http.error.kind === 'cancelled'
          ? scope.cancelled(http.error)
          : scope.failed(http.error);
      }
      scope.responded(http.activityId);
      const received = await scope.receive(
        range ? 'prometheus-range' : 'prometheus-instant',
        http.response.body,
      );
      if ('outcome' in received) return received.outcome;
      return outcomeFromSettled(received.settled, scope.context(), scope.base(), 'the endpoint');
    },
  });
}
