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

/**
 * The page's side of result parsing. Design: the page keeps fetch, headers and the token; it
 * transfers the response body's ReadableStream to the worker (zero-copy, supported in Chromium;
 * where a stream cannot be transferred the page reads it and transfers each chunk's buffer). The
 * worker owns the parsed tables; the page gets summaries and asks for row blocks, so a 500,000-row
 * result never crosses to the page at once.
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

  constructor(
    private readonly port: EnginePort,
    private readonly options: { transferStreams: boolean } = { transferStreams: true },
  ) {
    port.addEventListener('message', (event) => this.receive(event.data));
    port.addEventListener('error', (event) =>
      this.failAll(event.message ?? 'The result parser stopped.'),
    );
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
        const chunk =
          value.byteOffset === 0 && value.byteLength === value.buffer.byteLength
            ? value
            : value.slice();
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
  }
}

/**
 * Parses on the calling thread through the same protocol (Node, tests, environments without
 * workers). Messages are delivered asynchronously, as a worker would.
 */
export function createInProcessResultEngine(
  parsers: ResultParsers,
  options?: ParseWorkerCoreOptions,
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
  return new PortResultEngine(port, { transferStreams: true });
}
