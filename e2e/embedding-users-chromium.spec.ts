import { expect, test, type Page } from './support/test';
import { embeddingUrls } from '../local-stack/local-constants.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { usersChromiumLaunchOptions } from './support/chromium-launch.ts';
import { signInThroughRelay } from './support/embedded-sign-in.ts';
import { analyst } from './support/sign-in.ts';
import { swaUrl } from './support/static-web-app.ts';

/**
 * Quarry inside the example portal (another site) in Chromium configured as users run it: third-party
 * storage partitioned by the embedding site, and pop-ups only from a click. In this browser a
 * sign-in pop-up's BroadcastChannel cannot reach the frame, which is why the relay exists.
 */
test.use({ launchOptions: usersChromiumLaunchOptions });

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

/** The frame's localStorage is not Quarry's first-party one: the browser partitions it. */
async function expectPartitionedFrameStorage(page: Page) {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(swaUrl));
  expect(frame).toBeDefined();
  await frame!.evaluate(() => localStorage.setItem('quarry-partition-probe', 'frame'));
  const firstParty = await page.context().newPage();
  await firstParty.goto(`${swaUrl}/config.json`);
  expect(
    await firstParty.evaluate(() => localStorage.getItem('quarry-partition-probe')),
  ).toBeNull();
  await firstParty.close();
}

test('with partitioned storage and a pop-up blocker, sign-in and sign-out in the frame go through the relay', async ({
  page,
}) => {
  await page.goto(`${embeddingUrls.examplePortal}/?mode=self-sign-in`);
  const frame = page.frameLocator('iframe[title="Quarry"]');
  await expect(frame.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectPartitionedFrameStorage(page);
  // Partitioned storage is still storage: no "sign in on every load" note.
  await expect(frame.getByRole('note')).toHaveCount(0);

  await signInThroughRelay(page, frame);
  await expect(frame.getByRole('button', { name: analyst.displayName })).toBeVisible();
  const editor = frame.locator('[role="tabpanel"]:not([hidden]) .monaco-editor');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('StormEvents | count');
  await page.keyboard.press('Shift+Enter');
  await expect(frame.getByRole('grid').getByRole('gridcell', { name: '59066' })).toBeVisible();

  // Sign-out ends the identity provider session through the relay and returns to Sign in.
  await frame.getByRole('button', { name: analyst.displayName }).click();
  const relayOpened = page.waitForEvent('popup');
  await frame.getByRole('menuitem', { name: 'Sign out' }).click();
  const relay = await relayOpened;
  const relayClosed = relay.waitForEvent('close');
  const signOutOpened = relay.waitForEvent('popup');
  await relay.getByRole('button', { name: 'Continue', exact: true }).click();
  const signOutWindow = await signOutOpened;
  // It closes by itself once the identity provider has signed out, which can be before this
  // line runs (CI saw the close go unheard): wait only if it is still open.
  if (!signOutWindow.isClosed()) await signOutWindow.waitForEvent('close');
  await relayClosed;
  await expect(frame.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const logouts = (await identityProvider.requests()).filter(
    (entry) => entry.endpoint === 'logout',
  );
  expect(logouts).toHaveLength(1);
});
