import { chromium, test as base, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Chromium blocks third-party cookies by default, and the console (http://localhost) and the
 * identity provider (https://localhost) are different sites, so MSAL's hidden-iframe
 * `prompt=none` renewal cannot see the IdP session — exactly as with real Entra ID in such a
 * browser. Tests of that path run in a profile that allows third-party cookies, as many managed
 * browsers do. There is no launch flag for this; it is a profile preference.
 */
export const testWithThirdPartyCookies = base.extend<{ context: BrowserContext; page: Page }>({
  context: async ({ baseURL, launchOptions }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'quarry-3pc-'));
    mkdirSync(join(profile, 'Default'));
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
    );
    const context = await chromium.launchPersistentContext(profile, {
      ...launchOptions,
      baseURL,
      ignoreHTTPSErrors: true,
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});
