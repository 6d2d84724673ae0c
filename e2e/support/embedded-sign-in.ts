import { expect, type FrameLocator, type Page } from '@playwright/test';
import { analyst, submitIdpSignIn } from './sign-in.ts';

/**
 * Self sign-in from Quarry inside another site's frame: Sign in opens Quarry's popup-relay page
 * (top-level, first-party), whose Continue button opens the identity provider; the response comes
 * back to the frame through the relay. Both windows close by themselves.
 */
export async function signInThroughRelay(page: Page, frame: FrameLocator, user = analyst) {
  const relayOpened = page.waitForEvent('popup');
  await frame.getByRole('button', { name: 'Sign in' }).click();
  const relay = await relayOpened;
  await expect(relay).toHaveURL(/\/popup-relay\.html#id=/);
  // Listen before acting: each window can close before a later waitForEvent is registered.
  const relayClosed = relay.waitForEvent('close');
  const signInOpened = relay.waitForEvent('popup');
  await relay.getByRole('button', { name: 'Continue', exact: true }).click();
  const signInWindow = await signInOpened;
  const signInClosed = signInWindow.waitForEvent('close');
  await submitIdpSignIn(signInWindow, user);
  await signInClosed;
  await relayClosed;
}
