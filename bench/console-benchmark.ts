/**
 * The console end to end in Chromium: the production build (dist/, `npm run build` first) served
 * by the local stack, a real sign-in, then `set notruncation; union StormEvents × n` run from the
 * editor at 59,066 / 531,594 / 1,004,122 rows. Reports; never fails the build.
 *
 * Measured per size: time to the first response byte (Resource Timing), the first rows on screen
 * after the first byte (the preview's or the grid's) and the grid's own first row, completion
 * (the status line's last change), main-thread long tasks from Run to completion (PerformanceObserver `longtask`), renderer memory growth (page + worker share one
 * renderer process: RSS from /proc, JS heap of the page from CDP) per payload byte, and a sort by
 * a column header. The anchor is the same request fetched as text and `JSON.parse`d on the main
 * thread (where the text fits in one string).
 *
 * Uses the fixed ports: run under the lock, `flock /tmp/quarry-ports.lock npm run bench -- --browser`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/support/chromium-launch.ts';
import { demoUsers, urls } from '../local-stack/local-constants.ts';
import { measureOperations, type OperationMeasurement } from './grid-operations.ts';
import { memoryDump, totalOf } from './memory-dump.ts';
import { copiesFor, STORM_EVENTS_ROWS, unionQuery } from './standin-streaming.ts';

export const CONSOLE_PORT = 4173;
export const consoleUrl = `http://localhost:${CONSOLE_PORT}`;

/** How long after completion the settled RSS is read (no GC forced meanwhile). */
export const SETTLE_MS = 20_000;

export interface ConsoleMeasurement {
  rows: number;
  payloadBytes: number;
  firstByteMs: number;
  /** First rows on screen: the preview's (FirstRowsPreview) or the grid's, whichever came first. */
  firstRowAfterFirstByteMs: number;
  /** AG Grid's own first row: the grid is ready for sorting, selection, scrolling. */
  gridRowAfterFirstByteMs: number;
  completionMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Renderer RSS growth when the load completed (garbage of the load not yet collected). */
  rssGrowthBytes: number;
  /** The same after a GC in the page and in each worker: what the loaded result keeps. */
  rssGrowthAfterGcBytes: number;
  /** Renderer RSS growth SETTLE_MS after completion, with no GC forced (V8's own by then). */
  rssGrowthSettledBytes: number;
  /**
   * Renderer growth by part after those GCs (Chromium memory-infra dumps, committed bytes):
   * private footprint, V8 page / workers, PartitionAlloc, malloc, Oilpan, … (bench/memory-dump.ts).
   * Null when Chromium took no dump.
   */
  rendererGrowthByPart: Record<string, number> | null;
  /** The same parts when the load completed, before those GCs (the load's garbage included). */
  rendererGrowthAtCompletionByPart: Record<string, number> | null;
  heapGrowthBytes: number;
  /** JS heap growth of the page's workers (the parse worker keeps the columns). */
  workerHeapGrowthBytes: number;
  sortMs: number | null;
  sortLongTasks: number | null;
  sortLongestTaskMs: number | null;
  /** After the load and sort: scroll, filter, search, block copy, export, group, chart. */
  operations: OperationMeasurement[];
  anchor: { totalMs: number; longestTaskMs: number } | string;
}

export async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function startStack(): ChildProcess {
  return spawn(
    'npx',
    ['tsx', 'local-stack/start.ts', '--console=preview', `--console-port=${CONSOLE_PORT}`],
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
}

/** Parent pid of a process, from /proc/<pid>/stat (the field after the parenthesised name). */
function parentOf(pid: string): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Resident memory of the renderer processes this benchmark's Chromium started (the page and its
 * workers), in bytes; other browsers on the machine are not counted.
 */
function rendererRss(): number {
  const self = String(process.pid);
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      let ancestor: string | null = entry;
      for (let depth = 0; ancestor && ancestor !== self && depth < 10; depth++)
        ancestor = parentOf(ancestor);
      if (ancestor !== self) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

// The stand-in sends no Timing-Allow-Origin, so Resource Timing hides responseStart and sizes of
// the cross-origin query: the first byte is taken when fetch() resolves (headers received), or,
// when the parse worker fetches, when its 'fetched' message (status and headers) reaches the page.
export const INIT_SCRIPT = `
  window.__longTasks = [];
  window.__queryHeadersAt = null;
  const originalFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const started = performance.now();
    const pending = originalFetch.call(this, input, init);
    if (url.includes('/v2/rest/query')) {
      window.__queryStartedAt = started;
      pending.then(() => { window.__queryHeadersAt = performance.now(); }, () => undefined);
    }
    return pending;
  };
  // The parse worker fetches the query itself (engine.fetch): the request leaves as a 'fetch'
  // message and its headers arrive as 'fetched', so time those on the page the same way.
  const OriginalWorker = window.Worker;
  window.Worker = class extends OriginalWorker {
    constructor(...args) {
      super(...args);
      const queries = new Set();
      this.addEventListener('message', (event) => {
        const data = event.data;
        if (data && data.type === 'fetched' && queries.has(data.fetchId)) {
          queries.delete(data.fetchId);
          window.__queryHeadersAt = performance.now();
        }
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        if (message && message.type === 'fetch' && message.request.url.includes('/v2/rest/query')) {
          queries.add(message.fetchId);
          window.__queryStartedAt = performance.now();
          window.__queryHeadersAt = null;
        }
        return post(message, transfer);
      };
    }
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

export async function signIn(page: Page): Promise<void> {
  const user = demoUsers[0]!;
  await page.goto(consoleUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(new RegExp(`^${urls.identityProvider}/`));
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('region', { name: /^Schema of / })
    .getByText('StormEvents', { exact: true })
    .waitFor({ timeout: 60_000 });
}

export async function setQuery(page: Page, text: string): Promise<void> {
  const editor = page.locator('[role="tabpanel"]:not([hidden]) .monaco-editor');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // Pasted, as a user puts a query in: Monaco takes text typed in one input event (Playwright's
  // insertText) a character at a time, each an edit of its own (50-118 ms for the chart's
  // 230-character query, against no task over 50 ms for the same text pasted). The context has
  // the clipboard granted where it is made.
  await page.evaluate((query) => navigator.clipboard.writeText(query), text);
  await page.keyboard.press('ControlOrMeta+V');
}

/**
 * The first rows in the visible tab: AG Grid's first data row (the empty row AG Grid shows while
 * a block loads does not count) and the first rows' preview's.
 */
export const FIRST_ROW_SELECTORS = {
  gridRow:
    '[role="tabpanel"]:not([hidden]) [role="row"][aria-rowindex="2"] [role="gridcell"]:not(:empty)',
  previewRow: '[role="tabpanel"]:not([hidden]) .first-rows-preview__row',
};

/** Watches the grid and the status line from now on (times in the page's clock). */
async function armWatchers(page: Page): Promise<number> {
  return page.evaluate((selectors) => {
    const w = window as unknown as Record<string, unknown>;
    w.__firstRowAt = null;
    w.__gridRowAt = null;
    w.__statusChangedAt = null;
    const observer = new MutationObserver(() => {
      if (w.__gridRowAt === null && document.querySelector(selectors.gridRow))
        w.__gridRowAt = performance.now();
      if (
        w.__firstRowAt === null &&
        (w.__gridRowAt !== null || document.querySelector(selectors.previewRow))
      )
        w.__firstRowAt = performance.now();
      w.__statusChangedAt = performance.now();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    w.__observer = observer;
    return performance.now();
  }, FIRST_ROW_SELECTORS);
}

async function longTasksSince(page: Page, since: number, until: number) {
  const tasks = await page.evaluate(
    () => (window as unknown as { __longTasks: [number, number][] }).__longTasks,
  );
  const inRange = tasks.filter(([start]) => start >= since && start <= until);
  return {
    count: inRange.length,
    longest: inRange.reduce((m, [, d]) => Math.max(m, d), 0),
  };
}

/**
 * JS heap in use by the page's dedicated workers (the parse worker holds the result), after a GC
 * in each. Playwright opens CDP sessions for pages only, so this attaches to the worker targets
 * through the page's session (Target.setAutoAttach, non-flat) and talks to each with
 * Target.sendMessageToTarget. (`performance.measureUserAgentSpecificMemory` would need
 * cross-origin isolation, which the console does not have.)
 */
async function workerHeapUsed(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  const workers: string[] = [];
  const pending = new Map<number, (result: unknown) => void>();
  session.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.push(event.sessionId);
  });
  session.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result ?? null);
  });
  let nextId = 1;
  const call = (sessionId: string, method: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      setTimeout(() => resolve(null), 30_000);
      void session
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(() => resolve(null));
    });
  try {
    await session.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    await new Promise((r) => setTimeout(r, 300));
    let total = 0;
    for (const worker of workers) {
      await call(worker, 'HeapProfiler.collectGarbage');
      const usage = (await call(worker, 'Runtime.getHeapUsage')) as { usedSize?: number } | null;
      total += usage?.usedSize ?? 0;
    }
    return total;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

function growth(
  before: Record<string, number> | null,
  after: Record<string, number> | null,
): Record<string, number> | null {
  if (!before || !after) return null;
  return Object.fromEntries(
    Object.entries(after).map(([part, bytes]) => [part, bytes - (before[part] ?? 0)]),
  );
}

/** The renderer's memory by part (a memory-infra dump), or null when Chromium took none. */
async function rendererParts(
  page: Page,
  collectGarbageFirst = true,
): Promise<Record<string, number> | null> {
  const session = await page.context().newCDPSession(page);
  try {
    return totalOf(await memoryDump(session, collectGarbageFirst), /^Renderer$/);
  } catch {
    return null;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

async function heapUsed(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

async function measureSize(
  page: Page,
  rows: number,
  withAnchor: boolean,
  withOperations: boolean,
  payloadBytes: number,
): Promise<ConsoleMeasurement> {
  const copies = copiesFor(rows);
  const total = copies * STORM_EVENTS_ROWS;
  const csl = unionQuery(copies);
  // A fresh tab per size, so the first-row watcher does not see the previous size's rows (rows
  // of a result tab only: the grid warm-up's hidden grid is outside the tabs).
  if (await page.locator('[role="tabpanel"] .ag-row').count()) {
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.waitForTimeout(500);
  }
  await setQuery(page, csl);
  const heapBefore = await heapUsed(page);
  const workerHeapBefore = await workerHeapUsed(page);
  const rssBefore = rendererRss();
  const partsBefore = await rendererParts(page);
  await page.evaluate(() => performance.clearResourceTimings());
  const started = await armWatchers(page);
  await page.keyboard.press('Shift+Enter');
  const status = page.getByRole('status').filter({ hasText: 'Request ID' });
  await status
    .filter({ hasText: `${total.toLocaleString('en-US')} rows` })
    .filter({ hasNotText: 'running' })
    .waitFor({ timeout: 600_000 });
  await page.waitForTimeout(300);
  const timing = await page.evaluate(() => {
    const w = window as unknown as Record<string, number | null>;
    const entry = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/v2/rest/query'))
      .at(-1) as PerformanceResourceTiming | undefined;
    return {
      responseStart: entry?.responseStart ?? null,
      fetchStart: entry?.startTime ?? null,
      responseEnd: entry?.responseEnd ?? null,
      bodySize: entry?.decodedBodySize ?? 0,
      firstRowAt: w.__firstRowAt ?? null,
      gridRowAt: w.__gridRowAt ?? null,
      queryStartedAt: w.__queryStartedAt ?? null,
      queryHeadersAt: w.__queryHeadersAt ?? null,
      statusChangedAt: w.__statusChangedAt ?? null,
    };
  });
  const done = timing.statusChangedAt ?? performance.now();
  const tasks = await longTasksSince(page, started, done);
  const rssAfter = rendererRss();
  // Not deterministic: such a dump collects garbage first, and the next row must see none forced.
  const partsAtCompletion = await rendererParts(page, false);
  // Left alone, V8 collects a load's garbage once the worker is idle (its memory reducer):
  // RSS at 1,004,122 rows stayed level ~9 s after completion, then fell over the next ~10 s.
  await page.waitForTimeout(SETTLE_MS);
  const rssSettled = rendererRss();
  const heapAfter = await heapUsed(page);
  const workerHeapAfter = await workerHeapUsed(page);
  // Both calls above collected garbage (page, then workers): now RSS is what the result keeps.
  const rssAfterGc = rendererRss();
  const partsAfter = await rendererParts(page);

  // Sort by a number column, from the click to the first row changing.
  let sortMs: number | null = null;
  let sortLongTasks: number | null = null;
  let sortLongestTaskMs: number | null = null;
  try {
    const header = page.getByRole('columnheader', { name: 'EventId', exact: true });
    const sortStart = await page.evaluate(() => performance.now());
    const firstCell = page
      .locator('[role="tabpanel"]:not([hidden]) [role="row"][aria-rowindex="2"] [role="gridcell"]')
      .first();
    const before = await firstCell.textContent();
    await header.click();
    await page.waitForFunction(
      (text) =>
        document.querySelector(
          '[role="tabpanel"]:not([hidden]) [role="row"][aria-rowindex="2"] [role="gridcell"]',
        )?.textContent !== text,
      before,
      { timeout: 60_000 },
    );
    const sortEnd = await page.evaluate(() => performance.now());
    sortMs = sortEnd - sortStart;
    await page.waitForTimeout(100); // long-task entries arrive after their task
    const sortTasks = await longTasksSince(page, sortStart, sortEnd);
    sortLongTasks = sortTasks.count;
    sortLongestTaskMs = sortTasks.longest;
  } catch {
    // reported as n/a
  }

  // The anchor first: the operations end with a chart query that replaces this tab's result.
  let anchor: ConsoleMeasurement['anchor'] = 'not run';
  if (withAnchor) anchor = await measureAnchor(page, csl);

  const operations = withOperations
    ? await measureOperations(page, total, chartQuery(copies), (text) => setQuery(page, text))
    : [];

  const firstByteAt = timing.responseStart || timing.queryHeadersAt;
  const firstByteMs =
    firstByteAt !== null && timing.queryStartedAt !== null
      ? firstByteAt - timing.queryStartedAt
      : NaN;
  return {
    rows: total,
    payloadBytes: timing.bodySize || payloadBytes,
    firstByteMs,
    firstRowAfterFirstByteMs:
      timing.firstRowAt !== null && firstByteAt !== null ? timing.firstRowAt - firstByteAt : NaN,
    gridRowAfterFirstByteMs:
      timing.gridRowAt !== null && firstByteAt !== null ? timing.gridRowAt - firstByteAt : NaN,
    completionMs: done - started,
    longTasks: tasks.count,
    longestTaskMs: tasks.longest,
    rssGrowthBytes: rssAfter - rssBefore,
    rssGrowthAfterGcBytes: rssAfterGc - rssBefore,
    rssGrowthSettledBytes: rssSettled - rssBefore,
    rendererGrowthByPart: growth(partsBefore, partsAfter),
    rendererGrowthAtCompletionByPart: growth(partsBefore, partsAtCompletion),
    heapGrowthBytes: heapAfter - heapBefore,
    workerHeapGrowthBytes: workerHeapAfter - workerHeapBefore,
    sortMs,
    sortLongTasks,
    sortLongestTaskMs,
    operations,
    anchor,
  };
}

/** A time chart over the same union: one series per State, a point per day. */
export function chartQuery(copies: number): string {
  const union = unionQuery(copies).replace(/^set notruncation;\s*/, '');
  return `${union}\n| summarize count() by bin(StartTime, 1d), State\n| render timechart`;
}

/** The same request as text + JSON.parse on the main thread, with the console's own token. */
async function measureAnchor(page: Page, csl: string): Promise<ConsoleMeasurement['anchor']> {
  return page.evaluate(
    async ({ csl, kusto }) => {
      const stores = [window.sessionStorage, window.localStorage];
      let token: string | null = null;
      for (const store of stores) {
        for (let i = 0; i < store.length && !token; i++) {
          const value = store.getItem(store.key(i) ?? '') ?? '';
          if (!value.includes('"credentialType":"AccessToken"') || !value.includes(kusto)) continue;
          try {
            token = (JSON.parse(value) as { secret?: string }).secret ?? null;
          } catch {
            // another kind of entry
          }
        }
      }
      if (!token) return 'no token found in the MSAL cache';
      const started = performance.now();
      const response = await fetch(`${kusto}/v2/rest/query`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ db: 'Samples', csl }),
      });
      try {
        const text = await response.text();
        const parsed = JSON.parse(text) as unknown[];
        if (!Array.isArray(parsed)) return 'not a v2 body';
      } catch (error) {
        return `does not fit: ${String(error).slice(0, 80)}`;
      }
      const totalMs = performance.now() - started;
      const tasks = (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(
        ([start]) => start >= started,
      );
      return { totalMs, longestTaskMs: tasks.reduce((m, [, d]) => Math.max(m, d), 0) };
    },
    { csl, kusto: urls.kusto },
  );
}

/** `payloadBytes`: body size by row count (from the stand-in measurement; the page cannot see it). */
export async function runConsoleBenchmark(
  sizes: number[],
  options: { anchor: boolean; operations: boolean; payloadBytes: (rows: number) => number },
): Promise<ConsoleMeasurement[]> {
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
      // Queries are pasted (setQuery) and block copy writes the clipboard.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl });
      const page = context.pages()[0] ?? (await context.newPage());
      await signIn(page);
      const out: ConsoleMeasurement[] = [];
      for (const rows of sizes) {
        out.push(
          await measureSize(
            page,
            rows,
            options.anchor,
            options.operations,
            options.payloadBytes(rows),
          ),
        );
      }
      return out;
    } finally {
      await context.close();
    }
  } finally {
    if (stack.pid) process.kill(-stack.pid, 'SIGTERM');
  }
}
