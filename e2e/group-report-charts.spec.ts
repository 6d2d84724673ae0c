import { expect, test, type Page } from '@playwright/test';
import { consolePage } from './support/console.ts';
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
