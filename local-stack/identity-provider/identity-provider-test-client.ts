/**
 * Test helpers that drive the identity provider over real HTTPS, as a browser would: a client
 * trusting the local certificate that keeps the IdP's cookies, PKCE pairs, and readers for the
 * sign-in form and redirect responses. Used by the *.test.ts files here and usable from e2e.
 */
import { ADMIN_TOKEN_HEADER } from '../admin/admin-access.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { quarryClient, resources } from '../local-constants.ts';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One HTTPS request trusting `ca`; redirects are not followed (tests read `location`). */
export function httpsRequest(
  url: string,
  ca: string,
  options: HttpRequestOptions = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export const spaOrigin = 'http://localhost:5173';
export const spaRedirectUri = 'http://localhost:5173/';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Parameters MSAL would send to /authorize, with PKCE; override or drop (undefined) any. */
export function authorizeParameters(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const { challenge } = pkcePair();
  return {
    client_id: quarryClient.clientId,
    scope: `${resources.kusto}/.default openid profile offline_access`,
    redirect_uri: spaRedirectUri,
    'client-request-id': '11111111-2222-4333-8444-555555555555',
    response_mode: 'fragment',
    response_type: 'code',
    client_info: '1',
    nonce: 'nonce-123',
    state: 'state-abc',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

function definedEntries(parameters: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The parameters a redirect carries back to the app, from its fragment or query. */
export function redirectParameters(location: string): URLSearchParams {
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}

export interface SignInForm {
  action: string;
  requestId: string;
  username: string;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`${name}="([^"]*)"`).exec(tag);
  return match?.[1]
    ?.replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Reads the sign-in page's form the way a browser would submit it. */
export function readSignInForm(html: string): SignInForm {
  const form = /<form [^>]*>/.exec(html)?.[0];
  const requestInput = /<input type="hidden" name="request_id"[^>]*>/.exec(html)?.[0];
  const usernameInput = /<input id="username"[^>]*>/.exec(html)?.[0];
  const action = form && attribute(form, 'action');
  const requestId = requestInput && attribute(requestInput, 'value');
  if (!action || !requestId || !usernameInput) throw new Error('No sign-in form in the page.');
  return { action, requestId, username: attribute(usernameInput, 'value') ?? '' };
}

/** A browser-like client of one identity provider: trusts its certificate, keeps its cookies. */
export class IdentityProviderClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly ca: string,
    /** The provider's per-start `/__admin` token; `admin()` sends it. */
    private readonly adminToken = '',
  ) {}

  async request(pathOrUrl: string, options: HttpRequestOptions = {}): Promise<HttpResult> {
    const url = new URL(pathOrUrl, this.baseUrl).toString();
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const result = await httpsRequest(url, this.ca, {
      ...options,
      headers: { ...(cookie ? { cookie } : {}), ...options.headers },
    });
    for (const setCookie of result.headers['set-cookie'] ?? []) {
      const [pair = ''] = setCookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (/max-age=0/i.test(setCookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return result;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  forgetCookies(): void {
    this.cookies.clear();
  }

  authorize(
    parameters: Record<string, string | undefined>,
    tenantSegment = 'contoso',
  ): Promise<HttpResult> {
    const query = new URLSearchParams(definedEntries(parameters));
    return this.request(`/${tenantSegment}/oauth2/v2.0/authorize?${query}`);
  }

  postForm(
    path: string,
    form: Record<string, string | undefined>,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(definedEntries(form)).toString(),
    });
  }

  /** Submits the sign-in page's form with the given credentials. */
  signIn(page: HttpResult, username: string, password: string): Promise<HttpResult> {
    const form = readSignInForm(page.body);
    return this.postForm(form.action, { request_id: form.requestId, username, password });
  }

  /** Token request from the SPA's origin (as a browser would send it), unless told otherwise. */
  token(
    form: Record<string, string | undefined>,
    options: { origin?: string | null; tenantSegment?: string } = {},
  ): Promise<HttpResult> {
    const origin = options.origin === undefined ? spaOrigin : options.origin;
    return this.postForm(
      `/${options.tenantSegment ?? 'contoso'}/oauth2/v2.0/token`,
      form,
      origin === null ? {} : { origin },
    );
  }

  admin(action: string, body?: unknown): Promise<HttpResult> {
    return this.request(`/__admin/${action}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: this.adminToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

export function json<T = Record<string, unknown>>(result: HttpResult): T {
  return JSON.parse(result.body) as T;
}
