/**
 * Draws the page's charts, each on an OffscreenCanvas the page handed over, so ECharts' layout and
 * painting (tens of milliseconds for a 50-series time chart) never block the page. The page
 * forwards pointer and wheel events; tooltips are drawn on the canvas (richText) and the cursor
 * is sent back.
 */
import { init, setPlatformAPI } from 'echarts/core';
import type { PlotSize } from './build-echarts-option';
import { drawOnChart } from './chart-driver';
import type { FromChartWorker, ToChartWorker } from './chart-worker-protocol';
import type { ECharts } from './echarts-setup';
import { ForwardedEvents } from './forwarded-events';

// ECharts' development build (which `npm start` serves) reads `global` where there is no
// `window`, as in a worker, and throws without it.
if (import.meta.env.DEV) (globalThis as { global?: unknown }).global ??= globalThis;

// zrender measures text and builds extra layers on canvases it makes itself: there is no
// `document` here.
setPlatformAPI({ createCanvas: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement });

const post = (message: FromChartWorker) => postMessage(message);

/** A chart this worker draws, one per chart on the page. */
interface DrawnChart {
  chart: ECharts;
  events: ForwardedEvents;
  size: PlotSize;
  stopDrawing: (() => void) | null;
}
const charts = new Map<number, DrawnChart>();

function start(chartId: number, canvas: OffscreenCanvas, size: PlotSize, devicePixelRatio: number) {
  // ECharts accepts a canvas-like root and draws straight into it (zrender's single-canvas mode).
  const chart = init(canvas as unknown as HTMLElement, undefined, {
    renderer: 'canvas',
    devicePixelRatio,
    width: size.width,
    height: size.height,
  });
  const events = new ForwardedEvents((cursor) => post({ kind: 'cursor', chartId, cursor }));
  events.attach(chart);
  charts.set(chartId, { chart, events, size, stopDrawing: null });
}

onmessage = (message: MessageEvent<ToChartWorker>) => {
  const data = message.data;
  const { chartId } = data;
  try {
    if (data.kind === 'start') return start(chartId, data.canvas, data.size, data.devicePixelRatio);
    const drawn = charts.get(chartId);
    if (!drawn) return;
    switch (data.kind) {
      case 'draw': {
        drawn.stopDrawing?.();
        const drawId = data.drawId;
        drawn.stopDrawing = drawOnChart(
          drawn.chart,
          data.input,
          {
            finished: () => post({ kind: 'finished', chartId, drawId }),
            summary: (json) => post({ kind: 'summary', chartId, drawId, json }),
            detail: (json) => post({ kind: 'detail', chartId, drawId, json }),
            failed: (message) => post({ kind: 'failed', chartId, message }),
          },
          () => drawn.size,
        );
        break;
      }
      case 'resize':
        drawn.size = data.size;
        drawn.chart.resize({ width: data.size.width, height: data.size.height });
        break;
      case 'event':
        drawn.events.dispatch(data.event);
        break;
      case 'end':
        drawn.stopDrawing?.();
        drawn.chart.dispose();
        charts.delete(chartId);
        break;
    }
  } catch (error) {
    post({
      kind: 'failed',
      chartId,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
