/**
 * `npm run bench`: the console in Chromium against the local stack at 59,066 / 531,594 /
 * 1,004,122 rows next to the anchor and the goals (bench/console-benchmark.ts; needs `npm run
 * build` first and the fixed ports, so run it under the lock), the stand-in's serving time, then
 * parse benchmarks on 59,066 and 500,000 StormEvents-shaped rows, then grouping 1,000,000 rows by
 * a string column in the worker's code (bench/group-benchmark.ts).
 * Restarts Node with a 16 GB heap and --expose-gc (the 500k case holds a ~420 MB body, its
 * decoded text and two parsed copies at once), unless already running with them.
 * Options: --quick (59,066 rows only, no parse benchmarks)  --no-anchor  --no-operations  --sizes=59066,531594  --no-browser
 *          --rows=59066,500000  --iterations=5  --ascii (no non-ASCII characters in the data)
 *          --group-rows=1000000  --no-group
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { printFirstPaintReport } from './first-paint-bundle.ts';
import { runGroupBenchmark } from './group-benchmark.ts';
import { runParseBenchmark } from './parse-benchmarks.ts';
import { runConsoleBenchmark, type ConsoleMeasurement } from './console-benchmark.ts';
import { printConsoleTable } from './console-table.ts';
import { copiesFor, measureStandInServing, STORM_EVENTS_ROWS } from './standin-streaming.ts';

const HEAP_MB = 16_384;

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
const heapLimitMb = getHeapStatistics().heap_size_limit / 1024 / 1024;

if (!hasGc || heapLimitMb < HEAP_MB * 0.9) {
  const result = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      '--expose-gc',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

const quick = process.argv.includes('--quick');
const consoleSizes = (option('sizes') ?? (quick ? '59066' : '59066,531594,1004122'))
  .split(',')
  .map(Number);
if (!process.argv.includes('--no-browser')) {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  console.log(`# Quarry console benchmark, ${date} UTC (Chromium, production build, local stack)`);
  const served = await measureStandInServing(consoleSizes);
  let measured: ConsoleMeasurement[] = [];
  try {
    measured = await runConsoleBenchmark(consoleSizes, {
      anchor: !process.argv.includes('--no-anchor'),
      operations: !process.argv.includes('--no-operations'),
      payloadBytes: (rows) =>
        served.find((s) => s.rows === copiesFor(rows) * STORM_EVENTS_ROWS)?.bytes ?? 0,
    });
  } catch (error) {
    console.log(`The browser part failed: ${String(error)}`);
  }
  printConsoleTable(served, measured);
  if (quick) process.exit(0);
}

const sizes = (option('rows') ?? '59066,500000').split(',').map(Number);
const iterationsOption = option('iterations');

console.log(
  `# Quarry parse benchmarks — Node ${process.version}, V8 ${process.versions.v8}, heap limit ${Math.round(heapLimitMb)} MB`,
);
for (const rows of sizes) {
  const iterations = iterationsOption ? Number(iterationsOption) : rows > 100_000 ? 3 : 7;
  await runParseBenchmark({ rows, iterations, asciiOnly: process.argv.includes('--ascii') });
}

if (!process.argv.includes('--no-group'))
  runGroupBenchmark(Number(option('group-rows') ?? 1_000_000));

printFirstPaintReport(fileURLToPath(new URL('../dist', import.meta.url)));
