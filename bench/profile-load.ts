/**
 * Where the main thread's long tasks come from: loads `union StormEvents × n` in the console
 * (production build, local stack, real sign-in) under a Chromium trace and a CPU profile, then
 * scrolls and sorts, and prints each main-thread task over 50 ms with what ran inside it (trace
 * events, and the CPU profile's hottest functions mapped through dist/'s source maps).
 * A diagnostic; reports only.
 *
 * Run after `npm run build`, with nothing else on the stack's ports (no `npm start`):
 *   npx tsx bench/profile-load.ts --rows=531594 [--out=/tmp/trace.json]
 * --min-task=5 --window=600 lists every task over 5 ms in the first 600 ms instead (the first
 * row's path; a 'first row' mark shows which side of it each ran).
 * With --operations the trace covers only the operations after the load (scroll, filter, search,
 * block copy, export, group, chart: bench/grid-operations.ts), each marked by its name.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { CDPSession, Page } from 'playwright-core';
import { SourceMapConsumer } from 'source-map-js';
import { chromiumLaunchOptions } from '../e2e/support/chromium-launch.ts';
import {
  FIRST_ROW_SELECTORS,
  INIT_SCRIPT,
  chartQuery,
  consoleUrl,
  setQuery,
  signIn,
  startStack,
  waitForUrl,
} from './console-benchmark.ts';
import { measureOperations } from './grid-operations.ts';
import { copiesFor, STORM_EVENTS_ROWS, unionQuery } from './standin-streaming.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Marks the first data row in the grid ('first row'), so tasks print which side of it they ran. */
const MARK_FIRST_ROW = `
  new MutationObserver((_, observer) => {
    if (document.querySelector(${JSON.stringify(FIRST_ROW_SELECTORS.gridRow)})) {
      performance.mark('first row');
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

const dist = fileURLToPath(new URL('../dist/assets/', import.meta.url));
const maps = new Map<string, SourceMapConsumer | null>();
function mapFrame(frame: ProfileNode['callFrame']): string {
  const file = basename(frame.url.split('?')[0] ?? '');
  if (!frame.url.startsWith(consoleUrl) || !file.endsWith('.js'))
    return `${frame.functionName || '(anonymous)'} ${frame.url ? basename(frame.url) : ''}`.trim();
  if (!maps.has(file)) {
    const path = join(dist, `${file}.map`);
    maps.set(
      file,
      existsSync(path)
        ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8')) as never)
        : null,
    );
  }
  const consumer = maps.get(file);
  if (!consumer) return `${frame.functionName} ${file}:${frame.lineNumber + 1}`;
  const pos = consumer.originalPositionFor({
    line: frame.lineNumber + 1,
    column: frame.columnNumber,
  });
  const source = (pos.source ?? '?').replace(/^.*node_modules\//, '~/').replace(/^(\.\.\/)+/, '');
  return `${pos.name ?? frame.functionName ?? '(anonymous)'} ${source}:${pos.line ?? '?'}`;
}

async function runAndWait(page: Page, rows: number): Promise<void> {
  await page.keyboard.press('Shift+Enter');
  await page
    .getByRole('status')
    .filter({ hasText: 'Request ID' })
    .filter({ hasText: `${rows.toLocaleString('en-US')} rows` })
    .filter({ hasNotText: 'running' })
    .waitFor({ timeout: 600_000 });
}

async function mark(page: Page, label: string): Promise<void> {
  await page.evaluate((l) => performance.mark(l), label);
}

async function interact(page: Page): Promise<void> {
  await page.waitForTimeout(500);
  await mark(page, 'scroll');
  const viewport = page.locator('.ag-body-vertical-scroll-viewport').first();
  for (let i = 0; i < 5; i++) {
    await viewport.evaluate((el, top) => el.scrollTo({ top }), (i + 1) * 200_000);
    await page.waitForTimeout(300);
  }
  await mark(page, 'sort');
  await page.getByRole('columnheader', { name: 'EventId', exact: true }).click();
  await page.waitForTimeout(3000);
  await mark(page, 'end');
}

function analyse(events: TraceEvent[], profile: CpuProfile | null, since: number): void {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = (e: TraceEvent) => mains.has(`${e.pid}:${e.tid}`);
  const tasks = events
    .filter(
      (e) =>
        onMain(e) &&
        e.ph === 'X' &&
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
        (e.dur ?? 0) > minTaskMs * 1000 &&
        e.ts >= since &&
        e.ts < since + windowMs * 1000,
    )
    .sort((a, b) => a.ts - b.ts);
  const marks = events
    .filter((e) => e.cat.includes('blink.user_timing') && onMain(e))
    .map((e) => ({ name: e.name, ts: e.ts }));
  const phase = (ts: number) => marks.filter((m) => m.ts <= ts).at(-1)?.name ?? 'load';

  // CPU profile samples as [timestamp, node id].
  const samples: [number, number][] = [];
  const parents = new Map<number, number>();
  const nodes = new Map<number, ProfileNode>();
  if (profile) {
    for (const n of profile.nodes) {
      nodes.set(n.id, n);
      for (const c of n.children ?? []) parents.set(c, n.id);
    }
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i] ?? 0;
      samples.push([t, id]);
    });
  }
  const frameName = new Map<number, string>();
  const nameOf = (id: number) => {
    let n = frameName.get(id);
    if (n === undefined) {
      n = mapFrame(nodes.get(id)!.callFrame);
      frameName.set(id, n);
    }
    return n;
  };

  console.log(`${tasks.length} main-thread tasks > ${minTaskMs} ms`);
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = events.filter(
      (e) =>
        e.pid === task.pid &&
        e.tid === task.tid &&
        e !== task &&
        e.ph === 'X' &&
        e.ts >= task.ts &&
        e.ts < end &&
        (e.dur ?? 0) > 2_000,
    );
    const detail = inside
      .filter((e) => !/RunTask|RunMicrotasks|v8.run|V8.Execute/.test(e.name))
      .slice(0, 8)
      .map((e) => {
        const d = e.args?.data ?? {};
        const what =
          (d.functionName as string) || (d.type as string) || (d.url as string)?.slice(-40) || '';
        return `${e.name}${what ? `(${what})` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`;
      });
    console.log(
      `\n[${phase(task.ts)}] +${((task.ts - since) / 1000).toFixed(0)} ms: ${((task.dur ?? 0) / 1000).toFixed(0)} ms — ${detail.join('; ')}`,
    );
    if (!profile) continue;
    const self = new Map<string, number>();
    const ours = new Map<string, number>();
    let prev = 0;
    for (const [ts, id] of samples) {
      const dt = ts - prev;
      prev = ts;
      if (ts < task.ts || ts >= end) continue;
      const top = nameOf(id);
      self.set(top, (self.get(top) ?? 0) + dt);
      // The innermost frame of our own code (src/) or the grid's, for attribution.
      const chain: string[] = [];
      for (let n: number | undefined = id; n !== undefined; n = parents.get(n)) {
        const name = nameOf(n);
        if (/ src\/|ag-grid|react-dom/.test(name)) chain.push(name);
        if (chain.length >= 3) break;
      }
      if (chain.length) {
        const key = chain.reverse().join(' > ');
        ours.set(key, (ours.get(key) ?? 0) + dt);
      }
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([n, t]) => `      ${(t / 1000).toFixed(0).padStart(4)} ms  ${n}`)
        .join('\n');
    console.log(`   self:\n${top(self, 6)}\n   in code:\n${top(ours, 5)}`);
  }
}

async function collectTrace(session: CDPSession): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) =>
    session.once('Tracing.tracingComplete', () => resolve()),
  );
  await session.send('Tracing.end');
  await complete;
  return events;
}

const rows = Number(option('rows') ?? 531_594);
// --min-task=5 --window=600: every task over 5 ms in the first 600 ms (the first row's path).
const minTaskMs = Number(option('min-task') ?? 50);
const windowMs = Number(option('window') ?? Infinity);
const copies = copiesFor(rows);
const total = copies * STORM_EVENTS_ROWS;
const stack = startStack();
try {
  await waitForUrl(`${consoleUrl}/config.json`, 180_000);
  const context = await chromium.launchPersistentContext('', {
    ...chromiumLaunchOptions,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 900 },
  });
  try {
    await context.addInitScript(INIT_SCRIPT);
    await context.addInitScript(MARK_FIRST_ROW);
    // Queries are pasted (setQuery) and block copy writes the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl });
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page);
    await setQuery(page, unionQuery(copies));
    const session = await context.newCDPSession(page);
    const startTracing = async () => {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 200 });
      await session.send('Tracing.start', {
        categories: 'toplevel,devtools.timeline,v8.execute,blink.user_timing',
        transferMode: 'ReportEvents',
      });
      await session.send('Profiler.start');
    };
    // --operations: trace only the operations after the load (bench/grid-operations.ts).
    const operations = process.argv.includes('--operations');
    if (!operations) await startTracing();
    await mark(page, 'load');
    const startTs = Date.now();
    await runAndWait(page, total);
    console.log(`loaded ${total} rows in ${Date.now() - startTs} ms (wall)`);
    await page.screenshot({ path: option('shot') ?? '/tmp/profile-load.png' });
    if (operations) {
      await startTracing();
      await mark(page, 'load');
      const measured = await measureOperations(page, total, chartQuery(copies), (text) =>
        setQuery(page, text),
      );
      for (const m of measured)
        console.log(
          `${m.name}: ${m.ms === null ? 'n/a' : Math.round(m.ms)} ms, ${m.longTasks} tasks > 50 ms (longest ${Math.round(m.longestTaskMs)} ms) ${m.note ?? ''}`,
        );
    } else if (!process.argv.includes('--no-interact'))
      await interact(page).catch((error: unknown) =>
        console.log(`interaction failed: ${String(error)}`),
      );
    const { profile } = await session.send('Profiler.stop');
    const events = await collectTrace(session);
    const out = option('out');
    if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));
    const loadMark = events.find((e) => e.name === 'load' && e.cat.includes('user_timing'));
    analyse(events, profile as unknown as CpuProfile, loadMark?.ts ?? 0);
  } finally {
    await context.close();
  }
} finally {
  if (stack.pid) process.kill(-stack.pid, 'SIGTERM');
}
