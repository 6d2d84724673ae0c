import {
  cancelledError,
  networkError,
  parseRetryAfter,
  tokenError,
  untrustedHostError,
  type HttpFailure,
  type QueryError,
  type RequestContext,
} from '../query-errors';
import type { TokenFunction } from '../auth/token-function';
import { checkTokenTarget, type TrustedHostPolicy } from '../trusted-hosts';

/**
 * The one request loop every source uses: trusted-host check before any token is asked for,
 * token, headers; one token renewal on 401; up to MAX_RETRIES waits on 429/503 honouring
 * Retry-After; redirects refused; every failure mapped to a QueryError by the source's classifier.
 */

/** Who answers a request, who asks, and a way to stop. */
export interface ServiceTarget {
  /**
   * The user's token for this target; null sends none at all (an auth proxy in front of the
   * service adds its own). The host is still checked: a request without a token may carry a query.
   */
  getToken: TokenFunction | null;
  signal: AbortSignal;
  /** Refused before any request when the URL's host is not trusted. */
  trustedHosts: TrustedHostPolicy;
}

/** Injectable for tests (fake fetch, instant sleep). */
export interface HttpDeps {
  fetch?: typeof fetch;
  /** Resolves after `ms`, or rejects/returns early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface RetryInfo {
  /** 1-based retry number. */
  attempt: number;
  delayMs: number;
  status: number;
}

export type HttpResult =
  | { ok: true; response: Response; activityId: string | null }
  /** `sent`: a request may be running on the server (so a server-side cancel makes sense). */
  | { ok: false; error: QueryError; sent: boolean };

export const QUARRY_APP_NAME = 'Quarry';
/** Throttling retries; longer waits are reported instead of slept through. */
export const MAX_RETRIES = 3;
export const MAX_RETRY_WAIT_MS = 60_000;
const ERROR_BODY_LIMIT = 1024 * 1024;

/** Header values must be printable ASCII (browsers throw otherwise). */
export function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?');
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
    /** False when no token was sent: a 401 then has nothing to renew. */
    tokenSent?: boolean;
  },
): Promise<boolean> {
  if (response.status === 401 && !state.refreshed && options.tokenSent !== false) {
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

export interface ServiceRequest {
  target: ServiceTarget;
  /** The URL the token is for: checked against the trusted hosts before anything else. */
  baseUrl: string;
  /** The request URL, built once `baseUrl` is known to be a valid, trusted URL. */
  url: () => string;
  /** JSON text (POST); absent = GET. */
  body?: string;
  /** Source headers (content type, client version, Prefer…); auth and ids are added here. */
  headers?: Record<string, string>;
  requestId: string;
  /** The database or app the request is about, for error messages. */
  database: string;
  /** Which response header carries the service's id for this request. */
  activityIdHeader: string;
  /** Statuses that mean "here is your result". */
  okStatuses: readonly number[];
  /** The source's reading of an error answer. */
  classify: (failure: HttpFailure, ctx: RequestContext) => QueryError;
  deps?: HttpDeps;
  onRetry?: (info: RetryInfo) => void;
  onSent?: () => void;
}

/** Sends one request under the rules above. Never rejects. */
export async function sendServiceRequest(request: ServiceRequest): Promise<HttpResult> {
  const { target, deps = {} } = request;
  const requestId = headerSafe(request.requestId);
  const doFetch =
    deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? (() => Date.now());
  const signal = target.signal;

  let host: string | null = null;
  const ctx = (activityId: string | null = null): RequestContext => ({
    requestId,
    host,
    database: request.database,
    ...(activityId === null ? {} : { activityId }),
  });
  const cancelled = (sent: boolean): HttpResult => ({
    ok: false,
    error: cancelledError(ctx()),
    sent,
  });

  const verdict = checkTokenTarget(request.baseUrl, target.trustedHosts);
  if (!verdict.ok) {
    return {
      ok: false,
      error: untrustedHostError(request.baseUrl, verdict.reason, ctx()),
      sent: false,
    };
  }
  host = new URL(request.baseUrl).host;
  const url = request.url();

  const attempt: AttemptState = { refreshed: false, retries: 0 };
  let sent = false;
  for (;;) {
    if (signal.aborted) return cancelled(sent);
    let token: string | null = null;
    try {
      const forceRefresh = attempt.refreshed;
      const getToken = target.getToken;
      if (getToken) token = await raceAbort(getToken({ forceRefresh }), signal, () => '');
    } catch (error) {
      return { ok: false, error: tokenError(error, ctx()), sent };
    }
    if (signal.aborted) return cancelled(sent);

    let response: Response;
    try {
      const pending = doFetch(url, {
        method: request.body === undefined ? 'GET' : 'POST',
        headers: {
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
          Accept: 'application/json',
          'x-ms-client-request-id': requestId,
          'x-ms-app': QUARRY_APP_NAME,
          ...request.headers,
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
        // A redirect would carry the request (and token) elsewhere: report it instead.
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      });
      sent = true;
      request.onSent?.();
      response = await pending;
    } catch (error) {
      if (signal.aborted) return cancelled(sent);
      return { ok: false, error: networkError(host, error, ctx()), sent };
    }

    const ok = request.okStatuses.includes(response.status);
    // Any other answer means the service is not running this request.
    if (!ok) sent = false;
    const activityId = response.headers.get(request.activityIdHeader);
    if (response.type === 'opaqueredirect') {
      return {
        ok: false,
        error: request.classify({ status: 302, bodyText: '' }, ctx(activityId)),
        sent,
      };
    }
    if (ok) return { ok: true, response, activityId };

    const again = await sendAgainAfter(response, attempt, {
      signal,
      now,
      sleep,
      onRetry: request.onRetry,
      tokenSent: token !== null,
    });
    if (again) {
      continue;
    }
    const bodyText = await raceAbort(readErrorBody(response), signal, () => '');
    if (signal.aborted) return cancelled(sent);
    return {
      ok: false,
      error: request.classify(
        { status: response.status, bodyText, headers: response.headers, now: now() },
        ctx(activityId),
      ),
      sent,
    };
  }
}
