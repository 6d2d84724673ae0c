import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium (Playwright's own browser download does not work here), quiet on a closed network. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Diagnostics: e.g. QUARRY_JS_FLAGS=--trace-gc with DEBUG=pw:browser prints every isolate's GCs.
    ...(process.env.QUARRY_JS_FLAGS ? [`--js-flags=${process.env.QUARRY_JS_FLAGS}`] : []),
  ],
};

/**
 * Chromium as users run it, for the embedding paths. Playwright starts Chromium with
 * third-party storage partitioning and the pop-up blocker off; users' Chrome and Edge have both
 * on, and they decide whether a sign-in works inside another site's frame. A later
 * `--disable-features` replaces Playwright's list (the last value of a switch wins), so this one
 * repeats Playwright's list (playwright-core chromiumSwitches.ts) without
 * ThirdPartyStoragePartitioning. Tests using it assert that partitioning is really on.
 */
export const usersChromiumLaunchOptions: LaunchOptions = {
  ...chromiumLaunchOptions,
  ignoreDefaultArgs: ['--disable-popup-blocking'],
  args: [
    ...(chromiumLaunchOptions.args ?? []),
    '--disable-features=' +
      [
        'AvoidUnnecessaryBeforeUnloadCheckSync',
        'DestroyProfileOnBrowserClose',
        'HttpsUpgrades',
        'HttpsFirstBalancedModeAutoEnable',
        'LensOverlay',
        'MediaRouter',
        'PaintHolding',
        'AvoidCorsURLLoaderRestartOnRedirect',
        'OptimizationHints',
        'NetworkTimeServiceQuerying',
        'AimEnabled',
        'PreconnectToSearch',
      ].join(','),
  ],
};
