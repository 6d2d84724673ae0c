import { expect, test, type Locator, type Page } from './support/test';
import { consolePage } from './support/console.ts';
import { identityProvider } from './support/identity-provider-admin.ts';
import { kustoStandIn } from './support/kusto-standin-admin.ts';
import { signIn } from './support/sign-in.ts';

/**
 * The render kinds added for issue 14 (anomalychart, ladderchart, ysplit) and the chart builder,
 * drawn against the Kusto stand-in. Each chart exposes what it drew as `data-chart-summary`
 * (series types, names and point counts, grids, y-axes, category labels); a screenshot of the
 * canvas checks that pixels were painted.
 */

test.beforeEach(async () => {
  await identityProvider.reset();
  await kustoStandIn.reset();
});

interface ChartSummary {
  grids: number;
  yAxes: number;
  categories: string[];
  categoryCount: number;
  series: { type: string; name: string; points: number; yAxisIndex: number; gridOf: number }[];
}

async function drawnChart(page: Page): Promise<{ canvas: Locator; summary: ChartSummary }> {
  const canvas = page.locator('.result-chart__canvas');
  await expect(canvas).toHaveAttribute('data-chart-state', 'ready', { timeout: 30_000 });
  const summary = JSON.parse(
    (await canvas.getAttribute('data-chart-summary')) ?? '{}',
  ) as ChartSummary;
  return { canvas, summary };
}

/** The canvas holds more than one colour: something was painted, not a blank box. */
async function expectPainted(canvas: Locator, name: string) {
  const shot = await canvas.screenshot({ path: test.info().outputPath(`${name}.png`) });
  const colours = await canvas.evaluate((element) => {
    const source = element.querySelector('canvas');
    if (!source) return 0;
    const context = document.createElement('canvas').getContext('2d')!;
    context.canvas.width = source.width;
    context.canvas.height = source.height;
    context.drawImage(source, 0, 0);
    const pixels = context.getImageData(0, 0, source.width, source.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < pixels.length && seen.size < 50; i += 4 * 97) {
      seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
    }
    return seen.size;
  });
  expect(shot.byteLength).toBeGreaterThan(1000);
  expect(colours).toBeGreaterThan(5);
}

test('render anomalychart marks the anomalies series_decompose_anomalies finds', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  // The docs' example (visualization-anomalychart.md) on the StormEvents replica: its
  // demo_make_series2 table is not in the stand-in.
  await quarry.runQuery(
    [
      'let min_t = datetime(2007-01-01);',
      'let max_t = datetime(2007-04-01);',
      'let dt = 1d;',
      'StormEvents',
      '| make-series num=count() on StartTime from min_t to max_t step dt by State',
      "| where State == 'TEXAS'",
      "| extend (anomalies, score, baseline) = series_decompose_anomalies(num, 1.5, -1, 'linefit')",
      "| render anomalychart with(anomalycolumns=anomalies, title='Texas storms per day, anomalies')",
    ].join('\n'),
  );
  const { canvas, summary } = await drawnChart(page);
  await expect(canvas).toHaveAttribute(
    'aria-label',
    /^Texas storms per day, anomalies: Time chart of num, score and baseline by State, [1-9]\d* anomal(y|ies) marked$/,
  );
  const lines = summary.series.filter((s) => s.type === 'line');
  expect(lines.map((s) => s.name)).toEqual(['TEXAS (num)', 'TEXAS (score)', 'TEXAS (baseline)']);
  // 2007-01-01 to 2007-04-01 by day: 90 points per line.
  expect(lines[0]!.points).toBe(90);
  const marks = summary.series.filter((s) => s.type === 'scatter');
  expect(marks.map((s) => s.name)).toEqual(['TEXAS (anomalies)']);
  expect(marks[0]!.points).toBeGreaterThan(0);
  expect(marks[0]!.points).toBeLessThan(90);
  await expectPainted(canvas, 'anomalychart');
});

test('render ladderchart draws a rung per state from its first to its last storm', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery(
    'StormEvents | where EventType has "rain" | summarize min(StartTime), max(EndTime) by State | render ladderchart',
  );
  const { canvas, summary } = await drawnChart(page);
  await expect(canvas).toHaveAttribute(
    'aria-label',
    'Ladder chart of State from min_StartTime – max_EndTime',
  );
  expect(summary.series).toHaveLength(1);
  expect(summary.series[0]!.type).toBe('custom');
  // One rung per state; every state had rain at some point.
  expect(summary.series[0]!.points).toBe(summary.categoryCount);
  expect(summary.categoryCount).toBeGreaterThan(10);
  await expectPainted(canvas, 'ladderchart');

  // With series: one colour per event type, rows labelled by state and event type.
  await quarry.runQuery(
    'StormEvents | where State startswith "W" | summarize min(StartTime), max(EndTime) by State, EventType | render ladderchart with (series=State, EventType)',
  );
  const bySeries = await drawnChart(page);
  expect(bySeries.summary.series.length).toBeGreaterThan(1);
  expect(bySeries.summary.categories[0]).toMatch(/^W[A-Z ]+, .+/);
  await expectPainted(bySeries.canvas, 'ladderchart-series');
});

test('ysplit=panels draws a panel per y column; ysplit=axes an axis per series', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery(
    'StormEvents | summarize Storms = count(), Injuries = sum(InjuriesDirect), Deaths = sum(DeathsDirect) by bin(StartTime, 7d) | render timechart with (ysplit=panels, title="Weekly")',
  );
  const panels = await drawnChart(page);
  expect(panels.summary.grids).toBe(3);
  expect(panels.summary.series.map((s) => [s.name, s.gridOf, s.yAxisIndex])).toEqual([
    ['Storms', 0, 0],
    ['Injuries', 1, 1],
    ['Deaths', 2, 2],
  ]);
  await expectPainted(panels.canvas, 'ysplit-panels');

  await quarry.runQuery(
    'StormEvents | summarize Storms = count(), Injuries = sum(InjuriesDirect) by bin(StartTime, 7d) | render timechart with (ysplit=axes)',
  );
  const axes = await drawnChart(page);
  expect(axes.summary.grids).toBe(1);
  expect(axes.summary.yAxes).toBe(2);
  expect(axes.summary.series.map((s) => s.yAxisIndex)).toEqual([0, 1]);
  await expectPainted(axes.canvas, 'ysplit-axes');
});

test('the chart builder draws a result without render, and the tab remembers the pick', async ({
  page,
}) => {
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery('StormEvents | summarize count() by State | top 10 by count_');
  await expect(await quarry.cell(0, 'State')).toHaveText('TEXAS');

  await page
    .getByRole('group', { name: 'Show result as' })
    .getByRole('button', { name: 'Chart' })
    .click();
  const builder = page.getByRole('form', { name: 'Chart builder' });
  await builder.getByLabel('X column').selectOption('State');
  await builder
    .getByRole('group', { name: 'Y columns' })
    .getByRole('checkbox', { name: 'count_' })
    .check();
  await builder.getByLabel('Chart type').selectOption({ label: 'Column' });
  const { canvas, summary } = await drawnChart(page);
  await expect(canvas).toHaveAttribute('aria-label', 'Column chart of count_ by State');
  expect(summary.series).toEqual([
    { type: 'bar', name: 'count_', points: 10, yAxisIndex: 0, gridOf: 0 },
  ]);
  expect(summary.categories[0]).toBe('TEXAS');
  expect(summary.categoryCount).toBe(10);
  await expectPainted(canvas, 'builder-column');

  // A bar chart, stacked: it draws at once.
  await builder.getByLabel('Chart type').selectOption({ label: 'Bar' });
  await builder.getByLabel('Stacking').selectOption({ label: 'Stacked' });
  await expect(page.locator('.result-chart__canvas')).toHaveAttribute(
    'aria-label',
    'Stacked bar chart of count_ by State',
  );

  // Run again: the tab keeps the chart view and the pick.
  await quarry.runQuery('StormEvents | summarize count() by State | top 5 by count_');
  const again = await drawnChart(page);
  await expect(again.canvas).toHaveAttribute('aria-label', 'Stacked bar chart of count_ by State');
  expect(again.summary.categoryCount).toBe(5);
  await expect(builder.getByLabel('Chart type')).toHaveValue('barchart');
});

test('a time chart is drawn in the page font from its first frame', async ({ page }) => {
  await signIn(page);
  const quarry = consolePage(page);
  // The palette of every drawing the page asks of the chart worker (which draws on an
  // OffscreenCanvas, out of the page's reach). Drawn first with the fallback palette and again a
  // frame later with the page's, a chart showed its text in one font and then another (and cost
  // a second full ECharts update).
  await page.evaluate(() => {
    const fonts: string[] = ((window as unknown as { __canvasFonts: string[] }).__canvasFonts = []);
    const postMessage = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      const message = args[0] as { kind?: string; input?: { palette: { fontFamily: string } } };
      if (message?.kind === 'draw' && message.input) fonts.push(message.input.palette.fontFamily);
      return (postMessage as (...a: unknown[]) => void).apply(this, args);
    };
    // Frames come late, as on a busy machine: React's next render then runs before them.
    const nextFrame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) =>
      nextFrame(() => setTimeout(() => callback(performance.now()), 50));
  });
  await quarry.runQuery(
    'StormEvents\n| summarize count() by bin(StartTime, 1d), EventType\n| render timechart',
  );
  const { canvas, summary } = await drawnChart(page);
  expect(summary.series.length).toBeGreaterThan(10);
  await expectPainted(canvas, 'timechart-font');
  const pageFont = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--font-ui').trim(),
  );
  const fonts = await page.evaluate(
    () => (window as unknown as { __canvasFonts: string[] }).__canvasFonts,
  );
  // One drawing, in the page's font.
  expect(fonts).toEqual([pageFont]);
});

test('a chart whose worker cannot start says so, and the table still has the rows', async ({
  page,
}) => {
  // The chart worker's script refused, as a host's policy or a dropped connection would.
  await page.route(/chart\.worker-[\w-]+\.js/, (route) => route.abort('blockedbyclient'));
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery(
    'StormEvents\n| summarize count() by bin(StartTime, 7d)\n| render timechart',
  );
  await expect(
    page.getByRole('alert').filter({ hasText: 'The chart could not be drawn' }),
  ).toBeVisible();
  await expect(page.locator('.result-chart__canvas')).toHaveAttribute('data-chart-state', 'failed');
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  await expect(
    page.locator('[role="tabpanel"]:not([hidden]) [role="gridcell"]').first(),
  ).toBeVisible();
});
