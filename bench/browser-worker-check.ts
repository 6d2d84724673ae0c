/**
 * Checks the production parse path in real Chromium: Vite builds bench/browser-worker-page (the
 * worker bundled from `new URL('./parse-worker.ts', import.meta.url)`), a local server streams a
 * StormEvents-shaped body in 64 KiB pieces, the page transfers `response.body` to the worker.
 * Prints first-rows and total times, the first sort, and the page's longest main-thread task.
 *
 *   npx tsx bench/browser-worker-check.ts [--rows=59066]   (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { generateStormEventsV2 } from './storm-events-payload.ts';

const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? 59_066);
const pageDir = fileURLToPath(new URL('./browser-worker-page/', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'quarry-worker-check-'));

await build({
  root: pageDir,
  configFile: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir, emptyOutDir: true },
});
writeFileSync(join(outDir, 'payload.json'), generateStormEventsV2({ rows }));

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
};
const server = http.createServer((request, response) => {
  const path = join(
    outDir,
    request.url === '/' ? 'index.html' : ((request.url ?? '').split('?')[0] ?? ''),
  );
  if (!path.startsWith(outDir) || !existsSync(path)) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
  const body = readFileSync(path);
  let at = 0;
  const next = () => {
    if (at >= body.length) return void response.end();
    response.write(body.subarray(at, at + 65_536));
    at += 65_536;
    setImmediate(next);
  };
  next();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 300_000 });
  const result = await page.evaluate(() => window.result);
  console.log(`${rows.toLocaleString('en-US')} rows in Chromium ${browser.version()}:`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.close();
}
