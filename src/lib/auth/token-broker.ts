import {
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { redirectLoopGuard } from './redirect-loop-guard';
import {
  IdentityProviderUnreachableError,
  InteractionBlockedError,
  NotSignedInError,
  UntrustedTokenTargetError,
} from './token-errors';

// Callers that already hold the broker get its errors from here too.
export {
  IdentityProviderUnreachableError,
  InteractionBlockedError,
  NotSignedInError,
  UntrustedTokenTargetError,
} from './token-errors';

/**
 * Decides whether a token may be sent to a URL, and for which resource it must be issued; a
 * requested resource other than the one the target gets is refused.
 */
export type TokenTargetCheck = (
  url: string,
  requestedResource?: string,
) => { ok: true; resource: string } | { ok: false; reason: string };

export interface TokenRequest {
  /** Where the token will be sent (cluster URL, API endpoint). Checked before any token exists. */
  target: string;
  /**
   * The resource the caller expects (App Insights connections carry one). Only checked: the
   * audience follows the target, so a mismatch is refused rather than honoured.
   */
  resource?: string;
  forceRefresh?: boolean;
}

/** MSAL error codes that mean "no answer from the identity provider", not "answered no". */
const UNREACHABLE_CODES = new Set([
  'network_error',
  'no_network_connectivity',
  'endpoints_resolution_error',
  'get_request_failed',
  'post_request_failed',
  'failed_to_parse_response',
  'timed_out',
]);

/**
 * Gets a token for `scopes` some other way than MSAL (e.g. from the page embedding Quarry).
 * The broker still runs the trusted-host check and builds the scope first.
 */
export type TokenAcquirer = (
  scopes: string[],
  options: { forceRefresh: boolean },
) => Promise<string>;

export interface TokenBrokerOptions {
  instance: IPublicClientApplication;
  /** When set, tokens come from here instead of MSAL, and no sign-in is ever started. */
  acquire?: TokenAcquirer;
  checkTarget: TokenTargetCheck;
  /** True inside an iframe: redirects are refused there, so interaction uses a popup. */
  embedded: boolean;
  /** Saves the user's unsent work before the page navigates away. */
  beforeRedirect: () => void;
}

export interface SignInOptions {
  /** Show the account picker. */
  selectAccount?: boolean;
  /** A deep link's `login_hint`: the account to sign in with. */
  loginHint?: string;
  /** A deep link's `tenant`: sign in to this Entra tenant (id or domain) instead of the configured one. */
  tenant?: string;
}

/** A tenant id or domain name: letters, digits, dots and dashes only (it becomes a URL path). */
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

/** The configured authority with its tenant replaced: https://login.microsoftonline.com/<tenant>. */
export function authorityForTenant(authority: string, tenant: string): string {
  if (!TENANT.test(tenant)) {
    throw new Error(
      `"${tenant}" is not a tenant id or domain name, so Quarry did not sign in with it.`,
    );
  }
  const url = new URL(authority);
  const segments = url.pathname.split('/').filter(Boolean);
  segments.splice(segments.length ? -1 : 0, segments.length ? 1 : 0, tenant);
  url.pathname = `/${segments.join('/')}`;
  return url.href;
}

/**
 * The one place that turns "I want to call X" into an access token: the trusted-host check,
 * the scope, silent acquisition, and a single-flight interactive fallback.
 */
export class TokenBroker {
  private interaction: Promise<AuthenticationResult> | null = null;

  constructor(private readonly options: TokenBrokerOptions) {}

  scopeFor(request: Pick<TokenRequest, 'target' | 'resource'>): string {
    const verdict = this.options.checkTarget(request.target, request.resource);
    if (!verdict.ok) throw new UntrustedTokenTargetError(request.target, verdict.reason);
    const resource = verdict.resource.replace(/\/+$/, '');
    return `${resource}/.default`;
  }

  async getToken(request: TokenRequest): Promise<string> {
    const scopes = [this.scopeFor(request)];
    if (this.options.acquire) {
      return this.options.acquire(scopes, { forceRefresh: request.forceRefresh ?? false });
    }
    const account = this.account();
    if (!account) throw new NotSignedInError();
    try {
      const result = await this.options.instance.acquireTokenSilent({
        scopes,
        account,
        forceRefresh: request.forceRefresh ?? false,
      });
      redirectLoopGuard.clear();
      return result.accessToken;
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError)) throw this.unreachable(error) ?? error;
      const result = await this.interact(scopes, account, error);
      return result.accessToken;
    }
  }

  /**
   * A sign-in the user asked for (a button), never loop-guarded. Asks for `scopes` up front so
   * the first query needs no second round trip. `selectAccount` shows the account picker.
   */
  async signIn(scopes: string[], options: SignInOptions = {}): Promise<void> {
    redirectLoopGuard.clear();
    const { instance, embedded } = this.options;
    const request = {
      scopes,
      prompt: options.selectAccount ? 'select_account' : undefined,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      ...(options.tenant
        ? {
            authority: authorityForTenant(
              instance.getConfiguration().auth.authority,
              options.tenant,
            ),
          }
        : {}),
    };
    if (embedded) {
      await this.singleFlight(async () => {
        const result = await instance.loginPopup(request);
        instance.setActiveAccount(result.account);
        return result;
      });
      return;
    }
    this.options.beforeRedirect();
    await instance.loginRedirect(request);
  }

  async signOut(): Promise<void> {
    const { instance, embedded } = this.options;
    const account = this.account() ?? undefined;
    // The pop-up must end on the redirect bridge page (not the app) to report back and close.
    if (embedded)
      await instance.logoutPopup({
        account,
        postLogoutRedirectUri: instance.getConfiguration().auth.redirectUri,
      });
    else {
      this.options.beforeRedirect();
      await instance.logoutRedirect({ account });
    }
  }

  private unreachable(error: unknown): IdentityProviderUnreachableError | null {
    const code = (error as { errorCode?: unknown } | null)?.errorCode;
    if (typeof code !== 'string' || !UNREACHABLE_CODES.has(code)) return null;
    let host = 'the sign-in service';
    try {
      host = new URL(this.options.instance.getConfiguration().auth.authority).host;
    } catch {
      // keep the generic name
    }
    return new IdentityProviderUnreachableError(host, code, error);
  }

  private account(): AccountInfo | null {
    const { instance } = this.options;
    return instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null;
  }

  private interact(
    scopes: string[],
    account: AccountInfo,
    cause: unknown,
  ): Promise<AuthenticationResult> {
    if (!this.options.embedded && !this.interaction) {
      if (!redirectLoopGuard.mayAutoRedirect())
        return Promise.reject(new InteractionBlockedError(cause));
      redirectLoopGuard.markAutoRedirect();
    }
    return this.singleFlight(() => this.startInteraction(scopes, account));
  }

  private singleFlight(start: () => Promise<AuthenticationResult>): Promise<AuthenticationResult> {
    if (!this.interaction) {
      this.interaction = start().finally(() => {
        this.interaction = null;
      });
    }
    return this.interaction;
  }

  private async startInteraction(
    scopes: string[],
    account: AccountInfo | undefined,
  ): Promise<AuthenticationResult> {
    const { instance, embedded } = this.options;
    if (embedded) {
      const result = await instance.acquireTokenPopup({ scopes, account });
      instance.setActiveAccount(result.account);
      return result;
    }
    this.options.beforeRedirect();
    await instance.acquireTokenRedirect({ scopes, account });
    // The page is navigating away; nothing after this runs in a meaningful way.
    return new Promise<AuthenticationResult>(() => {});
  }
}
