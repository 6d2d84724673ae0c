import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { embeddingPorts, ports } from './local-stack/local-constants.ts';
import { OWNER_ENV, withOwner } from './local-stack/process/owner-watch.ts';
import { chromiumLaunchOptions } from './e2e/support/chromium-launch.ts';

// The stack Playwright starts (CI) gets its /__admin token from here, and the test workers
// inherit it; a stack started by hand leaves its own in .local-stack/admin-token instead.
if (process.env.CI) process.env.QUARRY_ADMIN_TOKEN ??= randomBytes(32).toString('base64url');
// The servers below end when this runner does, even when it is killed outright and cannot tear
// them down (local-stack/process/owner-watch.ts). Workers inherit the runner's value.
if (!process.env.TEST_WORKER_INDEX) process.env[OWNER_ENV] = withOwner(process.pid);

const consolePort = Number(process.env.QUARRY_E2E_CONSOLE_PORT ?? 4173);
const swaPort = embeddingPorts.staticWebAppEmulator;

/**
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download does not work
 * here) against the production build served by `vite preview`, with the real local stack:
 * the identity provider over https, the stand-ins over http. Tests share the identity
 * provider's state (admin endpoints), so they run one at a time.
 */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${consolePort}`,
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      command: `npx tsx local-stack/start.ts --console=preview --console-port=${consolePort}`,
      url: `http://localhost:${consolePort}/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The production build under the official SWA CLI emulator, with the local config.json and
      // a staticwebapp.config.json generated from it (scripts/prepare-swa-e2e-site.ts). The CLI
      // reads staticwebapp.config.json from its working directory, hence the cd.
      // The emulator does not watch for its parent: while-owner-lives.ts ends it with Playwright.
      command: `npx tsx scripts/prepare-swa-e2e-site.ts && cd dist-swa-e2e && npx tsx ../e2e/support/while-owner-lives.ts ../node_modules/.bin/swa start . --port ${swaPort} --host 127.0.0.1`,
      url: `http://127.0.0.1:${swaPort}/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The console as `npm start` serves it (Vite's development server, development builds of
      // the dependencies), for e2e/dev-server.spec.ts; the stack above answers it.
      command: `npx tsx e2e/support/while-owner-lives.ts node_modules/.bin/vite --port ${ports.console} --strictPort`,
      url: `http://localhost:${ports.console}/config.json`,
      env: { QUARRY_CONFIG: 'local' },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The example portal that embeds Quarry (allowed), and a foreign site (not allowed).
      command: 'npx tsx e2e/support/serve-embedding-hosts.ts',
      url: `http://127.0.0.1:${embeddingPorts.foreignHost}/frame-quarry.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
