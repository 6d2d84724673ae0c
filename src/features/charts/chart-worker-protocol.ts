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

export type ToChartWorker =
  | { kind: 'start'; canvas: OffscreenCanvas; size: PlotSize; devicePixelRatio: number }
  | { kind: 'draw'; drawId: number; input: DrawInput }
  | { kind: 'resize'; size: PlotSize }
  | { kind: 'event'; event: ForwardedEvent };

export type FromChartWorker =
  | { kind: 'finished'; drawId: number }
  | { kind: 'summary'; drawId: number; json: string }
  | { kind: 'detail'; drawId: number; json: string }
  | { kind: 'cursor'; cursor: string }
  | { kind: 'failed'; message: string };
