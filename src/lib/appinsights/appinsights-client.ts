import type { TokenFunction } from '../auth/token-function';
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
import type { TrustedHostPolicy } from '../trusted-hosts';
import { sendAppInsightsRequest, type MonitorResourceKind } from './appinsights-http';

export interface AppInsightsQueryRequest {
  /** https://api.applicationinsights.io (or a sovereign one, or the local stand-in). */
  endpoint: string;
  /** Application ID (API Access blade), or the workspace id when `kind` is `workspace`. */
  appId: string;
  /** Default `app`; `workspace` queries Log Analytics (`/v1/workspaces/{id}/query`). */
  kind?: MonitorResourceKind;
  text: string;
  /** ISO-8601 duration or interval applied on top of the query's own filters; null = none. */
  timespan: string | null;
  getToken: TokenFunction;
  signal: AbortSignal;
  /** Refused before any request when the endpoint is not trusted. */
  trustedHosts: TrustedHostPolicy;
  /** Default `Quarry.Query;<uuid>`, sent as x-ms-client-request-id. */
  requestId?: string;
}

const PREFER = 'include-render=true, include-statistics=true';

function emptyResultBody(): ReadableStream<Uint8Array> {
  // 204 (a workspace without data) has no body: parse it as a result with no tables.
  const bytes = new TextEncoder().encode('{"tables":[]}');
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * Runs a query against the App Insights (or Log Analytics) query API. The body streams to the
 * result engine (a Web Worker in the browser) and is parsed there into the same DataSet model as
 * Kusto results. The service has no cancel call: an abort just stops the request.
 */
export function runAppInsightsQuery(
  request: AppInsightsQueryRequest,
  callbacks: QueryCallbacks,
  deps: QueryDeps,
): QueryHandle {
  return startQueryRun({
    ...sourceRunOptions(queryRequestId(request.requestId, deps), request.signal, callbacks, deps),
    kind: 'query',
    host: hostOf(request.endpoint), // an unparsable endpoint is reported by the trusted-host check
    database: request.appId,
    run: async (scope) => {
      callbacks.onPhase?.('authorizing');
      const http = await sendAppInsightsRequest({
        target: { ...request, signal: scope.signal },
        action: 'query',
        body: {
          query: request.text,
          ...(request.timespan === null ? {} : { timespan: request.timespan }),
        },
        requestId: scope.requestId,
        headers: { Prefer: PREFER },
        deps: resultRequestDeps(deps),
        ...requestPhases(callbacks),
      });
      // The service has no cancel call: an abort just stops the request.
      if (!http.ok) {
        return http.error.kind === 'cancelled'
          ? scope.cancelled(http.error)
          : scope.failed(http.error);
      }
      scope.responded(http.activityId);
      const body = http.response.status === 204 ? emptyResultBody() : http.response.body;
      const received = await scope.receive('appinsights', body);
      if ('outcome' in received) return received.outcome;
      return outcomeFromSettled(received.settled, scope.context(), scope.base(), 'the service');
    },
  });
}
