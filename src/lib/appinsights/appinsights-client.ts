import type { TokenFunction } from '../auth/token-function';
import { headerSafe } from '../query/http-request';
import {
  resultRequestDeps,
  startQueryRun,
  type QueryCallbacks,
  type QueryDeps,
  type QueryHandle,
} from '../query/query-run';
import {
  badResponseError,
  interruptedError,
  queryErrorFromIssue,
  type QueryError,
  hostOf,
} from '../query-errors';
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
  const uuid = deps.randomUUID ?? (() => crypto.randomUUID());
  return startQueryRun({
    kind: 'query',
    requestId: headerSafe(request.requestId ?? `Quarry.Query;${uuid()}`),
    signal: request.signal,
    host: hostOf(request.endpoint), // an unparsable endpoint is reported by the trusted-host check
    database: request.appId,
    now: deps.now ?? (() => Date.now()),
    engine: deps.engine,
    ...(callbacks.onSummary ? { onSummary: callbacks.onSummary } : {}),
    ...(callbacks.onPhase ? { onPhase: callbacks.onPhase } : {}),
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
        onRetry: (info) => {
          callbacks.onPhase?.('retrying');
          callbacks.onRetry?.(info);
        },
        onSent: () => callbacks.onPhase?.('waiting'),
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
      const { settled } = received;
      const ctx = scope.context();
      if (!settled.ok) {
        const { failure } = settled;
        const issues = (settled.summary?.issues ?? []).map((i) => queryErrorFromIssue(i, ctx));
        const error =
          failure.reason === 'stream'
            ? interruptedError(ctx.host ?? 'the service', failure.message, ctx)
            : badResponseError(failure.message, failure.sample, ctx);
        return scope.failed(error, issues, settled.summary);
      }
      const issues: QueryError[] = settled.summary.issues.map((i) => queryErrorFromIssue(i, ctx));
      return { status: 'succeeded', summary: settled.summary, issues, ...scope.base() };
    },
  });
}
