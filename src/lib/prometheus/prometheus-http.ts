import type { TokenFunction } from '../auth/token-function';
import {
  readErrorBody,
  sendServiceRequest,
  type HttpDeps,
  type HttpResult,
  type RetryInfo,
} from '../query/http-request';
import type { QueryError } from '../query-errors';
import type { TrustedHostPolicy } from '../trusted-hosts';
import {
  proxyDownError,
  proxyNotReadyError,
  queryErrorFromPrometheusHttp,
  type PrometheusAuth,
} from './classify-prometheus-error';

/** A Prometheus query endpoint: an Azure Monitor workspace, or an auth proxy in front of one. */
export interface PrometheusTarget {
  /** `https://<workspace>.<region>.prometheus.monitor.azure.com`, a proxy URL, or a stand-in. */
  endpoint: string;
  /** `entra`: the user's token goes to the endpoint; `proxy`: no token is sent, ever. */
  auth: PrometheusAuth;
  /** Used only with `entra`; a `proxy` target never asks for a token. */
  getToken: TokenFunction;
  signal: AbortSignal;
  /** Checked before any request, with or without a token. */
  trustedHosts: TrustedHostPolicy;
}

/** The Prometheus HTTP API paths Quarry calls. */
export type PrometheusPath =
  'query' | 'query_range' | 'labels' | 'series' | { labelValues: string };

/** `{endpoint}/api/v1/{path}`, keeping any path prefix of the endpoint (a proxy may have one). */
export function prometheusUrl(endpoint: string, path: PrometheusPath, params?: URLSearchParams) {
  const url = new URL(endpoint);
  const prefix = url.pathname.replace(/\/+$/, '');
  const tail =
    typeof path === 'string' ? path : `label/${encodeURIComponent(path.labelValues)}/values`;
  const query = params && [...params.keys()].length > 0 ? `?${params.toString()}` : '';
  return `${url.origin}${prefix}/api/v1/${tail}${query}`;
}

/**
 * One request to a Prometheus endpoint through the shared request loop (trusted-host check,
 * token unless through a proxy, Retry-After on 429/503), with Prometheus's error reading.
 * `form` is sent as a POST body (queries can be long); without it, `params` go in a GET's URL.
 * Never rejects.
 */
export async function sendPrometheusRequest(options: {
  target: PrometheusTarget;
  path: PrometheusPath;
  form?: URLSearchParams;
  params?: URLSearchParams;
  requestId: string;
  deps?: HttpDeps;
  onRetry?: (info: RetryInfo) => void;
  onSent?: () => void;
}): Promise<HttpResult> {
  const { target } = options;
  const proxy = target.auth === 'proxy';
  const result = await sendServiceRequest({
    target: { ...target, getToken: proxy ? null : target.getToken },
    baseUrl: target.endpoint,
    url: () => prometheusUrl(target.endpoint, options.path, options.params),
    ...(options.form ? { body: options.form.toString() } : {}),
    headers: options.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
    requestId: options.requestId,
    database: target.endpoint,
    activityIdHeader: 'x-ms-request-id',
    okStatuses: [200],
    classify: (failure, ctx) =>
      queryErrorFromPrometheusHttp(failure, { ...ctx, auth: target.auth }),
    ...(options.deps ? { deps: options.deps } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.onSent ? { onSent: options.onSent } : {}),
  });
  if (result.ok || !proxy) return result;
  return { ...result, error: await explainProxyFailure(target, result.error, options.deps) };
}

/**
 * Through a proxy, say which part failed: nothing answered (the proxy is down), or it answered
 * but is not ready (its /ready probe says so). Other errors are the workspace's, passed through.
 */
async function explainProxyFailure(
  target: PrometheusTarget,
  error: QueryError,
  deps: HttpDeps = {},
): Promise<QueryError> {
  const host = new URL(target.endpoint).host;
  const ctx = { requestId: error.requestId, host };
  if (error.kind === 'network') return proxyDownError(host, error.detail, ctx);
  const upstream = error.httpStatus === 502 || error.httpStatus === 503 || error.httpStatus === 504;
  if (!upstream || target.signal.aborted) return error;
  const doFetch =
    deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  try {
    const base = new URL(target.endpoint);
    const ready = await doFetch(`${base.origin}${base.pathname.replace(/\/+$/, '')}/ready`, {
      signal: target.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
    });
    if (ready.ok) return error;
    return proxyNotReadyError(host, ready.status, (await readErrorBody(ready)).trim(), ctx, error);
  } catch {
    return error;
  }
}
