import { expect, test } from './support/test';
import { gzipSync } from 'node:zlib';
import { quarryClient } from '../local-stack/local-constants.ts';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { signIn } from './support/sign-in.ts';
import { builtWorkerPath, recordCspViolations, swaUrl } from './support/static-web-app.ts';

/**
 * The production build under the Azure Static Web Apps CLI emulator, configured only by the
 * staticwebapp.config.json our generator wrote from the (local) config.json.
 */

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

function directives(csp: string | undefined): Map<string, string[]> {
  return new Map(
    (csp ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

test('every page and worker carries the strict CSP and security headers', async ({ request }) => {
  for (const path of [
    '/',
    '/some/deep/link',
    // ADX-shaped links: a dotted host and a percent-encoded URL in the path.
    '/clusters/help.kusto.windows.net/databases/Samples',
    '/clusters/https%3a%2f%2fhelp.kusto.windows.net/databases/Samples?web=0&query=H4sIAAAAAAAA%2b',
    '/clusters/mycluster.westeurope',
    '/config.json',
    '/redirect.html',
    '/popup-relay.html',
    builtWorkerPath(),
    // The parse worker fetches query results itself: its own response's CSP binds that fetch.
    builtWorkerPath(/^parse-worker-.*\.js$/),
  ]) {
    const response = await request.get(`${swaUrl}${path}`);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('script-src'), path).toEqual(["'self'"]);
    expect(csp.get('worker-src'), path).toEqual(["'self'", 'blob:']);
    expect(csp.get('frame-ancestors'), path).toEqual(["'self'", 'http://127.0.0.1:5190']);
    expect(csp.get('connect-src'), path).toEqual(
      expect.arrayContaining([
        'https://localhost:5180',
        'http://localhost:5181',
        'https://*.kusto.windows.net',
        'https://api.applicationinsights.io',
      ]),
    );
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], path).toContain('camera=()');
  }
});

test('deep links fall back to the app, a missing asset is a real 404, caching is right', async ({
  request,
}) => {
  const index = await (await request.get(`${swaUrl}/`)).text();
  expect(index).toContain('<div id="root">');

  const deep = await request.get(`${swaUrl}/clusters/help/databases/Samples`);
  expect(deep.status()).toBe(200);
  expect(await deep.text()).toBe(index);
  expect(deep.headers()['cache-control']).toBe('no-cache');
  expect((await request.get(`${swaUrl}/`)).headers()['cache-control']).toBe('no-cache');

  const config = await request.get(`${swaUrl}/config.json`);
  expect(config.headers()['cache-control']).toBe('no-cache');
  expect(((await config.json()) as { auth: { clientId: string } }).auth.clientId).toBe(
    quarryClient.clientId,
  );

  const redirect = await request.get(`${swaUrl}/redirect.html`);
  expect(await redirect.text()).not.toBe(index);

  const worker = await request.get(`${swaUrl}${builtWorkerPath()}`);
  expect(worker.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(worker.headers()['content-type']).toMatch(/javascript/);

  for (const missing of ['/assets/index-deadbeef.js', '/nothing-here.js', '/assets/gone.css']) {
    const response = await request.get(`${swaUrl}${missing}`);
    expect(response.status(), missing).toBe(404);
    expect(response.headers()['content-type'], missing).not.toMatch(/javascript|css/);
    expect(await response.text(), missing).not.toBe(index);
  }
});

test('sign in, query and save under the strict CSP with no violation', async ({ page }) => {
  const violations = await recordCspViolations(page);
  await signIn(page, undefined, `${swaUrl}/`);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents\n| summarize Storms = count() by State\n| top 3 by Storms');
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');

  await page.getByRole('button', { name: 'Saved queries' }).click();
  await page.getByRole('button', { name: 'Save current query' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save current query' });
  await dialog.getByLabel('Name').fill('Top 3 under SWA');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /Top 3 under SWA/ }).first()).toBeVisible();

  expect(await violations()).toEqual([]);
});

test('an ADX-shaped link opened by path under SWA asks, then opens its query, with no CSP violation', async ({
  page,
}) => {
  const violations = await recordCspViolations(page);
  await signIn(page, undefined, `${swaUrl}/`);
  const text = 'StormEvents | take 2 // via SWA';
  const query = encodeURIComponent(gzipSync(Buffer.from(text, 'utf8')).toString('base64'));
  await page.goto(
    `${swaUrl}/clusters/http%3a%2f%2flocalhost%3a5181/databases/Samples?query=${query}`,
  );
  await page
    .getByRole('dialog', { name: 'Open localhost:5181 / Samples?' })
    .getByRole('button', { name: 'Open' })
    .click();
  await expect.poll(() => consolePage(page).queryText()).toBe(text);
  expect(await violations()).toEqual([]);
});
