import { expect, test as base } from '@playwright/test';

/** A console error that means Quarry's Content Security Policy blocked something. */
const CSP_VIOLATION =
  /Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/;

/**
 * Playwright's `test`, with a guard on every test's page. A test fails if the page threw an
 * uncaught error, if AG Grid reported an error on the console, or if the Content Security
 * Policy blocked something. AG Grid reports an option used without its module that way and
 * then ignores the option, so the feature silently does nothing (group rows lost their style
 * like this); a CSP block likewise only shows on the console. A test that provokes a block on
 * purpose names it in `expectedConsoleErrors`.
 */
export const test = base.extend<{ expectedConsoleErrors: RegExp[]; pageErrorGuard: void }>({
  expectedConsoleErrors: [[], { option: true }],
  pageErrorGuard: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (!text.includes('AG Grid') && !CSP_VIOLATION.test(text)) return;
        if (expectedConsoleErrors.some((expected) => expected.test(text))) return;
        errors.push(text);
      });
      await use();
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { FrameLocator, Locator, Page, Request } from '@playwright/test';
