import {
  defaultSleep,
  headerSafe,
  raceAbort,
  readErrorBody,
  sendAgainAfter,
  type AttemptState,
  type KustoHttpDeps,
  type RetryInfo,
} from '../kusto/kusto-http';
import {
  cancelledError,
  networkError,
  queryErrorFromAppInsightsHttp,
  tokenError,
  untrustedHostError,
  type QueryError,
  type RequestContext,
} from '../query-errors';
import { checkTokenTarget, type TrustedHostPolicy } from '../trusted-hosts';

/** `app`: Application Insights (`/v1/apps/{id}`); `workspace`: Log Analytics (`/v1/workspaces/{id}`). */
export type MonitorResourceKind = 'app' | 'workspace';

export interface AppInsightsTarget {
  /** https://api.applicationinsights.io, a sovereign host, or the local stand-in. */
  endpoint: string;
  appId: string;
  /** Default `app`. */
  kind?: MonitorResourceKind;
  getToken: (options: { forceRefresh: boolean }) => Promise<string>;
  signal: AbortSignal;
  trustedHosts: TrustedHostPolicy;
}

export type AppInsightsHttpResult =
  { ok: true; response: Response; activityId: string | null } | { ok: false; error: QueryError };

/** `{endpoint}/v1/apps/{appId}/{action}` (or `/v1/workspaces/…`), keeping any path prefix. */
export function appInsightsUrl(
  endpoint: string,
  appId: string,
  action: 'query' | 'metadata',
  kind: MonitorResourceKind = 'app',
): string {
  const url = new URL(endpoint);
  const prefix = url.pathname.replace(/\/+$/, '');
  const collection = kind === 'app' ? 'apps' : 'workspaces';
  return `${url.origin}${prefix}/v1/${collection}/${encodeURIComponent(appId)}/${action}`;
}

/**
 * One request to the App Insights / Log Analytics API: trusted-host check before anything, token,
 * headers; one token renewal on 401; up to 3 retries on 429/503 honouring Retry-After (the Kusto
 * client's rules); every failure mapped to a QueryError. Never rejects.
 */
export async function sendAppInsightsRequest(options: {
  target: AppInsightsTarget;
  action: 'query' | 'metadata';
  /** JSON body (POST); absent = GET. */
  body?: unknown;
  requestId: string;
  /** Extra headers (Prefer). */
  headers?: Record<string, string>;
  deps?: KustoHttpDeps;
  onRetry?: (info: RetryInfo) => void;
  onSent?: () => void;
}): Promise<AppInsightsHttpResult> {
  const { target, deps = {} } = options;
  const kind = target.kind ?? 'app';
  const requestId = headerSafe(options.requestId);
  const doFetch =
    deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? (() => Date.now());
  const signal = target.signal;
  let host: string | null = null;
  const ctx = (activityId: string | null = null): RequestContext => ({
    requestId,
    activityId,
    host,
    database: target.appId,
  });

  const verdict = checkTokenTarget(target.endpoint, target.trustedHosts);
  if (!verdict.ok) {
    return { ok: false, error: untrustedHostError(target.endpoint, verdict.reason, ctx()) };
  }
  host = new URL(target.endpoint).host;
  const url = appInsightsUrl(target.endpoint, target.appId, options.action, kind);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);

  const attempt: AttemptState = { refreshed: false, retries: 0 };
  for (;;) {
    if (signal.aborted) return { ok: false, error: cancelledError(ctx()) };
    let token: string;
    try {
      token = await raceAbort(
        target.getToken({ forceRefresh: attempt.refreshed }),
        signal,
        () => '',
      );
    } catch (error) {
      return { ok: false, error: tokenError(error, ctx()) };
    }
    if (signal.aborted) return { ok: false, error: cancelledError(ctx()) };

    let response: Response;
    try {
      const pending = doFetch(url, {
        method: payload === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          'x-ms-client-request-id': requestId,
          'x-ms-app': 'Quarry',
          ...options.headers,
        },
        ...(payload === undefined ? {} : { body: payload }),
        signal,
        // A redirect would carry the request (and token) elsewhere: report it instead.
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      });
      options.onSent?.();
      response = await pending;
    } catch (error) {
      if (signal.aborted) return { ok: false, error: cancelledError(ctx()) };
      return { ok: false, error: networkError(host, error, ctx()) };
    }

    const activityId = response.headers.get('x-ms-request-id');
    if (response.type === 'opaqueredirect') {
      return {
        ok: false,
        error: queryErrorFromAppInsightsHttp({ status: 302, bodyText: '' }, ctx(activityId), kind),
      };
    }
    if (response.status === 200 || response.status === 204) {
      return { ok: true, response, activityId };
    }
    if (await sendAgainAfter(response, attempt, { signal, now, sleep, onRetry: options.onRetry })) {
      continue;
    }
    const bodyText = await raceAbort(readErrorBody(response), signal, () => '');
    if (signal.aborted) return { ok: false, error: cancelledError(ctx(activityId)) };
    return {
      ok: false,
      error: queryErrorFromAppInsightsHttp(
        { status: response.status, bodyText, headers: response.headers, now: now() },
        ctx(activityId),
        kind,
      ),
    };
  }
}
