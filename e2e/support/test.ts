import { expect, test as base } from '@playwright/test';

/**
 * Playwright's `test`, with a guard on every test's page: a test fails if the page threw an
 * uncaught error, or if AG Grid reported an error on the console. AG Grid reports an option
 * used without its module that way and then ignores the option, so the feature silently does
 * nothing (group rows lost their style like this).
 */
export const test = base.extend<{ pageErrorGuard: void }>({
  pageErrorGuard: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('AG Grid'))
          errors.push(message.text());
      });
      await use();
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { FrameLocator, Locator, Page, Request } from '@playwright/test';
