/**
 * The time chart of bench/grid-operations.ts (count by day and State: 50 series × 365 days)
 * drawn by the console's own code, for bench/chart-draw-check.ts: how long ECharts takes and
 * the main-thread tasks over 50 ms while it draws.
 */
import { buildChartData } from '../../src/lib/chart-data/build-chart-data';
import { buildEChartsOption } from '../../src/features/charts/build-echarts-option';
import { defaultChartPalette } from '../../src/features/charts/chart-palette';
import { createChart, keepSeriesDataAsIs } from '../../src/features/charts/echarts-setup';
import { init, use as registerEChartsParts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { NO_RENDER_PROPERTIES } from '../../src/lib/result-model/result-types';

// For --v=svg (the console itself registers only the canvas renderer).
registerEChartsParts([SVGRenderer]);

const long: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) long.push([e.startTime, e.duration]);
}).observe({ type: 'longtask', buffered: true });

const DAY = 86_400_000;
const start = Date.UTC(2007, 0, 1);
const rows: unknown[][] = [];
for (let s = 0; s < 50; s++)
  for (let d = 0; d < 365; d++)
    rows.push([start + d * DAY, `STATE ${String(s).padStart(2, '0')}`, (s * 37 + d * 11) % 97]);
const visualization = { ...NO_RENDER_PROPERTIES, visualization: 'timechart' };

/**
 * Experiments on the option (none changes what the console draws): ?v= any of lazy (setOption's
 * lazyUpdate), plain (a plain legend), nolegend, notooltip, nozoom, lttb (sampling), dirty
 * (useDirtyRect), nobounds (fixed grid margins), noshadow (no data shadow in the zoom slider), warm (a small chart
 * drawn first), staged<N> (N series per task), clone (series data not marked to be kept as it is, so ECharts clones it, as before 2026-12-07), svg (the SVG renderer).
 */
const variants = new Set((new URLSearchParams(location.search).get('v') ?? '').split(','));

/** A small chart drawn and disposed first: ECharts' one-time costs (fonts, code) paid before. */
function warmUp() {
  const div = document.createElement('div');
  div.style.cssText = 'position:absolute;left:-10000px;width:300px;height:150px';
  document.body.append(div);
  const warm = createChart(div);
  const tiny = buildChartData(
    [
      { name: 'StartTime', type: 'datetime' },
      { name: 'State', type: 'string' },
      { name: 'count_', type: 'long' },
    ],
    [
      [start, 'A', 1],
      [start + DAY, 'B', 2],
    ],
    visualization,
  );
  if ('problem' in tiny) throw new Error(tiny.problem);
  warm.setOption(
    buildEChartsOption({
      data: tiny,
      visualization,
      palette: defaultChartPalette('light'),
      size: { width: 300, height: 150 },
    }),
  );
  warm.dispose();
  div.remove();
}

async function draw(): Promise<Record<string, number>> {
  if (variants.has('warm')) warmUp();
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  const data = buildChartData(
    [
      { name: 'StartTime', type: 'datetime' },
      { name: 'State', type: 'string' },
      { name: 'count_', type: 'long' },
    ],
    rows,
    visualization,
  );
  const t1 = performance.now();
  if ('problem' in data) throw new Error(data.problem);
  const plot = document.getElementById('plot')!;
  const chart = variants.has('dirty')
    ? init(plot, undefined, { renderer: 'canvas', useDirtyRect: true })
    : variants.has('svg')
      ? init(plot, undefined, { renderer: 'svg' })
      : createChart(plot);
  const option = buildEChartsOption({
    data,
    visualization,
    palette: defaultChartPalette('light'),
    size: { width: plot.clientWidth, height: plot.clientHeight },
  });
  const o = option as Record<string, unknown> & { legend?: Record<string, unknown> };
  if (variants.has('plain') && o.legend) o.legend = { ...o.legend, type: 'plain' };
  if (variants.has('nolegend')) o.legend = undefined;
  if (variants.has('notooltip')) o.tooltip = undefined;
  if (variants.has('nozoom')) o.dataZoom = undefined;
  // Grid margins fixed instead of ECharts 6's measured outer bounds (the axis labels' layout).
  if (variants.has('nobounds'))
    o.grid = (o.grid as Record<string, unknown>[]).map((g) => ({
      ...g,
      left: 56,
      outerBoundsMode: 'none',
    }));
  if (variants.has('noshadow'))
    o.dataZoom = (o.dataZoom as Record<string, unknown>[]).map((z) =>
      z.type === 'slider' ? { ...z, showDataShadow: false } : z,
    );
  if (variants.has('lttb'))
    for (const series of o.series as Record<string, unknown>[]) series.sampling = 'lttb';
  // As the console does (result-chart.tsx); `clone` measures ECharts cloning the data instead.
  if (!variants.has('clone')) keepSeriesDataAsIs(o);
  const t2 = performance.now();
  const staged = [...variants].find((v) => v.startsWith('staged'));
  let t3: number;
  if (staged) {
    // The first N series with the axes, then N more per task.
    const step = Number(staged.slice('staged'.length)) || 10;
    const all = o.series as { id?: string }[];
    all.forEach((series, i) => (series.id = `s${i}`));
    chart.setOption({ ...o, series: all.slice(0, step) }, { notMerge: true });
    t3 = performance.now();
    for (let from = step; from < all.length; from += step) {
      await new Promise((r) => setTimeout(r, 0));
      chart.setOption({ series: all.slice(from, from + step) });
    }
    await new Promise((r) => requestAnimationFrame(r));
  } else {
    const finished = new Promise<void>((r) => chart.on('finished', () => r()));
    chart.setOption(option, { notMerge: true, lazyUpdate: variants.has('lazy') });
    t3 = performance.now();
    await finished;
  }
  const t4 = performance.now();
  await new Promise((r) => setTimeout(r, 200));
  // Every task that overlaps the drawing: the one that runs it began before t0 (the timer's).
  const inside = long.filter(([s, d]) => s + d >= t0 && s <= t4);
  return {
    buildChartData: t1 - t0,
    initAndOption: t2 - t1,
    setOptionCall: t3 - t2,
    setOptionToFinished: t4 - t2,
    longTasks: inside.length,
    longestTask: inside.reduce((m, [, d]) => Math.max(m, d), 0),
  };
}

(window as unknown as { drawChart: typeof draw }).drawChart = draw;
