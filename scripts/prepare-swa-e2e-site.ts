/**
 * Makes dist-swa-e2e/: a copy of the production build (dist/) as the e2e suite serves it under
 * the SWA CLI emulator, with the local stack's config.json (local identity provider, stand-ins)
 * and a staticwebapp.config.json generated from that config by the same generator a deployment
 * uses — so the e2e tests prove the generator, not a hand-written file.
 *
 *   npx vite build && npx tsx scripts/prepare-swa-e2e-site.ts
 */
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { localConsoleConfig } from '../local-stack/console-config.ts';
import { staticWebAppConfig } from './static-web-app-config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const swaE2eSiteDir = `${root}dist-swa-e2e`;

export function prepareSwaE2eSite(distDir = `${root}dist`, outDir = swaE2eSiteDir): void {
  if (!existsSync(`${distDir}/index.html`)) {
    throw new Error(`${distDir} has no build: run npx vite build first.`);
  }
  rmSync(outDir, { recursive: true, force: true });
  cpSync(distDir, outDir, { recursive: true });
  const config = localConsoleConfig();
  writeFileSync(`${outDir}/config.json`, `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(
    `${outDir}/staticwebapp.config.json`,
    `${JSON.stringify(staticWebAppConfig(config), null, 2)}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  prepareSwaE2eSite();
  console.log(`Wrote ${swaE2eSiteDir}`);
}
