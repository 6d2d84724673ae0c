import { expect, test, type Page } from './support/test';
import { urls } from '../local-stack/local-constants.ts';
import { identityProvider, type IdpRequestLog } from './support/identity-provider-admin.ts';
import { analyst, signIn, submitIdpSignIn } from './support/sign-in.ts';
import { consolePage } from './support/console.ts';
import { testWithThirdPartyCookies } from './support/third-party-cookies.ts';

test.beforeEach(async () => {
  await identityProvider.reset();
});

/** Requests the identity provider saw after `since` log entries. */
async function requestsSince(since: number): Promise<IdpRequestLog[]> {
  return (await identityProvider.requests()).slice(since);
}

function trackMainFrameNavigations(page: Page): string[] {
  const seen: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  return seen;
}

async function runQuery(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

test('first sign-in goes through the identity provider page and shows the account name', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Quarry' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitIdpSignIn(page);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
  await expect(page.getByRole('button', { name: analyst.displayName })).toBeVisible();

  const log = await identityProvider.requests();
  expect(
    log.filter((r) => r.endpoint === 'token' && r.grantType === 'authorization_code'),
  ).toHaveLength(1);
});

test('a reload keeps the user signed in without visiting the identity provider', async ({
  page,
}) => {
  await signIn(page);
  const before = (await identityProvider.requests()).length;
  await page.reload();
  await expect(page.getByRole('button', { name: analyst.displayName })).toBeVisible();
  const after = await requestsSince(before);
  expect(after.filter((r) => r.endpoint === 'authorize')).toEqual([]);
});

test('the wrong password is reported on the sign-in page, which stays', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitIdpSignIn(page, analyst, 'not-the-password');
  await expect(page.getByText('Your account or password is incorrect.')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue(analyst.username);
  await expect(page).toHaveURL(new RegExp(`^${urls.identityProvider}/`));
});

test('an expired access token is renewed silently with the refresh token', async ({ page }) => {
  // Below MSAL's 5-minute renewal offset, so every token use counts as expiring.
  await identityProvider.settings({ accessTokenLifetimeSeconds: 120 });
  await signIn(page);
  const before = (await identityProvider.requests()).length;
  const navigations = trackMainFrameNavigations(page);

  await runQuery(page);
  await expect
    .poll(async () =>
      (await requestsSince(before)).some(
        (r) => r.grantType === 'refresh_token' && r.outcome === 'ok',
      ),
    )
    .toBe(true);
  const seen = await requestsSince(before);
  expect(seen.filter((r) => r.endpoint === 'authorize')).toEqual([]);
  expect(navigations).toEqual([]);
});

testWithThirdPartyCookies(
  'with the refresh token revoked, the hidden-iframe prompt=none path renews without leaving the page',
  async ({ page }) => {
    await identityProvider.settings({ accessTokenLifetimeSeconds: 120 });
    await signIn(page);
    await identityProvider.revokeRefreshTokens(analyst.username);
    const before = (await identityProvider.requests()).length;
    const navigations = trackMainFrameNavigations(page);

    await runQuery(page);
    await expect
      .poll(async () =>
        (await requestsSince(before)).some(
          (r) => r.grantType === 'authorization_code' && r.outcome === 'ok',
        ),
      )
      .toBe(true);
    const seen = await requestsSince(before);
    expect(seen.find((r) => r.grantType === 'refresh_token')?.outcome).not.toBe('ok');
    expect(seen.filter((r) => r.endpoint === 'authorize').map((r) => r.prompt)).toEqual(['none']);
    expect(navigations).toEqual([]);
  },
);

test('with no refresh token and no IdP session, Quarry redirects and comes back with the unsent draft', async ({
  page,
}) => {
  await identityProvider.settings({ accessTokenLifetimeSeconds: 120 });
  await signIn(page);
  const draft = 'StormEvents\n| where State == "KANSAS"\n| take 7 // unsent draft';
  await consolePage(page).setQuery(draft);
  await identityProvider.revokeRefreshTokens(analyst.username);
  await identityProvider.endSessions(analyst.username);

  await runQuery(page);
  await submitIdpSignIn(page);
  await expect(page.getByRole('button', { name: analyst.displayName })).toBeVisible();
  await expect.poll(() => consolePage(page).queryText()).toBe(draft);
});

test('an identity provider that keeps failing gets one redirect, then the error panel (no loop)', async ({
  page,
}) => {
  await identityProvider.settings({ accessTokenLifetimeSeconds: 120 });
  await signIn(page);
  await identityProvider.revokeRefreshTokens(analyst.username);
  await identityProvider.endSessions(analyst.username);
  await identityProvider.failAuthorize({
    error: 'access_denied',
    code: 53003,
    times: null,
    interactiveOnly: true,
  });
  const before = (await identityProvider.requests()).length;

  await runQuery(page);
  const panel = page.getByRole('alert').filter({ hasText: 'AADSTS53003' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Sign in again' })).toBeVisible();

  // Running again must not start another automatic redirect.
  await runQuery(page);
  await expect(
    page.getByRole('alert').filter({ hasText: 'stopped to avoid a loop' }),
  ).toBeVisible();
  const interactive = (await requestsSince(before)).filter(
    (r) => r.endpoint === 'authorize' && r.prompt !== 'none',
  );
  expect(interactive).toHaveLength(1);
});

test('an AADSTS error on sign-in shows its code, meaning and fix', async ({ page }) => {
  await identityProvider.failAuthorize({ error: 'access_denied', code: 50105, times: 1 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('AADSTS50105');
  await expect(panel).toContainText('You are not assigned to this application.');
  await expect(panel).toContainText('Ask an admin to assign you or your group.');
  await expect(panel).toContainText(/Correlation ID/);
  await panel.getByRole('button', { name: 'Sign in again' }).click();
  await submitIdpSignIn(page);
  await expect(page.getByRole('button', { name: analyst.displayName })).toBeVisible();
});

test('sign-out clears the account and returns to the landing view', async ({ page }) => {
  await signIn(page);
  const tokensBefore = await page.evaluate(() =>
    Object.keys(sessionStorage).filter((key) => /\|(idtoken|accesstoken|refreshtoken)\|/.test(key)),
  );
  expect(tokensBefore.length).toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: analyst.displayName }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: analyst.displayName })).toHaveCount(0);
  const msalKeys = await page.evaluate(() =>
    Object.keys(sessionStorage).filter((key) => /\|(idtoken|accesstoken|refreshtoken)\|/.test(key)),
  );
  expect(msalKeys).toEqual([]);
});

test('an invalid config.json shows a page naming the field and the fix', async ({ page }) => {
  // Stands in for a deployment that edited config.json wrongly: the file is the deployer's, not ours.
  await page.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        auth: {
          clientId: 'not-a-guid',
          authority: 'http://login.example.com/contoso',
          knownAuthorities: [],
        },
        connections: [],
      }),
    }),
  );
  await page.goto('/');
  await expect(
    page.getByRole('heading', { name: 'Quarry is not configured correctly' }),
  ).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('auth.clientId');
  await expect(alert).toContainText('Application (client) ID');
  await expect(alert).toContainText('auth.authority');
  await expect(alert).toContainText('authority_uri_insecure');
  await expect(alert).toContainText('connections');
});
