import { expect, test } from './support/test';
import { consolePage, expectNoSpinner } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { signIn, viewer } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

test('StormEvents | count shows 59066 with row count, duration and request id', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents | count');
  await expect(await quarry.cell(0, 'Count')).toHaveText('59066');
  await expect(quarry.status).toContainText('1 row');
  await expect(quarry.status).toContainText(/Request ID Quarry\.Query;[0-9a-f-]{36}/);
  const [request] = (await kustoStandIn.requests()).filter((r) => r.path === '/v2/rest/query');
  expect(request?.clientRequestId).toMatch(/^Quarry\.Query;/);
  await expect(quarry.status).toContainText(request!.clientRequestId!);
});

test('the top states by storm count put TEXAS first', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents\n| summarize count() by State\n| top 3 by count_');
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');
  await expect(await quarry.cell(0, 'count_')).toHaveText('4701');
  await expect(await quarry.cell(1, 'State')).toHaveText('KANSAS');
  await expect(await quarry.cell(2, 'State')).toHaveText('IOWA');
  await expect(quarry.status).toContainText('3 rows');
  // Figures line up on the right, as their headers do; text stays on the left.
  const align = async (column: string) =>
    (await quarry.cell(0, column)).evaluate((cell) => getComputedStyle(cell).textAlign);
  expect(await align('count_')).toBe('right');
  expect(await align('State')).toBe('start');
});

test('the schema tree’s Insert buttons put a column name at the cursor', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.setQuery('StormEvents\n| summarize count() by ');
  const schema = page.getByRole('region', { name: /^Schema of / });
  // Cluster → Samples → Tables → StormEvents: the tab's database is open from the start.
  const stormEvents = schema.getByRole('group', { name: 'Table StormEvents', exact: true });
  await stormEvents.locator('summary').click();
  await stormEvents.getByTitle('Insert State', { exact: true }).click();
  // The editor has the focus back, caret after the name: Shift+Enter runs what was built.
  await page.keyboard.press('Shift+Enter');
  await expect(await quarry.cell(0, 'State')).not.toBeEmpty();
  expect(await quarry.queryText()).toContain('| summarize count() by State');
});

test('a syntax error points at its line and column', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents\n| where State == "TEXAS" and\n| count');
  await expect(quarry.errorPanel).toContainText(/line 2, column 29/);
  await expect(quarry.errorPanel).toContainText('Missing expression');
  await expect(quarry.errorPanel).toContainText(/Request ID\s*Quarry\.Query;/);
  await expectNoSpinner(page);
});

test('a user without access to a database gets a 403 that names it', async ({ page }) => {
  await signIn(page, viewer);
  const quarry = consolePage(page);
  await quarry.chooseConnection(/ContosoSales/);
  await quarry.runQuery('Sales | take 5');
  await expect(quarry.errorPanel).toContainText('ContosoSales');
  await expect(quarry.errorPanel).toContainText(/HTTP status\s*403/);
  await expect(quarry.errorPanel).toContainText(/Viewer/i);
});

test('an unreachable cluster says which host and what to check', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.addCluster('nonexistent-cluster.westeurope.kusto.windows.net');
  await expect(
    page.locator('[role="tabpanel"]:not([hidden])').getByLabel('Connection'),
  ).toHaveValue(/nonexistent-cluster/);
  await quarry.runQuery('StormEvents | count');
  await expect(quarry.errorPanel).toContainText('nonexistent-cluster.westeurope.kusto.windows.net');
  await expectNoSpinner(page);
});

test('a look-alike host is refused before any token is requested', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  const dialog = await quarry.addCluster('https://help.kusto.windows.net.evil.example');
  await expect(dialog.getByRole('alert')).toContainText('will not send your token');
  const options = await page
    .locator('[role="tabpanel"]:not([hidden])')
    .getByLabel('Connection')
    .locator('option')
    .allTextContents();
  expect(options.join()).not.toContain('evil');
});

test('Cancel stops a running query and leaves no spinner', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await kustoStandIn.delayNext(20_000);
  await quarry.runQuery('StormEvents | count');
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeEnabled();
  await cancel.click();
  await expect(quarry.results).toContainText('Query cancelled');
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();
  await expect(cancel).toBeDisabled();
  await expect
    .poll(async () =>
      (await kustoStandIn.requests()).some((r) => r.csl?.startsWith('.cancel query')),
    )
    .toBe(true);
});

test('a throttled query (429 with Retry-After) is retried and then succeeds', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await kustoStandIn.failNext({ status: 429, retryAfterSeconds: 1, times: 1 });
  await quarry.runQuery('StormEvents | count');
  await expect(await quarry.cell(0, 'Count')).toHaveText('59066');
  const queries = (await kustoStandIn.requests()).filter((r) => r.path === '/v2/rest/query');
  expect(queries.map((r) => r.status)).toEqual([429, 200]);
});

test('result values render as text, never as HTML', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('print html = "<img src=x onerror=alert(1)><b>bold</b>"');
  const cell = await quarry.cell(0, 'html');
  await expect(cell).toHaveText('<img src=x onerror=alert(1)><b>bold</b>');
  await expect(cell.locator('img, b')).toHaveCount(0);
});

test('a big result shows its first rows while the rest is still streaming in', async ({ page }) => {
  // The first rows' preview (drawn while AG Grid builds itself), as it came and went.
  await page.addInitScript(() => {
    const seen = { headings: [] as string[], firstRow: [] as string[], gridCellsWhenGone: -1 };
    (window as unknown as { __preview: typeof seen }).__preview = seen;
    new MutationObserver(() => {
      // The query tab's (the grid warm-up, off screen, has no first rows to draw).
      const preview = document.querySelector('[role="tabpanel"] .first-rows-preview');
      const row = preview?.querySelector('.first-rows-preview__row');
      if (row && seen.firstRow.length === 0) {
        seen.headings = [...preview!.querySelectorAll('.first-rows-preview__heading-text')].map(
          (h) => h.textContent ?? '',
        );
        seen.firstRow = [...row.children].map((cell) => cell.textContent ?? '');
      }
      if (!preview && seen.firstRow.length > 0 && seen.gridCellsWhenGone < 0)
        seen.gridCellsWhenGone = document.querySelectorAll('[role="gridcell"]:not(:empty)').length;
    }).observe(document, { subtree: true, childList: true });
  });
  await signIn(page);
  const quarry = consolePage(page);
  // 5 × 59,066 = 295,330 rows, about 250 MB of JSON: past Kusto's default 64 MB limit, lifted.
  await quarry.runQuery(
    'set notruncation;\nunion StormEvents, StormEvents, StormEvents, StormEvents, StormEvents',
  );
  // Rows are counted (and the grid fills) before the response has finished arriving.
  await expect(
    page.getByRole('status').filter({ hasText: /[1-9][\d,]* rows · running/ }),
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(quarry.status).toContainText('295,330 rows', { timeout: 90_000 });
  await expect(await quarry.cell(0, 'EventId')).toHaveText('61032');

  // The preview showed the grid's first row, and went only once the grid had drawn its cells.
  const seen = await page.evaluate(
    () =>
      (
        window as unknown as {
          __preview: { headings: string[]; firstRow: string[]; gridCellsWhenGone: number };
        }
      ).__preview,
  );
  expect(seen.headings.slice(0, 4)).toEqual(['StartTime', 'EndTime', 'EpisodeId', 'EventId']);
  for (const [index, heading] of seen.headings.entries())
    await expect(await quarry.cell(0, heading)).toHaveText(seen.firstRow[index]!);
  expect(seen.gridCellsWhenGone).toBeGreaterThan(0);
  await expect(page.locator('[role="tabpanel"] .first-rows-preview')).toHaveCount(0);
  await expect(page.getByRole('grid')).toHaveCount(1);
});

test('the grid warm-up after sign-in stays hidden from users beside the result grids', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  // Mounted at idle time after sign-in, off screen: no grid for users or assistive technology.
  const warmGrid = page.locator('[data-grid-warmup] .ag-root-wrapper');
  await expect(warmGrid).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByRole('grid')).toHaveCount(0);
  await quarry.runQuery('StormEvents | count');
  await expect(await quarry.cell(0, 'Count')).toHaveText('59066');
  // Kept for the page's life (destroying it was a long task in the first load): still there
  // once the page has been idle, off screen, invisible and out of the accessibility tree.
  for (let i = 0; i < 3; i++)
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  await expect(warmGrid).toHaveCount(1);
  await expect(page.locator('[data-grid-warmup]')).toHaveAttribute('aria-hidden', 'true');
  await expect(warmGrid).toBeHidden();
  await expect(page.getByRole('grid')).toHaveCount(1);
});
