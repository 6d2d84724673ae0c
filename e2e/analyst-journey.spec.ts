import { expect, test, type Page } from './support/test';
import { readFileSync } from 'node:fs';
import { consolePage, signInWithClipboard } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { signIn, submitIdpSignIn } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

const TOP_STATES = 'StormEvents\n| summarize Storms = count() by State\n| top 5 by Storms';

test('an analyst sorts and searches a result, exports it, saves the query and reopens it after a reload', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await page.getByRole('button', { name: 'local help · Samples' }).click();

  // The editor completes column names from the database schema.
  // (The schema reaches the language-service worker asynchronously after the editor mounts.)
  await quarry.setQuery('StormEvents\n| where Sta');
  const suggestions = page.locator('.suggest-widget');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(suggestions.getByText('State', { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press('Escape');

  await quarry.runQuery(TOP_STATES);
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');

  // Sorting happens in the worker that owns the rows.
  await page.getByRole('columnheader', { name: 'Storms' }).click();
  await expect(await quarry.cell(0, 'State')).toHaveText('MISSOURI');
  await expect(await quarry.cell(0, 'Storms')).toHaveText('2016');

  await page.getByRole('searchbox', { name: 'Search results' }).fill('kan');
  await expect(await quarry.cell(0, 'State')).toHaveText('KANSAS');
  await expect(page.getByRole('grid').locator('[role="row"][aria-rowindex="3"]')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search results' }).fill('');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.slice(1).split('\r\n').slice(0, 3)).toEqual([
    'State,Storms',
    'TEXAS,4701',
    'KANSAS,3166',
  ]);

  await page.getByRole('button', { name: 'Saved queries' }).click();
  await page.getByRole('button', { name: 'Save current query' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save current query' });
  await dialog.getByLabel('Name').fill('Top storm states');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.reload();
  const saved = page.getByRole('button', { name: /Top storm states/ }).first();
  await expect(saved).toBeVisible();
  await saved.click();
  await expect(page.getByRole('tab', { name: 'Top storm states', selected: true })).toBeVisible();
  await expect.poll(() => quarry.queryText()).toBe(TOP_STATES);
});

test('a query with render timechart is drawn as a chart, with a table view beside it', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery(
    'StormEvents\n| where EventType in ("Hail", "Flash Flood")\n| summarize count() by bin(StartTime, 7d), EventType\n| render timechart with (title="Weekly storms")',
  );
  const chart = page.getByRole('img', { name: /Weekly storms/ });
  await expect(chart).toBeVisible();
  await expect(page.locator('[data-chart-state="ready"]')).toBeVisible();
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'EventType' })).toBeVisible();
});

test('Ctrl+wheel on a time chart zooms in and draws the visible window again in more detail', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  // Hourly counts over 2007: thousands of points, more than the plot has pixel columns, so the
  // first draw is decimated and a narrower window has room for more of them.
  await quarry.runQuery(
    'StormEvents\n| summarize count() by bin(StartTime, 1h)\n| render timechart',
  );
  const canvas = page.locator('.result-chart__canvas');
  await expect(canvas).toHaveAttribute('data-chart-state', 'ready');
  const summary = JSON.parse((await canvas.getAttribute('data-chart-summary')) ?? '{}') as {
    series: { points: number }[];
  };
  const fullPoints = summary.series[0]!.points;
  expect(fullPoints).toBeGreaterThan(0);
  await expect(canvas).not.toHaveAttribute('data-chart-detail');

  const box = (await page.locator('.result-chart__plot').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');

  await expect(canvas).toHaveAttribute('data-chart-detail', /points/);
  const detail = JSON.parse((await canvas.getAttribute('data-chart-detail')) ?? '{}') as {
    from: number;
    to: number;
    points: number;
  };
  const day = 86_400_000;
  const year = [Date.UTC(2007, 0, 1), Date.UTC(2008, 0, 1)];
  expect(detail.from).toBeGreaterThanOrEqual(year[0]!);
  expect(detail.to).toBeLessThanOrEqual(year[1]!);
  expect(detail.to - detail.from).toBeLessThan(0.5 * 365 * day);
  // Redrawn from the full series: clearly more points per day in the window than the year had.
  const perDay = detail.points / ((detail.to - detail.from) / day);
  expect(perDay).toBeGreaterThan(2 * (fullPoints / 365));
});

test('a share link opens the query in a fresh browser through sign-in, without running it', async ({
  page,
  browser,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  const shared = 'StormEvents\n| where State == "IOWA"\n| take 3';
  await quarry.setQuery(shared);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  // ADX-shaped: /clusters/<cluster>/databases/<db>?query=<standard base64, percent-encoded>.
  expect(new URL(link).pathname).toBe('/clusters/http%3A%2F%2Flocalhost%3A5181/databases/Samples');
  expect(link).toMatch(/\?query=[A-Za-z0-9%]+$/);

  const fresh = await browser.newContext({ ignoreHTTPSErrors: true });
  const other = await fresh.newPage();
  await other.goto(link);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await submitIdpSignIn(other);
  // The link survived the sign-in redirect, and asks before it connects.
  await other
    .getByRole('dialog', { name: 'Open localhost:5181 / Samples?' })
    .getByRole('button', { name: 'Open' })
    .click();
  await expect(other.getByRole('tab', { name: 'Shared query', selected: true })).toBeVisible();
  await expect.poll(() => consolePage(other).queryText()).toBe(shared);
  await expect(other.getByText('Review it, then run it')).toBeVisible();
  const ran = (await kustoStandIn.requests()).filter((r) => r.csl?.includes('IOWA'));
  expect(ran).toEqual([]);
  await fresh.close();
});

test('a block of cells selected with Shift shows its figures and copies as TSV, in the order the grid shows', async ({
  page,
}) => {
  const quarry = await signInWithClipboard(page);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const notice = quarry.selectionNotice;
  await quarry.runQuery('StormEvents\n| summarize Storms = count() by State\n| top 3 by Storms');

  // Mouse: click one corner, Shift+click the other.
  await (await quarry.cell(0, 'State')).click();
  await (await quarry.cell(2, 'Storms')).click({ modifiers: ['Shift'] });
  // The figures of the block, as the ADX web UI shows them.
  await expect(notice).toHaveText(
    '3 × 2 cells selected · Count 6 · Sum 10,204 · Avg 3,401.3333 · Min 2,337 · Max 4,701 · Ctrl+C copies',
  );
  await expect(quarry.grid.locator('.cell--in-range')).toHaveCount(6);
  await page.keyboard.press('ControlOrMeta+C');
  await expect(notice).toHaveText('Copied 3 rows × 2 columns.');
  expect(await clipboard()).toBe('TEXAS\t4701\r\nKANSAS\t3166\r\nIOWA\t2337');

  // Keyboard, after sorting by Storms ascending: the block follows the grid's order.
  await quarry.grid.getByRole('columnheader', { name: 'Storms' }).click();
  await expect(await quarry.cell(0, 'State')).toHaveText('IOWA');
  await (await quarry.cell(0, 'State')).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(notice).toHaveText(
    '2 × 2 cells selected · Count 4 · Sum 5,503 · Avg 2,751.5 · Min 2,337 · Max 3,166 · Ctrl+C copies',
  );
  await page.keyboard.press('ControlOrMeta+C');
  await expect(notice).toHaveText('Copied 2 rows × 2 columns.');
  expect(await clipboard()).toBe('IOWA\t2337\r\nKANSAS\t3166');

  // A plain click leaves one cell, and Ctrl+C copies just its text.
  await (await quarry.cell(2, 'State')).click();
  await expect(quarry.grid.locator('.cell--in-range')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+C');
  await expect(notice).toHaveText('Copied the cell.');
  expect(await clipboard()).toBe('TEXAS');

  // Grouping replaces the grid; the block and its figures go with the grid that held them.
  await (await quarry.cell(0, 'State')).click();
  await (await quarry.cell(1, 'Storms')).click({ modifiers: ['Shift'] });
  await expect(notice).toHaveText(/^2 × 2 cells selected/);
  await page
    .getByRole('group', { name: 'Group and pivot' })
    .getByLabel('Add a group column')
    .selectOption('State');
  await expect(quarry.grid.getByRole('columnheader', { name: 'Count', exact: true })).toBeVisible();
  await expect(notice).toHaveCount(0);

  // Leaving grouping finds the grid as it was left: still sorted by Storms ascending, and the
  // block it dropped stays dropped.
  await page.getByRole('button', { name: 'Stop grouping by State' }).click();
  await expect(quarry.grid.getByRole('columnheader', { name: 'Storms' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(await quarry.cell(0, 'State')).toHaveText('IOWA');
  await expect(quarry.grid.locator('.cell--in-range')).toHaveCount(0);
  await expect(notice).toHaveCount(0);
});

/**
 * Runs `query` (a column `i` and one more, `rows` rows), selects every row from the first cell with
 * Shift+End and presses Ctrl+C. Returns the selection notice, which then tells what was copied.
 */
async function copyWholeResult(page: Page, query: string, rows: number) {
  const quarry = await signInWithClipboard(page);
  const count = rows.toLocaleString('en-US');
  await quarry.runQuery(query);
  await expect(quarry.status).toContainText(`${count} rows`);
  await (await quarry.cell(0, 'i')).click();
  await page.keyboard.press('Shift+End');
  const notice = quarry.selectionNotice;
  await expect(notice).toHaveText(new RegExp(`^${count} × 2 cells selected`));
  await page.keyboard.press('ControlOrMeta+C');
  return notice;
}

test('a block over several read parts copies every row once, in order', async ({ page }) => {
  // 4,500 rows: the block is read from the worker in parts of 2,000 rows (COPY_PART_ROWS).
  const notice = await copyWholeResult(
    page,
    'range i from 1 to 4500 step 1\n| extend s = strcat("row ", i)',
    4_500,
  );
  await expect(notice).toHaveText('Copied 4,500 rows × 2 columns.');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const expected = Array.from({ length: 4500 }, (_, n) => `${n + 1}\trow ${n + 1}`).join('\r\n');
  expect(text).toBe(expected);
});

test('a block over the copy limit copies its first whole rows and says why it stopped', async ({
  page,
}) => {
  // 6,000 rows of 1,000-character text: 6 million characters, over the 5 million a copy takes.
  const notice = await copyWholeResult(
    page,
    'range i from 1 to 6000 step 1\n| extend s = strrep("x", 1000)',
    6_000,
  );
  // Each row is "i\t" + 1,000 characters + CRLF: 4,966 whole rows fit in 5,000,000 characters.
  await expect(notice).toHaveText(
    'Copied the first 4,966 rows × 2 columns of 6,000 selected rows (a copy stops at 100,000 rows or 5 million characters, so the page does not pause; use Export CSV for more).',
  );
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\r\n');
  expect(lines).toHaveLength(4_966);
  expect(lines[0]).toBe(`1\t${'x'.repeat(1000)}`);
  expect(lines.at(-1)).toBe(`4966\t${'x'.repeat(1000)}`);
});

test('query tabs can be renamed, closed and reopened with their text, and keep their names across a reload', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  const texasQuery = 'StormEvents | where State == "TEXAS" | count';
  await quarry.setQuery(texasQuery);
  const tabs = page.getByRole('tablist', { name: 'Query tabs' });

  await tabs.getByRole('tab', { name: 'Query 1' }).dblclick();
  const field = tabs.getByRole('textbox', { name: 'Tab name' });
  await field.fill('Texas storms');
  await field.press('Enter');
  await expect(tabs.getByRole('tab', { name: 'Texas storms' })).toBeFocused();
  // F2 renames the focused tab too; Esc keeps the old name.
  await page.keyboard.press('F2');
  await tabs.getByRole('textbox', { name: 'Tab name' }).fill('not kept');
  await page.keyboard.press('Escape');
  await expect(tabs.getByRole('tab')).toHaveText(['Texas storms']);

  await page.getByRole('button', { name: 'New tab' }).click();
  await expect(tabs.getByRole('tab')).toHaveText(['Texas storms', 'Query 2']);
  // Arrow keys move between tabs and switch to them (the ARIA tabs pattern).
  await tabs.getByRole('tab', { name: 'Query 2' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'Texas storms' })).toBeFocused();
  await expect(tabs.getByRole('tab', { name: 'Texas storms' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: 'Query 2' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Close Texas storms' }).click();
  await expect(tabs.getByRole('tab')).toHaveText(['Query 2']);
  await page.getByRole('button', { name: 'Reopen closed tab' }).click();
  await expect(tabs.getByRole('tab')).toHaveText(['Texas storms', 'Query 2']);
  await expect(tabs.getByRole('tab', { name: 'Texas storms' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(await quarry.queryText()).toBe(texasQuery);
  await expect(page.getByRole('button', { name: 'Reopen closed tab' })).toHaveCount(0);

  await page.reload();
  await expect(tabs.getByRole('tab')).toHaveText(['Texas storms', 'Query 2']);
});
