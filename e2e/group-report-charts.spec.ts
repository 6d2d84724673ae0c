import { expect, test, type Page } from './support/test';
import ExcelJS from 'exceljs';
import { consolePage, signInWithClipboard } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { signIn } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

/** Cell texts of one grid row by its aria-rowindex (header row is 1). */
async function rowTexts(page: Page, rowIndex: number): Promise<string[]> {
  const row = page.getByRole('grid').locator(`[role="row"][aria-rowindex="${rowIndex}"]`);
  // Pinned and scrolling parts of a row are separate row elements: read them all in order.
  return (await row.locator('[role="gridcell"]').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
}

test('group 59,066 StormEvents rows by State: TEXAS 4701 first by count; pivot State × EventType', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const quarry = consolePage(page);
  // Every StormEvents row; three columns keep the response (and the test) short.
  await quarry.runQuery('StormEvents | project State, EventType, DamageProperty');
  await expect(quarry.status).toContainText(/^59,066 rows · \d/, { timeout: 60_000 });

  const bar = page.getByRole('group', { name: 'Group and pivot' });
  await bar.getByLabel('Add a group column').selectOption('State');
  const grid = page.getByRole('grid');
  const count = grid.getByRole('columnheader', { name: 'Count', exact: true });
  await expect(count).toBeVisible();
  // Groups start in key order; sort by Count, descending.
  await count.click();
  await count.click();
  await expect(count).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(() => rowTexts(page, 2))
    .toEqual(expect.arrayContaining(['▸ TEXAS (4,701)', '4701']));

  // Expanding TEXAS shows its rows under it, each a TEXAS row.
  await grid.getByRole('button', { name: 'Expand State TEXAS' }).click();
  await expect(grid.getByRole('button', { name: 'Collapse State TEXAS' })).toBeVisible();
  const firstChild = await rowTexts(page, 3);
  expect(firstChild).toContain('TEXAS');
  // Group rows stand out from their members (bold), which needs AG Grid's row style module.
  const cellOfRow = (rowIndex: number) =>
    grid.locator(`[role="row"][aria-rowindex="${rowIndex}"] [role="gridcell"]`).first();
  await expect(cellOfRow(2)).toHaveCSS('font-weight', '600');
  await expect(cellOfRow(3)).toHaveCSS('font-weight', '400');

  // An aggregate per group, and a nested group.
  await bar.getByLabel('Aggregate function').selectOption('dcount');
  await bar.getByLabel('Aggregate column').selectOption('EventType');
  await bar.getByRole('button', { name: 'Add' }).click();
  await expect(grid.getByRole('columnheader', { name: 'EventType (dcount)' })).toBeVisible();

  // Pivot: State rows × EventType values × count.
  await bar.getByRole('checkbox', { name: 'Pivot mode' }).check();
  await bar.getByLabel('Pivot column').selectOption('EventType');
  const pivot = page.getByRole('grid');
  await expect(pivot.getByRole('columnheader', { name: 'Hail', exact: true })).toBeVisible();
  const headers = (await pivot.getByRole('columnheader').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
  expect(headers[0]).toBe('State');
  expect(headers).toContain('Thunderstorm Wind');
  // Search narrows the pivot (computed in the worker) to TEXAS, whose counts per event type
  // add up to its 4701 storms.
  await page.getByLabel('Search results').fill('texas');
  await expect.poll(async () => (await rowTexts(page, 2))[0]).toBe('TEXAS');
  await expect(pivot.locator('[role="row"][aria-rowindex="3"]')).toHaveCount(0);
  const cells = await rowTexts(page, 2);
  expect(cells.slice(1).reduce((sum, text) => sum + Number(text || 0), 0)).toBe(4701);
});

const REPORT_QUERY =
  'StormEvents\n| summarize Storms = count(), Damage = sum(DamageProperty), First = min(StartTime) by State\n| top 3 by Storms\n| extend Big = Storms > 3000, Note = strcat("<b>", State, "</b> | =1+1")';

test('copy for a report (HTML and Markdown) and an Excel file with typed cells', async ({
  page,
}) => {
  const quarry = await signInWithClipboard(page);
  await quarry.runQuery(REPORT_QUERY);
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');
  await expect(await quarry.cell(0, 'Storms')).toHaveText('4701');

  await page.getByRole('button', { name: 'Copy for report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'as rich text' })).toContainText(
    'Copied the query, link and 3 rows',
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
  const html = clipboard!.html;
  // The query (escaped), then a deep link, then the table.
  expect(html).toContain('<pre');
  expect(html).toContain('StormEvents\n| summarize Storms = count()');
  // The browser's clipboard re-serialises the HTML: quotes in text need no escape there.
  expect(html).toContain('strcat("&lt;b&gt;", State');
  const href = /<a href="([^"]+)">Open this query<\/a>/.exec(html)?.[1];
  expect(href).toMatch(/^http:\/\/localhost:\d+\//);
  expect(html.indexOf('<pre')).toBeLessThan(html.indexOf('<a href'));
  expect(html.indexOf('<a href')).toBeLessThan(html.indexOf('<table'));
  expect(html).toContain(
    '<th>State</th><th>Storms</th><th>Damage</th><th>First</th><th>Big</th><th>Note</th>',
  );
  expect(html).toMatch(
    /<tr><td>TEXAS<\/td><td>4701<\/td><td>\d+<\/td><td>2007-[^<]+<\/td><td>true<\/td><td>&lt;b&gt;TEXAS&lt;\/b&gt; \| =1\+1<\/td><\/tr>/,
  );
  expect(html).not.toContain('<b>TEXAS');
  expect(clipboard!.text.startsWith('StormEvents\n| summarize')).toBe(true);

  await page.getByRole('button', { name: 'Copy Markdown' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'as Markdown' })).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  const lines = markdown.split('\n');
  expect(lines[0]).toBe('```kusto');
  expect(lines[1]).toBe('StormEvents');
  expect(markdown).toMatch(/\n```\n\n\[Open this query\]\(<http:\/\/localhost:\d+\/[^>]+>\)\n\n/);
  expect(markdown).toContain(
    '| State | Storms | Damage | First | Big | Note |\n| --- | --- | --- | --- | --- | --- |\n',
  );
  expect(markdown).toMatch(
    /\n\| TEXAS \| 4701 \| \d+ \| 2007-[^|]+ \| true \| &lt;b&gt;TEXAS&lt;\/b&gt; \\\| =1\+1 \|\n/,
  );

  // Excel: written in the worker, downloaded, read back with exceljs (an independent reader).
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Excel' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    'State',
    'Storms',
    'Damage',
    'First',
    'Big',
    'Note',
  ]);
  expect(sheet.rowCount).toBe(4);
  expect(sheet.getCell('A2').value).toBe('TEXAS');
  expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
  expect(sheet.getCell('B2').value).toBe(4701);
  expect(typeof sheet.getCell('C2').value).toBe('number');
  expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
  expect((sheet.getCell('D2').value as Date).getUTCFullYear()).toBe(2007);
  expect(sheet.getCell('E2').type).toBe(ExcelJS.ValueType.Boolean);
  expect(sheet.getCell('E2').value).toBe(true);
  // Text cells: the CSV export's formula neutralisation does not apply to this one (it starts
  // with "<"), and the text is kept as text.
  expect(sheet.getCell('F2').value).toBe('<b>TEXAS</b> | =1+1');
});

test('render card, accumulate with its properties, and the chart beside the table', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents | count | render card with (title="Storms")');
  await expect(page.getByRole('figure', { name: 'Card: Storms 59,066' })).toBeVisible();

  await quarry.runQuery(
    'StormEvents | summarize count() by State | top 5 by count_ | render columnchart with (accumulate=true, kind=stacked, legend=hidden, ymin=0, ymax=30000)',
  );
  const chart = page.locator('.result-chart__canvas');
  await expect(chart).toHaveAttribute('data-chart-state', 'ready');
  await page
    .getByRole('group', { name: 'Show result as' })
    .getByRole('button', { name: 'Both' })
    .click();
  await expect(page.locator('.result-chart__canvas')).toHaveAttribute('data-chart-state', 'ready');
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');
});

test('render pivotchart opens the pivot view; render timepivot shows the grid', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery(
    'StormEvents | where State in ("TEXAS", "KANSAS") | summarize Storms = count() by State, EventType | render pivotchart with (xcolumn=State, series=EventType, ycolumns=Storms)',
  );
  const bar = page.getByRole('group', { name: 'Group and pivot' });
  await expect(bar.getByRole('checkbox', { name: 'Pivot mode' })).toBeChecked();
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('columnheader', { name: 'Hail', exact: true })).toBeVisible();
  await expect.poll(async () => (await rowTexts(page, 3))[0]).toBe('TEXAS');
  const texas = await rowTexts(page, 3);
  expect(texas.slice(1).reduce((sum, text) => sum + Number(text || 0), 0)).toBe(4701);

  await quarry.runQuery(
    'StormEvents | summarize count() by State | top 3 by count_ | render timepivot',
  );
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');
});
