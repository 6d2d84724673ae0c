/**
 * What the browser must download before Quarry's first paint: the scripts and stylesheets that
 * dist/index.html loads (entry, modulepreloads, CSS), gzipped as a server would send them. The
 * grid, editor, charts and workers are lazy chunks and are listed apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;

export interface BundleReport {
  firstPaint: { file: string; gzipKb: number }[];
  firstPaintJsGzipKb: number;
  lazy: { file: string; gzipKb: number }[];
}

export function measureFirstPaint(dist: string): BundleReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const referenced = new Set(
    [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((match) => match[1]!),
  );
  const gzipKb = (file: string) => gzipSync(readFileSync(join(dist, file))).length / 1024;
  const firstPaint = [...referenced].map((file) => ({ file, gzipKb: gzipKb(file) }));
  const lazy = readdirSync(join(dist, 'assets'))
    .filter((name) => /\.(js|css)$/.test(name) && !referenced.has(`assets/${name}`))
    .map((name) => ({ file: `assets/${name}`, gzipKb: gzipKb(`assets/${name}`) }))
    .sort((a, b) => b.gzipKb - a.gzipKb);
  const firstPaintJsGzipKb = firstPaint
    .filter((entry) => entry.file.endsWith('.js'))
    .reduce((sum, entry) => sum + entry.gzipKb, 0);
  return { firstPaint, firstPaintJsGzipKb, lazy };
}

export function printFirstPaintReport(dist: string): void {
  if (!existsSync(join(dist, 'index.html'))) {
    console.log(`\n# First-paint bundle: no build in ${dist} (run npm run build first)`);
    return;
  }
  const report = measureFirstPaint(dist);
  const kb = (n: number) => `${n.toFixed(1).padStart(8)} KB`;
  console.log('\n# First-paint bundle (gzip)');
  for (const entry of report.firstPaint) console.log(`${kb(entry.gzipKb)}  ${entry.file}`);
  console.log(
    `${kb(report.firstPaintJsGzipKb)}  JavaScript before first paint — budget ${BUDGET_KB} KB, ${(
      (report.firstPaintJsGzipKb / BUDGET_KB) *
      100
    ).toFixed(0)}% used`,
  );
  console.log('\n# Lazy chunks (gzip), fetched after first paint');
  for (const entry of report.lazy.slice(0, 12)) console.log(`${kb(entry.gzipKb)}  ${entry.file}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printFirstPaintReport(fileURLToPath(new URL('../dist', import.meta.url)));
}
