/**
 * What tests can change or inspect through `/__admin/*`: token lifetimes, an injected /authorize
 * failure, and a log of the protocol requests seen since the last reset.
 */

export interface TokenLifetimes {
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
}

export interface AuthorizeFailure {
  error: string;
  code: number;
  description: string | undefined;
  /** How many more /authorize requests fail; null = every one until reset. */
  remaining: number | null;
  /** Fail only interactive requests; `prompt=none` (silent renewal) is answered normally. */
  interactiveOnly?: boolean;
}

export type LoggedEndpoint = 'authorize' | 'token' | 'logout' | 'login';

export interface RequestLogEntry {
  at: string;
  endpoint: LoggedEndpoint;
  grantType?: string;
  prompt?: string;
  clientId?: string;
  username?: string;
  /**
   * authorize: `code` (a code went back to the app) or `sign-in-page`; login: `code`,
   * `wrong-password` or `unknown-user`; token: `ok`; logout: `signed-out`; any endpoint:
   * `error:AADSTS<n>:<oauth error>`, e.g. `error:AADSTS50058:login_required`.
   */
  outcome: string;
}

const maxLogEntries = 2000;

function secondsFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new Error(`${name}=${raw} is not a whole number of seconds greater than 0.`);
  }
  return seconds;
}

export function defaultTokenLifetimes(env: NodeJS.ProcessEnv = process.env): TokenLifetimes {
  return {
    accessTokenLifetimeSeconds: secondsFromEnv(env, 'QUARRY_IDP_ACCESS_TOKEN_SECONDS', 3600),
    refreshTokenLifetimeSeconds: secondsFromEnv(env, 'QUARRY_IDP_REFRESH_TOKEN_SECONDS', 86_400),
  };
}

export class TestControls {
  lifetimes: TokenLifetimes;
  private authorizeFailure: AuthorizeFailure | undefined;
  private log: RequestLogEntry[] = [];

  constructor(
    private readonly defaults: TokenLifetimes,
    private readonly now: () => number,
  ) {
    this.lifetimes = { ...defaults };
  }

  updateLifetimes(change: Partial<TokenLifetimes>): TokenLifetimes {
    this.lifetimes = { ...this.lifetimes, ...change };
    return this.lifetimes;
  }

  failAuthorize(failure: AuthorizeFailure): void {
    this.authorizeFailure = failure.remaining === 0 ? undefined : failure;
  }

  currentAuthorizeFailure(): AuthorizeFailure | undefined {
    return this.authorizeFailure;
  }

  /** The failure to answer this /authorize request with, counting it against `remaining`. */
  takeAuthorizeFailure(prompt?: string): AuthorizeFailure | undefined {
    const failure = this.authorizeFailure;
    if (!failure) return undefined;
    if (failure.interactiveOnly && prompt === 'none') return undefined;
    if (failure.remaining !== null) {
      const remaining = failure.remaining - 1;
      this.authorizeFailure = remaining > 0 ? { ...failure, remaining } : undefined;
    }
    return failure;
  }

  record(entry: Omit<RequestLogEntry, 'at'>): void {
    const withoutEmptyFields = Object.fromEntries(
      Object.entries(entry).filter(([, value]) => value !== undefined && value !== ''),
    ) as Omit<RequestLogEntry, 'at'>;
    this.log.push({ at: new Date(this.now()).toISOString(), ...withoutEmptyFields });
    if (this.log.length > maxLogEntries) this.log.splice(0, this.log.length - maxLogEntries);
  }

  requests(): readonly RequestLogEntry[] {
    return this.log;
  }

  reset(): void {
    this.lifetimes = { ...this.defaults };
    this.authorizeFailure = undefined;
    this.log = [];
  }
}
