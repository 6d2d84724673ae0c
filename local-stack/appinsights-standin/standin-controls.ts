/** Test controls set through `/__admin` (injected failures) and the request log. */

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  appId: string | null;
  query: string | null;
  caller: string | null;
  requestId: string;
  status: number;
}

export interface FailureInjection {
  status: 429 | 500 | 503;
  retryAfterSeconds?: number;
  remaining: number;
}

export class StandInControls {
  private failure: FailureInjection | null = null;
  readonly log: RequestLogEntry[] = [];

  /** The next `times` query-API requests (query, metadata) fail with `status`. */
  failNext(injection: {
    status: 429 | 500 | 503;
    retryAfterSeconds?: number;
    times?: number;
  }): void {
    this.failure = {
      status: injection.status,
      retryAfterSeconds: injection.retryAfterSeconds,
      remaining: injection.times ?? 1,
    };
  }

  /** The injected failure for this request, if any (consumes one use). */
  takeFailure(): FailureInjection | null {
    if (!this.failure) return null;
    const current = { ...this.failure };
    this.failure.remaining--;
    if (this.failure.remaining <= 0) this.failure = null;
    return current;
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > 1000) this.log.splice(0, this.log.length - 1000);
  }

  reset(): void {
    this.failure = null;
    this.log.length = 0;
  }
}
