import {
  badResponseError,
  cancelledError,
  type QueryError,
  type RequestContext,
} from '../query-errors';
import type { DataSetSummary } from '../result-model';
import type { ResponseFormat, RowsRequest, RowsResult } from './query-result-session';
import { headerSafe, type HttpDeps, type RetryInfo } from './http-request';
import type { ResultEngine, ResultSession, SessionOutcome } from './query-worker-client';
import type { WorkerJob, WorkerJobResult } from './worker-jobs';
import type { KeepOutcome, KeptResultInfo } from './result-store';

/**
 * What every query run shares, whatever service answers it: abort wiring, timing, the result
 * session in the engine (a worker in the browser) and the handle the grid, status line and history
 * use. Each source's client (src/lib/kusto, src/lib/appinsights, …) differs only in the request it
 * sends, the format its body is parsed as, and how it reads a finished session.
 */

/** What a caller hears while a query runs (every source). */
export interface QueryCallbacks {
  /** Tables, row counts, progress and issues so far (throttled while rows stream in). */
  onSummary?: (summary: DataSetSummary) => void;
  onPhase?: (phase: QueryPhase) => void;
  onRetry?: (info: RetryInfo) => void;
}

/** What a source's client needs besides the request: the result engine, and test seams. */
export interface QueryDeps extends HttpDeps {
  /** Where bodies are parsed: `defaultResultEngine()` from src/lib/sources in the app. */
  engine: ResultEngine;
  randomUUID?: () => string;
}

/**
 * The deps for a run's main request: the engine's fetch (the worker's, so the result body is
 * parsed where it arrives) unless a test gave its own fetch. Everything else in the request loop
 * (trusted host, token, retries, classification) still runs on the page.
 */
export function resultRequestDeps(deps: QueryDeps): QueryDeps {
  if (deps.fetch || !deps.engine.fetch) return deps;
  return { ...deps, fetch: deps.engine.fetch };
}

/** A run's request id: the caller's, or `Quarry.Query;<uuid>`; safe as a header value. */
export function queryRequestId(requested: string | undefined, deps: QueryDeps): string {
  return headerSafe(
    requested ?? `Quarry.Query;${(deps.randomUUID ?? (() => crypto.randomUUID()))()}`,
  );
}

/** The run options every source fills the same way from the caller's listeners and deps. */
export function sourceRunOptions(
  requestId: string,
  signal: AbortSignal,
  callbacks: QueryCallbacks,
  deps: QueryDeps,
): Pick<QueryRunOptions, 'requestId' | 'signal' | 'now' | 'engine' | 'onSummary' | 'onPhase'> {
  return {
    requestId,
    signal,
    now: deps.now ?? (() => Date.now()),
    engine: deps.engine,
    ...(callbacks.onSummary ? { onSummary: callbacks.onSummary } : {}),
    ...(callbacks.onPhase ? { onPhase: callbacks.onPhase } : {}),
  };
}

/** A source's main request reports its retries and its sending as phases. */
export function requestPhases(callbacks: QueryCallbacks): {
  onRetry: (info: RetryInfo) => void;
  onSent: () => void;
} {
  return {
    onRetry: (info) => {
      callbacks.onPhase?.('retrying');
      callbacks.onRetry?.(info);
    },
    onSent: () => callbacks.onPhase?.('waiting'),
  };
}

export type QueryPhase = 'authorizing' | 'waiting' | 'retrying' | 'receiving' | 'finished';

export interface QueryTiming {
  startedAt: number;
  /** Response headers arrived. */
  respondedAt: number | null;
  finishedAt: number;
}

export interface OutcomeBase {
  requestId: string;
  activityId: string | null;
  timing: QueryTiming;
}

export type QueryOutcome =
  /** Complete result; `issues` holds partial failures / truncation next to the rows. */
  | (OutcomeBase & { status: 'succeeded'; summary: DataSetSummary; issues: QueryError[] })
  /** No (complete) result; `summary` keeps the rows that did arrive, if any. */
  | (OutcomeBase & {
      status: 'failed';
      error: QueryError;
      issues: QueryError[];
      summary: DataSetSummary | null;
    })
  | (OutcomeBase & { status: 'cancelled'; error: QueryError; summary: DataSetSummary | null });

export interface QueryHandle {
  readonly requestId: string;
  /** `command` when the text is a management command (sent to /v1/rest/mgmt). */
  readonly kind: 'query' | 'command';
  /** Settles once (never rejects), also on abort. */
  readonly outcome: Promise<QueryOutcome>;
  /** Latest summary while loading and after. */
  summary(): DataSetSummary | null;
  /** Rows for AG Grid's infinite row model (sorting/filtering happen in the worker). */
  getRows(request: RowsRequest): Promise<RowsResult>;
  /** Whole-result work in the worker: a pivot, an Excel file (see worker-jobs.ts). */
  runJob<J extends WorkerJob>(job: J): Promise<WorkerJobResult<J>>;
  /** Keeps the finished result across reloads (written by the worker; see result-store.ts). */
  keep(workspace: string, info: Omit<KeptResultInfo, 'bytes'>): Promise<KeepOutcome>;
  /** Frees the parsed result. Call when the result tab closes. */
  dispose(): void;
}

/** What a client's `run` gets: the run's ids and clock, and the one way to receive a body. */
export interface QueryRunScope {
  readonly requestId: string;
  /** Aborts when the caller aborts or the handle is disposed. */
  readonly signal: AbortSignal;
  context(): RequestContext;
  base(): OutcomeBase;
  /** Response headers arrived (or an error response carried the service's activity id). */
  responded(activityId: string | null): void;
  failed(error: QueryError, issues?: QueryError[], summary?: DataSetSummary | null): QueryOutcome;
  cancelled(error: QueryError, summary?: DataSetSummary | null): QueryOutcome;
  /**
   * Streams `body` into the result engine until it is parsed or the run is aborted. An abort or a
   * missing body ends the run here (`outcome`); otherwise the client reads `settled`.
   */
  receive(
    format: ResponseFormat,
    body: ReadableStream<Uint8Array> | null,
    onAborted?: () => void,
  ): Promise<{ outcome: QueryOutcome } | { settled: SessionOutcome }>;
}

export interface QueryRunOptions {
  kind: 'query' | 'command';
  requestId: string;
  /** The caller's signal. */
  signal: AbortSignal;
  host: string | null;
  /** The database, or the App Insights application id. */
  database: string;
  now: () => number;
  engine: ResultEngine;
  onSummary?: (summary: DataSetSummary) => void;
  onPhase?: (phase: QueryPhase) => void;
  run: (scope: QueryRunScope) => Promise<QueryOutcome>;
}

export function startQueryRun(options: QueryRunOptions): QueryHandle {
  const { requestId, host, database, now, onSummary, onPhase } = options;
  const controller = new AbortController();
  const abortFromCaller = () => controller.abort();
  if (options.signal.aborted) controller.abort();
  else options.signal.addEventListener('abort', abortFromCaller, { once: true });

  let session: ResultSession | null = null;
  let latest: DataSetSummary | null = null;
  let disposed = false;
  const startedAt = now();
  let respondedAt: number | null = null;
  let activityId: string | null = null;
  const context = (): RequestContext => ({ requestId, activityId, host, database });
  const base = (): OutcomeBase => ({
    requestId,
    activityId,
    timing: { startedAt, respondedAt, finishedAt: now() },
  });
  // An error response carries the service's id even when no result headers were read.
  const baseFor = (error: QueryError): OutcomeBase => ({
    ...base(),
    activityId: activityId ?? error.activityId ?? null,
  });
  const failed = (
    error: QueryError,
    issues: QueryError[] = [],
    summary: DataSetSummary | null = null,
  ): QueryOutcome => ({ status: 'failed', error, issues, summary, ...baseFor(error) });
  const cancelled = (error: QueryError, summary: DataSetSummary | null = null): QueryOutcome => ({
    status: 'cancelled',
    error,
    summary,
    ...baseFor(error),
  });

  const scope: QueryRunScope = {
    requestId,
    signal: controller.signal,
    context,
    base,
    responded: (id) => {
      respondedAt = now();
      activityId = id;
    },
    failed,
    cancelled,
    receive: async (format, body, onAborted) => {
      if (!body)
        return { outcome: failed(badResponseError('The response had no body.', null, context())) };
      onPhase?.('receiving');
      const opened = options.engine.open(format, body, (summary) => {
        latest = summary;
        onSummary?.(summary);
      });
      session = opened;
      if (disposed) opened.dispose();
      const aborted = new Promise<'aborted'>((resolve) => {
        if (controller.signal.aborted) resolve('aborted');
        controller.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
      });
      const settled = await Promise.race([opened.done, aborted]);
      if (settled === 'aborted' || (!settled.ok && controller.signal.aborted)) {
        onAborted?.();
        return { outcome: cancelled(cancelledError(context()), latest) };
      }
      return { settled };
    },
  };

  const outcome = options
    .run(scope)
    .catch((error: unknown) =>
      failed(
        badResponseError(error instanceof Error ? error.message : String(error), null, context()),
        [],
        latest,
      ),
    )
    .then((result) => {
      options.signal.removeEventListener('abort', abortFromCaller);
      latest = result.summary ?? latest;
      onPhase?.('finished');
      return result;
    });

  return {
    requestId,
    kind: options.kind,
    outcome,
    summary: () => latest,
    getRows: (request) => {
      const current = session;
      if (!current)
        return Promise.resolve({ rows: [], rowCount: 0, tableRowCount: 0, tableComplete: false });
      return current.getRows(request);
    },
    runJob: (job) => {
      const current = session;
      if (!current) return Promise.reject(new Error('The result has not arrived yet.'));
      return current.runJob(job);
    },
    keep: (workspace, info) => {
      const current = session;
      if (!current)
        return Promise.resolve({ status: 'failed', message: 'The result has not arrived yet.' });
      return current.keep(workspace, info);
    },
    dispose: () => {
      disposed = true;
      controller.abort();
      session?.dispose();
    },
  };
}
