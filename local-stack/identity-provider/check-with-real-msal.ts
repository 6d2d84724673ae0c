/**
 * Checks the identity provider against the real thing: MSAL.js v5 (its UMD build) in Debian's
 * Chromium, driven by Playwright, on free ports so it does not disturb a running stack.
 *
 *   npx tsx local-stack/identity-provider/check-with-real-msal.ts
 *
 * Covers: loginRedirect through the sign-in page and the v5 redirect bridge; a silent token for a
 * second resource (refresh_token grant); renewal through the hidden iframe (prompt=none) after
 * the refresh token is revoked; InteractionRequiredAuthError once the IdP session is gone too;
 * a popup sign-in; logoutRedirect. Prints one line per step and exits non-zero on a failure.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright';
import { demoUsers, quarryClient, resources } from '../local-constants.ts';
import { ensureLocalCertificate } from '../tls/local-certificate.ts';
import { startIdentityProvider } from './identity-provider.ts';
import { IdentityProviderClient, json } from './identity-provider-test-client.ts';
import type { RequestLogEntry } from './test-controls.ts';

const msalBuild = fileURLToPath(
  new URL('../../node_modules/@azure/msal-browser/lib/msal-browser.js', import.meta.url),
);
const bridgeBuild = fileURLToPath(
  new URL(
    '../../node_modules/@azure/msal-browser/lib/redirect-bridge/msal-redirect-bridge.js',
    import.meta.url,
  ),
);

/** The test page: MSAL configured like the console, with a few functions Playwright calls. */
function appPage(identityProviderUrl: string, appOrigin: string): string {
  const config = {
    auth: {
      clientId: quarryClient.clientId,
      authority: `${identityProviderUrl}/contoso/`,
      knownAuthorities: [new URL(identityProviderUrl).host],
      redirectUri: `${appOrigin}/redirect.html`,
      postLogoutRedirectUri: `${appOrigin}/`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  };
  return `<!doctype html><meta charset="utf-8"><title>MSAL check</title>
<script src="/msal-browser.js"></script>
<script>
  const kusto = ${JSON.stringify(`${resources.kusto}/.default`)};
  const appInsights = ${JSON.stringify(`${resources.appInsights}/.default`)};
  const pca = new msal.PublicClientApplication(${JSON.stringify(config)});
  const describe = (r) => r && { username: r.account && r.account.username, name: r.account && r.account.name,
    homeAccountId: r.account && r.account.homeAccountId, fromCache: r.fromCache,
    accessTokenPayload: JSON.parse(atob(r.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) };
  const failure = (e) => ({ error: { name: e.name, errorCode: e.errorCode, errorMessage: e.errorMessage, subError: e.subError } });
  window.check = {
    ready: pca.initialize().then(() => pca.handleRedirectPromise()).then(describe, failure),
    accounts: () => pca.getAllAccounts().map((a) => a.username),
    login: () => pca.loginRedirect({ scopes: [kusto] }),
    loginPopup: () => pca.loginPopup({ scopes: [kusto], prompt: 'select_account' }).then(describe, failure),
    silent: (resource, forceRefresh) => pca.acquireTokenSilent({ account: pca.getAllAccounts()[0],
      scopes: [resource === 'appInsights' ? appInsights : kusto], forceRefresh }).then(describe, failure),
    logout: () => pca.logoutRedirect({ account: pca.getAllAccounts()[0] }),
  };
</script>`;
}

const bridgePage = `<!doctype html><meta charset="utf-8"><title>bridge</title>
<script src="/msal-redirect-bridge.js"></script>
<script>msalRedirectBridge.broadcastResponseToMainFrame().catch((e) => { document.body.textContent = String(e); });</script>`;

interface Described {
  username?: string;
  name?: string;
  homeAccountId?: string;
  fromCache?: boolean;
  accessTokenPayload?: Record<string, unknown>;
  error?: { name: string; errorCode: string; errorMessage: string };
}

async function main(): Promise<void> {
  const [msalScript, bridgeScript, certificate] = await Promise.all([
    readFile(msalBuild, 'utf8'),
    readFile(bridgeBuild, 'utf8'),
    ensureLocalCertificate(),
  ]);
  let pageHtml = '';
  // QUARRY_MSAL_CHECK_HTTPS_APP=1 serves the app over https: then it is same-site with the IdP
  // and the prompt=none iframe gets the session cookie even with third-party cookies blocked.
  const httpsApp = process.env.QUARRY_MSAL_CHECK_HTTPS_APP === '1';
  const serveApp = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const [type, body] =
      path === '/msal-browser.js'
        ? ['text/javascript', msalScript]
        : path === '/msal-redirect-bridge.js'
          ? ['text/javascript', bridgeScript]
          : path === '/redirect.html'
            ? ['text/html', bridgePage]
            : ['text/html', pageHtml];
    response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` });
    response.end(body);
  };
  const app = httpsApp
    ? https.createServer({ cert: certificate.certPem, key: certificate.keyPem }, serveApp)
    : http.createServer(serveApp);
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const appOrigin = `${httpsApp ? 'https' : 'http'}://localhost:${(app.address() as AddressInfo).port}`;
  process.env.QUARRY_EXTRA_REDIRECT_URIS = [
    process.env.QUARRY_EXTRA_REDIRECT_URIS,
    `${appOrigin}/`,
    `${appOrigin}/redirect.html`,
  ]
    .filter(Boolean)
    .join(',');
  const identityProvider = await startIdentityProvider({ port: 0 });
  pageHtml = appPage(identityProvider.url, appOrigin);
  const admin = new IdentityProviderClient(
    identityProvider.url,
    certificate.certPem,
    identityProvider.adminToken,
  );
  const log = async (): Promise<RequestLogEntry[]> =>
    json<RequestLogEntry[]>(await admin.admin('requests'));

  // Chromium 156 blocks third-party cookies by default, and the app (http://localhost) and the
  // IdP (https://localhost) are different sites, so the hidden prompt=none iframe would not see
  // the IdP session. A profile that allows third-party cookies (cookie_controls_mode 0) shows
  // the IdP side works; QUARRY_MSAL_CHECK_BLOCK_3PC=1 keeps the browser default instead.
  const allowThirdPartyCookies = process.env.QUARRY_MSAL_CHECK_BLOCK_3PC !== '1';
  const profile = await mkdtemp(path.join(tmpdir(), 'quarry-msal-check-'));
  if (allowThirdPartyCookies) {
    await mkdir(path.join(profile, 'Default'));
    await writeFile(
      path.join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
    );
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    ignoreHTTPSErrors: true,
  });
  console.log(
    `app ${appOrigin}; third-party cookies ${allowThirdPartyCookies ? 'allowed' : 'blocked (default)'}`,
  );
  const failures: string[] = [];
  const step = async (name: string, run: () => Promise<string>): Promise<void> => {
    try {
      console.log(`ok    ${name}: ${await run()}`);
    } catch (error) {
      failures.push(name);
      console.log(`FAIL  ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const expect = (condition: boolean, message: string): void => {
    if (!condition) throw new Error(message);
  };

  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const ready = (target: Page): Promise<Described> =>
      target.evaluate(
        () => (window as unknown as { check: { ready: Promise<Described> } }).check.ready,
      );
    const call = (name: string, ...args: unknown[]): Promise<Described> =>
      page.evaluate(
        ([fn, fnArgs]) =>
          (window as unknown as { check: Record<string, (...a: unknown[]) => Promise<Described>> })
            .check[fn as string]!(...(fnArgs as unknown[])),
        [name, args] as const,
      );
    const user = demoUsers[0]!;

    await step('loginRedirect through the sign-in page', async () => {
      await page.goto(`${appOrigin}/`);
      await ready(page);
      await page.evaluate(() => {
        void (window as unknown as { check: { login(): Promise<void> } }).check.login();
      });
      await page.waitForURL(`${identityProvider.url}/**`);
      await page.getByLabel('Username').fill(user.username);
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Your account or password is incorrect.').waitFor();
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${appOrigin}/`);
      const result = await ready(page);
      expect(result?.username === user.username, `signed in as ${JSON.stringify(result)}`);
      expect(result.name === user.displayName, `name ${result.name}`);
      expect(result.accessTokenPayload?.aud === resources.kusto, 'aud is the Kusto resource');
      expect(
        result.homeAccountId === `${user.objectId}.4b2a6f3e-9c1d-4e8f-a7b5-0c3d2e1f6a90`,
        `homeAccountId ${result.homeAccountId}`,
      );
      return `${result.username}, aud ${String(result.accessTokenPayload?.aud)}`;
    });

    await step('silent token for a second resource uses the refresh token', async () => {
      const before = (await log()).length;
      const result = await call('silent', 'appInsights', false);
      expect(result.error === undefined, JSON.stringify(result.error));
      expect(result.accessTokenPayload?.aud === resources.appInsights, 'aud is App Insights');
      const seen = (await log()).slice(before);
      expect(
        seen.some((entry) => entry.grantType === 'refresh_token' && entry.outcome === 'ok'),
        `log ${JSON.stringify(seen)}`,
      );
      return `aud ${String(result.accessTokenPayload?.aud)}, fromCache ${String(result.fromCache)}`;
    });

    await step('second silent call for the same resource comes from the cache', async () => {
      const result = await call('silent', 'appInsights', false);
      expect(result.fromCache === true, `fromCache ${String(result.fromCache)}`);
      return 'fromCache true';
    });

    await step(
      'revoked refresh token: renewal through the hidden iframe (prompt=none)',
      async () => {
        await admin.admin('revoke-refresh-tokens', { username: user.username });
        const before = (await log()).length;
        const result = await call('silent', 'kusto', true);
        expect(result.error === undefined, JSON.stringify(result.error));
        const seen = (await log()).slice(before);
        expect(
          seen.some(
            (entry) =>
              entry.endpoint === 'authorize' && entry.prompt === 'none' && entry.outcome === 'code',
          ),
          `log ${JSON.stringify(seen)}`,
        );
        return seen
          .map(
            (entry) =>
              `${entry.endpoint}/${entry.grantType ?? entry.prompt ?? ''}=${entry.outcome}`,
          )
          .join(', ');
      },
    );

    await step('no refresh token and no session: InteractionRequiredAuthError', async () => {
      await admin.admin('revoke-refresh-tokens', { username: user.username });
      await admin.admin('end-sessions', { username: user.username });
      const result = await call('silent', 'kusto', true);
      expect(result.error?.name === 'InteractionRequiredAuthError', JSON.stringify(result));
      return `${result.error?.errorCode}: ${result.error?.errorMessage.split('\r\n')[0]}`;
    });

    await step('loginPopup (prompt=select_account) through the sign-in page', async () => {
      const popupPromise = page.waitForEvent('popup');
      const resultPromise = call('loginPopup');
      const popup = await popupPromise;
      await popup.waitForURL(`${identityProvider.url}/**`);
      await popup.getByLabel('Username').fill(user.username);
      await popup.getByLabel('Password').fill(user.password);
      await popup.getByRole('button', { name: 'Sign in' }).click();
      const result = await resultPromise;
      expect(result.username === user.username, JSON.stringify(result));
      return `${result.username}`;
    });

    await step('logoutRedirect ends the IdP session and returns to the app', async () => {
      const logoutRequest = page.waitForRequest((request) =>
        request.url().startsWith(`${identityProvider.url}/`),
      );
      await page.evaluate(() => {
        void (window as unknown as { check: { logout(): Promise<void> } }).check.logout();
      });
      await logoutRequest;
      await page.waitForEvent('load');
      await ready(page);
      const accounts = await page.evaluate(() =>
        (window as unknown as { check: { accounts(): string[] } }).check.accounts(),
      );
      expect(accounts.length === 0, `accounts ${JSON.stringify(accounts)}`);
      const entries = await log();
      expect(entries.at(-1)?.endpoint === 'logout', 'the IdP saw the logout');
      return 'no accounts left';
    });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await identityProvider.close();
    app.close();
  }
  if (failures.length > 0) {
    console.log(`${failures.length} step(s) failed.`);
    process.exitCode = 1;
  }
}

await main();
