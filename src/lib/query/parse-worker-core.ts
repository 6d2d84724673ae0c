import { TABLE_HEAD_ROWS } from '../result-model';
import { ResponseFormatError } from './response-format-error';
import type {
  ParseWorkerRequest,
  ParseWorkerResponse,
  SessionFailure,
} from './parse-worker-protocol';
import { QueryResultSession } from './query-result-session';
import type { ResultParser, ResultParserOptions, ResultParsers } from './result-parser';
import { runWorkerJob } from './worker-jobs';
import { ResultStore } from './result-store';
import { WorkerFetches } from './worker-fetches';
import type { DataSet } from '../result-model';
import { readBody, type BodyReader } from './body-reader';
import { releaseChunk } from './release-chunk';

export interface ParseWorkerCoreOptions {
  /**
   * At most one summary update per this many ms while rows stream in (structural changes go at
   * once). Each update re-renders the result view on the page's main thread, so 250 ms: four a
   * second keeps the row count lively without crowding the page.
   */
  updateIntervalMs?: number;
  now?: () => number;
  parser?: ResultParserOptions;
  /** Where a workspace's results are kept (tests pass small caps). */
  resultStore?: (workspace: string) => ResultStore;
  /** Sends the requests the page hands over (`fetch` messages); the global fetch by default. */
  fetch?: typeof fetch;
  /**
   * Longest the worker parses a body before it lets queued page requests (the grid's row blocks)
   * run. A body that arrives faster than it parses resolves each read at once (a microtask), so
   * without a yield the grid's first block waited until the download ended or paused. 8 ms.
   */
  yieldEveryMs?: number;
  /** Resolves in a fresh task, after messages already queued (a MessageChannel hop by default). */
  yieldToQueued?: () => Promise<void>;
}

/** A parser that has nothing to read: the session starts from a kept data set. */
function restoredParser(dataSet: DataSet): ResultParser {
  return {
    dataSet,
    feed: () => {
      throw new Error('A restored result takes no body.');
    },
    flush: () => undefined,
    end: () => dataSet,
  };
}

interface LiveSession {
  session: QueryResultSession;
  reader: BodyReader | null;
  /** The worker's own fetch whose body this session parses, if any. */
  fetchId: number | null;
  lastPost: number;
  lastShape: string;
  lastRows: number;
  finished: boolean;
}

/** Most bytes parsed between two checks for a yield (see yieldEveryMs). */
const FEED_SLICE_BYTES = 64 * 1024;

function rowTotal(live: LiveSession): number {
  return live.session.dataSet?.tables.reduce((n, t) => n + t.rowCount, 0) ?? 0;
}

/**
 * The parse worker's logic, without worker globals: owns the sessions (parsed tables), reads
 * response bodies, posts summaries, answers row-block requests.
 */
export class ParseWorkerCore {
  private readonly sessions = new Map<number, LiveSession>();
  private readonly updateIntervalMs: number;
  private readonly now: () => number;
  private readonly stores = new Map<string, ResultStore>();
  private readonly fetches: WorkerFetches;
  private readonly yieldEveryMs: number;
  private readonly yieldToQueued: () => Promise<void>;

  constructor(
    private readonly post: (message: ParseWorkerResponse, transfer?: Transferable[]) => void,
    /** The sources' parsers by format name. */
    private readonly parsers: ResultParsers,
    private readonly options: ParseWorkerCoreOptions = {},
  ) {
    this.updateIntervalMs = options.updateIntervalMs ?? 250;
    this.now = options.now ?? (() => Date.now());
    this.yieldEveryMs = options.yieldEveryMs ?? 8;
    this.yieldToQueued = options.yieldToQueued ?? taskYield();
    const fetchImpl =
      options.fetch ??
      ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    this.fetches = new WorkerFetches(post, fetchImpl);
  }

  private store(workspace: string): ResultStore {
    let store = this.stores.get(workspace);
    if (!store) {
      store = this.options.resultStore?.(workspace) ?? new ResultStore(workspace);
      this.stores.set(workspace, store);
    }
    return store;
  }

  handle(message: ParseWorkerRequest): void {
    switch (message.type) {
      case 'keep': {
        const live = this.sessions.get(message.sessionId);
        const dataSet = live?.finished ? live.session.dataSet : null;
        if (!dataSet) {
          this.post({
            type: 'keepDone',
            callId: message.callId,
            outcome: { status: 'failed', message: 'The result is no longer held (it was closed).' },
          });
          return;
        }
        void this.store(message.workspace)
          .keep(message.info, dataSet)
          .then((outcome) => this.post({ type: 'keepDone', callId: message.callId, outcome }));
        return;
      }
      case 'listKept': {
        void this.store(message.workspace)
          .list(message.tabId)
          .then((list) => this.post({ type: 'keptList', callId: message.callId, list }));
        return;
      }
      case 'restore': {
        const live: LiveSession = {
          session: new QueryResultSession(restoredParser(emptyDataSet())),
          reader: null,
          fetchId: null,
          lastPost: this.now(),
          lastShape: '',
          lastRows: 0,
          finished: false,
        };
        this.sessions.set(message.sessionId, live);
        void this.store(message.workspace)
          .restore(message.id)
          .then((restored) => {
            if (live.finished) return; // disposed meanwhile
            live.finished = true;
            if (!restored.ok) {
              this.sessions.delete(message.sessionId);
              this.post({
                type: 'failed',
                sessionId: message.sessionId,
                failure: { reason: 'stream', message: restored.message },
                summary: null,
              });
              return;
            }
            live.session = new QueryResultSession(restoredParser(restored.dataSet));
            const summary = live.session.summary();
            if (summary) this.post({ type: 'done', sessionId: message.sessionId, summary });
          });
        return;
      }
      case 'open': {
        const createParser = this.parsers[message.format];
        if (!createParser) {
          message.body?.cancel().catch(() => undefined);
          if (message.fetchId !== undefined) this.fetches.cancel(message.fetchId);
          this.post({
            type: 'failed',
            sessionId: message.sessionId,
            failure: {
              reason: 'format',
              message: `No parser is registered for the response format "${message.format}".`,
              sample: null,
            },
            summary: null,
          });
          return;
        }
        const live: LiveSession = {
          session: new QueryResultSession(createParser(this.options.parser ?? {})),
          reader: null,
          fetchId: null,
          lastPost: this.now(),
          lastShape: '',
          lastRows: 0,
          finished: false,
        };
        this.sessions.set(message.sessionId, live);
        if (message.fetchId !== undefined) {
          live.fetchId = message.fetchId;
          const body = this.fetches.take(message.fetchId);
          if (body) void this.pump(message.sessionId, live, body);
          else
            this.fail(message.sessionId, live, {
              reason: 'stream',
              message: 'The response body is gone.',
            });
        } else if (message.body) void this.pump(message.sessionId, live, message.body);
        return;
      }
      case 'fetch':
        this.fetches.start(message.fetchId, message.request);
        return;
      case 'abortFetch':
        this.fetches.abort(message.fetchId);
        return;
      case 'readFetched':
        void this.fetches.read(message.fetchId);
        return;
      case 'cancelFetched':
        this.fetches.cancel(message.fetchId);
        return;
      case 'chunk': {
        const live = this.sessions.get(message.sessionId);
        if (live && !live.finished) this.feed(message.sessionId, live, message.chunk);
        releaseChunk(message.chunk);
        return;
      }
      case 'end': {
        const live = this.sessions.get(message.sessionId);
        if (live && !live.finished) this.finish(message.sessionId, live);
        return;
      }
      case 'fail': {
        const live = this.sessions.get(message.sessionId);
        if (live && !live.finished)
          this.fail(message.sessionId, live, { reason: 'stream', message: message.message });
        return;
      }
      case 'getRows': {
        const live = this.sessions.get(message.sessionId);
        try {
          if (!live) throw new Error('This result is no longer available (it was closed).');
          this.post({
            type: 'rows',
            callId: message.callId,
            result: live.session.getRows(message.request),
          });
        } catch (error) {
          this.post({ type: 'rowsFailed', callId: message.callId, message: String(error) });
        }
        return;
      }
      case 'job': {
        const live = this.sessions.get(message.sessionId);
        const failed = (error: unknown) =>
          this.post({ type: 'jobFailed', callId: message.callId, message: describe(error) });
        try {
          if (!live) throw new Error('This result is no longer available (it was closed).');
          const result = runWorkerJob(live.session, message.job);
          if (result instanceof Promise)
            result.then(
              (done) => this.post({ type: 'jobDone', callId: message.callId, result: done }),
              failed,
            );
          else this.post({ type: 'jobDone', callId: message.callId, result });
        } catch (error) {
          failed(error);
        }
        return;
      }
      case 'dispose': {
        const live = this.sessions.get(message.sessionId);
        this.sessions.delete(message.sessionId);
        live?.reader?.cancel().catch(() => undefined);
        if (live?.fetchId != null) this.fetches.forget(live.fetchId);
        if (live) live.finished = true;
        return;
      }
    }
  }

  private async pump(
    sessionId: number,
    live: LiveSession,
    body: ReadableStream<Uint8Array>,
  ): Promise<void> {
    let reader: BodyReader;
    try {
      reader = readBody(body);
    } catch (error) {
      this.fail(sessionId, live, { reason: 'stream', message: String(error) });
      return;
    }
    live.reader = reader;
    let busySince = this.now();
    // Lets queued page requests in once the worker has parsed for yieldEveryMs; false: disposed.
    const breathe = async (): Promise<boolean> => {
      if (this.now() - busySince < this.yieldEveryMs) return true;
      await this.yieldToQueued();
      busySince = this.now();
      return !live.finished;
    };
    for (;;) {
      if (!(await breathe())) return;
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        if (!live.finished)
          this.fail(sessionId, live, { reason: 'stream', message: describe(error) });
        return;
      }
      if (live.finished) return; // disposed meanwhile
      if (result.done) {
        this.finish(sessionId, live);
        return;
      }
      // A read can hold megabytes (a fast network): parsed in slices, with a yield between.
      const chunk = result.value;
      for (let at = 0; at < chunk.length; at += FEED_SLICE_BYTES) {
        if (at > 0 && !(await breathe())) return;
        if (!this.feed(sessionId, live, chunk.subarray(at, at + FEED_SLICE_BYTES))) {
          reader.cancel().catch(() => undefined);
          return;
        }
      }
      // The parser copied what it still needs: the chunk's memory is reused or freed.
      reader.recycle(chunk);
    }
  }

  /** Returns false when the body turned out not to be a result (the session failed). */
  private feed(sessionId: number, live: LiveSession, chunk: Uint8Array): boolean {
    try {
      live.session.feed(chunk);
    } catch (error) {
      this.fail(sessionId, live, formatFailure(error));
      return false;
    }
    const now = this.now();
    const due = now - live.lastPost >= this.updateIntervalMs;
    // Slow streams: rows waiting for a full batch are parsed now rather than after a megabyte.
    if (due && rowTotal(live) === live.lastRows) live.session.flush();
    // This runs after every slice: the shape comes from the data set, and the summary (with the
    // result tables' heads) is built only when an update goes out.
    const dataSet = live.session.dataSet;
    if (!dataSet) return true;
    const shape = shapeOf(dataSet);
    if (shape === live.lastShape && !due) return true;
    const summary = live.session.summary();
    if (!summary) return true;
    live.lastShape = shape;
    live.lastPost = now;
    live.lastRows = rowTotal(live);
    this.post({ type: 'update', sessionId, summary });
    return true;
  }

  private finish(sessionId: number, live: LiveSession): void {
    try {
      live.session.end();
    } catch (error) {
      this.fail(sessionId, live, formatFailure(error));
      return;
    }
    live.finished = true;
    if (live.fetchId !== null) this.fetches.forget(live.fetchId);
    const summary = live.session.summary();
    if (summary) this.post({ type: 'done', sessionId, summary });
    else
      this.fail(sessionId, live, {
        reason: 'format',
        message: 'The response had no result.',
        sample: null,
      });
  }

  private fail(sessionId: number, live: LiveSession, failure: SessionFailure): void {
    live.finished = true;
    if (live.fetchId !== null) this.fetches.forget(live.fetchId);
    this.post({ type: 'failed', sessionId, failure, summary: live.session.summary() });
  }
}

/**
 * A yield that resolves in a new task behind the messages already queued. A MessageChannel, not
 * setTimeout: nested timers are clamped to 4 ms, which would slow a parse that yields often.
 */
function taskYield(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined')
    return () => new Promise((resolve) => setTimeout(resolve, 0));
  let channel: MessageChannel | null = null;
  const waiting: (() => void)[] = [];
  return () =>
    new Promise<void>((resolve) => {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => waiting.shift()?.();
        // Node (tests, in-process engine): an open port must not keep the process alive.
        (channel.port1 as MessagePort & { unref?: () => void }).unref?.();
      }
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

function emptyDataSet(): DataSet {
  return {
    source: 'kusto-v2',
    tables: [],
    visualizations: {},
    extendedProperties: [],
    stats: null,
    issues: [],
    header: null,
    completion: null,
    complete: false,
  };
}

/** Changes worth an immediate update: tables, completion, issues. */
function shapeOf(dataSet: DataSet): string {
  return [
    // A table's first rows and its full head post at once (the grid's first screen draws them).
    dataSet.tables.map((t) => `${t.id}:${t.complete ? 1 : 0}:${headShape(t.rowCount)}`).join(','),
    dataSet.issues.length,
    dataSet.completion ? 1 : 0,
  ].join('|');
}

function headShape(rowCount: number): number {
  if (rowCount >= TABLE_HEAD_ROWS) return 2;
  return rowCount > 0 ? 1 : 0;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function formatFailure(error: unknown): SessionFailure {
  if (error instanceof ResponseFormatError) {
    return { reason: 'format', message: error.message, sample: error.sample, body: error.body };
  }
  return { reason: 'format', message: describe(error), sample: null };
}
