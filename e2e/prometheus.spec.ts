import { expect, test, type Page, type Request } from './support/test';
import { urls } from '../local-stack/local-constants.ts';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { signIn, viewer } from './support/sign-in.ts';

/**
 * Azure Monitor managed Prometheus as a source, against the local workspace stand-in (a real
 * Prometheus behind it, Entra tokens checked) and the Entra auth proxy in front of it.
 */

test.beforeEach(async () => {
  await identityProvider.reset();
});

const DIRECT = 'local metrics · Prometheus';
const THROUGH_PROXY = 'local metrics · Prometheus (proxy)';

async function openConnection(page: Page, label: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('group', { name: 'Query type' })).toBeVisible();
}

async function queryType(page: Page, type: 'Instant' | 'Range') {
  await page.getByRole('group', { name: 'Query type' }).getByRole('button', { name: type }).click();
}

test('up through the auth proxy: answered, and no Authorization header leaves the browser', async ({
  page,
}) => {
  const toProxy: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(urls.prometheusQueryProxy)) toProxy.push(request);
  });
  await signIn(page);
  await openConnection(page, THROUGH_PROXY);
  await queryType(page, 'Instant');
  const quarry = consolePage(page);
  await quarry.runQuery('up');

  await expect(await quarry.cell(0, '__name__')).toHaveText('up');
  await expect(await quarry.cell(0, 'value')).toHaveText('1');
  await expect(quarry.status).toContainText('no token sent');
  const queries = toProxy.filter((r) => r.url().endsWith('/api/v1/query') && r.method() === 'POST');
  expect(queries.length).toBeGreaterThan(0);
  for (const request of toProxy) {
    expect(await request.allHeaders(), request.url()).not.toHaveProperty('authorization');
  }
});

test('a range query draws a time chart, one line per route, directly with Entra', async ({
  page,
}) => {
  const toWorkspace: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(urls.prometheusWorkspace)) toWorkspace.push(request);
  });
  await signIn(page);
  await openConnection(page, DIRECT);
  await queryType(page, 'Range');
  const quarry = consolePage(page);
  await quarry.runQuery('sum by (route) (rate(http_requests_total[5m]))');

  await expect(page.locator('[data-chart-state="ready"]')).toBeVisible();
  await expect(page.getByRole('img', { name: /Time chart/ })).toBeVisible();
  await expect(quarry.status).toContainText(/Range query · step \d+[smh]/);
  const range = toWorkspace.find((r) => r.url().endsWith('/api/v1/query_range'));
  expect(range, 'a query_range request').toBeDefined();
  expect((await range!.allHeaders()).authorization).toMatch(/^Bearer /);

  // The same result as a long-format grid: one row per sample, the route as a column.
  await page
    .getByRole('group', { name: 'Show result as' })
    .getByRole('button', { name: 'Table' })
    .click();
  await expect(quarry.grid.getByRole('columnheader', { name: 'route', exact: true })).toBeVisible();
  await expect(
    quarry.grid.getByRole('columnheader', { name: 'timestamp', exact: true }),
  ).toBeVisible();
  await expect(quarry.grid.getByRole('columnheader', { name: 'value', exact: true })).toBeVisible();
});

test('a user without Monitoring Data Reader is told which role to ask for', async ({ page }) => {
  await signIn(page, viewer);
  await openConnection(page, DIRECT);
  const quarry = consolePage(page);
  await quarry.runQuery('up');
  await expect(quarry.errorPanel).toContainText(/HTTP status\s*403/);
  await expect(quarry.errorPanel).toContainText('Monitoring Data Reader');
  await expect(quarry.errorPanel).toContainText(/Request ID/);
});

test('a PromQL syntax error is marked while typing and placed by the server', async ({ page }) => {
  await signIn(page);
  await openConnection(page, DIRECT);
  await queryType(page, 'Instant');
  const quarry = consolePage(page);
  await quarry.setQuery('sum(rate(up[5m])) by');
  // The grammar's marker appears before anything is sent.
  await expect(quarry.editor.locator('.squiggly-error')).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  await expect(quarry.errorPanel).toContainText('PromQL syntax error at line 1, column 21');
  await expect(quarry.errorPanel).toContainText('unexpected end of input');
});

test('a Prometheus run is kept in History; opening it brings back query, connection, range and step', async ({
  page,
}) => {
  await signIn(page);
  await openConnection(page, THROUGH_PROXY);
  await queryType(page, 'Range');
  const quarry = consolePage(page);
  const panel = page.locator('[role="tabpanel"]:not([hidden])');
  await panel.getByLabel('Time range').selectOption({ label: 'Last 4 hours' });
  await panel.getByLabel('Step').fill('2m');
  await quarry.runQuery('sum by (job) (up)');
  await expect(quarry.status).toContainText('Range query · step 2m');

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const entry = page.getByRole('button', { name: /^sum by \(job\) \(up\)/ });
  await expect(entry).toContainText('Prometheus · localhost:5185 (proxy)');
  await expect(entry).toContainText('Range query · Last 4 hours · step 2m');
  await entry.click();

  // A new tab (opening never runs it) with everything the run used.
  await expect(page.getByRole('tab', { name: /From history/, selected: true })).toBeVisible();
  await expect(panel.getByLabel('Connection').locator('option:checked')).toHaveText(THROUGH_PROXY);
  expect(await quarry.queryText()).toContain('sum by (job) (up)');
  await expect(
    panel.getByRole('group', { name: 'Query type' }).getByRole('button', { name: 'Range' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByLabel('Time range').locator('option:checked')).toHaveText('Last 4 hours');
  await expect(panel.getByLabel('Step')).toHaveValue('2m');
  await expect(quarry.status).toHaveCount(0);
});
