import { expect, test, type Page } from './support/test';
import { consolePage, signInWithClipboard } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { signIn, viewer } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

/** The management commands the stand-in received, in order. */
async function commands(): Promise<{ db: string | null; csl: string }[]> {
  return (await kustoStandIn.requests())
    .filter((r) => r.path === '/v1/rest/mgmt' && r.csl !== null)
    .map((r) => ({ db: r.db, csl: r.csl! }));
}

const schemaRequests = async () =>
  (await commands()).map((c) => c.csl).filter((csl) => /schema as json/.test(csl));

function schemaTree(page: Page) {
  const tree = page.getByRole('region', { name: /^Schema of / });
  return {
    tree,
    database: (name: string) => tree.getByRole('group', { name: `Database ${name}`, exact: true }),
  };
}

test('the cluster lists its databases; another database loads when opened, and Use switches the tab to it', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  const { tree, database } = schemaTree(page);

  // Cluster → databases, from `.show databases`; the tab's database is open with its sections.
  await expect(tree.locator('summary').first()).toContainText('localhost:5181');
  await expect(database('Samples')).toBeVisible();
  await expect(database('ContosoSales')).toBeVisible();
  const samples = database('Samples');
  await expect(samples.locator('summary').first()).toContainText('current');
  for (const section of ['Tables (3)', 'Materialized views (1)', 'External tables (1)']) {
    await expect(samples.getByText(section, { exact: true })).toBeVisible();
  }
  await expect(
    samples.getByRole('group', { name: 'Table StormEvents', exact: true }),
  ).toBeVisible();
  await expect(
    samples.getByRole('group', { name: 'Materialized view StormsByState', exact: true }),
  ).toBeVisible();
  await expect(
    samples.getByRole('group', { name: 'External table StormEventsArchive', exact: true }),
  ).toBeVisible();

  // Lazy: only the tab's database has had its schema asked for; ContosoSales has not.
  await expect.poll(async () => (await commands()).map((c) => c.csl)).toContain('.show databases');
  await expect.poll(schemaRequests).toContain('.show database Samples schema as json');
  expect(await schemaRequests()).not.toContain('.show database ContosoSales schema as json');
  const contoso = database('ContosoSales');
  await expect(contoso.getByRole('group', { name: 'Table Sales', exact: true })).toHaveCount(0);

  // Opening the node asks for its schema, once.
  await contoso.locator('summary').first().click();
  await expect(contoso.getByRole('group', { name: 'Table Sales', exact: true })).toBeVisible();
  await expect(contoso.getByText('Orders and revenue per sales region')).toBeVisible();
  expect(
    (await schemaRequests()).filter((c) => c === '.show database ContosoSales schema as json'),
  ).toHaveLength(1);

  // A table of another database is typed with its database, as a cluster reads it from here
  // (the stand-in's engine serves one database per query, so this one is not run).
  await quarry.setQuery('');
  await tree.getByRole('button', { name: 'Insert table Sales', exact: true }).click();
  await expect.poll(() => quarry.queryText()).toBe('database("ContosoSales").Sales');
  // The editor knows every database the tree has loaded: the other database's columns complete.
  await page.keyboard.type('\n| where Reg');
  const suggestions = page.locator('.suggest-widget');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(suggestions.getByText('Region', { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press('Escape');

  // Use: the tab's connection becomes ContosoSales (as the connection picker would set it).
  await tree.getByRole('button', { name: 'Use database ContosoSales' }).click();
  const picker = page.locator('[role="tabpanel"]:not([hidden])').getByLabel('Connection');
  await expect(picker.locator('option:checked')).toContainText('ContosoSales');
  await expect(contoso.locator('summary').first()).toContainText('current');
  await expect(samples.locator('summary').first()).not.toContainText('current');

  await quarry.runQuery('Sales | summarize Orders = count()');
  await expect(await quarry.cell(0, 'Orders')).toHaveText('1000');
  const queries = (await kustoStandIn.requests()).filter((r) => r.path === '/v2/rest/query');
  expect(queries.at(-1)).toMatchObject({ db: 'ContosoSales', status: 200 });

  // The editor's completion follows the database: Sales' columns are offered now.
  // (The schema reaches the language-service worker asynchronously.)
  await quarry.setQuery('Sales\n| where Reg');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(suggestions.getByText('Region', { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press('Escape');

  // A stored function of this database, from the tree, typed bare and run.
  await quarry.setQuery('');
  await tree.getByRole('button', { name: 'Insert function SalesByRegion' }).click();
  await expect.poll(() => quarry.queryText()).toBe('SalesByRegion()');
  await page.keyboard.press('Shift+Enter');
  await expect(quarry.status).toContainText('4 rows');
  await expect(await quarry.cell(0, 'Orders')).not.toBeEmpty();

  // Double-click on a database switches back.
  await samples.locator('summary').first().dblclick();
  await expect(picker.locator('option:checked')).toContainText('Samples');
  await expect(samples.locator('summary').first()).toContainText('current');
  await quarry.runQuery('StormsByState | where State == "TEXAS" | project Storms');
  await expect(await quarry.cell(0, 'Storms')).toHaveText('4701');
});

test('the tree lists only the databases the user may read, and a query runs on the one chosen', async ({
  page,
}) => {
  await signIn(page, viewer);
  const quarry = consolePage(page);
  const { tree, database } = schemaTree(page);
  await expect(database('SampleLogs')).toBeVisible();
  await expect(tree.locator('summary').first()).toContainText('2 databases');
  await expect(database('ContosoSales')).toHaveCount(0);

  await tree.getByRole('button', { name: 'Use database SampleLogs' }).click();
  await expect(database('SampleLogs').locator('summary').first()).toContainText('current');
  await quarry.runQuery('TraceLogs | count');
  await expect(await quarry.cell(0, 'Count')).toHaveText('2000');
  const queries = (await kustoStandIn.requests()).filter((r) => r.path === '/v2/rest/query');
  expect(queries.at(-1)).toMatchObject({ db: 'SampleLogs', status: 200 });
});

test('Ctrl+Shift+C copies the query, its link and the results as rich text', async ({ page }) => {
  const quarry = await signInWithClipboard(page);
  await quarry.runQuery('StormEvents\n| summarize Storms = count() by State\n| top 2 by Storms');
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');

  // The focus is still in the editor: Monaco does not bind the chord, Quarry takes it.
  await page.keyboard.press('Control+Shift+C');
  await expect(page.getByRole('status').filter({ hasText: 'as rich text' })).toContainText(
    'Copied the query, link and 2 rows',
  );
  const clipboard = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    if (!item) return null;
    return {
      types: [...item.types],
      html: await (await item.getType('text/html')).text(),
      text: await (await item.getType('text/plain')).text(),
    };
  });
  expect(clipboard?.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
  expect(clipboard!.html).toContain('StormEvents\n| summarize Storms = count() by State');
  expect(clipboard!.html).toMatch(/<a href="http:\/\/localhost:\d+\/[^"]+">Open this query<\/a>/);
  expect(clipboard!.html).toContain('<th>State</th><th>Storms</th>');
  expect(clipboard!.html).toContain('<tr><td>TEXAS</td><td>4701</td></tr>');
  expect(clipboard!.text.startsWith('StormEvents\n| summarize')).toBe(true);

  // The shortcuts list names it.
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(
    dialog.getByRole('row', { name: /Copy query, link and results for a report/ }),
  ).toContainText('Ctrl+Shift+C');
});
