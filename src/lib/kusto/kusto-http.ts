import {
  cancelledError,
  networkError,
  parseRetryAfter,
  queryErrorFromHttp,
  tokenError,
  untrustedHostError,
  type QueryError,
} from '../query-errors';
import { checkTokenTarget, type TrustedHostPolicy } from '../trusted-hosts';

/** What every Kusto call needs: where, who, and a way to stop. */
export interface KustoTarget {
  clusterUrl: string;
  /** The auth module's token function (it checks trusted hosts too; we check again). */
  getToken: (options: { forceRefresh: boolean }) => Promise<string>;
  signal: AbortSignal;
  trustedHosts: TrustedHostPolicy;
}

/** Injectable for tests (fake fetch, instant sleep). */
export interface KustoHttpDeps {
  fetch?: typeof fetch;
  /** Resolves after `ms`, or rejects/returns early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
}

export type KustoPath = '/v2/rest/query' | '/v1/rest/mgmt' | '/v1/rest/query';

export interface KustoRequestBody {
  db: string;
  csl: string;
  properties?: { Options?: Record<string, unknown>; Parameters?: Record<string, unknown> };
}

export interface RetryInfo {
  /** 1-based retry number. */
  attempt: number;
  delayMs: number;
  status: number;
}

export type KustoHttpResult =
  | { ok: true; response: Response; activityId: string | null }
  /** `sent`: a request may be running on the server (so a server-side cancel makes sense). */
  | { ok: false; error: QueryError; sent: boolean };

export const QUARRY_APP_NAME = 'Quarry';
export const QUARRY_CLIENT_VERSION = '0.1.0';
/** Throttling retries; longer waits are reported instead of slept through. */
export const MAX_RETRIES = 3;
export const MAX_RETRY_WAIT_MS = 60_000;
const ERROR_BODY_LIMIT = 1024 * 1024;

/** `x-ms-client-version` value, in the SDKs' `Name:{value}` format (protocols.md §1.3). */
export function clientVersionHeader(version = QUARRY_CLIENT_VERSION): string {
  const clean = version.slice(0, 100).replace(/[^A-Za-z0-9_.\-()]/g, '_');
  return `Quarry.Web:{${clean}}`;
}

/** Header values must be printable ASCII (browsers throw otherwise). */
export function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?');
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

export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves with the promise's value, or with `onAbort()` as soon as `signal` aborts. */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onAbort: () => T,
): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Reads at most 1 MiB of an error body: enough to explain, bounded against a hostile server. */
export async function readErrorBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < ERROR_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a truncated error body is still worth showing
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text + decoder.decode();
}

/** Where a request loop stands: the token was renewed once, and how many throttling waits so far. */
export interface AttemptState {
  refreshed: boolean;
  retries: number;
}

/**
 * Whether to send a request again after a failed answer, shared by the Kusto and App Insights
 * clients: once with a renewed token on 401, and after a wait on 429/503 (Retry-After honoured,
 * at most MAX_RETRIES waits, none longer than MAX_RETRY_WAIT_MS). Updates `state`.
 */
export async function sendAgainAfter(
  response: Response,
  state: AttemptState,
  options: {
    signal: AbortSignal;
    now: () => number;
    sleep: (ms: number, signal: AbortSignal) => Promise<void>;
    onRetry?: (info: RetryInfo) => void;
  },
): Promise<boolean> {
  if (response.status === 401 && !state.refreshed) {
    state.refreshed = true;
    response.body?.cancel().catch(() => undefined);
    return true;
  }
  if ((response.status === 429 || response.status === 503) && state.retries < MAX_RETRIES) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), options.now());
    const delayMs = retryAfter ?? 1000 * 2 ** state.retries;
    if (delayMs <= MAX_RETRY_WAIT_MS) {
      state.retries++;
      response.body?.cancel().catch(() => undefined);
      options.onRetry?.({ attempt: state.retries, delayMs, status: response.status });
      await options.sleep(delayMs, options.signal);
      return true;
    }
  }
  return false;
}

/**
 * POSTs one request to a Kusto endpoint: trusted-host check, token, headers; one token refresh
 * on 401; up to 3 retries on 429/503 honouring Retry-After; every failure mapped to a QueryError.
 * Never rejects.
 */
export async function sendKustoRequest(options: {
  target: KustoTarget;
  path: KustoPath;
  body: KustoRequestBody;
  requestId: string;
  deps?: KustoHttpDeps;
  onRetry?: (info: RetryInfo) => void;
  onSent?: () => void;
}): Promise<KustoHttpResult> {
  const { target, path, body, deps = {} } = options;
  const requestId = headerSafe(options.requestId);
  const doFetch =
    deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? (() => Date.now());
  const signal = target.signal;

  let host: string | null = null;
  const ctx = () => ({ requestId, host, database: body.db });
  const cancelled = (sent: boolean): KustoHttpResult => ({
    ok: false,
    error: cancelledError(ctx()),
    sent,
  });

  const verdict = checkTokenTarget(target.clusterUrl, target.trustedHosts);
  if (!verdict.ok) {
    return {
      ok: false,
      error: untrustedHostError(target.clusterUrl, verdict.reason, ctx()),
      sent: false,
    };
  }
  host = new URL(target.clusterUrl).host;
  const endpoint = kustoEndpoint(target.clusterUrl, path);
  const payload = JSON.stringify(body);

  const attempt: AttemptState = { refreshed: false, retries: 0 };
  let sent = false;
  for (;;) {
    if (signal.aborted) return cancelled(sent);
    let token: string;
    try {
      const forceRefresh = attempt.refreshed;
      token = await raceAbort(target.getToken({ forceRefresh }), signal, () => '');
    } catch (error) {
      return { ok: false, error: tokenError(error, ctx()), sent };
    }
    if (signal.aborted) return cancelled(sent);

    let response: Response;
    try {
      const pending = doFetch(endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          'Content-Type': 'application/json; charset=utf-8',
          'x-ms-client-request-id': requestId,
          'x-ms-app': QUARRY_APP_NAME,
          'x-ms-client-version': clientVersionHeader(),
        },
        body: payload,
        signal,
        // A redirect would carry the request (and token) elsewhere: report it instead.
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      });
      sent = true;
      options.onSent?.();
      response = await pending;
    } catch (error) {
      if (signal.aborted) return cancelled(sent);
      return { ok: false, error: networkError(host, error, ctx()), sent };
    }

    // Any answer but 200 means the service is not running this request.
    if (response.status !== 200) sent = false;
    const activityId = response.headers.get('x-ms-activity-id');
    const withIds = () => ({ requestId, host, database: body.db, activityId });
    if (response.type === 'opaqueredirect') {
      return {
        ok: false,
        error: queryErrorFromHttp({ status: 302, bodyText: '' }, withIds()),
        sent,
      };
    }
    if (response.status === 200) return { ok: true, response, activityId };

    if (await sendAgainAfter(response, attempt, { signal, now, sleep, onRetry: options.onRetry })) {
      continue;
    }
    const bodyText = await raceAbort(readErrorBody(response), signal, () => '');
    if (signal.aborted) return cancelled(sent);
    return {
      ok: false,
      error: queryErrorFromHttp(
        { status: response.status, bodyText, headers: response.headers, now: now() },
        withIds(),
      ),
      sent,
    };
  }
}
