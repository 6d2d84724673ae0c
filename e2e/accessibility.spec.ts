import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './support/test';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { signIn } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
});

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    // AG Grid and Monaco draw their own widgets; their internals are the vendors' to fix.
    .exclude('.ag-root-wrapper')
    .exclude('.monaco-editor')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the landing and the workspace have no serious accessibility violations (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await signIn(page);
    const quarry = consolePage(page);
    await quarry.runQuery('StormEvents | project StartTime, State, StormSummary | take 20');
    await expect(await quarry.cell(0, 'State')).toHaveText('ATLANTIC SOUTH');
    await page.getByRole('button', { name: 'Saved queries' }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('a dynamic cell opens as a tree, and the theme toggle switches to dark', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents | project State, StormSummary | take 5');
  await (await quarry.cell(0, 'StormSummary')).dblclick();
  const panel = page.getByRole('complementary', { name: 'Value of StormSummary' });
  await expect(panel).toContainText('Details');
  await expect(panel).toContainText('ATLANTIC SOUTH');

  await page.getByRole('button', { name: /^Theme:/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: /^Theme:/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

// That the stacked width is not stored as the pane's width: use-remembered-width.test.ts.
test('a narrow window stacks the panes, runs nothing off the side, and keeps the wide layout', async ({
  page,
}) => {
  await signIn(page);
  await page.setViewportSize({ width: 420, height: 800 });

  const connections = page.getByRole('complementary', { name: 'Connections' });
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeVisible();
  const pane = await connections.boundingBox();
  const runBox = await run.boundingBox();
  // Stacked: the connections pane spans the window and the query pane starts below it.
  expect(pane!.width).toBeGreaterThan(380);
  expect(runBox!.y).toBeGreaterThan(pane!.y + pane!.height - 1);
  // No control runs past the window's right edge.
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => b.offsetParent !== null && b.getBoundingClientRect().right > innerWidth + 1)
      .map((b) => b.textContent),
  );
  expect(overflow).toEqual([]);

  await page.setViewportSize({ width: 1400, height: 860 });
  const wide = await connections.boundingBox();
  expect(wide!.width).toBeLessThan(400);
});
