import {
  networkError,
  parseRetryAfter,
  type HttpFailure,
  type QueryError,
  type QueryPosition,
  type RequestContext,
} from '../query-errors';
import { jsonObject, nonBlankString } from '../json/json-fields';

/**
 * Error answers of a Prometheus query endpoint, read the way the Prometheus HTTP API documents
 * them (`{"status":"error","errorType":"bad_data","error":"…"}`: 400 bad_data, 422 execution,
 * 503 timeout/canceled/unavailable) and the way an Azure Monitor workspace or the Entra auth
 * proxy in front of one answers 401/403 (`{"error":{"code","message"}}` or plain text).
 */

/** How a Prometheus connection authenticates: the user's Entra token, or an auth proxy's own. */
export type PrometheusAuth = 'entra' | 'proxy';

/** The Azure role that lets a principal query an Azure Monitor workspace. */
export const PROMETHEUS_READER_ROLE = 'Monitoring Data Reader';

export interface ParsedPrometheusError {
  /** Prometheus `errorType` (`bad_data`, `execution`, `timeout`…) or the workspace's error code. */
  errorType: string | null;
  message: string;
  /** Request/correlation id the body names, if any. */
  requestId: string | null;
}

/** Reads an error body in any of the shapes above; null for an empty or non-JSON body. */
export function parsePrometheusErrorBody(text: string): ParsedPrometheusError | null {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  const record = jsonObject(body);
  if (!record) return null;
  if (record.status === 'error' || nonBlankString(record.errorType)) {
    return {
      errorType: nonBlankString(record.errorType),
      message: nonBlankString(record.error) ?? '',
      requestId: null,
    };
  }
  const error = jsonObject(record.error);
  if (error) {
    return {
      errorType: nonBlankString(error.code),
      message: nonBlankString(error.message) ?? '',
      requestId: nonBlankString(error.correlationId) ?? nonBlankString(error.requestId) ?? null,
    };
  }
  const message = nonBlankString(record.message) ?? nonBlankString(record.error);
  return message ? { errorType: nonBlankString(record.code), message, requestId: null } : null;
}

/**
 * The first position in a PromQL parse error (`1:22: parse error: …`; Prometheus counts the
 * column from 1), or null.
 */
export function parseErrorPosition(message: string): QueryPosition | null {
  const match = /(\d+):(\d+): parse error/.exec(message);
  if (!match) return null;
  const line = Number(match[1]);
  const column = Number(match[2]);
  return line >= 1 && column >= 1 ? { line, column } : null;
}

/** The message without the API's `invalid parameter "query": ` preamble. */
function plainMessage(message: string): string {
  return message.replace(/^invalid parameter "query": /, '');
}

export interface PrometheusErrorContext extends RequestContext {
  auth: PrometheusAuth;
}

/** Who must be given the role, in words. */
function whoNeedsTheRole(auth: PrometheusAuth): string {
  return auth === 'proxy'
    ? "the auth proxy's identity (its AAD_CLIENT_ID, or its managed identity)"
    : 'your account';
}

/** Maps a non-200 answer of a Prometheus query endpoint (or of the auth proxy) to a QueryError. */
export function queryErrorFromPrometheusHttp(
  failure: HttpFailure,
  ctx: PrometheusErrorContext,
): QueryError {
  const { status, bodyText } = failure;
  const parsed = parsePrometheusErrorBody(bodyText);
  const message = plainMessage(parsed?.message ?? '');
  const errorType = parsed?.errorType ?? null;
  const proxy = ctx.auth === 'proxy';
  const where = ctx.host ?? (proxy ? 'the auth proxy' : 'the workspace');
  const base = {
    requestId: ctx.requestId,
    activityId: parsed?.requestId ?? ctx.activityId ?? null,
    httpStatus: status,
    detail: (bodyText || `HTTP ${status}`).slice(0, 20_000),
    ...(errorType ? { code: errorType } : {}),
  };

  if (errorType === 'bad_data' || (status === 400 && !errorType)) {
    const position = parseErrorPosition(message);
    if (position) {
      return {
        kind: 'query-syntax',
        title: `PromQL syntax error at line ${position.line}, column ${position.column}`,
        cause: message,
        fix: 'Fix the query at the marked position (the editor underlines what it cannot parse).',
        position,
        ...base,
      };
    }
    return {
      kind: 'query-semantic',
      title: 'Prometheus rejected the query (bad_data)',
      cause: message || 'A parameter of the request is invalid.',
      fix: 'Check the query, the time range and the step: a range query may return at most 11,000 points per series, so a long range needs a larger step.',
      ...base,
    };
  }
  if (errorType === 'execution') {
    return {
      kind: 'query-semantic',
      title: 'The query failed while it ran (execution)',
      cause: message || 'Prometheus could not evaluate the expression.',
      fix: 'Check the types the functions expect (e.g. rate() takes a range vector such as metric[5m]), and that binary operations match one series on each side (use on()/ignoring() and group_left/group_right).',
      ...base,
    };
  }
  if (errorType === 'timeout' || errorType === 'canceled' || status === 504) {
    return {
      kind: 'timeout',
      title:
        errorType === 'canceled' ? 'The query was cancelled by the server' : 'The query timed out',
      cause: message || 'The query ran longer than the server allows.',
      fix: 'Narrow the time range, raise the step, or select fewer series (add label matchers, aggregate with sum by (…)).',
      ...base,
    };
  }

  if (status === 401) {
    const challenge = failure.headers?.get('www-authenticate') ?? null;
    return {
      kind: 'auth',
      title: proxy
        ? `${where} could not authenticate to the workspace`
        : `${where} did not accept your sign-in`,
      cause: proxy
        ? `${message || 'The workspace refused the proxy’s token.'} The proxy sends its own token; Quarry sends none through it.`
        : message || 'The token was missing, expired, or issued for another resource.',
      fix: proxy
        ? 'Check the proxy’s AUDIENCE (https://prometheus.monitor.azure.com/.default) and its identity settings, then restart it.'
        : 'Sign in again. The token must be issued for https://prometheus.monitor.azure.com.',
      ...base,
      detail: [base.detail, challenge ? `WWW-Authenticate: ${challenge}` : '']
        .filter(Boolean)
        .join('\n'),
    };
  }
  if (status === 403 && errorType === 'InvalidAuthenticationTokenAudience') {
    return {
      kind: 'auth',
      title: `${where} refused the token: it was issued for another resource`,
      cause: message || 'The token’s audience is not the workspace’s resource.',
      fix: proxy
        ? 'Set the proxy’s AUDIENCE to https://prometheus.monitor.azure.com/.default and restart it.'
        : 'The connection’s resource must be https://prometheus.monitor.azure.com (config.json "resource"); sign in again after fixing it.',
      ...base,
    };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      title: `No access to this Azure Monitor workspace (${PROMETHEUS_READER_ROLE} missing)`,
      cause: `${message || 'Access was denied.'} Querying a workspace needs the ${PROMETHEUS_READER_ROLE} role for ${whoNeedsTheRole(ctx.auth)}; role assignments can take several minutes to apply.`,
      fix: `Ask an owner of the Azure Monitor workspace to assign ${PROMETHEUS_READER_ROLE} (Access control (IAM) → Add role assignment) to ${whoNeedsTheRole(ctx.auth)}, then run the query again.`,
      principal: null,
      database: ctx.database ?? null,
      ...base,
    };
  }
  if (status === 404) {
    return {
      kind: 'not-found',
      title: 'No Prometheus API at this address',
      cause: message || `${where} answered 404 for the Prometheus API path.`,
      fix: proxy
        ? 'Check the proxy URL (it must forward /api/v1/… to the workspace: its TARGET_HOST is the workspace’s query endpoint).'
        : 'Use the workspace’s Query endpoint from its Overview blade (https://<workspace>.<region>.prometheus.monitor.azure.com), without a path.',
      ...base,
    };
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(
      failure.headers?.get('retry-after'),
      failure.now ?? Date.now(),
    );
    return {
      kind: 'throttled',
      title: 'The workspace is throttling queries',
      cause: message || 'Too many queries in a short time.',
      fix: `Wait${retryAfterMs !== null ? ` ${Math.ceil(retryAfterMs / 1000)} s` : ' a moment'} and run the query again.`,
      retryAfterMs,
      ...base,
    };
  }
  if (status === 503 && (errorType === 'ServiceUnavailable' || errorType === 'unavailable')) {
    return workspaceUnavailable(message, ctx, base);
  }
  if (proxy && (status === 502 || status === 503)) {
    return proxyNotServing(status, message, ctx, base);
  }
  return {
    kind: 'http',
    title:
      status >= 500 ? `${where} failed (HTTP ${status})` : `Unexpected answer (HTTP ${status})`,
    cause: message || `HTTP ${status}`,
    fix:
      status >= 500
        ? 'Run the query again in a moment; if it keeps failing, check the service’s health.'
        : 'Check the endpoint URL and the query.',
    ...base,
  };
}

/**
 * The workspace itself (its `{"error":{"code":"ServiceUnavailable"}}`, or Prometheus's own
 * `unavailable`) says it cannot serve queries now: through a proxy this is passed on, so it is not
 * the proxy's fault. Its message says why (the local stack's names the command that installs
 * Prometheus), so it is the cause; the fix says to act on it.
 */
function workspaceUnavailable(
  message: string,
  ctx: PrometheusErrorContext,
  base: Pick<QueryError, 'requestId' | 'activityId' | 'httpStatus' | 'detail' | 'code'>,
): QueryError {
  const where =
    ctx.auth === 'proxy'
      ? `The Azure Monitor workspace behind the auth proxy at ${ctx.host ?? 'its address'}`
      : `The Azure Monitor workspace at ${ctx.host ?? 'this address'}`;
  return {
    kind: 'http',
    title: `${where} cannot answer queries right now (HTTP 503)`,
    cause: message || 'The workspace answered 503 Service Unavailable without saying why.',
    fix: 'Nothing is wrong with the query. If the message above names a step (a local stack without Prometheus names the command that installs it; start the stack again after), take it; otherwise run the query again in a few minutes, and check the workspace’s Resource health in the Azure portal if it persists.',
    ...base,
  };
}

/** The proxy answered, but could not forward: it has no token yet, or cannot reach the workspace. */
function proxyNotServing(
  status: number,
  message: string,
  ctx: PrometheusErrorContext,
  base: Pick<QueryError, 'requestId' | 'activityId' | 'httpStatus' | 'detail' | 'code'>,
): QueryError {
  return {
    kind: 'http',
    title: `The auth proxy at ${ctx.host ?? 'its address'} is not ready (HTTP ${status})`,
    cause: `${message ? `${message} ` : ''}The proxy is running but could not forward the query: it may have no token yet (its identity could not sign in) or cannot reach the workspace.`,
    fix: 'Check the proxy’s /ready endpoint and its log (it logs its configuration and the identity provider’s error at start), fix its identity settings or TARGET_HOST, then run the query again.',
    ...base,
  };
}

/** The auth proxy did not answer at all: it is down, or at another address. */
export function proxyDownError(host: string, cause: unknown, ctx: RequestContext): QueryError {
  const network = networkError(host, cause, ctx);
  return {
    ...network,
    title: `The auth proxy at ${host} is not running`,
    cause:
      'Nothing answered at the proxy’s address: the proxy is down, still starting, or listening on another port. Quarry sends Prometheus queries for this connection only through the proxy.',
    fix: `Start the proxy (its LISTENING_PORT must match ${host}), check http://${host}/health, then run the query again.`,
  };
}

/** A not-ready answer of the proxy's /ready probe, after a query through it failed. */
export function proxyNotReadyError(
  host: string,
  readyStatus: number,
  readyBody: string,
  ctx: RequestContext,
  original: QueryError,
): QueryError {
  return {
    kind: 'http',
    title: `The auth proxy at ${host} is not ready`,
    cause: `Its /ready endpoint answered HTTP ${readyStatus}${readyBody ? ` (${readyBody.slice(0, 200)})` : ''}: it has no token for the workspace yet, so it cannot forward queries.`,
    fix: 'Check the proxy’s log for the identity provider’s error (client id, tenant, certificate or secret), fix its configuration and restart it.',
    requestId: ctx.requestId,
    activityId: original.activityId,
    ...(original.httpStatus !== undefined ? { httpStatus: original.httpStatus } : {}),
    detail: `${original.title}: ${original.cause}\n${original.detail}`,
  };
}
