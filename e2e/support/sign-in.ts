import { expect, type Page } from '@playwright/test';
import { demoUsers, urls } from '../../local-stack/local-constants.ts';

export const analyst = demoUsers[0]!;
export const viewer = demoUsers[1]!;

/** Fills the identity provider's sign-in page (the page must already be showing it). */
export async function submitIdpSignIn(page: Page, user = analyst, password = user.password) {
  await expect(page).toHaveURL(new RegExp(`^${urls.identityProvider}/`));
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** From a fresh context: open the console, click Sign in, sign in at the IdP, land back signed in. */
export async function signIn(page: Page, user = analyst, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitIdpSignIn(page, user);
  await expect(page.getByRole('button', { name: user.displayName })).toBeVisible();
  // The workspace fetches the schema (and so a token) on arrival; let that settle so tests that
  // count identity-provider requests see only what they cause.
  await expect(
    page.getByRole('region', { name: /^Schema of / }).getByText('StormEvents', { exact: true }),
  ).toBeVisible();
}
