/** Messages between the page and the chart worker (`chart.worker.ts`). */
import type { PlotSize } from './build-echarts-option';
import type { DrawInput } from './chart-driver';

/** The zrender handler events a page forwards (zrender's own names for them). */
export type ForwardedEventName =
  | 'mousemove'
  | 'mousedown'
  | 'mouseup'
  | 'mouseout'
  | 'click'
  | 'dblclick'
  | 'mousewheel'
  | 'contextmenu';

/** A pointer or wheel event on the chart's canvas, in CSS pixels from its top left. */
export interface ForwardedEvent {
  name: ForwardedEventName;
  x: number;
  y: number;
  /** Wheel steps as zrender counts them (positive away from the user); 0 otherwise. */
  delta: number;
  /** 1 left, 2 middle, 3 right (`which`); 0 none. */
  which: number;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** Every message names the chart it is about: one worker draws every chart on the page. */
export type ToChartWorker =
  | {
      kind: 'start';
      chartId: number;
      canvas: OffscreenCanvas;
      size: PlotSize;
      devicePixelRatio: number;
    }
  | { kind: 'draw'; chartId: number; drawId: number; input: DrawInput }
  | { kind: 'resize'; chartId: number; size: PlotSize }
  | { kind: 'event'; chartId: number; event: ForwardedEvent }
  | { kind: 'end'; chartId: number };

export type FromChartWorker =
  | { kind: 'finished'; chartId: number; drawId: number }
  | { kind: 'summary'; chartId: number; drawId: number; json: string }
  | { kind: 'detail'; chartId: number; drawId: number; json: string }
  | { kind: 'cursor'; chartId: number; cursor: string }
  | { kind: 'failed'; chartId: number; message: string };
