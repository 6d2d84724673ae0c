import { readJwtExpiry } from './read-jwt-expiry';
import { isAllowedHostOrigin } from './resolve-host-origin';

/**
 * Tokens from the page that embeds Quarry, by the Azure Data Explorer iframe protocol:
 * Quarry posts `{signature: "queryExplorer", type: "getToken", scope}` to its parent and takes `{type: "postToken", message,
 * scope}` back, only from the parent window itself on an allowed origin. Tokens are kept in
 * memory only and are never posted, logged or put in error messages.
 */

export interface HostMessageEvent {
  data: unknown;
  origin: string;
  source: unknown;
}

export interface HostTokenProviderOptions {
  /** The window to ask: window.parent. */
  parent: { postMessage(message: unknown, targetOrigin: string): void };
  /** The parent's exact origin (resolveHostOrigin), or why it is unknown. */
  hostOrigin: { ok: true; origin: string } | { ok: false; reason: string };
  allowedOrigins: readonly string[];
  /** Subscribes to the frame's message events; returns the unsubscribe function. */
  listen: (handler: (event: HostMessageEvent) => void) => () => void;
  /** The scope string to ask the host for, given the Entra scope the broker built. */
  toHostScope: (scope: string) => string;
  /** Called for a postToken that was ignored (foreign origin, not the parent). */
  onIgnoredToken: (notice: IgnoredTokenNotice) => void;
  timeoutMs?: number;
  /** Ask again when a token has less than this left (and proactively at that moment). */
  renewBeforeMs?: number;
  now?: () => number;
}

export interface IgnoredTokenNotice {
  origin: string;
  reason: string;
}

export class HostTokenError extends Error {
  readonly kind = 'host-token';
  constructor(message: string) {
    super(message);
    this.name = 'HostTokenError';
  }
}

interface Pending {
  promise: Promise<string>;
  resolve: (token: string) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Cached {
  token: string;
  expiresAt: number | null;
  renewal: ReturnType<typeof setTimeout> | null;
}

export class HostTokenProvider {
  private readonly pending = new Map<string, Pending>();
  private readonly cache = new Map<string, Cached>();
  private readonly unsubscribe: () => void;
  private readonly timeoutMs: number;
  private readonly renewBeforeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HostTokenProviderOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.renewBeforeMs = options.renewBeforeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.unsubscribe = options.listen((event) => this.receive(event));
  }

  /** The TokenBroker's acquire strategy. */
  readonly acquire = (scopes: string[], { forceRefresh }: { forceRefresh: boolean }) => {
    const [scope] = scopes;
    if (!scope) return Promise.reject(new HostTokenError('No scope was requested.'));
    const hostScope = this.options.toHostScope(scope);
    const cached = this.cache.get(hostScope);
    if (!forceRefresh && cached && !this.expiresSoon(cached)) return Promise.resolve(cached.token);
    return this.request(hostScope);
  };

  dispose(): void {
    this.unsubscribe();
    for (const entry of this.cache.values()) if (entry.renewal) clearTimeout(entry.renewal);
    for (const pending of this.pending.values()) clearTimeout(pending.timer);
    this.cache.clear();
    this.pending.clear();
  }

  private expiresSoon(entry: Cached): boolean {
    return entry.expiresAt !== null && entry.expiresAt - this.now() <= this.renewBeforeMs;
  }

  private request(hostScope: string): Promise<string> {
    const existing = this.pending.get(hostScope);
    if (existing) return existing.promise;
    const { hostOrigin } = this.options;
    if (!hostOrigin.ok) {
      return Promise.reject(
        new HostTokenError(
          `Quarry cannot ask the embedding page for a token: ${hostOrigin.reason}`,
        ),
      );
    }
    let resolve!: (token: string) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const timer = setTimeout(() => {
      this.pending.delete(hostScope);
      reject(
        new HostTokenError(
          `The page embedding Quarry (${hostOrigin.origin}) did not answer the token request for "${hostScope}" within ${Math.round(this.timeoutMs / 1000)} s. It must answer Quarry's getToken messages with postToken (see README, "Embed it").`,
        ),
      );
    }, this.timeoutMs);
    this.pending.set(hostScope, { promise, resolve, reject, timer });
    // `signature` as the ADX web UI sends it: hosts written to its 2023–2025 docs check it.
    this.options.parent.postMessage(
      { signature: 'queryExplorer', type: 'getToken', scope: hostScope },
      hostOrigin.origin,
    );
    return promise;
  }

  private receive(event: HostMessageEvent): void {
    const data = event.data as { type?: unknown; message?: unknown; scope?: unknown } | null;
    if (!data || typeof data !== 'object' || data.type !== 'postToken') return;
    if (!isAllowedHostOrigin(event.origin, this.options.allowedOrigins)) {
      this.options.onIgnoredToken({ origin: event.origin, reason: 'not an allowed host' });
      return;
    }
    if (event.source !== this.options.parent) {
      this.options.onIgnoredToken({
        origin: event.origin,
        reason: 'not sent by the page embedding Quarry',
      });
      return;
    }
    if (typeof data.message !== 'string' || data.message === '' || typeof data.scope !== 'string')
      return;
    this.store(data.scope, data.message);
  }

  private store(hostScope: string, token: string): void {
    const previous = this.cache.get(hostScope);
    if (previous?.renewal) clearTimeout(previous.renewal);
    const expiresAt = readJwtExpiry(token);
    const entry: Cached = { token, expiresAt, renewal: null };
    const delay = expiresAt === null ? -1 : expiresAt - this.renewBeforeMs - this.now();
    // Ask before it expires: an ADX-style host may not re-post by itself. A token already inside
    // the window is re-asked for on its next use instead, so a short-lived token cannot loop.
    if (delay > 0) {
      entry.renewal = setTimeout(() => {
        entry.renewal = null;
        if (this.cache.get(hostScope) === entry) this.request(hostScope).catch(() => {});
      }, delay);
    }
    this.cache.set(hostScope, entry);
    const pending = this.pending.get(hostScope);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(hostScope);
      pending.resolve(token);
    }
  }
}
