import { shareUnchanged, type DataSetSummary } from '../result-model';
import { ParseWorkerCore, type ParseWorkerCoreOptions } from './parse-worker-core';
import type {
  ParseWorkerRequest,
  ParseWorkerResponse,
  SessionFailure,
} from './parse-worker-protocol';
import type { ResponseFormat, RowsRequest, RowsResult } from './query-result-session';
import type { ResultParsers } from './result-parser';
import type { WorkerJob, WorkerJobResult } from './worker-jobs';
import type { KeptList } from './parse-worker-protocol';
import type { KeepOutcome, KeptResultInfo } from './result-store';
import { ownsWholeBuffer } from '../result-model/owned-buffer';

/**
 * The page's side of result parsing. Design: the page decides every request (trusted host, token,
 * headers, body, retries, error classification) and, with a worker engine, hands the built request
 * to the worker through `engine.fetch`: the worker fetches, reports status and headers, and a
 * result body passed to `open` is parsed where it arrives, never crossing the page's thread (a
 * stream transferred from the page is still read on the page's thread in Chromium). Bodies the
 * page reads itself (error answers) stream back on demand. Without worker fetch the page
 * transfers the response body's ReadableStream (or, where streams cannot be transferred, each
 * chunk's buffer). The worker owns the parsed tables; the page gets summaries and asks for row
 * blocks, so a 500,000-row result never crosses to the page at once.
 */

export type SessionOutcome =
  | { ok: true; summary: DataSetSummary }
  | { ok: false; failure: SessionFailure; summary: DataSetSummary | null };

export interface ResultSession {
  /** Settles when the body is fully parsed, or failed (never rejects). */
  readonly done: Promise<SessionOutcome>;
  /** Latest summary (tables, row counts, issues), or null before the first one. */
  latest(): DataSetSummary | null;
  /** Display-ready rows `start…end-1` of a table view, for AG Grid's infinite row model. */
  getRows(request: RowsRequest): Promise<RowsResult>;
  /** Whole-result work done in the worker (pivot, Excel file). */
  runJob<J extends WorkerJob>(job: J): Promise<WorkerJobResult<J>>;
  /** Keeps the finished result in the workspace's result store (the worker writes it). */
  keep(workspace: string, info: Omit<KeptResultInfo, 'bytes'>): Promise<KeepOutcome>;
  /** Frees the parsed result (in the worker). */
  dispose(): void;
}

export interface ResultEngine {
  /**
   * Sends a request the caller built in full from where bodies are parsed (the worker), when the
   * engine can; a 2xx body passed on to `open` then never crosses the page's thread.
   */
  readonly fetch?: typeof fetch;
  open(
    format: ResponseFormat,
    body: ReadableStream<Uint8Array>,
    onUpdate?: (summary: DataSetSummary) => void,
  ): ResultSession;
  /** A session from a kept result: nothing is sent anywhere. */
  restore(workspace: string, id: string): ResultSession;
  /** A tab's kept results, newest first. */
  listKept(workspace: string, tabId: string): Promise<KeptList>;
  /** Stops the worker; open sessions fail. */
  close(): void;
}

/** What the engine needs from a Worker (or a stand-in for it). */
export interface EnginePort {
  postMessage(message: ParseWorkerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: ParseWorkerResponse }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate?(): void;
}

interface SessionState {
  latest: DataSetSummary | null;
  onUpdate?: (summary: DataSetSummary) => void;
  settle: (outcome: SessionOutcome) => void;
  settled: boolean;
}

export class PortResultEngine implements ResultEngine {
  private nextSession = 1;
  private nextCall = 1;
  private readonly sessions = new Map<number, SessionState>();
  private readonly calls = new Map<
    number,
    { resolve: (r: RowsResult) => void; reject: (e: Error) => void }
  >();
  private readonly jobs = new Map<
    number,
    { resolve: (r: WorkerJobResult) => void; reject: (e: Error) => void }
  >();
  private readonly keeps = new Map<number, (outcome: KeepOutcome) => void>();
  private readonly lists = new Map<number, (list: KeptList) => void>();
  private nextFetch = 1;
  private readonly fetchWaiters = new Map<
    number,
    { resolve: (response: Response) => void; reject: (error: Error) => void }
  >();
  private readonly fetchBodies = new Map<number, ReadableStreamDefaultController<Uint8Array>>();
  /** Response bodies still held by the worker, by the page-side stream that stands for them. */
  private readonly parked = new WeakMap<ReadableStream<Uint8Array>, number>();
  readonly fetch?: typeof fetch;

  constructor(
    private readonly port: EnginePort,
    private readonly options: { transferStreams: boolean; workerFetch?: boolean } = {
      transferStreams: true,
    },
  ) {
    port.addEventListener('message', (event) => this.receive(event.data));
    port.addEventListener('error', (event) =>
      this.failAll(event.message ?? 'The result parser stopped.'),
    );
    if (options.workerFetch) this.fetch = (input, init) => this.fetchInWorker(input, init);
  }

  /**
   * `fetch` run by the worker. Only plain requests cross (a string URL, a string body); anything
   * else is fetched here. The signal stays here: its abort is forwarded, also while the worker
   * parses the body.
   */
  private fetchInWorker(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const body = init.body ?? null;
    const method = (init.method ?? 'GET').toUpperCase();
    if (
      url === null ||
      (body !== null && typeof body !== 'string') ||
      (method !== 'GET' && method !== 'POST')
    )
      return globalThis.fetch(input, init);
    const signal = init.signal ?? null;
    if (signal?.aborted) return Promise.reject(abortError());
    const fetchId = this.nextFetch++;
    const headers: [string, string][] = [];
    new Headers(init.headers).forEach((value, name) => headers.push([name, value]));
    return new Promise<Response>((resolve, reject) => {
      this.fetchWaiters.set(fetchId, { resolve, reject });
      signal?.addEventListener(
        'abort',
        () => {
          this.port.postMessage({ type: 'abortFetch', fetchId });
          this.fetchWaiters.get(fetchId)?.reject(abortError());
          this.fetchWaiters.delete(fetchId);
          this.fetchBodies.get(fetchId)?.error(abortError());
          this.fetchBodies.delete(fetchId);
        },
        { once: true },
      );
      this.port.postMessage({
        type: 'fetch',
        fetchId,
        request: {
          url,
          method,
          headers,
          body,
          redirect: init.redirect ?? 'follow',
          credentials: init.credentials ?? 'same-origin',
          cache: init.cache ?? 'default',
        },
      });
    });
  }

  /** The page's stand-in for a response the worker holds: status, headers, a lazy body. */
  private fetchedResponse(message: Extract<ParseWorkerResponse, { type: 'fetched' }>): Response {
    const { fetchId, status } = message;
    const headers = new Headers(message.headers);
    // Statuses a Response cannot be built with (0 for an opaque redirect; null-body statuses).
    if (status < 200 || status > 599 || [204, 205, 304].includes(status)) {
      this.port.postMessage({ type: 'cancelFetched', fetchId });
      if (status >= 200 && status <= 599)
        return new Response(null, { status, statusText: message.statusText, headers });
      // Only status, type, headers and a null body are read of such an answer.
      return {
        status,
        type: message.responseType,
        headers,
        body: null,
        ok: false,
      } as unknown as Response;
    }
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.fetchBodies.set(fetchId, controller);
        },
        // Only when the page reads the body itself (an error answer); `open` never reads it.
        pull: () => {
          if (this.parked.get(stream) !== fetchId) return;
          this.parked.delete(stream);
          this.port.postMessage({ type: 'readFetched', fetchId });
        },
        cancel: () => {
          this.parked.delete(stream);
          this.fetchBodies.delete(fetchId);
          this.port.postMessage({ type: 'cancelFetched', fetchId });
        },
      },
      // No read ahead: nothing is asked of the worker until someone reads.
      { highWaterMark: 0 },
    );
    this.parked.set(stream, fetchId);
    return new Response(stream, { status, statusText: message.statusText, headers });
  }

  open(
    format: ResponseFormat,
    body: ReadableStream<Uint8Array>,
    onUpdate?: (summary: DataSetSummary) => void,
  ): ResultSession {
    const sessionId = this.nextSession++;
    const session = this.session(sessionId, onUpdate);
    this.start(sessionId, format, body);
    return session;
  }

  restore(workspace: string, id: string): ResultSession {
    const sessionId = this.nextSession++;
    const session = this.session(sessionId);
    this.port.postMessage({ type: 'restore', sessionId, workspace, id });
    return session;
  }

  listKept(workspace: string, tabId: string): Promise<KeptList> {
    return new Promise((resolve) => {
      const callId = this.nextCall++;
      this.lists.set(callId, resolve);
      this.port.postMessage({ type: 'listKept', callId, workspace, tabId });
    });
  }

  private session(sessionId: number, onUpdate?: (summary: DataSetSummary) => void): ResultSession {
    let settle: (outcome: SessionOutcome) => void = () => undefined;
    const done = new Promise<SessionOutcome>((resolve) => {
      settle = resolve;
    });
    const state: SessionState = { latest: null, onUpdate, settle, settled: false };
    this.sessions.set(sessionId, state);

    return {
      done,
      latest: () => state.latest,
      getRows: (request) =>
        new Promise<RowsResult>((resolve, reject) => {
          const callId = this.nextCall++;
          this.calls.set(callId, { resolve, reject });
          this.port.postMessage({
            type: 'getRows',
            sessionId,
            callId,
            // Plain data only: the request is structured-cloned to the worker.
            request: {
              tableId: request.tableId,
              start: request.start,
              end: request.end,
              sortModel: request.sortModel ? [...request.sortModel] : null,
              filterModel: request.filterModel ?? null,
              quickText: request.quickText ?? null,
              group: request.group
                ? {
                    groupBy: [...request.group.groupBy],
                    aggregates: { ...request.group.aggregates },
                    expanded: [...request.group.expanded],
                  }
                : null,
            },
          });
        }),
      runJob: <J extends WorkerJob>(job: J) =>
        new Promise<WorkerJobResult<J>>((resolve, reject) => {
          const callId = this.nextCall++;
          this.jobs.set(callId, {
            resolve: (result) => resolve(result as WorkerJobResult<J>),
            reject,
          });
          this.port.postMessage({ type: 'job', sessionId, callId, job });
        }),
      keep: (workspace, info) =>
        new Promise<KeepOutcome>((resolve) => {
          const callId = this.nextCall++;
          this.keeps.set(callId, resolve);
          this.port.postMessage({ type: 'keep', sessionId, callId, workspace, info });
        }),
      dispose: () => {
        this.port.postMessage({ type: 'dispose', sessionId });
        this.settle(sessionId, {
          ok: false,
          failure: { reason: 'stream', message: 'Closed.' },
          summary: state.latest,
        });
        this.sessions.delete(sessionId);
      },
    };
  }

  close(): void {
    this.failAll('The result parser was closed.');
    this.port.terminate?.();
  }

  private start(sessionId: number, format: ResponseFormat, body: ReadableStream<Uint8Array>): void {
    const fetchId = this.parked.get(body);
    if (fetchId !== undefined) {
      // The worker fetched this body: it parses it where it is.
      this.parked.delete(body);
      this.fetchBodies.delete(fetchId);
      this.port.postMessage({ type: 'open', sessionId, format, body: null, fetchId });
      return;
    }
    if (this.options.transferStreams) {
      try {
        this.port.postMessage({ type: 'open', sessionId, format, body }, [
          body as unknown as Transferable,
        ]);
        return;
      } catch {
        // This browser cannot transfer streams: read here and transfer the chunks instead.
      }
    }
    this.port.postMessage({ type: 'open', sessionId, format, body: null });
    void this.pumpChunks(sessionId, body);
  }

  private async pumpChunks(sessionId: number, body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (!this.sessions.has(sessionId)) {
          await reader.cancel();
          return;
        }
        if (done) break;
        // Transfer requires owning the whole buffer.
        const chunk = ownsWholeBuffer(value) ? value : value.slice();
        this.port.postMessage({ type: 'chunk', sessionId, chunk }, [chunk.buffer as ArrayBuffer]);
      }
      this.port.postMessage({ type: 'end', sessionId });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.port.postMessage({ type: 'fail', sessionId, message });
    }
  }

  private receive(message: ParseWorkerResponse): void {
    switch (message.type) {
      case 'update': {
        const state = this.sessions.get(message.sessionId);
        if (!state || state.settled) return;
        state.latest = shareUnchanged(state.latest, message.summary);
        state.onUpdate?.(state.latest);
        return;
      }
      case 'done': {
        const state = this.sessions.get(message.sessionId);
        const summary = shareUnchanged(state?.latest ?? null, message.summary);
        if (state) {
          state.latest = summary;
          state.onUpdate?.(summary);
        }
        this.settle(message.sessionId, { ok: true, summary });
        return;
      }
      case 'failed': {
        const state = this.sessions.get(message.sessionId);
        if (state && message.summary) state.latest = message.summary;
        this.settle(message.sessionId, {
          ok: false,
          failure: message.failure,
          summary: message.summary,
        });
        return;
      }
      case 'rows': {
        this.calls.get(message.callId)?.resolve(message.result);
        this.calls.delete(message.callId);
        return;
      }
      case 'rowsFailed': {
        this.calls.get(message.callId)?.reject(new Error(message.message));
        this.calls.delete(message.callId);
        return;
      }
      case 'jobDone': {
        this.jobs.get(message.callId)?.resolve(message.result);
        this.jobs.delete(message.callId);
        return;
      }
      case 'jobFailed': {
        this.jobs.get(message.callId)?.reject(new Error(message.message));
        this.jobs.delete(message.callId);
        return;
      }
      case 'keepDone': {
        this.keeps.get(message.callId)?.(message.outcome);
        this.keeps.delete(message.callId);
        return;
      }
      case 'keptList': {
        this.lists.get(message.callId)?.(message.list);
        this.lists.delete(message.callId);
        return;
      }
      case 'fetched': {
        const waiter = this.fetchWaiters.get(message.fetchId);
        this.fetchWaiters.delete(message.fetchId);
        if (waiter) waiter.resolve(this.fetchedResponse(message));
        else this.port.postMessage({ type: 'cancelFetched', fetchId: message.fetchId });
        return;
      }
      case 'fetchFailed': {
        this.fetchWaiters.get(message.fetchId)?.reject(namedError(message.name, message.message));
        this.fetchWaiters.delete(message.fetchId);
        return;
      }
      case 'fetchChunk': {
        this.fetchBodies.get(message.fetchId)?.enqueue(message.chunk);
        return;
      }
      case 'fetchEnd': {
        this.fetchBodies.get(message.fetchId)?.close();
        this.fetchBodies.delete(message.fetchId);
        return;
      }
      case 'fetchError': {
        this.fetchBodies.get(message.fetchId)?.error(namedError(message.name, message.message));
        this.fetchBodies.delete(message.fetchId);
        return;
      }
    }
  }

  private settle(sessionId: number, outcome: SessionOutcome): void {
    const state = this.sessions.get(sessionId);
    if (!state || state.settled) return;
    state.settled = true;
    state.settle(outcome);
  }

  private failAll(message: string): void {
    for (const [sessionId, state] of this.sessions) {
      this.settle(sessionId, {
        ok: false,
        failure: { reason: 'stream', message },
        summary: state.latest,
      });
    }
    for (const call of this.calls.values()) call.reject(new Error(message));
    this.calls.clear();
    for (const job of this.jobs.values()) job.reject(new Error(message));
    this.jobs.clear();
    for (const keep of this.keeps.values()) keep({ status: 'failed', message });
    this.keeps.clear();
    for (const list of this.lists.values()) list({ ok: false, message });
    this.lists.clear();
    for (const waiter of this.fetchWaiters.values()) waiter.reject(new TypeError(message));
    this.fetchWaiters.clear();
    for (const body of this.fetchBodies.values()) body.error(new TypeError(message));
    this.fetchBodies.clear();
  }
}

function abortError(): Error {
  return new DOMException('The request was aborted.', 'AbortError');
}

/** The worker's error as the page's fetch would have raised it (same name, same message). */
function namedError(name: string, message: string): Error {
  if (name === 'TypeError') return new TypeError(message);
  if (name === 'AbortError') return new DOMException(message, 'AbortError');
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * Parses on the calling thread through the same protocol (Node, tests, environments without
 * workers). Messages are delivered asynchronously, as a worker would.
 */
export function createInProcessResultEngine(
  parsers: ResultParsers,
  options?: ParseWorkerCoreOptions,
  /** Send requests through the protocol's worker fetch too (tests of that path). */
  engineOptions: { workerFetch?: boolean } = {},
): ResultEngine {
  const messageListeners: ((event: { data: ParseWorkerResponse }) => void)[] = [];
  const core = new ParseWorkerCore(
    (data) => {
      queueMicrotask(() => {
        for (const listener of messageListeners) listener({ data });
      });
    },
    parsers,
    options,
  );
  const port: EnginePort = {
    postMessage: (message) => queueMicrotask(() => core.handle(message)),
    addEventListener: (type: 'message' | 'error', listener: never) => {
      if (type === 'message') messageListeners.push(listener);
    },
  };
  return new PortResultEngine(port, {
    transferStreams: true,
    workerFetch: engineOptions.workerFetch ?? false,
  });
}
