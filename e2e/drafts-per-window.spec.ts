import { expect, test, type Page } from './support/test';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { analyst, signIn } from './support/sign-in.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
});

/** Waits until the text is in some stored draft, i.e. a reload would keep it. */
async function expectDraftStored(page: Page, text: string) {
  await expect
    .poll(() =>
      page.evaluate(
        (wanted) =>
          Object.keys(localStorage).some(
            (key) => key.includes('.draft.v3.') && localStorage.getItem(key)!.includes(wanted),
          ),
        text,
      ),
    )
    .toBe(true);
}

test('two windows editing: both drafts are kept, each window reloads into its own (fault matrix)', async ({
  page,
  context,
}) => {
  await signIn(page);
  await consolePage(page).setQuery('print "window A unsent"');
  await expectDraftStored(page, 'window A unsent');

  // A second window of the same profile opens and starts its own tab.
  const second = await context.newPage();
  await second.goto('/');
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByRole('button', { name: analyst.displayName })).toBeVisible();
  await second.getByRole('button', { name: 'New tab' }).click();
  await consolePage(second).setQuery('print "window B tab"');
  await expectDraftStored(second, 'window B tab');

  // Window A keeps typing after B opened.
  await consolePage(page).setQuery('print "window A, more"');
  await expectDraftStored(page, 'window A, more');

  await page.reload();
  await expect.poll(() => consolePage(page).queryText()).toBe('print "window A, more"');
  await second.reload();
  await expect.poll(() => consolePage(second).queryText()).toBe('print "window B tab"');
  await expect(second.getByRole('tab')).toHaveCount(2);
});
