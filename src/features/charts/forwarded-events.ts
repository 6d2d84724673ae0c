/** Pointer and wheel events the page forwards to a chart drawn in a worker. */
import type { ForwardedEvent } from './chart-worker-protocol';
import type { ECharts } from './echarts-setup';

/**
 * Stands in for zrender's DOM event proxy, which a worker does not get: zrender's handler
 * subscribes to it with `on` and sets the cursor through it.
 */
export class ForwardedEvents {
  handler: unknown = null;
  private readonly listeners = new Map<string, (event: unknown) => void>();
  constructor(private readonly onCursor: (cursor: string) => void) {}
  /** Becomes the event source of the chart's zrender handler. */
  attach(chart: ECharts): void {
    // The parameter is zrender's internal HandlerProxyInterface (an Eventful); this has the
    // part of it the handler uses.
    const handler = chart.getZr().handler;
    handler.setHandlerProxy(this as unknown as Parameters<typeof handler.setHandlerProxy>[0]);
  }
  /** zrender's handler subscribes its own methods, to be called with itself as `this`. */
  on(name: string, listener: (event: unknown) => void, context: unknown): void {
    this.listeners.set(name, listener.bind(context));
  }
  setCursor(cursor?: string): void {
    this.onCursor(cursor || 'default');
  }
  dispose(): void {
    this.listeners.clear();
  }
  dispatch(event: ForwardedEvent): void {
    // The fields zrender's normalizeEvent would have added to a DOM event, and the methods the
    // handlers call on it.
    const zrEvent = {
      type: event.name,
      zrX: event.x,
      zrY: event.y,
      offsetX: event.x,
      offsetY: event.y,
      zrDelta: event.delta,
      which: event.which,
      ctrlKey: event.ctrlKey,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      preventDefault() {},
      stopPropagation() {},
    };
    this.listeners.get(event.name)?.(zrEvent);
  }
}
