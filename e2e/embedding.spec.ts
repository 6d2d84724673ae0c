import { expect, test, type FrameLocator, type Page } from './support/test';
import { embeddingUrls, quarryClient } from '../local-stack/local-constants.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { consolePage } from './support/console.ts';
import { analyst, submitIdpSignIn } from './support/sign-in.ts';
import { signInThroughRelay } from './support/embedded-sign-in.ts';
import { swaUrl } from './support/static-web-app.ts';

/**
 * Quarry (production build under the SWA emulator, http://localhost:4280) inside the example
 * portal on another site (http://127.0.0.1:5190), and a foreign site (http://127.0.0.1:5191).
 */

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

const portal = embeddingUrls.examplePortal;
const foreign = embeddingUrls.foreignHost;

async function signInToPortal(page: Page, query = '') {
  await page.goto(`${portal}/${query}`);
  await page.getByRole('button', { name: 'Sign in to the portal' }).click();
  await submitIdpSignIn(page, analyst);
  await expect(page.getByRole('status')).toHaveText(`Signed in as ${analyst.displayName}`);
  return page.frameLocator('iframe[title="Quarry"]');
}

async function runInFrame(frame: FrameLocator, page: Page, text: string) {
  const editor = frame.locator('[role="tabpanel"]:not([hidden]) .monaco-editor');
  await expect(editor).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Shift+Enter');
}

async function quarryAuthorizeRequests() {
  return (await identityProvider.requests()).filter(
    (entry) => entry.endpoint === 'authorize' && entry.clientId === quarryClient.clientId,
  );
}

test('in the portal, a query runs with the host’s token and Quarry never signs in itself', async ({
  page,
}) => {
  const frame = await signInToPortal(page);
  await runInFrame(
    frame,
    page,
    'StormEvents\n| summarize Storms = count() by State\n| top 3 by Storms',
  );
  const grid = frame.getByRole('grid');
  await expect(grid.getByRole('gridcell', { name: 'TEXAS', exact: true })).toBeVisible();

  await expect(frame.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  // f-UseMeControl=false: no account control inside the frame.
  await expect(frame.getByRole('button', { name: analyst.displayName })).toHaveCount(0);
  expect(await quarryAuthorizeRequests()).toEqual([]);
});

test('a token posted from a foreign origin is ignored and reported', async ({ page }) => {
  const frame = await signInToPortal(
    page,
    `?foreign=${encodeURIComponent(`${foreign}/post-foreign-token.html`)}`,
  );
  await expect(frame.getByRole('alert').filter({ hasText: 'Ignored a token' })).toHaveText(
    `Ignored a token from ${foreign}: not an allowed host.`,
  );
  // The real host's token still works.
  await runInFrame(frame, page, 'StormEvents | count');
  await expect(frame.getByRole('grid').getByRole('gridcell').first()).toBeVisible();
});

test('a host that never answers gets a clear message, not a spinner', async ({ page }) => {
  const frame = await signInToPortal(page, '?answer=never');
  await runInFrame(frame, page, 'StormEvents | count');
  await expect(
    frame
      .getByText(
        /\(http:\/\/127\.0\.0\.1:5190\) did not answer the token request for "query" within 10 s/,
      )
      .first(),
  ).toBeVisible({ timeout: 25_000 });
  await expect(frame.getByText('Running…')).toHaveCount(0);
});

test('when the host missed the token request, "Ask the portal again" asks it again and the query runs', async ({
  page,
}) => {
  // The portal leaves Quarry's first token request unanswered, then answers as usual.
  const frame = await signInToPortal(page, '?answer=not-first');
  await runInFrame(frame, page, 'StormEvents | count');
  const panel = frame.getByRole('region', { name: 'Results' }).getByRole('alert');
  await expect(panel).toContainText(/did not answer the token request for "query"/, {
    timeout: 25_000,
  });
  // Quarry never signs in by itself here: the button asks the portal, not the identity provider.
  await expect(panel.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Ask the portal again' }).click();
  await expect(frame.getByRole('grid').getByRole('gridcell', { name: '59066' })).toBeVisible();
  expect(await quarryAuthorizeRequests()).toEqual([]);
});

test('self sign-in inside the frame completes through the popup relay', async ({ page }) => {
  await page.goto(`${portal}/?mode=self-sign-in`);
  const frame = page.frameLocator('iframe[title="Quarry"]');
  // Chromium denies the cross-site frame its sessionStorage: Quarry says what that costs.
  await expect(frame.getByRole('note')).toHaveText(/sign in again each time the page loads/);
  await signInThroughRelay(page, frame);
  await expect(frame.getByRole('button', { name: analyst.displayName })).toBeVisible();
  await runInFrame(frame, page, 'StormEvents | count');
  await expect(frame.getByRole('grid').getByRole('gridcell').first()).toBeVisible();
});

test.describe('framing from outside the allow-list', () => {
  // The refusal this test looks for is a CSP error on the console.
  test.use({ expectedConsoleErrors: [/frame-ancestors/] });

  test('a page on an origin outside the allow-list cannot frame Quarry', async ({ page }) => {
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('frame-ancestors')) refused.push(message.text());
    });
    const quarryResponse = page.waitForResponse((response) => response.url() === `${swaUrl}/`);
    await page.goto(`${foreign}/frame-quarry.html?src=${encodeURIComponent(`${swaUrl}/`)}`);
    await quarryResponse;
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    // Chromium replaced the document with its error page: no Quarry markup, no Quarry script ran.
    expect(frame!.url()).not.toBe(`${swaUrl}/`);
    await expect(page.frameLocator('#quarry').locator('#root')).toHaveCount(0);
  });
});

test('in the portal, Quarry loads by path (/clusters/<c>/databases/<d>) and is pinned to that database', async ({
  page,
}) => {
  const frame = await signInToPortal(page);
  // The portal adds the frame once it is signed in: wait for the frame to exist, then read its URL.
  const quarryFramePath = () => {
    const quarryFrame = page.frames().find((f) => f.url().startsWith(swaUrl));
    return quarryFrame ? new URL(quarryFrame.url()).pathname : '';
  };
  await expect
    .poll(quarryFramePath)
    .toBe('/clusters/http%3A%2F%2Flocalhost%3A5181/databases/Samples');
  const panel = frame.locator('[role="tabpanel"]:not([hidden])');
  await expect(panel.getByLabel('Connection').locator('option')).toHaveText([
    'local help · Samples',
  ]);
  // The path is a pin here, not a link: no question, no new tab.
  await expect(frame.getByRole('dialog')).toHaveCount(0);
  await runInFrame(frame, page, 'StormEvents | count');
  await expect(frame.getByRole('grid').getByRole('gridcell').first()).toBeVisible();
  const ran = (await kustoStandIn.requests()).filter((r) => r.csl === 'StormEvents | count');
  expect(ran.map((r) => r.db)).toEqual(['Samples']);
});

test('outside a frame, cluster=&database= do not pin: the address is a link that asks first; flags hide the pane and Share; the workspace is separate', async ({
  page,
}) => {
  const flags =
    '/?f-HideConnectionPane=true&f-ShowShareMenu=false&cluster=http://localhost:5181&database=ContosoSales&workspace=portal-1';
  await page.goto(flags);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitIdpSignIn(page);
  await expect(page.getByRole('button', { name: analyst.displayName })).toBeVisible();

  const question = page.getByRole('dialog', { name: 'Open localhost:5181 / ContosoSales?' });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Open' }).click();

  const panel = page.locator('[role="tabpanel"]:not([hidden])');
  await expect(panel.getByLabel('Connection')).toHaveValue(
    'kusto:http://localhost:5181/ContosoSales',
  );
  // Not pinned: every configured connection is still offered.
  const config = (await (await page.request.get('/config.json')).json()) as {
    connections: unknown[];
  };
  expect(config.connections.length).toBeGreaterThan(1);
  await expect(panel.getByLabel('Connection').locator('option')).toHaveCount(
    config.connections.length,
  );
  await expect(page.getByRole('complementary', { name: 'Connections' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Share' })).toHaveCount(0);

  const quarry = consolePage(page);
  await quarry.runQuery('Sales | count // embedded workspace');
  await expect(await quarry.cell(0, 'Count')).toHaveText('1000');

  // The standalone console keeps its own tabs.
  await page.goto('/');
  await expect.poll(() => consolePage(page).queryText()).not.toContain('embedded workspace');
});

test('an invalid workspace value is an error shown, not the default workspace', async ({
  page,
}) => {
  await page.goto('/?workspace=not%20valid!');
  await expect(page.getByRole('alert').filter({ hasText: 'workspace' })).toContainText(
    'The address asks for the workspace "not valid!", which is not a valid workspace name',
  );
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
});
