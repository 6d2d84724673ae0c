import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ForwardedEvent } from './chart-worker-protocol';
import type { ECharts } from './echarts-setup';
import { ForwardedEvents } from './forwarded-events';
import { serverSideChart } from './test-support/server-side-chart';

const at = (
  name: ForwardedEvent['name'],
  x: number,
  y: number,
  more: Partial<ForwardedEvent> = {},
) =>
  ({
    name,
    x,
    y,
    delta: 0,
    which: 0,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    ...more,
  }) satisfies ForwardedEvent;

let chart: ECharts | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  chart?.dispose();
  vi.useRealTimers();
});
/** Past ECharts' throttled zoom dispatch (its timers never all run out: zrender keeps a loop). */
const settle = () => vi.advanceTimersByTimeAsync(500);

function drawnChart(): ECharts {
  chart = serverSideChart(400, 300);
  chart.setOption({
    animation: false,
    grid: { left: 40, right: 10, top: 10, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'value' },
    dataZoom: [{ type: 'inside', filterMode: 'none', zoomOnMouseWheel: 'ctrl' }],
    series: [{ type: 'line', data: Array.from({ length: 101 }, (_, x) => [x, x % 7]) }],
  });
  return chart;
}

const zoomEnd = (c: ECharts) =>
  (c.getOption() as { dataZoom: { start: number; end: number }[] }).dataZoom[0]!;

describe('ForwardedEvents', () => {
  it("drives ECharts' own wheel zoom: Ctrl+wheel narrows the window, a plain wheel leaves it", async () => {
    const c = drawnChart();
    const events = new ForwardedEvents(() => {});
    events.attach(c);
    events.dispatch(at('mousewheel', 200, 150, { delta: 3 }));
    await settle();
    expect(zoomEnd(c)).toMatchObject({ start: 0, end: 100 });
    events.dispatch(at('mousewheel', 200, 150, { delta: 3, ctrlKey: true }));
    await settle();
    const { start, end } = zoomEnd(c);
    expect(end - start).toBeLessThan(100);
    expect(end - start).toBeGreaterThan(0);
  });

  it('reports the cursor zrender asks for', () => {
    const c = drawnChart();
    const cursors: string[] = [];
    const events = new ForwardedEvents((cursor) => cursors.push(cursor));
    events.attach(c);
    // Over the plot, where the inside zoom lets the user drag.
    events.dispatch(at('mousemove', 200, 150));
    expect(cursors.at(-1)).toBe('grab');
  });

  it('stops delivering once zrender lets go of it', async () => {
    const c = drawnChart();
    const events = new ForwardedEvents(() => {});
    events.attach(c);
    events.dispose();
    events.dispatch(at('mousewheel', 200, 150, { delta: 3, ctrlKey: true }));
    await settle();
    expect(zoomEnd(c)).toMatchObject({ start: 0, end: 100 });
  });
});
