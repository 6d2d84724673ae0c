/**
 * Draws a result's chart on an OffscreenCanvas the page handed over, so ECharts' layout and
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

let chart: ECharts | null = null;
let events: ForwardedEvents | null = null;
let size: PlotSize = { width: 0, height: 0 };
let stopDrawing: (() => void) | null = null;

function start(canvas: OffscreenCanvas, startSize: PlotSize, devicePixelRatio: number) {
  size = startSize;
  // ECharts accepts a canvas-like root and draws straight into it (zrender's single-canvas mode).
  chart = init(canvas as unknown as HTMLElement, undefined, {
    renderer: 'canvas',
    devicePixelRatio,
    width: size.width,
    height: size.height,
  });
  events = new ForwardedEvents((cursor) => post({ kind: 'cursor', cursor }));
  events.attach(chart);
}

onmessage = (message: MessageEvent<ToChartWorker>) => {
  const data = message.data;
  try {
    switch (data.kind) {
      case 'start':
        start(data.canvas, data.size, data.devicePixelRatio);
        break;
      case 'draw': {
        if (!chart) return;
        stopDrawing?.();
        const drawId = data.drawId;
        stopDrawing = drawOnChart(
          chart,
          data.input,
          {
            finished: () => post({ kind: 'finished', drawId }),
            summary: (json) => post({ kind: 'summary', drawId, json }),
            detail: (json) => post({ kind: 'detail', drawId, json }),
            failed: (message) => post({ kind: 'failed', message }),
          },
          // As the page measures its plot for a zoom (chart-surface.ts).
          () => ({ width: Math.max(200, size.width), height: size.height }),
        );
        break;
      }
      case 'resize':
        if (!chart) return;
        size = data.size;
        chart.resize({ width: size.width, height: size.height });
        break;
      case 'event':
        events?.dispatch(data.event);
        break;
    }
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
