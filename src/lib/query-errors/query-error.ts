/**
 * What went wrong with a query, in the words the UI shows: `title` (what happened), `cause`
 * (why), `fix` (what to do). One union for every source (Kusto, App Insights, the client itself),
 * discriminated by `kind`.
 */

/** 1-based line and column in the query text (Kusto's own `position` is 0-based; converted). */
export interface QueryPosition {
  line: number;
  column: number;
}

interface QueryErrorBase {
  title: string;
  cause: string;
  fix: string;
  /** `x-ms-client-request-id` we sent (what support asks for, and what `.cancel query` takes). */
  requestId: string | null;
  /** `x-ms-activity-id` the service answered with, when known. */
  activityId: string | null;
  httpStatus?: number;
  /** Service error code: `SEM0100`, `SYN0002`, `LimitsExceeded`, `E_RUNAWAY_QUERY`, … */
  code?: string;
  position?: QueryPosition;
  /** The raw text behind the error (service message, response excerpt) for a details view. */
  detail: string;
}

export type QueryError =
  | (QueryErrorBase & { kind: 'auth' })
  /**
   * No token could be had (not signed in, interaction blocked, identity provider unreachable, the
   * embedding host did not answer): nothing was sent. `signInError` is what the token broker threw,
   * for the sign-in panel.
   */
  | (QueryErrorBase & { kind: 'sign-in'; signInError: unknown })
  | (QueryErrorBase & { kind: 'forbidden'; principal: string | null; database: string | null })
  | (QueryErrorBase & { kind: 'network'; host: string })
  | (QueryErrorBase & { kind: 'http' })
  | (QueryErrorBase & { kind: 'not-found' })
  | (QueryErrorBase & { kind: 'query-syntax' })
  | (QueryErrorBase & { kind: 'query-semantic' })
  | (QueryErrorBase & { kind: 'partial' })
  | (QueryErrorBase & { kind: 'truncated' })
  | (QueryErrorBase & { kind: 'cancelled' })
  | (QueryErrorBase & { kind: 'throttled'; retryAfterMs: number | null })
  | (QueryErrorBase & { kind: 'timeout' })
  | (QueryErrorBase & { kind: 'untrusted-host'; host: string | null })
  | (QueryErrorBase & { kind: 'bad-response' });

export type QueryErrorKind = QueryError['kind'];

/** Identifiers every error about one request carries. */
export interface RequestContext {
  requestId: string | null;
  activityId?: string | null;
  /** Host of the cluster or API, for messages. */
  host?: string | null;
  database?: string | null;
}

/** Errors that leave the rows received so far valid (show them with a banner). */
export function isPartialResultError(error: QueryError): boolean {
  return error.kind === 'partial' || error.kind === 'truncated';
}

/** Thrown by the plain async fetchers (schema, databases) so react-query sees a rejection. */
export class QueryFailure extends Error {
  constructor(readonly error: QueryError) {
    super(`${error.title}: ${error.cause}`);
    this.name = 'QueryFailure';
  }
}

export function isQueryFailure(value: unknown): value is QueryFailure {
  return value instanceof QueryFailure;
}
