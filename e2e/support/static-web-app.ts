import type { Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { embeddingUrls } from '../../local-stack/local-constants.ts';

/** Quarry's production build as the SWA CLI emulator serves it (playwright.config.ts). */
export const swaUrl = embeddingUrls.staticWebApp;

/**
 * A built worker script's path, e.g. /assets/editor.worker-XXXX.js (hashed names); `pattern`
 * picks another one (the parse worker: /^parse-worker-.*\.js$/).
 */
export function builtWorkerPath(pattern = /\.worker-.*\.js$/): string {
  const name = readdirSync('dist-swa-e2e/assets').find((file) => pattern.test(file));
  if (!name) throw new Error('dist-swa-e2e/assets has no worker script: build first.');
  return `/assets/${name}`;
}

/**
 * Collects Content-Security-Policy violations: the page's securitypolicyviolation events and
 * the console lines Chromium prints for them (which include workers' and frames').
 */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const lines: string[] = [];
  page.on('console', (message) => {
    if (
      /Content Security Policy|Refused to (load|execute|connect|create|apply|frame)/i.test(
        message.text(),
      )
    )
      lines.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      ),
    );
  });
  return async () => [
    ...lines,
    ...(await page
      .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
      .catch(() => [])),
  ];
}
