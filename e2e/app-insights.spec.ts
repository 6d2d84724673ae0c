import { expect, test, type Page } from './support/test';
import { appInsightsApps } from '../local-stack/local-constants.ts';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { signIn, viewer } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
});

async function openDemoApp(page: Page) {
  await page.getByRole('button', { name: /Contoso Shop \(demo\)/ }).click();
  await expect(
    page.getByRole('region', { name: `Schema of ${appInsightsApps.demo.appId}` }),
  ).toContainText('requests');
}

async function timeRange(page: Page, label: string) {
  await page
    .locator('[role="tabpanel"]:not([hidden])')
    .getByLabel('Time range')
    .selectOption({ label });
}

test('requests by result code from the demo app, and the time range changes the count', async ({
  page,
}) => {
  await signIn(page);
  await openDemoApp(page);
  const quarry = consolePage(page);

  await quarry.runQuery('requests | summarize count() by resultCode | order by resultCode asc');
  await expect(await quarry.cell(0, 'resultCode')).toHaveText('200');
  await expect(quarry.status).toContainText('Time range: Last day');

  await timeRange(page, 'Last hour');
  await quarry.runQuery('requests | count');
  const lastHour = Number(await (await quarry.cell(0, 'Count')).innerText());
  await expect(quarry.status).toContainText('Time range: Last hour');

  await timeRange(page, 'Last 7 days');
  await quarry.runQuery('requests | count');
  await expect(quarry.status).toContainText('Time range: Last 7 days');
  await expect
    .poll(async () => Number(await (await quarry.cell(0, 'Count')).innerText()))
    .toBeGreaterThan(lastHour);
});

test('a timechart of requests renders from App Insights', async ({ page }) => {
  await signIn(page);
  await openDemoApp(page);
  await consolePage(page).runQuery(
    'requests\n| summarize count() by bin(timestamp, 1h), success\n| render timechart',
  );
  await expect(page.locator('[data-chart-state="ready"]')).toBeVisible();
  await expect(page.getByRole('img', { name: /Time chart/ })).toBeVisible();
});

test('a semantic error shows its position', async ({ page }) => {
  await signIn(page);
  await openDemoApp(page);
  const quarry = consolePage(page);
  await quarry.runQuery('requests\n| where nosuchcolumn == 1');
  await expect(quarry.errorPanel).toContainText(/line 2, column 9/);
  await expect(quarry.errorPanel).toContainText('nosuchcolumn');
});

test('a user without Reader on the app is told what role is missing', async ({ page }) => {
  await signIn(page, viewer);
  await page.getByRole('button', { name: /Contoso Shop \(demo\)/ }).click();
  const quarry = consolePage(page);
  await quarry.runQuery('requests | take 5');
  await expect(quarry.errorPanel).toContainText(/HTTP status\s*403/);
  await expect(quarry.errorPanel).toContainText(/Reader/);
});

test('an app added by its Application ID can be queried', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Add app' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an Application Insights app' });
  await dialog.getByLabel('Application ID').fill(appInsightsApps.demo.applicationId);
  await dialog.getByLabel('Display name').fill('Shop by GUID');
  await dialog.getByLabel('Cloud').selectOption({ label: 'Other endpoint…' });
  await dialog.getByLabel('Endpoint').fill('http://localhost:5182');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden();
  const quarry = consolePage(page);
  await quarry.runQuery('customEvents | summarize count() by name | take 3');
  await expect(page.getByRole('columnheader', { name: 'name' })).toBeVisible();
  await expect(quarry.status).toContainText('3 rows');
});
