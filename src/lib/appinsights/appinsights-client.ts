import type {
  KustoQueryCallbacks,
  KustoQueryDeps,
  KustoQueryHandle,
  KustoQueryOutcome,
  QueryTiming,
} from '../kusto/kusto-client';
import { headerSafe } from '../kusto/kusto-http';
import { defaultResultEngine, type ResultSession } from '../kusto/query-worker-client';
import {
  badResponseError,
  cancelledError,
  interruptedError,
  queryErrorFromIssue,
  type QueryError,
  type RequestContext,
} from '../query-errors';
import type { DataSetSummary } from '../result-model';
import type { TrustedHostPolicy } from '../trusted-hosts';
import { sendAppInsightsRequest, type MonitorResourceKind } from './appinsights-http';

/** The handle and outcome are the Kusto client's, so grid, status line and history work unchanged. */
export type QueryHandle = KustoQueryHandle;
export type QueryOutcome = KustoQueryOutcome;
export type AppInsightsQueryCallbacks = Omit<KustoQueryCallbacks, 'onCancelRequest'>;
export type AppInsightsQueryDeps = KustoQueryDeps;

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
  getToken: (options: { forceRefresh: boolean }) => Promise<string>;
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
  callbacks: AppInsightsQueryCallbacks = {},
  deps: AppInsightsQueryDeps = {},
): QueryHandle {
  const uuid = deps.randomUUID ?? (() => crypto.randomUUID());
  const now = deps.now ?? (() => Date.now());
  const requestId = headerSafe(request.requestId ?? `Quarry.Query;${uuid()}`);
  const controller = new AbortController();
  const abortFromCaller = () => controller.abort();
  if (request.signal.aborted) controller.abort();
  else request.signal.addEventListener('abort', abortFromCaller, { once: true });

  let host: string | null = null;
  try {
    host = new URL(request.endpoint).host;
  } catch {
    // reported by the trusted-host check
  }
  let session: ResultSession | null = null;
  let latest: DataSetSummary | null = null;
  let disposed = false;
  const startedAt = now();
  let respondedAt: number | null = null;
  let activityId: string | null = null;
  const ctx = (): RequestContext => ({ requestId, activityId, host, database: request.appId });
  const timing = (): QueryTiming => ({ startedAt, respondedAt, finishedAt: now() });
  const base = () => ({ requestId, activityId, timing: timing() });

  const run = async (): Promise<KustoQueryOutcome> => {
    callbacks.onPhase?.('authorizing');
    const http = await sendAppInsightsRequest({
      target: { ...request, signal: controller.signal },
      action: 'query',
      body: {
        query: request.text,
        ...(request.timespan === null ? {} : { timespan: request.timespan }),
      },
      requestId,
      headers: { Prefer: PREFER },
      deps,
      onRetry: (info) => {
        callbacks.onPhase?.('retrying');
        callbacks.onRetry?.(info);
      },
      onSent: () => callbacks.onPhase?.('waiting'),
    });
    if (!http.ok) {
      activityId = http.error.activityId;
      if (http.error.kind === 'cancelled') {
        return { status: 'cancelled', error: http.error, summary: null, ...base() };
      }
      return { status: 'failed', error: http.error, issues: [], summary: null, ...base() };
    }
    respondedAt = now();
    activityId = http.activityId;
    const body = http.response.status === 204 ? emptyResultBody() : http.response.body;
    if (!body) {
      return {
        status: 'failed',
        error: badResponseError('The response had no body.', null, ctx()),
        issues: [],
        summary: null,
        ...base(),
      };
    }
    callbacks.onPhase?.('receiving');
    const engine = deps.engine ?? defaultResultEngine();
    const opened = engine.open('appinsights', body, (summary) => {
      latest = summary;
      callbacks.onSummary?.(summary);
    });
    session = opened;
    if (disposed) opened.dispose();

    const aborted = new Promise<'aborted'>((resolve) => {
      if (controller.signal.aborted) resolve('aborted');
      controller.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    const settled = await Promise.race([opened.done, aborted]);
    if (settled === 'aborted' || (!settled.ok && controller.signal.aborted)) {
      return { status: 'cancelled', error: cancelledError(ctx()), summary: latest, ...base() };
    }
    if (!settled.ok) {
      const { failure } = settled;
      const issues = (settled.summary?.issues ?? []).map((i) => queryErrorFromIssue(i, ctx()));
      const error =
        failure.reason === 'stream'
          ? interruptedError(host ?? 'the service', failure.message, ctx())
          : badResponseError(failure.message, failure.sample, ctx());
      return { status: 'failed', error, issues, summary: settled.summary, ...base() };
    }
    const issues: QueryError[] = settled.summary.issues.map((i) => queryErrorFromIssue(i, ctx()));
    return { status: 'succeeded', summary: settled.summary, issues, ...base() };
  };

  const outcome = run()
    .catch((error: unknown): KustoQueryOutcome => ({
      status: 'failed',
      error: badResponseError(error instanceof Error ? error.message : String(error), null, ctx()),
      issues: [],
      summary: latest,
      ...base(),
    }))
    .then((result) => {
      request.signal.removeEventListener('abort', abortFromCaller);
      latest = result.summary ?? latest;
      callbacks.onPhase?.('finished');
      return result;
    });

  return {
    requestId,
    kind: 'query',
    outcome,
    summary: () => latest,
    getRows: (tableId, start, end, sortModel, filterModel, quickText) => {
      const current = session;
      if (!current)
        return Promise.resolve({ rows: [], rowCount: 0, tableRowCount: 0, tableComplete: false });
      return current.getRows(tableId, start, end, sortModel, filterModel, quickText);
    },
    dispose: () => {
      disposed = true;
      controller.abort();
      session?.dispose();
    },
  };
}
