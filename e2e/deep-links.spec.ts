import { expect, test, type Page } from './support/test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { analyst, signIn, submitIdpSignIn, viewer } from './support/sign-in.ts';

/**
 * Links as the Azure Data Explorer web UI takes them, opened by path in the production build,
 * against the real local identity provider and Kusto stand-in. Every link here is written by
 * this test (node:zlib + Buffer), in each shape the ADX deep-link doc defines.
 */

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

const standIn = 'http%3A%2F%2Flocalhost%3A5181';
const standard = (text: string) => gzipSync(Buffer.from(text, 'utf8')).toString('base64');
const lowerEncoded = (text: string) =>
  standard(text).replace(/[+/=]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
const base64url = (text: string) => gzipSync(Buffer.from(text, 'utf8')).toString('base64url');

/** Queries whose standard base64 has a literal '+' (the shape URLSearchParams breaks). */
function withPlus(prefix: string): string {
  for (let i = 0; ; i++) {
    const text = `${prefix}\n| where DamageProperty > ${i}\n| take 5`;
    if (standard(text).includes('+')) return text;
  }
}

async function openLink(page: Page, link: string, question: string) {
  await page.goto(link);
  const dialog = page.getByRole('dialog', { name: question });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function expectOpenedNotRun(page: Page, text: string, tab = 'Shared query') {
  await expect(page.getByRole('tab', { name: tab, selected: true })).toBeVisible();
  await expect.poll(() => consolePage(page).queryText()).toBe(text);
  await expect(page.getByText('Review it, then run it')).toBeVisible();
  const ran = (await kustoStandIn.requests()).filter((r) => r.csl === text);
  expect(ran).toEqual([]);
}

test('ADX deep links open by path in every shape, with their query in a new tab, not run', async ({
  page,
}) => {
  await signIn(page);
  const plus = withPlus('StormEvents // literal plus');
  const cases: { link: string; text: string; question: string; tab?: string }[] = [
    {
      // Standard base64 with a literal '+', as ADX's Share writes it.
      link: `/clusters/${standIn}/databases/Samples?query=${standard(plus)}`,
      text: plus,
      question: 'Open localhost:5181 / Samples?',
    },
    {
      // Percent-encoded with lower-case hex and web=0, as Kusto.Explorer writes it; name= names the tab.
      link: `/clusters/http%3a%2f%2flocalhost%3a5181/databases/ContosoSales?web=0&query=${lowerEncoded('Sales | take 3 // lower')}&name=Sales%20peek`,
      text: 'Sales | take 3 // lower',
      question: 'Open localhost:5181 / ContosoSales?',
      tab: 'Sales peek',
    },
    {
      link: `/clusters/${standIn}/databases/Samples?query=${base64url('print "base64url ✓"')}`,
      text: 'print "base64url ✓"',
      question: 'Open localhost:5181 / Samples?',
    },
    {
      // Plain text in standard query-string encoding ('+' is a space here).
      link: `/clusters/${standIn}/databases/Samples?query=StormEvents+%7c+take+7+//+plain`,
      text: 'StormEvents | take 7 // plain',
      question: 'Open localhost:5181 / Samples?',
    },
    {
      // Quarry's older links keep working.
      link: `/?cluster=http://localhost:5181&database=Samples&query=${base64url('print old = 1')}`,
      text: 'print old = 1',
      question: 'Open localhost:5181 / Samples?',
    },
  ];
  for (const { link, text, question, tab } of cases) {
    const dialog = await openLink(page, link, question);
    await expect(dialog.getByLabel('Linked query')).toHaveText(text);
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expectOpenedNotRun(page, text, tab);
    // The address no longer carries the link: a reload does not ask again.
    expect(new URL(page.url()).pathname).toBe('/');
  }
});

test('a link with a foreign cluster: nothing is sent before the user confirms', async ({
  page,
}) => {
  await signIn(page);
  const foreign = 'https://foreign.westeurope.kusto.windows.net';
  const reached: string[] = [];
  await page.route(`${foreign}/**`, (route) => {
    reached.push(route.request().url());
    return route.abort();
  });
  const tokenRequests = async () =>
    (await identityProvider.requests()).filter((r) => r.endpoint === 'token').length;
  const tokensBefore = await tokenRequests();
  // What Quarry keeps about connections (tabs' drafts are saved on every change, and pane widths
  // once the layout settles, regardless of links).
  const savedConnections = () =>
    page.evaluate(() =>
      Object.keys(window.localStorage)
        .filter((key) => !key.includes('.draft.') && !key.includes('.layout.'))
        .map((key) => `${key}=${window.localStorage.getItem(key)}`)
        .join('\n'),
    );
  const savedBefore = await savedConnections();

  // A short region-qualified name, as ADX links carry it; the question shows the full host.
  const dialog = await openLink(
    page,
    `/clusters/foreign.westeurope/databases/Secrets?query=${standard('Secrets | take 1')}`,
    'Open foreign.westeurope.kusto.windows.net / Secrets?',
  );
  await expect(dialog).toContainText(`${foreign}. Nothing has been sent there yet.`);
  // Let the page settle (the editor and the default connection's schema load), then check.
  await expect(
    page.getByRole('region', { name: /^Schema of / }).getByText('StormEvents', { exact: true }),
  ).toBeVisible();
  expect(reached).toEqual([]);
  expect(await tokenRequests()).toBe(tokensBefore);
  expect(await savedConnections()).toBe(savedBefore);
  expect(savedBefore).not.toContain('foreign');

  // Cancel: still nothing, nothing saved, and the query did not open.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The link was not opened; nothing was sent or saved.')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Shared query' })).toHaveCount(0);
  expect(reached).toEqual([]);
  expect(await tokenRequests()).toBe(tokensBefore);
  expect(await savedConnections()).toBe(savedBefore);

  // Open: only now does Quarry ask for a token for that cluster and call it (this proves the
  // checks above could see it).
  const again = await openLink(
    page,
    `/clusters/foreign.westeurope/databases/Secrets?query=${standard('Secrets | take 1')}`,
    'Open foreign.westeurope.kusto.windows.net / Secrets?',
  );
  await again.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('tab', { name: 'Shared query', selected: true })).toBeVisible();
  await expect
    .poll(async () => reached.length + (await tokenRequests()) - tokensBefore)
    .toBeGreaterThan(0);
  const panel = page.locator('[role="tabpanel"]:not([hidden])');
  await expect(panel.getByLabel('Connection').locator('option:checked')).toHaveText(
    'foreign.westeurope.kusto.windows.net · Secrets',
  );
});

test('a link without a database asks for one, offering the one in use on that cluster', async ({
  page,
}) => {
  await signIn(page);
  const dialog = await openLink(
    page,
    `/clusters/${standIn}?query=print%20no_database%3D1`,
    'Open localhost:5181?',
  );
  const database = dialog.getByLabel('Database');
  await expect(database).toHaveValue('Samples');
  await database.fill('');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'This link names no database. Enter one of localhost:5181’s databases.',
  );
  await database.fill('ContosoSales');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expectOpenedNotRun(page, 'print no_database=1');
  const panel = page.locator('[role="tabpanel"]:not([hidden])');
  await expect(panel.getByLabel('Connection')).toHaveValue(
    'kusto:http://localhost:5181/ContosoSales',
  );
});

test('login_hint from a link reaches the identity provider; the link survives sign-in', async ({
  page,
}) => {
  await page.goto(
    `/clusters/${standIn}/databases/Samples?query=${standard('print hinted = 1')}&login_hint=${encodeURIComponent(viewer.username)}`,
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Username')).toHaveValue(viewer.username);
  await submitIdpSignIn(page, viewer);
  await page
    .getByRole('dialog', { name: 'Open localhost:5181 / Samples?' })
    .getByRole('button', { name: 'Open' })
    .click();
  await expectOpenedNotRun(page, 'print hinted = 1');
});

test('Share writes an ADX-shaped link that a plain base64 + gzip decoder reads; Open in ADX; Open a link', async ({
  page,
}) => {
  await signIn(page, analyst);
  const quarry = consolePage(page);
  const text = withPlus('StormEvents // shared');
  await quarry.setQuery(text);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const url = new URL(link);
  expect(url.pathname).toBe(`/clusters/${standIn}/databases/Samples`);
  const raw = /^\?query=([^&]+)$/.exec(url.search)![1]!;
  expect(gunzipSync(Buffer.from(decodeURIComponent(raw), 'base64')).toString('utf8')).toBe(text);

  const adx = await page
    .getByRole('link', { name: 'Open in Azure Data Explorer' })
    .getAttribute('href');
  expect(adx).toBe(link.replace(url.origin, 'https://dataexplorer.azure.com'));

  // Paste a Kusto.Explorer-style link into "Open a link".
  const pasted = `https://dataexplorer.azure.com/clusters/http%3a%2f%2flocalhost%3a5181/databases/Samples?web=0&query=${lowerEncoded('print pasted = 1')}`;
  await page.getByRole('button', { name: 'Open a link' }).click();
  const paste = page.getByRole('dialog', { name: 'Open a link' });
  await paste.getByLabel('Link').fill(pasted);
  await paste.getByRole('button', { name: 'Open' }).click();
  const question = page.getByRole('dialog', { name: 'Open localhost:5181 / Samples?' });
  await expect(question).toContainText('web= (which UI to open) is ignored');
  await question.getByRole('button', { name: 'Open' }).click();
  await expectOpenedNotRun(page, 'print pasted = 1');
});

test('keyboard shortcuts as ADX binds them, and ? lists them', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.setQuery('print ctrl_enter = 1');
  // Ctrl+Enter is "insert line below" in ADX, not run.
  await page.keyboard.press('Control+Enter');
  await expect(quarry.editor.locator('.view-line')).toHaveCount(2);
  expect((await kustoStandIn.requests()).filter((r) => r.csl?.includes('ctrl_enter'))).toEqual([]);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Shift+Enter');
  await expect(await quarry.cell(0, 'ctrl_enter')).toHaveText('1');

  const tabs = page.getByRole('tablist', { name: 'Query tabs' }).getByRole('tab');
  const before = await tabs.count();
  await page.keyboard.press('Control+J');
  await expect(tabs).toHaveCount(before + 1);
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+Alt+BracketLeft');
  await expect(tabs.nth(before - 1)).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'History' }).focus();
  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list.getByRole('row', { name: /Run query/ })).toContainText('Shift+Enter');
  await expect(list.getByRole('row', { name: /Add new tab/ })).toContainText('Ctrl+J');
  await list.getByRole('button', { name: 'Close' }).click();
  await expect(list).toBeHidden();
});
