import { queryErrorFromAppInsightsHttp } from '../query-errors';
import {
  sendServiceRequest,
  type HttpDeps,
  type HttpResult,
  type RetryInfo,
  type ServiceTarget,
} from '../query/http-request';

/** `app`: Application Insights (`/v1/apps/{id}`); `workspace`: Log Analytics (`/v1/workspaces/{id}`). */
export type MonitorResourceKind = 'app' | 'workspace';

export interface AppInsightsTarget extends ServiceTarget {
  /** https://api.applicationinsights.io, a sovereign host, or the local stand-in. */
  endpoint: string;
  appId: string;
  /** Default `app`. */
  kind?: MonitorResourceKind;
}

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
 * One request to the App Insights / Log Analytics API through the shared request loop
 * (trusted-host check, token, one renewal on 401, Retry-After on 429/503), with this API's error
 * reading. Never rejects.
 */
export function sendAppInsightsRequest(options: {
  target: AppInsightsTarget;
  action: 'query' | 'metadata';
  /** JSON body (POST); absent = GET. */
  body?: unknown;
  requestId: string;
  /** Extra headers (Prefer). */
  headers?: Record<string, string>;
  deps?: HttpDeps;
  onRetry?: (info: RetryInfo) => void;
  onSent?: () => void;
}): Promise<HttpResult> {
  const { target } = options;
  const kind = target.kind ?? 'app';
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return sendServiceRequest({
    target,
    baseUrl: target.endpoint,
    url: () => appInsightsUrl(target.endpoint, target.appId, options.action, kind),
    ...(payload === undefined ? {} : { body: payload }),
    headers: {
      ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    requestId: options.requestId,
    database: target.appId,
    activityIdHeader: 'x-ms-request-id',
    okStatuses: [200, 204],
    classify: (failure, ctx) => queryErrorFromAppInsightsHttp(failure, ctx, kind),
    ...(options.deps ? { deps: options.deps } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.onSent ? { onSent: options.onSent } : {}),
  });
}
