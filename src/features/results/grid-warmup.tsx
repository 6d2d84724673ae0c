import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import type { ResultColumn, RowBlockRow } from '../../lib/result-model';
import type { RowsResult } from '../../lib/query/query-result-session';

/**
 * The grid chunk as one lazy component for the whole page. The warm-up renders it first, so the
 * first real grid finds it resolved instead of suspending for a commit.
 */
export const LazyTableAnalysis = lazy(() => import('./grouping/table-analysis'));

/** A few columns of the kinds results have (text, number, datetime, dynamic). */
const WARM_COLUMNS: readonly ResultColumn[] = [
  { name: 'State', type: 'string', wireType: 'string' },
  { name: 'EventId', type: 'long', wireType: 'long' },
  { name: 'StartTime', type: 'datetime', wireType: 'datetime' },
  { name: 'Details', type: 'dynamic', wireType: 'dynamic' },
];
const WARM_ROWS: RowBlockRow[] = Array.from({ length: 20 }, (_, row) => ({
  row,
  cells: ['TEXAS', String(row), '2007-01-01T00:00:00.0000000Z', '{"a":1}'],
}));
const WARM_RESULT: RowsResult = {
  rows: WARM_ROWS,
  rowCount: WARM_ROWS.length,
  tableRowCount: WARM_ROWS.length,
  tableComplete: true,
};

let warmUpScheduled = false;
let warmHost: HTMLElement | null = null;
let realGridReady = false;

/**
 * Pays AG Grid's one-time costs at idle time, before the first result arrives: compiling its
 * code paths, building and injecting the theme's CSS, creating a grid, its headers and cells.
 * A hidden grid of made-up rows is mounted off screen (aria-hidden, inert) and kept for the
 * page's life. AG Grid removes its injected CSS when the last grid goes, so a page whose result
 * grids all closed would pay for it again; and destroying the warm grid is itself a 60 ms task
 * (measured at 59,066 rows: React's unmount, AG Grid's destroy and DOM removal), which used to
 * land in the first result's load.
 */
export function warmResultGridWhenIdle(): void {
  if (warmUpScheduled || typeof document === 'undefined') return;
  warmUpScheduled = true;
  whenIdle(() => {
    if (!realGridReady) mountWarmGrid();
  }, 2000);
}

/**
 * A grid became ready (AG Grid's gridReady) inside `element`. A real grid before the page was
 * idle makes the warm-up unnecessary: it is then not mounted at all.
 */
export function noteGridReady(element: HTMLElement | null): void {
  if (element && warmHost?.contains(element)) return; // the warm grid itself
  realGridReady = true;
}

function whenIdle(callback: () => void, timeout: number): void {
  if (typeof window.requestIdleCallback === 'function')
    window.requestIdleCallback(callback, { timeout });
  else window.setTimeout(callback, 200);
}

function mountWarmGrid(): void {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.dataset.gridWarmup = '';
  host.inert = true;
  // Laid out (so AG Grid measures and renders rows as it would) but off screen and invisible.
  host.style.cssText =
    'position:fixed;left:-10000px;top:0;width:800px;height:400px;visibility:hidden;pointer-events:none;contain:strict';
  document.body.appendChild(host);
  warmHost = host;
  const root = createRoot(host);
  const dark = document.documentElement.getAttribute('data-theme') === 'dark';
  const rows = () => Promise.resolve(WARM_RESULT);
  root.render(
    <Suspense fallback={null}>
      <LazyTableAnalysis
        columns={WARM_COLUMNS}
        getRows={rows}
        fetchRows={rows}
        runPivot={() => Promise.reject(new Error('the warm-up grid does not pivot'))}
        revision={0}
        quickText=""
        dark={dark}
        localTime={false}
        label="Grid warm-up"
      />
    </Suspense>,
  );
}
