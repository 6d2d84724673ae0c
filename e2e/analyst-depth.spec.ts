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

const cellMenu = (page: Page) => page.getByRole('menu', { name: 'Cell actions' });

/** Ticks or clears the menu's "run after adding" box (kept as a preference). */
async function setRunAfter(page: Page, run: boolean) {
  const box = cellMenu(page).getByRole('menuitemcheckbox', { name: /Run the query after/ });
  if ((await box.isChecked()) !== run) await box.click();
}

test('a grid cell becomes a filter: filter to TEXAS and run it, then exclude it', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  const byState = 'StormEvents | summarize count() by State';
  await quarry.runQuery(byState);
  await expectNoSpinner(page);
  const allStates = await gridRowCount(page);
  expect(allStates).toBeGreaterThan(50);

  // Bring the TEXAS row into view with the result search, then use its cell's menu.
  await page.getByRole('searchbox', { name: 'Search results' }).fill('TEXAS');
  const texas = await quarry.cell(0, 'State');
  await expect(texas).toHaveText('TEXAS');
  await texas.click({ button: 'right' });
  await expect(cellMenu(page)).toContainText('| where State == "TEXAS"');
  await setRunAfter(page, false);
  await cellMenu(page)
    .getByRole('menuitem', { name: /^Filter to this value/ })
    .click();
  await expect(cellMenu(page)).toBeHidden();
  // Added, not run: the editor holds the filter; the grid still shows the old result.
  await expect.poll(() => quarry.queryText()).toBe(`${byState}\n| where State == "TEXAS"`);
  await expect(page.getByRole('status').filter({ hasText: 'Added | where' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search results' }).fill('');

  await quarry.editor.locator('.view-lines').click();
  await page.keyboard.press('Shift+Enter');
  await expect(await quarry.cell(0, 'count_')).toHaveText('4701');
  await expect(quarry.status).toContainText('1 row');

  // Exclude, this time by the keyboard's menu key, and run at once.
  await quarry.runQuery(byState);
  await page.getByRole('searchbox', { name: 'Search results' }).fill('TEXAS');
  // Focus the cell once the search has narrowed the grid (a refresh would move the focus).
  const texasAgain = await quarry.cell(0, 'State');
  await expect(texasAgain).toHaveText('TEXAS');
  await expect(quarry.grid.locator('[role="row"][aria-rowindex="3"]')).toHaveCount(0);
  await texasAgain.click();
  await page.keyboard.press('Shift+F10');
  await setRunAfter(page, true);
  await cellMenu(page)
    .getByRole('menuitem', { name: /^Exclude this value/ })
    .click();
  await expect.poll(() => quarry.queryText()).toBe(`${byState}\n| where State != "TEXAS"`);
  await expectNoSpinner(page);
  await expect.poll(() => gridRowCount(page)).toBe(allStates - 1);
  // A new result starts with an empty search: no row matches TEXAS any more.
  await page.getByRole('searchbox', { name: 'Search results' }).fill('TEXAS');
  await expect(quarry.grid.locator('[role="row"][aria-rowindex="2"]')).toHaveCount(0);
});

test('a block of cells filters with in (…) by Ctrl+Shift+Space, as in ADX', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  const byState = 'StormEvents | summarize count() by State';
  await quarry.runQuery(`${byState}\n| top 3 by count_`);
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');
  await (await quarry.cell(0, 'State')).click();
  await (await quarry.cell(1, 'State')).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+Shift+Space');
  await expect
    .poll(() => quarry.queryText())
    .toBe(`${byState}\n| top 3 by count_\n| where State in ("TEXAS", "KANSAS")`);
  // Not run yet (the menu's "run after adding" box is clear): the user runs it.
  await expect(quarry.status).toContainText('3 rows');
  await quarry.editor.locator('.view-lines').click();
  await page.keyboard.press('Shift+Enter');
  await expectNoSpinner(page);
  await expect(quarry.status).toContainText('2 rows');
});

test('a datetime cell and a field inside a dynamic cell become filters that run', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);

  // A datetime: the first storms of the data set, several starting at the same moment.
  const firstStorms =
    'StormEvents\n| project StartTime, EventId, State\n| sort by StartTime asc, EventId asc\n| take 10';
  await quarry.runQuery(firstStorms);
  const first = await quarry.cell(0, 'StartTime');
  await expect(first).not.toHaveText('');
  const startTime = (await first.textContent())!.trim();
  const starts: string[] = [];
  for (let row = 0; row < 10; row++) {
    starts.push((await (await quarry.cell(row, 'StartTime')).textContent())!.trim());
  }
  const sameStart = starts.filter((s) => s === startTime).length;
  // The first row again (reading row 9 scrolled the grid).
  await (await quarry.cell(0, 'StartTime')).click({ button: 'right' });
  await setRunAfter(page, true);
  await cellMenu(page)
    .getByRole('menuitem', { name: /^Filter to this value/ })
    .click();
  await expect
    .poll(() => quarry.queryText())
    .toBe(`${firstStorms}\n| where StartTime == datetime(${startTime})`);
  await expectNoSpinner(page);
  await expect.poll(() => gridRowCount(page)).toBe(sameStart);
  await expect(await quarry.cell(sameStart - 1, 'StartTime')).toHaveText(startTime);

  // A field inside a dynamic value: tostring(Col.path) == "…".
  const summaries =
    'StormEvents\n| where State == "KANSAS"\n| project EventId, StormSummary\n| take 6';
  await quarry.runQuery(summaries);
  const summaryCell = await quarry.cell(0, 'StormSummary');
  await expect(summaryCell).toContainText('Location');
  const locations: string[] = [];
  for (let row = 0; row < 6; row++) {
    const json = (await (await quarry.cell(row, 'StormSummary')).textContent())!;
    locations.push((JSON.parse(json) as { Details: { Location: string } }).Details.Location);
  }
  const location = locations[0]!;
  await summaryCell.click({ button: 'right' });
  const field = `Details.Location = ${JSON.stringify(location)}`;
  await cellMenu(page)
    .getByRole('menuitem', { name: `Filter to ${field}` })
    .click();
  await expect
    .poll(() => quarry.queryText())
    .toBe(
      `${summaries}\n| where tostring(StormSummary.Details.Location) == ${JSON.stringify(location)}`,
    );
  await expectNoSpinner(page);
  await expect.poll(() => gridRowCount(page)).toBe(locations.filter((l) => l === location).length);
});

test('the Stats tab shows the CPU time and the rows the stand-in scanned', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents | summarize count() by State');
  await expectNoSpinner(page);
  await page.getByRole('tab', { name: 'Stats' }).click();
  const stats = page.getByRole('tabpanel', { name: 'Query statistics' });
  await expect(stats.getByRole('definition').first()).toBeVisible();
  const figure = (label: string) =>
    stats
      .locator('.query-stats__item')
      .filter({ has: page.getByRole('term').filter({ hasText: label }) });
  await expect(figure('CPU time')).toContainText(/\d+(\.\d+)? (ms|s)/);
  await expect(figure('Rows scanned')).toContainText('59,066');
  await expect(figure('Extents scanned')).toContainText(/\d+/);
  await expect(figure('Data scanned')).toContainText(/(KB|MB)/);
  await expect(figure('Cache hit ratio')).toBeVisible();
  await expect(figure('Peak memory per node')).toContainText(/(B|KB|MB)/);

  // Back to the table.
  await page.getByRole('tab', { name: 'Table 1' }).click();
  await expect(quarry.grid).toBeVisible();
});

test('a stored function from the schema tree is inserted at the cursor and run', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  const schema = page.getByRole('region', { name: /^Schema of / });
  // Docstrings are plain text: the angle brackets show as written.
  await expect(schema.getByText('Storms whose damage <property + crops> exceeded')).toBeVisible();
  await expect(schema.locator('b, i, a')).toHaveCount(0);

  await quarry.setQuery('');
  await schema.getByRole('button', { name: 'Insert function TopStormStates' }).click();
  await expect.poll(() => quarry.queryText()).toBe('TopStormStates()');
  await page.keyboard.press('Shift+Enter');
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');
  await expect(await quarry.cell(0, 'Storms')).toHaveText('4701');
  await expect(quarry.status).toContainText('5 rows');

  // A function with a required argument is typed as an open call, for the user to finish.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await schema.getByRole('button', { name: 'Insert function StormsInState' }).click();
  await page.keyboard.type('"KANSAS") | count');
  await page.keyboard.press('Shift+Enter');
  await expect(await quarry.cell(0, 'Count')).toHaveText('3166');
});

test('arrow keys keep moving through the grid after a search redraws the rows under the focus', async ({
  page,
}) => {
  // The search applies once typing pauses; a cell clicked meanwhile has its row redrawn (AG Grid
  // replaces a row's element when its rows reload), and the focus must not drop to the page.
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents');
  await expectNoSpinner(page);
  await expect(quarry.status).toContainText('59,066 rows');
  const search = page.getByRole('searchbox', { name: 'Search results' });
  const rowCount = () => quarry.grid.getAttribute('aria-rowcount');
  const focused = page.locator(':focus');
  const all = String(59_066 + 1); // and the header row
  for (const text of ['TEXAS', '', 'KANSAS', '', 'FLOOD', '']) {
    await search.fill(text);
    await (await quarry.cell(0, 'EndTime')).click();
    // The search has applied and its rows have arrived.
    // (While its rows reload the grid holds one row: each term matches thousands.)
    if (text) await expect.poll(async () => Number(await rowCount())).toBeGreaterThan(1000);
    if (text) await expect.poll(rowCount).not.toBe(all);
    else await expect.poll(rowCount).toBe(all);
    await expect(quarry.grid.locator('.ag-loading, .ag-skeleton-container')).toHaveCount(0);
    await expect(focused).toHaveAttribute('role', 'gridcell');
    await page.keyboard.press('ArrowDown');
    await expect(focused).toHaveAttribute('col-id', 'EndTime');
    await expect(focused.locator('xpath=ancestor::*[@role="row"][1]')).toHaveAttribute(
      'aria-rowindex',
      '3',
    );
  }
});
