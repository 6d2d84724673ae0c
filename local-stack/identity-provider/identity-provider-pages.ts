/**
 * The identity provider's HTML: the sign-in page, error pages and the signed-out page. Every
 * echoed value goes through escapeHtml; pages load nothing external.
 */
import { formatEntraTimestamp, type EntraError, type TraceContext } from './entra-errors.ts';

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

const styles = `
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
    background: #f2f2f2; color: #1b1b1b; font: 15px/1.45 "Segoe UI", system-ui, sans-serif; }
  main { width: min(440px, 100vw); background: #fff; padding: 44px; box-shadow: 0 2px 6px rgb(0 0 0 / 20%); }
  .tenant { margin: 0 0 16px; font-weight: 600; color: #505050; }
  h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
  .app { margin: 0 0 20px; color: #505050; }
  label { display: block; margin: 16px 0 4px; font-weight: 600; }
  input { width: 100%; padding: 6px 2px; border: 0; border-bottom: 1px solid #666; font: inherit; }
  input:focus { outline: none; border-bottom: 2px solid #0067b8; }
  .error { margin: 12px 0 0; color: #e81123; }
  .actions { margin-top: 28px; text-align: right; }
  button { min-width: 108px; padding: 6px 12px; border: 0; background: #0067b8; color: #fff; font: inherit; cursor: pointer; }
  button:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
  .note { margin: 28px 0 0; font-size: 13px; color: #616161; }
  .details { margin: 20px 0 0; font-size: 13px; color: #616161; word-break: break-all; }
  .details dt { font-weight: 600; }
  .details dd { margin: 0 0 6px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface SignInPageModel {
  tenantLabel: string;
  appDisplayName: string;
  formAction: string;
  pendingSignInId: string;
  username: string;
  errorMessage: string | undefined;
  demoUsernames: readonly string[];
}

export function renderSignInPage(model: SignInPageModel): string {
  const hasError = model.errorMessage !== undefined;
  const focusPassword = model.username !== '';
  const error = hasError
    ? `<p class="error" id="sign-in-error" role="alert">${escapeHtml(model.errorMessage ?? '')}</p>`
    : '';
  const described = hasError ? ' aria-describedby="sign-in-error" aria-invalid="true"' : '';
  return page(
    'Sign in to your account',
    `<p class="tenant">${escapeHtml(model.tenantLabel)}</p>
<h1>Sign in</h1>
<p class="app">to continue to <strong>${escapeHtml(model.appDisplayName)}</strong></p>
<form method="post" action="${escapeHtml(model.formAction)}" novalidate>
<input type="hidden" name="request_id" value="${escapeHtml(model.pendingSignInId)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" value="${escapeHtml(model.username)}"${focusPassword ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password"${described}${focusPassword ? ' autofocus' : ''}>
${error}
<div class="actions"><button type="submit">Sign in</button></div>
</form>
<p class="note">Local identity provider for development. Demo accounts: ${model.demoUsernames
      .map((username) => escapeHtml(username))
      .join(', ')} (password: demo).</p>`,
  );
}

export function renderErrorPage(entraError: EntraError, trace: TraceContext): string {
  return page(
    'Sign in error',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p class="error" role="alert">AADSTS${entraError.code}: ${escapeHtml(entraError.message)}</p>
<dl class="details">
<dt>Request Id</dt><dd>${escapeHtml(trace.traceId)}</dd>
<dt>Correlation Id</dt><dd>${escapeHtml(trace.correlationId)}</dd>
<dt>Timestamp</dt><dd>${escapeHtml(formatEntraTimestamp(trace.timestamp))}</dd>
</dl>`,
  );
}

export function renderSignedOutPage(): string {
  return page(
    'Signed out',
    `<h1>You signed out of your account</h1>
<p class="app">It's a good idea to close all browser windows.</p>`,
  );
}

/**
 * `response_mode=form_post`: a form the user (or the page script, which the caller allows with a
 * CSP nonce) submits to the redirect URI.
 */
export function renderFormPostPage(
  redirectUri: string,
  parameters: Record<string, string>,
  scriptNonce: string,
): string {
  const fields = Object.entries(parameters)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  return page(
    'Working...',
    `<form method="post" action="${escapeHtml(redirectUri)}">
${fields}
<noscript><p>Script is disabled. Click Continue.</p></noscript>
<div class="actions"><button type="submit">Continue</button></div>
</form>
<script nonce="${escapeHtml(scriptNonce)}">document.forms[0].submit();</script>`,
  );
}
