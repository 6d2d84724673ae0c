/**
 * Where a chart is drawn: in the chart worker on an OffscreenCanvas where the browser has one
 * (so ECharts' layout and paint stay off the page's thread), otherwise by ECharts on the page.
 */
import type { PlotSize } from './build-echarts-option';
import type { DrawInput, DrawReport } from './chart-driver';
import type {
  ForwardedEvent,
  ForwardedEventName,
  FromChartWorker,
  ToChartWorker,
} from './chart-worker-protocol';

export interface ChartSurface {
  /** Draws `input` in place of the last drawing; only this drawing reports to `report`. */
  draw(input: DrawInput, report: DrawReport): void;
  /** The plot now has this size (CSS pixels). */
  resize(size: PlotSize): void;
  dispose(): void;
}

export function canDrawOffscreen(): boolean {
  return (
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    'transferControlToOffscreen' in HTMLCanvasElement.prototype
  );
}

/**
 * The worker's surface where it can be had; otherwise ECharts is loaded onto the page (a chunk
 * of its own, so browsers with OffscreenCanvas never download ECharts twice).
 */
export async function createChartSurface(plot: HTMLElement): Promise<ChartSurface> {
  if (canDrawOffscreen()) return workerChartSurface(plot);
  const { pageChartSurface } = await import('./page-chart-surface');
  return pageChartSurface(plot);
}

/** zrender's wheel steps (its normalizeEvent): the legacy `wheelDelta` in 120ths where the
 * browser has it, else its polyfill from `deltaX`/`deltaY`. */
function wheelSteps(event: WheelEvent): number {
  const legacy = (event as WheelEvent & { wheelDelta?: number }).wheelDelta;
  if (legacy) return legacy / 120;
  const { deltaX, deltaY } = event;
  const delta = deltaY !== 0 ? Math.abs(deltaY) : Math.abs(deltaX);
  const sign = deltaY > 0 ? -1 : deltaY < 0 ? 1 : deltaX > 0 ? -1 : 1;
  return (3 * delta * sign) / 120;
}

type ChartListener = (message: FromChartWorker) => void;

/** The one chart worker every chart on the page shares: ECharts is loaded and compiled once. */
interface SharedChartWorker {
  send(message: ToChartWorker, transfer?: Transferable[]): void;
  listen(chartId: number, listener: ChartListener): void;
  forget(chartId: number): void;
}
let shared: SharedChartWorker | null = null;
let lastChartId = 0;

function sharedChartWorker(): SharedChartWorker {
  if (shared) return shared;
  const worker = new Worker(new URL('./chart.worker.ts', import.meta.url), {
    type: 'module',
    name: 'quarry-chart',
  });
  const listeners = new Map<number, ChartListener>();
  worker.onmessage = ({ data }: MessageEvent<FromChartWorker>) =>
    listeners.get(data.chartId)?.(data);
  const created: SharedChartWorker = {
    send: (message, transfer = []) => worker.postMessage(message, transfer),
    listen: (chartId, listener) => void listeners.set(chartId, listener),
    forget: (chartId) => void listeners.delete(chartId),
  };
  // A worker that cannot load (a policy blocking it, a network error) or that threw outside a
  // message fails every chart it holds; the next chart tries a new one.
  worker.onerror = (event) => {
    const message = event.message || 'the chart worker could not start';
    for (const [chartId, listener] of listeners) listener({ kind: 'failed', chartId, message });
    listeners.clear();
    worker.terminate();
    if (shared === created) shared = null;
  };
  shared = created;
  return created;
}

/** ECharts in the shared chart worker, drawing on a canvas the page hands it. */
export function workerChartSurface(plot: HTMLElement): ChartSurface {
  // Made here, not rendered by React: a canvas can hand its control over only once, and React's
  // development double mount would reuse one.
  const canvas = document.createElement('canvas');
  canvas.className = 'result-chart__offscreen';
  plot.append(canvas);
  const offscreen = canvas.transferControlToOffscreen();
  const worker = sharedChartWorker();
  const chartId = ++lastChartId;
  let size: PlotSize = { width: plot.clientWidth, height: plot.clientHeight };

  let drawId = 0;
  let report: DrawReport | null = null;
  // Kept, as a worker that cannot load fails before the first drawing is asked for.
  let failure: string | null = null;
  worker.listen(chartId, (data) => {
    if (data.kind === 'cursor') {
      canvas.style.cursor = data.cursor;
      return;
    }
    if (data.kind === 'failed') {
      // Leaves a trace for a bug report; the page says it where the chart would be.
      console.error(`Quarry's chart worker failed: ${data.message}`);
      failure = data.message;
      report?.failed(data.message);
      return;
    }
    if (data.drawId !== drawId || !report) return;
    if (data.kind === 'finished') report.finished();
    else if (data.kind === 'summary') report.summary(data.json);
    else report.detail(data.json);
  });
  worker.send({ kind: 'start', chartId, canvas: offscreen, size, devicePixelRatio }, [offscreen]);
  const send = (message: ToChartWorker) => {
    if (failure === null) worker.send(message);
  };

  const forward = (name: ForwardedEventName, event: MouseEvent, delta = 0) => {
    const forwarded: ForwardedEvent = {
      name,
      x: event.offsetX,
      y: event.offsetY,
      delta,
      which: event.button === 0 ? 1 : event.button === 1 ? 2 : event.button === 2 ? 3 : 0,
      ctrlKey: event.ctrlKey,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
    };
    send({ kind: 'event', chartId, event: forwarded });
  };
  const listeners: [string, (event: never) => void, AddEventListenerOptions?][] = [
    [
      'pointerdown',
      (event: PointerEvent) => {
        // A drag (panning, the zoom slider's handles) keeps reporting outside the canvas.
        canvas.setPointerCapture(event.pointerId);
        forward('mousedown', event);
      },
    ],
    ['pointermove', (event: PointerEvent) => forward('mousemove', event)],
    ['pointerup', (event: PointerEvent) => forward('mouseup', event)],
    ['pointerleave', (event: PointerEvent) => forward('mouseout', event)],
    ['click', (event: MouseEvent) => forward('click', event)],
    ['dblclick', (event: MouseEvent) => forward('dblclick', event)],
    ['contextmenu', (event: MouseEvent) => forward('contextmenu', event)],
    [
      'wheel',
      (event: WheelEvent) => {
        // Ctrl+wheel zooms the chart (and must not zoom the page); a plain wheel scrolls the page.
        if (event.ctrlKey) event.preventDefault();
        forward('mousewheel', event, wheelSteps(event));
      },
      { passive: false },
    ],
  ];
  for (const [type, listener, options] of listeners)
    canvas.addEventListener(type, listener as EventListener, options);

  return {
    draw(input, nextReport) {
      drawId += 1;
      report = nextReport;
      if (failure !== null) return report.failed(failure);
      send({ kind: 'draw', chartId, drawId, input });
    },
    resize(next) {
      if (next.width === size.width && next.height === size.height) return;
      size = next;
      send({ kind: 'resize', chartId, size });
    },
    dispose() {
      report = null;
      // Even after a failure: the worker may still hold the chart.
      worker.send({ kind: 'end', chartId });
      worker.forget(chartId);
      canvas.remove();
    },
  };
}
