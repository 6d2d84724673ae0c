import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildChartData } from '../../lib/chart-data/build-chart-data';
import { vis } from '../../lib/chart-data/test-support/chart-builders';
import { ZOOM_SETTLE_MS, drawOnChart, type DrawReport } from './chart-driver';
import { defaultChartPalette } from './chart-palette';
import type { ECharts } from './echarts-setup';
import { serverSideChart } from './test-support/server-side-chart';

const size = { width: 600, height: 300 };
const hour = 3_600_000;
const t0 = Date.UTC(2007, 0, 1);
// Hourly counts over 2007: more points than the plot has pixel columns, so the first draw is
// decimated and a zoomed window has room for more of them.
const visualization = vis({ visualization: 'timechart' });
const shaped = buildChartData(
  [
    { name: 'StartTime', type: 'datetime' },
    { name: 'count_', type: 'long' },
  ],
  Array.from({ length: 365 * 24 }, (_, i) => [t0 + i * hour, (i * 7919) % 97]),
  visualization,
);
if ('problem' in shaped) throw new Error(shaped.problem);
const data = shaped;

let chart: ECharts | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  chart?.dispose();
  vi.useRealTimers();
});

function recorder() {
  const seen = { summary: [] as string[], detail: [] as string[], failed: [] as string[] };
  // ECharts' `finished` needs its animation loop, which server-side rendering has not: the e2e
  // tests wait for it on every chart, as data-chart-state="ready".
  const report: DrawReport = {
    finished: () => {},
    summary: (json) => seen.summary.push(json),
    detail: (json) => seen.detail.push(json),
    failed: (message) => seen.failed.push(message),
  };
  return { seen, report };
}

describe('drawOnChart', () => {
  it('draws, summarises what it drew, and after a zoom pause draws the window in more detail', async () => {
    chart = serverSideChart(size.width, size.height);
    const { seen, report } = recorder();
    drawOnChart(
      chart,
      { data, visualization, palette: defaultChartPalette('light'), size },
      report,
      () => size,
    );
    await vi.advanceTimersByTimeAsync(50);
    const summary = JSON.parse(seen.summary[0]!) as { series: { points: number }[] };
    const fullPoints = summary.series[0]!.points;
    // Decimated: fewer points than hours.
    expect(fullPoints).toBeLessThan(365 * 24);
    expect(seen.detail).toEqual([]);

    // A tenth of the year, as the inside zoom would set it.
    chart.dispatchAction({ type: 'dataZoom', start: 40, end: 50 });
    await vi.advanceTimersByTimeAsync(ZOOM_SETTLE_MS + 50);
    expect(seen.detail).toHaveLength(1);
    const detail = JSON.parse(seen.detail[0]!) as { from: number; to: number; points: number };
    expect(detail.to - detail.from).toBeLessThan(40 * 86_400_000);
    // More points per day in the window than the whole year had.
    const days = (detail.to - detail.from) / 86_400_000;
    expect(detail.points / days).toBeGreaterThan(fullPoints / 365);
    expect(seen.failed).toEqual([]);
  });

  it('a new drawing stops the last one listening: its zoom reports nothing more', async () => {
    chart = serverSideChart(size.width, size.height);
    const first = recorder();
    const stop = drawOnChart(
      chart,
      { data, visualization, palette: defaultChartPalette('light'), size },
      first.report,
      () => size,
    );
    stop();
    const second = recorder();
    drawOnChart(
      chart,
      { data, visualization, palette: defaultChartPalette('dark'), size },
      second.report,
      () => size,
    );
    chart.dispatchAction({ type: 'dataZoom', start: 40, end: 50 });
    await vi.advanceTimersByTimeAsync(ZOOM_SETTLE_MS + 50);
    expect(first.seen.detail).toEqual([]);
    expect(second.seen.detail).toHaveLength(1);
  });
});
