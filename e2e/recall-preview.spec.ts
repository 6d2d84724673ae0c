import { expect, test, type Page } from './support/test';
import { consolePage, expectNoSpinner } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { signIn } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

/** The rows the grid says it holds, from its accessible name ("PrimaryResult (66 rows)"). */
async function gridRowCount(page: Page): Promise<number> {
  const label = await page
    .getByRole('region', { name: /^PrimaryResult \(/ })
    .getAttribute('aria-label');
  return Number(/\(([\d,]+) rows?\)/.exec(label ?? '')![1]!.replace(/,/g, ''));
}

/** Queries the stand-in received (management commands such as the schema are not queries). */
async function queriesSent(): Promise<string[]> {
  return (await kustoStandIn.requests())
    .filter((r) => r.path === '/v2/rest/query')
    .map((r) => r.csl ?? '');
}

const origin = (page: Page) =>
  page.getByRole('region', { name: 'Results' }).locator('.result-origin');

test('the last result of a tab is back after a reload, with no request sent', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  const byState = 'StormEvents | summarize count() by State';
  await quarry.runQuery(byState);
  await expectNoSpinner(page);
  await expect(quarry.status).toContainText(' rows');
  const states = await gridRowCount(page);
  expect(states).toBeGreaterThan(50);
  expect(await queriesSent()).toEqual([byState]);

  // Count what the page itself sends from here on, and what the stand-in receives.
  let queriesFromPage = 0;
  page.on('request', (request) => {
    if (request.url().includes('/v2/rest/query')) queriesFromPage++;
  });
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('quarry-default-results');
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('kept')) return resolve(0);
              const count = db.transaction('kept').objectStore('kept').count();
              count.onsuccess = () => resolve(count.result);
              count.onerror = () => resolve(-1);
            };
            open.onerror = () => resolve(-1);
          }),
      ),
    )
    .toBe(1);

  await page.reload();
  await expect(quarry.editor).toBeVisible();
  await expect(origin(page)).toContainText(
    'shown after the reload without running the query again',
  );
  await expect(quarry.status).toContainText(`${states} rows`);
  await expect.poll(() => gridRowCount(page)).toBe(states);
  const texas = await quarry.cell(0, 'State');
  await expect(texas).toBeVisible();
  expect(queriesFromPage).toBe(0);
  expect(await queriesSent()).toEqual([byState]);
});

test('Preview runs the statement for its first 50 rows and says so; the editor keeps the text', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.setQuery('StormEvents');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expectNoSpinner(page);
  await expect(origin(page)).toContainText('Preview: first 50 rows');
  await expect.poll(() => gridRowCount(page)).toBe(50);
  await expect(quarry.status).toContainText('50 rows');
  // The truncation was asked for: no warning panel beside the rows.
  await expect(quarry.errorPanel).toHaveCount(0);
  expect(await queriesSent()).toEqual(['set truncationmaxrecords=50;\nStormEvents']);
  expect(await quarry.queryText()).toBe('StormEvents');

  // The keyboard chord does the same.
  await quarry.setQuery('StormEvents | project State');
  await page.keyboard.press('Shift+Alt+Enter');
  // The first preview had 50 rows too: wait for this query to be sent, then for its one column.
  await expect
    .poll(async () => (await queriesSent()).at(-1))
    .toBe('set truncationmaxrecords=50;\nStormEvents | project State');
  await expect(quarry.grid.getByRole('columnheader')).toHaveCount(1);
  await expectNoSpinner(page);
  await expect.poll(() => gridRowCount(page)).toBe(50);
});

test('Preview on App Insights asks for the first 50 rows with | take 50 and says so', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('button', { name: /Contoso Shop \(demo\)/ }).click();
  const quarry = consolePage(page);
  const sent: string[] = [];
  page.on('request', (request) => {
    if (/\/v1\/apps\/[^/]+\/query/.test(request.url()))
      sent.push((request.postDataJSON() as { query: string }).query);
  });
  await quarry.setQuery('requests');
  await page.keyboard.press('Shift+Alt+Enter');
  await expectNoSpinner(page);
  await expect(origin(page)).toContainText('Preview: first 50 rows');
  await expect.poll(() => gridRowCount(page)).toBe(50);
  expect(sent).toEqual(['requests\n| take 50']);
  expect(await quarry.queryText()).toBe('requests');
});

test('F8 recalls an earlier result of the tab without running it', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents | summarize count() by State');
  await expectNoSpinner(page);
  await expect(quarry.status).toContainText(' rows');
  const states = await gridRowCount(page);
  await quarry.runQuery('StormEvents | count');
  await expectNoSpinner(page);
  await expect(quarry.status).toContainText('1 row');
  await expect.poll(async () => (await queriesSent()).length).toBe(2);

  await page.keyboard.press('F8');
  const menu = page.getByRole('menu', { name: 'Recall a kept result' });
  await expect(menu).toBeVisible();
  const items = menu.getByRole('menuitem');
  await expect(items).toHaveCount(2);
  await menu.getByRole('menuitem', { name: /summarize count\(\) by State/ }).click();
  await expect(menu).toBeHidden();
  await expect(origin(page)).toContainText('Recalled result from');
  await expect(origin(page)).toContainText('not a fresh run');
  await expect(quarry.status).toContainText(`${states} rows`);
  await expect.poll(() => gridRowCount(page)).toBe(states);
  // Nothing was sent for the recall.
  expect(await queriesSent()).toHaveLength(2);
});
