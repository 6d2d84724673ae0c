import { parseRetryAfter, type HttpFailure } from './classify-kusto-error';
import { kustoErrorCatalog } from './kusto-error-catalog';
import type { QueryError, QueryPosition, RequestContext } from './query-error';
import { jsonObject, nonBlankString } from '../json/json-fields';

/**
 * Non-200 answers of the Application Insights / Log Analytics query API (protocols.md §3.3, §6):
 * `{error: {code, message, correlationId, innererror: {code, message, innererror: {…}}}}`.
 */

type Json = Record<string, unknown>;

export interface ParsedAppInsightsError {
  /** Outer code: `BadArgumentError`, `InsufficientAccessError`, `PathNotFoundError`… */
  code: string | null;
  /** Codes of the nested innererrors, outermost first (`SyntaxError`, `SYN0002`). */
  innerCodes: string[];
  /** The most specific message (innermost first). */
  message: string;
  /** Every message, outermost first, for the details view. */
  messages: string[];
  correlationId: string | null;
  position: QueryPosition | null;
}

/** Parses an App Insights error body; null when it is not JSON with an `error` object. */
export function parseAppInsightsErrorBody(text: string): ParsedAppInsightsError | null {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  const outer = jsonObject(jsonObject(body)?.error);
  if (!outer) return null;
  const chain: Json[] = [outer];
  for (let current = jsonObject(outer.innererror); current && chain.length < 10;) {
    chain.push(current);
    current = jsonObject(current.innererror);
  }
  const messages = chain
    .map((e) => nonBlankString(e.message))
    .filter((m): m is string => m !== null);
  let position: QueryPosition | null = null;
  for (const e of chain) {
    const line = Number(e.line);
    const pos = Number(e.pos);
    // `pos` is 0-based within the line (recording: 'invalid' in "completely invalid syntax" at 11).
    if (e.line !== undefined && e.pos !== undefined && line >= 1 && pos >= 0) {
      if (Number.isInteger(line) && Number.isInteger(pos)) position = { line, column: pos + 1 };
    }
  }
  return {
    code: nonBlankString(outer.code),
    innerCodes: chain
      .slice(1)
      .map((e) => nonBlankString(e.code))
      .filter((c): c is string => c !== null),
    message: [...messages].reverse()[0] ?? '',
    messages,
    correlationId:
      chain.map((e) => nonBlankString(e.correlationId)).find((c) => c !== null) ?? null,
    position,
  };
}

const appInsightsCatalog = {
  syntaxError: {
    cause: 'The query text could not be parsed.',
    fix: 'Fix the query at the marked position.',
  },
  semanticError: {
    cause: 'The query refers to a table, column or function that does not exist, or mixes types.',
    fix: 'Check the names against the schema tree (App Insights tables are camelCase: requests, traces…).',
  },
  unauthorized: {
    cause: 'The token was missing, expired or not accepted.',
    fix: 'Sign in again; if it persists, check that your account is in the tenant of the Application Insights resource.',
  },
  wrongAudience: {
    cause: 'The access token was issued for another resource.',
    fix: 'Request a token for https://api.applicationinsights.io/.default (Log Analytics: https://api.loganalytics.io/.default).',
  },
  forbidden: {
    cause:
      'The signed-in account lacks Reader on the Application Insights resource; RBAC changes can take up to 60 minutes.',
    fix: 'Ask an owner of the resource for the Reader role (or Monitoring Reader), then wait for it to apply.',
  },
  notFound: {
    cause: 'No application with this ID was found at this endpoint.',
    fix: "Check the Application ID on the resource's API Access blade (it is not the instrumentation key).",
  },
} as const;

/** Maps a non-200 App Insights / Log Analytics response to a QueryError. */
export function queryErrorFromAppInsightsHttp(
  failure: HttpFailure,
  ctx: RequestContext,
  kind: 'app' | 'workspace' = 'app',
): QueryError {
  const { status, bodyText } = failure;
  const parsed = parseAppInsightsErrorBody(bodyText);
  const message = parsed?.message ?? '';
  const codes = [parsed?.code ?? '', ...(parsed?.innerCodes ?? [])];
  const has = (code: string) => codes.includes(code);
  const detail = (parsed?.messages.join('\n') || bodyText || `HTTP ${status}`).slice(0, 20_000);
  const code = parsed?.innerCodes.at(-1) ?? parsed?.code ?? null;
  const base = {
    requestId: ctx.requestId,
    activityId: parsed?.correlationId ?? ctx.activityId ?? null,
    httpStatus: status,
    detail,
    ...(code ? { code } : {}),
  };
  const what = kind === 'app' ? 'Application Insights' : 'Log Analytics';
  const at = (p: QueryPosition | null) => (p ? ` at line ${p.line}, column ${p.column}` : '');

  if (status === 400) {
    const position = parsed?.position ?? null;
    if (has('SyntaxError') || codes.some((c) => /^SYN\d/.test(c))) {
      return {
        kind: 'query-syntax',
        title: `Syntax error${at(position)}`,
        cause: message || appInsightsCatalog.syntaxError.cause,
        fix: appInsightsCatalog.syntaxError.fix,
        ...base,
        ...(position ? { position } : {}),
      };
    }
    if (has('SemanticError') || codes.some((c) => /^SEM\d/.test(c))) {
      return {
        kind: 'query-semantic',
        title: `Semantic error${at(position)}`,
        cause: message || appInsightsCatalog.semanticError.cause,
        fix: appInsightsCatalog.semanticError.fix,
        ...base,
        ...(position ? { position } : {}),
      };
    }
    return {
      kind: 'http',
      title: `${what} rejected the request`,
      cause: message || kustoErrorCatalog.badRequest.cause,
      fix: kustoErrorCatalog.badRequest.fix,
      ...base,
      ...(position ? { position } : {}),
    };
  }

  const tokenProblem =
    has('InvalidAuthenticationTokenAudience') ||
    has('InvalidAuthenticationToken') ||
    has('AuthorizationRequiredError') ||
    has('AuthenticationFailed');
  if (status === 401 || (status === 403 && tokenProblem)) {
    const audience = has('InvalidAuthenticationTokenAudience');
    const challenge = failure.headers?.get('www-authenticate') ?? null;
    const entry = audience ? appInsightsCatalog.wrongAudience : appInsightsCatalog.unauthorized;
    return {
      kind: 'auth',
      title: `${ctx.host ?? what} did not accept your sign-in`,
      cause: audience ? entry.cause : message || entry.cause,
      fix: entry.fix,
      ...base,
      detail: [detail, challenge ? `WWW-Authenticate: ${challenge}` : '']
        .filter(Boolean)
        .join('\n'),
    };
  }

  if (status === 403) {
    const insufficient = has('InsufficientAccessError') || has('UnauthorizedClient');
    return {
      kind: 'forbidden',
      title: `No access to this ${what} ${kind === 'app' ? 'application' : 'workspace'}`,
      cause: insufficient
        ? appInsightsCatalog.forbidden.cause
        : `${message || 'Access was denied.'} The ${kind === 'app' ? 'Application ID' : 'workspace ID'} may be wrong, or the account lacks Reader on the resource.`,
      fix: insufficient
        ? appInsightsCatalog.forbidden.fix
        : `${appInsightsCatalog.notFound.fix} ${appInsightsCatalog.forbidden.fix}`,
      principal: null,
      database: ctx.database ?? null,
      ...base,
    };
  }

  if (status === 404) {
    return {
      kind: 'not-found',
      title: kind === 'app' ? 'Application Insights application not found' : 'Workspace not found',
      cause: message || appInsightsCatalog.notFound.cause,
      fix:
        kind === 'app'
          ? appInsightsCatalog.notFound.fix
          : "Check the workspace ID on the Log Analytics workspace's Overview blade.",
      ...base,
    };
  }
  if (status === 408 || status === 504) {
    return {
      kind: 'timeout',
      title: 'The query timed out',
      cause: message || 'The query ran longer than the service allows (3 minutes by default).',
      fix: 'Narrow the time range or the query, or ask for a longer wait with Prefer: wait=600.',
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
      title: status === 429 ? `${what} is throttling requests` : `${what} is unavailable`,
      cause: message || entry.cause,
      fix:
        retryAfterMs !== null
          ? `${entry.fix} The service asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`
          : entry.fix,
      retryAfterMs,
      ...base,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'http',
      title: `Unexpected redirect (HTTP ${status})`,
      cause:
        'The endpoint answered with a redirect; Quarry does not follow redirects with a token.',
      fix: 'Use the API’s final URL (check for a typo or a proxy in front of it).',
      ...base,
    };
  }
  return {
    kind: 'http',
    title: status >= 500 ? `${what} failed (HTTP ${status})` : `Unexpected answer (HTTP ${status})`,
    cause: message || (status >= 500 ? kustoErrorCatalog.serverError.cause : `HTTP ${status}`),
    fix: status >= 500 ? kustoErrorCatalog.serverError.fix : kustoErrorCatalog.badRequest.fix,
    ...base,
  };
}
