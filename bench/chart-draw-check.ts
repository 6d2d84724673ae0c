/**
 * Draws the bench's time chart (50 series × 365 days, the console's own option builder and
 * ECharts setup) in Chromium without the local stack, several times, and prints the time from
 * setOption to ECharts' `finished` and the main-thread tasks over 50 ms. A diagnostic; reports.
 *
 *   npx tsx bench/chart-draw-check.ts [--runs=5] [--v=lazy,plain,…] [--profile]
 * (no port lock: its own server on a free port). --v= tries changes to the option (see
 * chart-draw-page/main.ts); --profile prints the CPU profile's hottest functions.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../e2e/support/chromium-launch.ts';

const variant = process.argv.find((a) => a.startsWith('--v='))?.split('=')[1] ?? '';
const profile = process.argv.includes('--profile');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 5);
const pageDir = fileURLToPath(new URL('./chart-draw-page/', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'quarry-chart-draw-'));
await build({
  root: pageDir,
  configFile: false,
  logLevel: 'warn',
  // Readable names in --profile.
  build: { outDir, emptyOutDir: true, minify: false },
});

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
const server = http.createServer((request, response) => {
  const url = (request.url ?? '/').split('?')[0]!;
  const path = join(outDir, url === '/' ? 'index.html' : url);
  try {
    const body = readFileSync(path);
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('crash', () => console.log('page crashed'));
    page.on('pageerror', (e) => console.log('page error', e.message));
    await page.goto(`http://127.0.0.1:${port}/?v=${variant}`);
    await page.waitForFunction(() => 'drawChart' in window);
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const result = await page.evaluate(() =>
      (window as unknown as { drawChart: () => Promise<Record<string, number>> }).drawChart(),
    );
    console.log(
      Object.entries(result)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', '),
    );
    if (cdp) printHottest((await cdp.send('Profiler.stop')).profile);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

/** The functions with the most self time in a CPU profile (minified names: read with care). */
function printHottest(profile: {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
}) {
  const self = new Map<number, number>();
  profile.samples?.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)),
  );
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(us / 1000).toFixed(1)} ms  ${name}`);
  // Inclusive time: a node's self time plus its descendants', summed per function.
  const children = new Map<number, number[]>();
  for (const node of profile.nodes as { id: number; children?: number[] }[])
    children.set(node.id, node.children ?? []);
  const total = (id: number): number =>
    (self.get(id) ?? 0) + (children.get(id) ?? []).reduce((sum, c) => sum + total(c), 0);
  const inclusive = new Map<string, number>();
  for (const node of profile.nodes) {
    const name = node.callFrame.functionName || '(anonymous)';
    inclusive.set(name, (inclusive.get(name) ?? 0) + total(node.id));
  }
  console.log('  inclusive:');
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 60))
    console.log(`  ${(us / 1000).toFixed(1)} ms  ${name}`);
}
