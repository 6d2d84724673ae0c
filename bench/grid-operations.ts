/**
 * Operations on a loaded result in the console, each timed with the main-thread long tasks
 * (PerformanceObserver `longtask`, installed by INIT_SCRIPT) that fall inside it: scroll, a
 * column filter on State, the result search, block copy, CSV (and Excel) export, group by
 * State and a time chart. Reports; a failed operation is reported as n/a with its reason.
 */
import type { Page } from 'playwright-core';

export interface OperationMeasurement {
  name: string;
  /** Wall time of the operation in the page's clock, or null when it could not be run. */
  ms: number | null;
  longTasks: number;
  longestTaskMs: number;
  /** Scroll only: animation frames longer than 50 ms (and the longest). */
  longFrames?: number;
  longestFrameMs?: number;
  note?: string;
}

// The shown plain grid: grouping keeps it, hidden, behind the grouped one.
const grid = '[role="tabpanel"]:not([hidden]) .result-grid:not([hidden])';
const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());

async function tasksBetween(page: Page, since: number, until: number) {
  const tasks = await page.evaluate(
    () => (window as unknown as { __longTasks: [number, number][] }).__longTasks,
  );
  const inRange = tasks.filter(([start]) => start >= since && start <= until);
  return {
    longTasks: inRange.length,
    longestTaskMs: inRange.reduce((m, [, d]) => Math.max(m, d), 0),
  };
}

/** Runs `act` and waits for `done`; the time and long tasks between its start and end. */
async function timed(
  page: Page,
  name: string,
  act: () => Promise<void>,
  done: () => Promise<void>,
  note?: string,
): Promise<OperationMeasurement> {
  try {
    // Let the previous operation's tail (paints, idle work) settle first.
    await page.waitForTimeout(500);
    // A user-timing mark names the phase in a trace (bench/profile-load.ts --operations).
    await page.evaluate((label) => performance.mark(label), name);
    const start = await now(page);
    await act();
    await done();
    const end = await now(page);
    await page.waitForTimeout(100); // long-task entries arrive after their task
    return { name, ms: end - start, ...(await tasksBetween(page, start, end)), note };
  } catch (error) {
    return {
      name,
      ms: null,
      longTasks: 0,
      longestTaskMs: 0,
      note: String(error).split('\n')[0]!.slice(0, 120),
    };
  }
}

/**
 * Waits until the grid shows the rows of a search or filter: its row count (aria-rowcount, the
 * header row included) is `rowCount`, or, for `{ not }`, a real count other than `not` (while
 * its rows reload the grid holds one row, so counts under 4 do not count), and no row is loading.
 * The first row's text changing is not enough: it changes as soon as the rows start reloading.
 */
const gridShows = (page: Page, rowCount: number | { not: number }) => () =>
  page
    .waitForFunction(
      ({ selector, want }) => {
        const element = document.querySelector(`${selector} [role="grid"]`);
        const count = Number(element?.getAttribute('aria-rowcount'));
        const counted = typeof want === 'number' ? count === want : count > 3 && count !== want.not;
        return (
          counted &&
          !document.querySelector(`${selector} .ag-loading, ${selector} .ag-skeleton-container`)
        );
      },
      { selector: grid, want: rowCount },
      { timeout: 120_000 },
    )
    .then(() => undefined);

/**
 * Scrolls the grid's viewport by `step` pixels per animation frame for `frames` frames, then
 * waits until the rows at the end are filled. Frame lengths come from requestAnimationFrame.
 */
async function measureScroll(page: Page, frames: number, step: number) {
  await page.waitForTimeout(500);
  await page.evaluate((label) => performance.mark(label), `scroll ${step} px`);
  const start = await now(page);
  const frameTimes = await page.evaluate(
    async ({ selector, frames, step }) => {
      // The element that scrolls vertically (class names moved between AG Grid versions).
      const viewport = [
        ...document.querySelectorAll<HTMLElement>(
          `${selector} .ag-grid-viewport, ${selector} .ag-body-viewport, ${selector} .ag-body-vertical-scroll-viewport`,
        ),
      ].find((e) => e.scrollHeight > e.clientHeight + 1);
      if (!viewport) throw new Error('no vertically scrolling grid viewport');
      const stamps: number[] = [];
      for (let i = 0; i < frames; i++) {
        await new Promise<void>((resolve) =>
          requestAnimationFrame((t) => {
            stamps.push(t);
            viewport.scrollTop += step;
            resolve();
          }),
        );
      }
      // Wait for the last rows to arrive from the worker (no row left loading).
      const until = performance.now() + 30_000;
      while (
        performance.now() < until &&
        document.querySelector(`${selector} .ag-loading, ${selector} .ag-skeleton-container`)
      )
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      return stamps.slice(1).map((t, i) => t - stamps[i]!);
    },
    { selector: grid, frames, step },
  );
  const end = await now(page);
  await page.waitForTimeout(100);
  const long = frameTimes.filter((f) => f > 50);
  return {
    name: `scroll ${frames} frames × ${step} px`,
    ms: end - start,
    ...(await tasksBetween(page, start, end)),
    longFrames: long.length,
    longestFrameMs: frameTimes.reduce((m, f) => Math.max(m, f), 0),
  } satisfies OperationMeasurement;
}

export async function measureOperations(
  page: Page,
  rows: number,
  chartQuery: string,
  setQuery: (csl: string) => Promise<void>,
): Promise<OperationMeasurement[]> {
  const out: OperationMeasurement[] = [];
  const scrollTop = () =>
    page.evaluate((selector) => {
      for (const e of document.querySelectorAll<HTMLElement>(
        `${selector} .ag-grid-viewport, ${selector} .ag-body-viewport, ${selector} .ag-body-vertical-scroll-viewport`,
      ))
        e.scrollTop = 0;
    }, grid);

  // Scroll: one page (about 30 rows) per frame, then a fast one (about 300 rows per frame).
  try {
    out.push(await measureScroll(page, 60, 900));
    out.push(await measureScroll(page, 30, 9_000));
  } catch (error) {
    out.push({ name: 'scroll', ms: null, longTasks: 0, longestTaskMs: 0, note: String(error) });
  }
  await scrollTop();

  // The grid's aria-rowcount when it shows every row: the rows and the header row.
  const allRows = rows + 1;

  // Column filter: AG Grid's text filter on State (the header's filter menu), "contains TEXAS".
  // Its time includes AG Grid's 500 ms filter debounce; the search's includes Quarry's 300 ms.
  {
    const header = page.locator(`${grid} .ag-header-cell[col-id="State"]`);
    await header.hover().catch(() => undefined);
    const filterButton = header.locator(
      '.ag-header-cell-filter-button, .ag-header-cell-menu-button',
    );
    const input = page.locator('.ag-filter input[type="text"], .ag-filter-body input').first();
    let opened = false;
    try {
      await filterButton.first().click({ timeout: 5_000 });
      await input.waitFor({ timeout: 5_000 });
      opened = true;
    } catch {
      // reported below
    }
    if (opened) {
      out.push(
        await timed(
          page,
          'column filter State contains TEXAS',
          () => input.fill('TEXAS'),
          gridShows(page, { not: allRows }),
        ),
      );
      out.push(
        await timed(page, 'column filter cleared', () => input.fill(''), gridShows(page, allRows)),
      );
      await page.keyboard.press('Escape');
      await page.mouse.click(5, 5).catch(() => undefined);
    } else {
      out.push({
        name: 'column filter State',
        ms: null,
        longTasks: 0,
        longestTaskMs: 0,
        note: 'could not open the filter menu',
      });
    }
  }

  // Result search (the search box; the worker scans every row's text).
  {
    const box = page.getByRole('searchbox', { name: 'Search results' });
    out.push(
      await timed(
        page,
        'search "TEXAS"',
        () => box.fill('TEXAS'),
        gridShows(page, { not: allRows }),
      ),
    );
    out.push(await timed(page, 'search cleared', () => box.fill(''), gridShows(page, allRows)));
  }

  // Block select and copy, with the keyboard as users do: from the first cell, Shift+ArrowRight
  // to 5 columns and Shift+ArrowDown to 200 rows (each press a focus move), Ctrl+C; then from
  // the first cell a big block, Shift+End (AG Grid's End: the last row's last cell; every row ×
  // every column, read up to the copy limit), Ctrl+C. Home (AG Grid: the first row's first cell)
  // starts each block afresh.
  {
    const first = page.locator(`${grid} [role="row"][aria-rowindex="2"] [role="gridcell"]`).first();
    const notice = page.locator('[role="tabpanel"]:not([hidden]) .result-tables__notice');
    const selectedNotice = (shape: RegExp) => () =>
      notice
        .filter({ hasText: shape })
        .filter({ hasText: /· Count/ })
        .waitFor({ timeout: 120_000 });
    // Home moves the focus without Shift: the block becomes one cell and its notice goes.
    const collapseSelection = async () => {
      await page.keyboard.press('Home');
      await notice
        .filter({ hasText: /cells selected/ })
        .waitFor({ state: 'hidden', timeout: 30_000 });
    };
    const copy = async (name: string) => {
      out.push(
        await timed(
          page,
          name,
          () => page.keyboard.press('Control+C'),
          () => notice.filter({ hasText: /^Copied/ }).waitFor({ timeout: 120_000 }),
        ),
      );
      // What was copied ("Copied 200 rows × 5 columns."), for the table's notes.
      const copied = out.at(-1);
      if (copied && copied.ms !== null) copied.note = (await notice.textContent()) ?? undefined;
      // The copy's notice shows for a few seconds, over the selection's: let it go first.
      await notice
        .filter({ hasText: /^Copied/ })
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => undefined);
    };
    const noteSelection = async () => {
      const selected = out.at(-1);
      if (selected && selected.ms !== null)
        selected.note = (await notice.textContent()) ?? undefined;
    };
    let focused = true;
    await first.click({ timeout: 10_000 }).catch(() => (focused = false));
    out.push(
      await timed(
        page,
        'block select 200 rows × 5 columns (Shift+arrows)',
        async () => {
          if (!focused) throw new Error('could not focus the first cell');
          for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
          for (let i = 0; i < 199; i++) await page.keyboard.press('Shift+ArrowDown');
        },
        // Any rows × 5: on a busy machine a key press can be lost; the note says what was selected.
        selectedNotice(/^[\d,]+ × 5 cells selected/),
      ),
    );
    await noteSelection();
    await copy('block copy 200 × 5 (Ctrl+C)');
    await collapseSelection();
    out.push(
      await timed(
        page,
        'block select to the end (Shift+End)',
        async () => {
          if (!focused) throw new Error('could not focus the first cell');
          await page.keyboard.press('Shift+End');
        },
        // Not the 5-column block's notice, which may still show.
        selectedNotice(/^[\d,]+ × (?!5 )[\d,]+ cells selected/),
      ),
    );
    await noteSelection();
    await copy('block copy to the end (Ctrl+C)');
    await collapseSelection();
  }

  // Exports: CSV always; Excel only for the smallest size (exceljs keeps the workbook in memory).
  {
    const exportWith = (label: string) => {
      let download: Promise<unknown> = Promise.resolve();
      return timed(
        page,
        `export ${label.replace('Export ', '')}`,
        async () => {
          download = page.waitForEvent('download', { timeout: 300_000 });
          await page.getByRole('button', { name: label, exact: true }).click();
        },
        async () => {
          await download;
        },
      );
    };
    out.push(await exportWith('Export CSV'));
    if (rows <= 100_000) out.push(await exportWith('Export Excel'));
  }

  // Group by State (the worker groups; the grid shows one row per state).
  {
    const bar = page.getByRole('group', { name: 'Group and pivot' });
    out.push(
      await timed(
        page,
        'group by State',
        async () => {
          await bar.getByLabel('Add a group column').selectOption('State');
        },
        () =>
          page
            .getByRole('grid')
            .getByRole('button', { name: /^Expand State / })
            .first()
            .waitFor({ timeout: 120_000 }),
      ),
    );
    // And back: the plain grid (kept while grouped) shows every row again.
    out.push(
      await timed(
        page,
        'ungroup',
        () => page.getByRole('button', { name: 'Stop grouping by State' }).click(),
        gridShows(page, allRows),
      ),
    );
  }

  // The chart's query put into the editor (a paste of its lines): its own row, so the time
  // chart's row below measures from Run. Until 2026-12-07 the two were one row.
  const lines = chartQuery.split('\n').length;
  out.push(
    await timed(
      page,
      `paste the chart's query (${lines} lines) into the editor`,
      () => setQuery(chartQuery),
      () =>
        page
          .locator('[role="tabpanel"]:not([hidden]) .monaco-editor .view-lines')
          .filter({ hasText: 'render timechart' })
          .waitFor(),
    ),
  );

  // A time chart over the same rows: from Run to the chart drawn (the query, then the series
  // built and drawn).
  {
    const chart = page.locator('[role="tabpanel"]:not([hidden]) .result-chart__canvas');
    out.push(
      await timed(
        page,
        'time chart (count by day and State): Run to chart drawn',
        () => page.keyboard.press('Shift+Enter'),
        () => chart.and(page.locator('[data-chart-state="ready"]')).waitFor({ timeout: 600_000 }),
      ),
    );
  }
  return out;
}
