/**
 * The browser-facing endpoints: /authorize (code + PKCE, silent `prompt=none`), the sign-in form
 * it shows, and /logout. Errors that cannot safely go back to the app (unknown tenant or client,
 * unregistered redirect URI) are shown on an error page, as Entra does; the rest are redirected.
 */
import { randomBytes } from 'node:crypto';
import { demoUsers, tenant, type DemoUser } from '../local-constants.ts';
import {
  entraErrorParameters,
  entraErrors,
  injectedErrorMessages,
  type EntraError,
} from './entra-errors.ts';
import {
  sameUsername,
  type AuthorizeRequest,
  type ResponseMode,
  type SignInSession,
} from './grant-store.ts';
import {
  sessionCookieName,
  type Exchange,
  type IdentityProviderContext,
} from './identity-provider-context.ts';
import {
  renderErrorPage,
  renderFormPostPage,
  renderSignInPage,
  renderSignedOutPage,
} from './identity-provider-pages.ts';
import { readCookie, readFormBody, sendHtml, sendRedirect } from './http-exchange.ts';
import { tenantLabel } from './local-tenant.ts';
import { isEntraError, parseRequestedScopes } from './requested-scopes.ts';
import { clientInfo } from './token-minting.ts';

export const wrongPasswordMessage = 'Your account or password is incorrect.';
export const unknownUserMessage =
  'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.';

function findUser(username: string): DemoUser | undefined {
  return demoUsers.find((user) => sameUsername(user.username, username));
}

function errorOutcome(entraError: EntraError): string {
  return `error:AADSTS${entraError.code}:${entraError.error}`;
}

function showErrorPage(exchange: Exchange, entraError: EntraError): void {
  sendHtml(exchange.response, 400, renderErrorPage(entraError, exchange.trace));
}

/** Sends the response parameters back to the app the way `response_mode` asks. */
function respondToApp(
  exchange: Exchange,
  request: Pick<AuthorizeRequest, 'redirectUri' | 'responseMode'>,
  parameters: Record<string, string>,
  headers: Record<string, string | string[]> = {},
): void {
  if (request.responseMode === 'form_post') {
    const nonce = randomBytes(16).toString('base64');
    sendHtml(exchange.response, 200, renderFormPostPage(request.redirectUri, parameters, nonce), {
      ...headers,
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`,
    });
    return;
  }
  const target = new URL(request.redirectUri);
  if (request.responseMode === 'query') {
    for (const [name, value] of Object.entries(parameters)) target.searchParams.set(name, value);
  } else {
    target.hash = new URLSearchParams(parameters).toString();
  }
  sendRedirect(exchange.response, target.toString(), headers);
}

function redirectError(
  exchange: Exchange,
  request: Pick<AuthorizeRequest, 'redirectUri' | 'responseMode' | 'state'>,
  entraError: EntraError,
): void {
  const parameters = entraErrorParameters(entraError, exchange.trace);
  respondToApp(exchange, request, {
    ...parameters,
    ...(request.state === undefined ? {} : { state: request.state }),
  });
}

function sessionCookie(value: string, clear = false): string {
  // SameSite=None so the cookie also reaches the hidden iframe MSAL uses for prompt=none.
  const lifetime = clear ? '; Max-Age=0' : '';
  return `${sessionCookieName}=${value}; Path=/; Secure; HttpOnly; SameSite=None${lifetime}`;
}

function currentSession(
  context: IdentityProviderContext,
  exchange: Exchange,
): SignInSession | undefined {
  return context.store.findSession(readCookie(exchange.request, sessionCookieName));
}

async function issueCode(
  context: IdentityProviderContext,
  exchange: Exchange,
  request: AuthorizeRequest,
  session: SignInSession,
  headers: Record<string, string | string[]> = {},
): Promise<void> {
  const user = findUser(session.username);
  if (!user) {
    redirectError(exchange, request, entraErrors.userNotFound());
    return;
  }
  const code = context.store.issueCode(request, session);
  respondToApp(
    exchange,
    request,
    {
      code: code.code,
      client_info: clientInfo(user.objectId, tenant.id),
      ...(request.state === undefined ? {} : { state: request.state }),
      session_state: session.sid,
    },
    headers,
  );
}

function showSignInPage(
  exchange: Exchange,
  pendingSignInId: string,
  appDisplayName: string,
  username: string,
  errorMessage?: string,
): void {
  sendHtml(
    exchange.response,
    200,
    renderSignInPage({
      tenantLabel,
      appDisplayName,
      formAction: `/${tenant.id}/login`,
      pendingSignInId,
      username,
      errorMessage,
      demoUsernames: demoUsers.map((user) => user.username),
    }),
  );
}

const responseModes: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];

/** Does the request's account hint (login_hint or sid) name someone other than the session user? */
function hintNamesAnotherUser(parameters: URLSearchParams, session: SignInSession): boolean {
  const loginHint = parameters.get('login_hint');
  if (loginHint) return !sameUsername(loginHint, session.username);
  // An unknown sid (an earlier session) is no evidence of another user, so only a match counts.
  return false;
}

export async function handleAuthorize(
  context: IdentityProviderContext,
  exchange: Exchange,
): Promise<void> {
  const parameters =
    exchange.request.method === 'POST'
      ? await readFormBody(exchange.request)
      : exchange.url.searchParams;
  exchange.trace.correlationId =
    parameters.get('client-request-id') || exchange.trace.correlationId;
  const clientId = parameters.get('client_id') ?? undefined;
  const prompt = parameters.get('prompt') ?? undefined;
  const record = (outcome: string, username?: string): void =>
    context.controls.record({ endpoint: 'authorize', prompt, clientId, username, outcome });

  const failPage = (entraError: EntraError): void => {
    record(errorOutcome(entraError));
    showErrorPage(exchange, entraError);
  };
  if (!clientId) return failPage(entraErrors.missingParameter('client_id'));
  const registration = context.findRegistration(clientId);
  if (!registration) return failPage(entraErrors.unknownClient(clientId, tenant.name));
  const redirectUri = parameters.get('redirect_uri');
  if (!redirectUri) return failPage(entraErrors.missingParameter('redirect_uri'));
  const registeredUris = registration.kind === 'spa' ? registration.redirectUris : [];
  if (!registeredUris.includes(redirectUri)) {
    return failPage(entraErrors.redirectUriMismatch(redirectUri, registration.clientId));
  }

  // From here on the redirect URI is trusted, so errors go back to the app.
  const requestedMode = parameters.get('response_mode') as ResponseMode | null;
  const responseMode: ResponseMode =
    requestedMode && responseModes.includes(requestedMode) ? requestedMode : 'query';
  const state = parameters.get('state') ?? undefined;
  const target = { redirectUri, responseMode, state };
  const failBack = (entraError: EntraError): void => {
    record(errorOutcome(entraError));
    redirectError(exchange, target, entraError);
  };

  const injected = context.controls.takeAuthorizeFailure(parameters.get('prompt') ?? undefined);
  if (injected) {
    return failBack(
      entraErrors.injected(
        injected.error,
        injected.code,
        injected.description ??
          injectedErrorMessages[injected.code] ??
          'The request was refused by a test control of the local identity provider.',
      ),
    );
  }
  const responseType = parameters.get('response_type');
  if (!responseType) return failBack(entraErrors.missingParameter('response_type'));
  if (responseType !== 'code') return failBack(entraErrors.unsupportedResponseType(responseType));
  const scope = parameters.get('scope');
  if (!scope) return failBack(entraErrors.missingParameter('scope'));
  const requested = parseRequestedScopes(scope, tenant.name);
  if (isEntraError(requested)) return failBack(requested);
  const codeChallenge = parameters.get('code_challenge');
  if (!codeChallenge || parameters.get('code_challenge_method') !== 'S256') {
    return failBack(entraErrors.pkceRequired());
  }

  const request: AuthorizeRequest = {
    clientId: registration.clientId,
    redirectUri,
    responseMode,
    scope,
    state,
    nonce: parameters.get('nonce') ?? undefined,
    codeChallenge,
    prompt,
    loginHint: parameters.get('login_hint') ?? undefined,
    correlationId: exchange.trace.correlationId,
  };
  const session = currentSession(context, exchange);
  const forcesSignIn = prompt === 'login' || prompt === 'select_account' || prompt === 'create';

  if (prompt === 'none') {
    if (!session) return failBack(entraErrors.noSessionForSilentRequest());
    if (hintNamesAnotherUser(parameters, session)) {
      return failBack(entraErrors.sessionIsForAnotherUser());
    }
  }
  if (session && !forcesSignIn && !hintNamesAnotherUser(parameters, session)) {
    record('code', session.username);
    return issueCode(context, exchange, request, session);
  }

  const pending = context.store.addPendingSignIn(request);
  const prefill =
    request.loginHint ?? (prompt === 'select_account' && session ? session.username : '');
  record('sign-in-page');
  showSignInPage(exchange, pending.id, registration.displayName, prefill);
}

/** The sign-in form's POST: checks the password, starts a session and returns a code. */
export async function handleSignInForm(
  context: IdentityProviderContext,
  exchange: Exchange,
): Promise<void> {
  const form = await readFormBody(exchange.request);
  const pending = context.store.findPendingSignIn(form.get('request_id') ?? '');
  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  if (!pending) {
    const entraError = entraErrors.flowExpired();
    context.controls.record({ endpoint: 'login', username, outcome: errorOutcome(entraError) });
    showErrorPage(exchange, entraError);
    return;
  }
  const { request } = pending;
  exchange.trace.correlationId = request.correlationId;
  const registration = context.findRegistration(request.clientId);
  const appDisplayName = registration?.displayName ?? request.clientId;
  const record = (outcome: string): void =>
    context.controls.record({
      endpoint: 'login',
      prompt: request.prompt,
      clientId: request.clientId,
      username,
      outcome,
    });

  const user = findUser(username);
  if (!user) {
    record('unknown-user');
    showSignInPage(exchange, pending.id, appDisplayName, username, unknownUserMessage);
    return;
  }
  if (password !== user.password) {
    record('wrong-password');
    showSignInPage(exchange, pending.id, appDisplayName, username, wrongPasswordMessage);
    return;
  }
  context.store.completePendingSignIn(pending.id);
  const previous = currentSession(context, exchange);
  if (previous) context.store.endSession(previous.id);
  const session = context.store.createSession(user.username);
  record('code');
  await issueCode(context, exchange, request, session, {
    'Set-Cookie': sessionCookie(session.id),
  });
}

/** Entra compares a post-logout URI with the app's redirect URIs, ignoring its query. */
function registeredLogoutTarget(
  context: IdentityProviderContext,
  parameters: URLSearchParams,
): string | undefined {
  const postLogoutRedirectUri = parameters.get('post_logout_redirect_uri');
  if (!postLogoutRedirectUri) return undefined;
  let candidate: URL;
  try {
    candidate = new URL(postLogoutRedirectUri);
  } catch {
    return undefined;
  }
  const withoutQuery = `${candidate.origin}${candidate.pathname}`;
  // MSAL sends no client_id on logout; when one is given, only that app's URIs count.
  const clientId = parameters.get('client_id');
  const registration = clientId ? context.findRegistration(clientId) : undefined;
  if (clientId && !registration) return undefined;
  const apps = registration ? [registration] : context.allRegistrations();
  const registered = apps.some(
    (app) => app.kind === 'spa' && app.redirectUris.includes(withoutQuery),
  );
  return registered ? postLogoutRedirectUri : undefined;
}

export async function handleLogout(
  context: IdentityProviderContext,
  exchange: Exchange,
): Promise<void> {
  const parameters =
    exchange.request.method === 'POST'
      ? await readFormBody(exchange.request)
      : exchange.url.searchParams;
  const session = currentSession(context, exchange);
  if (session) context.store.endSession(session.id);
  const clearCookie = { 'Set-Cookie': sessionCookie('', true) };
  const target = registeredLogoutTarget(context, parameters);
  context.controls.record({
    endpoint: 'logout',
    clientId: parameters.get('client_id') ?? undefined,
    username: session?.username,
    outcome: 'signed-out',
  });
  if (!target) {
    sendHtml(exchange.response, 200, renderSignedOutPage(), clearCookie);
    return;
  }
  const location = new URL(target);
  const state = parameters.get('state');
  if (state) location.searchParams.set('state', state);
  sendRedirect(exchange.response, location.toString(), clearCookie);
}
