import { queryErrorFromHttp } from '../query-errors';
import {
  sendServiceRequest,
  type HttpDeps,
  type HttpResult,
  type RetryInfo,
  type ServiceTarget,
} from '../query/http-request';

/** What every Kusto call needs: where, who, and a way to stop. */
export interface KustoTarget extends ServiceTarget {
  clusterUrl: string;
}

export type KustoPath = '/v2/rest/query' | '/v1/rest/mgmt' | '/v1/rest/query';

export interface KustoRequestBody {
  db: string;
  csl: string;
  properties?: { Options?: Record<string, unknown>; Parameters?: Record<string, unknown> };
}

export const QUARRY_CLIENT_VERSION = '0.1.0';

/** `x-ms-client-version` value, in the SDKs' `Name:{value}` format (protocols.md §1.3). */
export function clientVersionHeader(version = QUARRY_CLIENT_VERSION): string {
  const clean = version.slice(0, 100).replace(/[^A-Za-z0-9_.\-()]/g, '_');
  return `Quarry.Web:{${clean}}`;
}

/** The cluster URL plus `path`, keeping any path prefix (ADX proxy URLs have one). */
export function kustoEndpoint(clusterUrl: string, path: KustoPath): string {
  const url = new URL(clusterUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${prefix}${path}`;
}

/** The text without leading whitespace and `//` comment lines. */
export function stripLeadingComments(text: string): string {
  let rest = text;
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (!rest.startsWith('//')) return rest;
    const newline = rest.indexOf('\n');
    if (newline < 0) return '';
    rest = rest.slice(newline + 1);
  }
}

/** True when the text is a management command: its first token (after comments) starts with a dot. */
export function isManagementCommand(text: string): boolean {
  return stripLeadingComments(text).startsWith('.');
}

/**
 * POSTs one request to a Kusto endpoint through the shared request loop (trusted-host check,
 * token, one refresh on 401, Retry-After on 429/503), with Kusto's headers and error reading.
 * Never rejects.
 */
export function sendKustoRequest(options: {
  target: KustoTarget;
  path: KustoPath;
  body: KustoRequestBody;
  requestId: string;
  deps?: HttpDeps;
  onRetry?: (info: RetryInfo) => void;
  onSent?: () => void;
}): Promise<HttpResult> {
  const { target, path, body } = options;
  return sendServiceRequest({
    target,
    baseUrl: target.clusterUrl,
    url: () => kustoEndpoint(target.clusterUrl, path),
    body: JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'x-ms-client-version': clientVersionHeader(),
    },
    requestId: options.requestId,
    database: body.db,
    activityIdHeader: 'x-ms-activity-id',
    okStatuses: [200],
    classify: queryErrorFromHttp,
    ...(options.deps ? { deps: options.deps } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.onSent ? { onSent: options.onSent } : {}),
  });
}
