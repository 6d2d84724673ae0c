/**
 * Page for bench/browser-worker-check.ts: fetches /payload.json, transfers the body stream to
 * the parse worker (the production engine), and reports timings on window.result.
 */
import { createWorkerResultEngine } from '../../src/lib/sources/result-engine.ts';

declare global {
  interface Window {
    result?: unknown;
  }
}

async function run(): Promise<void> {
  const longTasks: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });

  const engine = createWorkerResultEngine();
  const start = performance.now();
  const response = await fetch('/payload.json');
  if (!response.body) throw new Error('no body');
  let firstRowsMs: number | null = null;
  let updates = 0;
  const session = engine.open('v2', response.body, (summary) => {
    updates++;
    const rows = summary.tables.some((t) => t.kind === 'PrimaryResult' && t.rowCount > 0);
    if (firstRowsMs === null && rows) firstRowsMs = performance.now() - start;
  });
  const outcome = await session.done;
  const doneMs = performance.now() - start;
  const primary = outcome.ok
    ? outcome.summary.tables.find((t) => t.kind === 'PrimaryResult')
    : undefined;

  const sortStart = performance.now();
  const sorted = await session.getRows({
    tableId: primary?.id ?? 1,
    start: 0,
    end: 100,
    sortModel: [{ colId: 'EventId', sort: 'desc' }],
  });
  const sortMs = performance.now() - sortStart;
  const blockStart = performance.now();
  const block = await session.getRows({
    tableId: primary?.id ?? 1,
    start: 30_000,
    end: 30_100,
    sortModel: [{ colId: 'EventId', sort: 'desc' }],
  });
  const blockMs = performance.now() - blockStart;

  window.result = {
    ok: outcome.ok,
    rows: primary?.rowCount ?? null,
    firstRowsMs: Math.round(firstRowsMs ?? -1),
    doneMs: Math.round(doneMs),
    summaryUpdates: updates,
    sortFirstBlockMs: Math.round(sortMs),
    cachedBlockMs: Math.round(blockMs),
    blockRows: block.rows.length,
    topEventIds: sorted.rows.slice(0, 3).map((r) => r.cells[3]),
    longestMainThreadTaskMs: Math.max(0, ...longTasks),
  };
}

run().catch((error: unknown) => {
  window.result = { error: String(error) };
});
