/**
 * Mutable state of one stand-in: the queries running now (for `.cancel query` / `.show queries`),
 * the test controls set through `/__admin`, and the request log.
 */
import { ExtentCache } from './query-measurement.ts';

export interface RunningQuery {
  clientRequestId: string;
  text: string;
  database: string;
  user: string;
  startedOn: Date;
  /** Set by `.cancel query`; the producer checks it between chunks. */
  cancelReason: string | null;
  /** Primary-result rows written to the response so far. */
  sentRows: number;
  /** Wakes a query waiting in an injected delay. */
  onCancel?: () => void;
}

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  db: string | null;
  csl: string | null;
  clientRequestId: string;
  user: string | null;
  status: number;
}

export interface FailureInjection {
  status: 429 | 503;
  retryAfterSeconds?: number;
  remaining: number;
}

export class StandInControls {
  private readonly running = new Map<string, RunningQuery>();
  private failure: FailureInjection | null = null;
  private delayMs = 0;
  private cutAfterBytes: number | null = null;
  readonly log: RequestLogEntry[] = [];
  /** Extents read since start (or reset): hot in the query statistics. */
  readonly cache = new ExtentCache();

  register(query: RunningQuery): () => void {
    this.running.set(query.clientRequestId, query);
    return () => {
      if (this.running.get(query.clientRequestId) === query)
        this.running.delete(query.clientRequestId);
    };
  }

  runningQueries(): RunningQuery[] {
    return [...this.running.values()];
  }

  /** Marks the running query cancelled; false when no query with that id is running. */
  cancel(clientRequestId: string, reason: string): boolean {
    const query = this.running.get(clientRequestId);
    if (!query) return false;
    query.cancelReason = reason;
    query.onCancel?.();
    return true;
  }

  failNext(injection: Omit<FailureInjection, 'remaining'> & { times?: number }): void {
    this.failure = {
      status: injection.status,
      retryAfterSeconds: injection.retryAfterSeconds,
      remaining: injection.times ?? 1,
    };
  }

  /** The injected failure for this request, if any (consumes one use). */
  takeFailure(): FailureInjection | null {
    if (!this.failure || this.failure.remaining <= 0) return null;
    const current = { ...this.failure };
    this.failure.remaining--;
    if (this.failure.remaining <= 0) this.failure = null;
    return current;
  }

  delayNext(ms: number): void {
    this.delayMs = ms;
  }

  takeDelay(): number {
    const ms = this.delayMs;
    this.delayMs = 0;
    return ms;
  }

  /** The next query response is cut after `bytes` bytes of body (the connection dropped). */
  cutNext(bytes: number): void {
    this.cutAfterBytes = bytes;
  }

  takeCut(): number | null {
    const bytes = this.cutAfterBytes;
    this.cutAfterBytes = null;
    return bytes;
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > 1000) this.log.splice(0, this.log.length - 1000);
  }

  reset(): void {
    this.cache.clear();
    this.failure = null;
    this.delayMs = 0;
    this.cutAfterBytes = null;
    this.log.length = 0;
  }
}
