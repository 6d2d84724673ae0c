import type { DataSetIssue } from '../result-model';
import { kustoErrorCatalog, type CatalogEntry } from './kusto-error-catalog';
import { parseKustoErrorBody, type ParsedKustoError } from './parse-kusto-error-body';
import type { QueryError, RequestContext } from './query-error';

function ids(ctx: RequestContext, parsed?: ParsedKustoError | null) {
  return {
    requestId: ctx.requestId,
    activityId: ctx.activityId ?? parsed?.activityId ?? null,
  };
}

function withEntry(entry: CatalogEntry, cause?: string) {
  return { cause: cause ?? entry.cause, fix: entry.fix };
}

function where(error: { position?: { line: number; column: number } }): string {
  return error.position ? ` at line ${error.position.line}, column ${error.position.column}` : '';
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const FORBIDDEN_TEXT = /Principal '([^']+)' is not authorized to (\w+) database '([^']+)'/i;

export interface HttpFailure {
  status: number;
  bodyText: string;
  /** Response headers (Retry-After, WWW-Authenticate are read). */
  headers?: { get(name: string): string | null };
  now?: number;
}

/** Maps a non-200 Kusto response to a QueryError. */
export function queryErrorFromHttp(failure: HttpFailure, ctx: RequestContext): QueryError {
  const { status, bodyText } = failure;
  const parsed = parseKustoErrorBody(bodyText);
  const message = parsed?.message ?? '';
  const detail = (parsed?.fullMessage || bodyText || `HTTP ${status}`).slice(0, 20_000);
  const code = parsed?.innerCode ?? parsed?.code ?? null;
  const base = { ...ids(ctx, parsed), httpStatus: status, detail, ...(code ? { code } : {}) };
  const database = parsed?.database ?? ctx.database ?? null;

  if (status === 400) {
    const type = parsed?.type ?? '';
    const innerCode = parsed?.innerCode ?? '';
    const text = `${parsed?.fullMessage ?? ''} ${bodyText}`;
    const position = parsed?.position ?? undefined;
    if (/^SYN/i.test(innerCode) || /SyntaxException/.test(type) || /Syntax error/i.test(text)) {
      const error = { position };
      return {
        kind: 'query-syntax',
        title: `Syntax error${where(error)}`,
        ...withEntry(kustoErrorCatalog.syntaxError, message || undefined),
        ...base,
        ...(position ? { position } : {}),
      };
    }
    if (
      /^SEM/i.test(innerCode) ||
      /^KS\d/i.test(innerCode) ||
      /SemanticException/.test(type) ||
      /Semantic error/i.test(text)
    ) {
      const error = { position };
      return {
        kind: 'query-semantic',
        title: `Semantic error${where(error)}`,
        ...withEntry(kustoErrorCatalog.semanticError, message || undefined),
        ...base,
        ...(position ? { position } : {}),
      };
    }
    if (/api_version=v2/i.test(text)) {
      return {
        kind: 'http',
        title: 'Command sent to the query endpoint',
        ...withEntry(kustoErrorCatalog.controlCommandOnV2, message || undefined),
        ...base,
      };
    }
    if (/EntityNotFound/i.test(`${parsed?.code ?? ''} ${type}`) || /was not found/i.test(message)) {
      return {
        kind: 'not-found',
        title: 'Not found',
        ...withEntry(kustoErrorCatalog.notFound, message || undefined),
        ...base,
      };
    }
    return {
      kind: 'http',
      title: 'The cluster rejected the request',
      ...withEntry(kustoErrorCatalog.badRequest, message || undefined),
      ...base,
    };
  }

  if (status === 401) {
    const challenge = failure.headers?.get('www-authenticate') ?? null;
    const why = message || challenge || kustoErrorCatalog.unauthorized.cause;
    return {
      kind: 'auth',
      title: `${ctx.host ?? 'The cluster'} did not accept your sign-in`,
      cause: why,
      fix: kustoErrorCatalog.unauthorized.fix,
      ...base,
      detail: [detail, challenge ? `WWW-Authenticate: ${challenge}` : '']
        .filter(Boolean)
        .join('\n'),
    };
  }

  if (status === 403) {
    const match = FORBIDDEN_TEXT.exec(parsed?.fullMessage ?? bodyText);
    const principal = match?.[1] ?? null;
    const action = match?.[2] ?? 'read';
    const db = match?.[3] ?? database;
    const cause = principal
      ? `${principal} is not allowed to ${action} database '${db ?? '?'}'.`
      : message || kustoErrorCatalog.forbidden.cause;
    return {
      kind: 'forbidden',
      title: db ? `No access to database '${db}'` : 'Access denied',
      cause,
      fix: kustoErrorCatalog.forbidden.fix,
      principal,
      database: db,
      ...base,
    };
  }

  if (status === 404) {
    return {
      kind: 'not-found',
      title: 'Not found',
      ...withEntry(kustoErrorCatalog.notFound, message || undefined),
      ...base,
    };
  }
  if (status === 408 || status === 504) {
    return {
      kind: 'timeout',
      title: 'The query timed out',
      ...withEntry(kustoErrorCatalog.timeout),
      ...base,
    };
  }
  if (status === 413) {
    return {
      kind: 'http',
      title: 'The request is too large',
      ...withEntry(kustoErrorCatalog.payloadTooLarge),
      ...base,
    };
  }
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(
      failure.headers?.get('retry-after'),
      failure.now ?? Date.now(),
    );
    const entry =
      status === 429 ? kustoErrorCatalog.throttled : kustoErrorCatalog.serviceUnavailable;
    return {
      kind: 'throttled',
      title: status === 429 ? 'The cluster is throttling requests' : 'The cluster is unavailable',
      cause: entry.cause,
      fix:
        retryAfterMs !== null
          ? `${entry.fix} The cluster asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`
          : entry.fix,
      retryAfterMs,
      ...base,
    };
  }
  if (status >= 500) {
    return {
      kind: 'http',
      title: `The cluster failed (HTTP ${status})`,
      ...withEntry(kustoErrorCatalog.serverError, message || undefined),
      ...base,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'http',
      title: `Unexpected redirect (HTTP ${status})`,
      cause:
        'The cluster URL answered with a redirect; Quarry does not follow redirects with a token.',
      fix: 'Use the cluster’s final URL (check for a typo or a proxy in front of it).',
      ...base,
    };
  }
  return {
    kind: 'http',
    title: `Unexpected answer (HTTP ${status})`,
    ...withEntry(kustoErrorCatalog.badRequest, message || undefined),
    ...base,
  };
}

/** A problem reported inside a 200 response (partial failure, truncation, warning). */
export function queryErrorFromIssue(issue: DataSetIssue, ctx: RequestContext): QueryError {
  const text = `${issue.code ?? ''} ${issue.message}`;
  const base = {
    requestId: ctx.requestId,
    activityId: issue.activityId ?? ctx.activityId ?? null,
    detail: issue.message,
    ...(issue.code ? { code: issue.code } : {}),
  };
  if (/LimitsExceeded|E_QUERY_RESULT_SET_TOO_LARGE|80DA0003/.test(text)) {
    return {
      kind: 'truncated',
      title: 'Results truncated',
      ...withEntry(kustoErrorCatalog.resultTruncated),
      ...base,
    };
  }
  if (
    /QueryCancelled|KustoRequestCanceledException/.test(
      `${text} ${JSON.stringify(issue.raw) ?? ''}`,
    )
  ) {
    return {
      kind: 'cancelled',
      title: 'Query cancelled',
      ...withEntry(kustoErrorCatalog.cancelled, issue.message),
      ...base,
    };
  }
  if (/E_RUNAWAY_QUERY/.test(text)) {
    return {
      kind: 'partial',
      title: 'Query hit a memory limit',
      ...withEntry(kustoErrorCatalog.runawayQuery),
      ...base,
    };
  }
  if (/E_LOW_MEMORY_CONDITION|80DA0007/.test(text)) {
    return {
      kind: 'partial',
      title: 'The cluster ran low on memory',
      ...withEntry(kustoErrorCatalog.lowMemory),
      ...base,
    };
  }
  if (issue.severity === 'warning') {
    return {
      kind: 'partial',
      title: 'Warning from the cluster',
      cause: issue.message,
      fix: 'The results are complete; check the warning if they look unexpected.',
      ...base,
    };
  }
  return {
    kind: 'partial',
    title: 'Part of the query failed',
    ...withEntry(kustoErrorCatalog.partialFailure, issue.message),
    ...base,
  };
}

/** fetch() rejected without an HTTP answer (DNS, refused, TLS, CORS). */
export function networkError(host: string, cause: unknown, ctx: RequestContext): QueryError {
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return {
    kind: 'network',
    title: `Could not reach ${host}`,
    cause: kustoErrorCatalog.network.cause,
    fix: `${kustoErrorCatalog.network.fix} Open https://${host} in a tab to tell a network problem from a CORS refusal.`,
    host,
    requestId: ctx.requestId,
    activityId: ctx.activityId ?? null,
    detail: reason,
  };
}

/** The connection dropped after the response started. */
export function interruptedError(host: string, cause: unknown, ctx: RequestContext): QueryError {
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return {
    kind: 'network',
    title: `The connection to ${host} dropped while results were arriving`,
    cause: 'The response stopped before its end; the rows shown are only part of the result.',
    fix: 'Run the query again; if it keeps happening, narrow the query so the result is smaller.',
    host,
    requestId: ctx.requestId,
    activityId: ctx.activityId ?? null,
    detail: reason,
  };
}

export function cancelledError(ctx: RequestContext, detail = 'Cancelled by the user.'): QueryError {
  return {
    kind: 'cancelled',
    title: 'Query cancelled',
    ...withEntry(kustoErrorCatalog.cancelled),
    requestId: ctx.requestId,
    activityId: ctx.activityId ?? null,
    detail,
  };
}

/** The host of a service URL, for messages; null when it is not a URL. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export function untrustedHostError(url: string, reason: string, ctx: RequestContext): QueryError {
  const host = hostOf(url);
  return {
    kind: 'untrusted-host',
    title: host
      ? `No token was sent to ${host}`
      : 'No token was sent: the cluster URL is not valid',
    cause: reason,
    fix: kustoErrorCatalog.untrustedHost.fix,
    host,
    requestId: ctx.requestId,
    activityId: null,
    detail: `Target: ${url}\n${reason}`,
  };
}

/** A 200 whose body is not a Kusto result, or ended early. */
export function badResponseError(
  message: string,
  sample: string | null,
  ctx: RequestContext,
): QueryError {
  return {
    kind: 'bad-response',
    title: 'The response could not be read',
    cause: message,
    fix: kustoErrorCatalog.badResponse.fix,
    requestId: ctx.requestId,
    activityId: ctx.activityId ?? null,
    detail: sample ?? message,
  };
}
