import { expect, test, type Page } from './support/test';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { analyst, signIn } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
});

async function saveCurrentQuery(page: Page, name: string) {
  await page.getByRole('button', { name: 'Save current query' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save current query' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Saved queries' });

test('two console tabs stay consistent: a query saved in one appears in the other', async ({
  page,
  context,
}) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Saved queries' }).click();

  // A second browser tab of the same profile: the IdP session signs it in without a password.
  const second = await context.newPage();
  await second.goto('/');
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByRole('button', { name: analyst.displayName })).toBeVisible();
  await expect(sidebar(second)).toBeVisible();

  await consolePage(page).setQuery('StormEvents | take 2');
  await saveCurrentQuery(page, 'Seen in both tabs');
  await expect(
    sidebar(second)
      .getByRole('button', { name: /Seen in both tabs/ })
      .first(),
  ).toBeVisible();
});

test('a corrupt saved-query store is set aside, the user is told, and good records survive', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Saved queries' }).click();
  await saveCurrentQuery(page, 'Still here');

  // Something other than Quarry (an old build, an extension, a disk error) wrote garbage.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('quarry-default');
        open.onsuccess = () => {
          const tx = open.result.transaction('queries', 'readwrite');
          tx.objectStore('queries').put({ id: 'garbage-1', name: 42, text: null });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await page.reload();
  await expect(sidebar(page).getByRole('alert')).toContainText(
    /1 of 2 saved queries could not be read.*backup/i,
  );
  await expect(
    sidebar(page)
      .getByRole('button', { name: /Still here/ })
      .first(),
  ).toBeVisible();
  // The console still works.
  await consolePage(page).runQuery('StormEvents | count');
  await expect(await consolePage(page).cell(0, 'Count')).toHaveText('59066');
});

test('a malformed import file is rejected with a message and changes nothing', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Saved queries' }).click();
  await saveCurrentQuery(page, 'Before the import');

  await sidebar(page)
    .locator('input[type="file"]')
    .setInputFiles({
      name: 'not-queries.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"quarry.saved-queries","version":1,"queries":[{"name":'),
    });
  await expect(sidebar(page).getByRole('alert')).toContainText('Nothing was imported');
  await expect(
    sidebar(page)
      .getByRole('button', { name: /Before the import/ })
      .first(),
  ).toBeVisible();
});
