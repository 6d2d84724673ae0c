/**
 * Each local service's own metrics, in Prometheus text format at `/metrics` (prom-client): requests,
 * latencies and errors by route and status. A Prometheus agent scrapes them and remote-writes them
 * into the workspace stand-in, so the local workspace holds live series about the local stack.
 * One registry per service: the services share a process, and each `/metrics` must show only its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  /** Counts the request when its response finishes, under `route` (a path pattern, not a path). */
  track(request: IncomingMessage, response: ServerResponse, route: string): void;
  /** Answers GET /metrics. */
  serve(response: ServerResponse): Promise<void>;
}

/** Latency buckets in seconds: the stand-ins answer in milliseconds, big queries in seconds. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * `service` becomes a label on every series (the scrape adds `job` and `instance` too).
 * `withProcessMetrics` adds prom-client's process metrics (CPU, memory, event loop lag); only one
 * service per process should, since they describe the whole process.
 */
export function createHttpMetrics(service: string, withProcessMetrics = false): HttpMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (withProcessMetrics) collectDefaultMetrics({ register: registry });
  const labelNames = ['route', 'method', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route, method and status.',
    labelNames,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_request_errors_total',
    help: 'HTTP requests answered with a 4xx or 5xx status, or cut before an answer.',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request arriving to the response finishing, by route, method and status.',
    labelNames,
    buckets: latencyBuckets,
    registers: [registry],
  });
  return {
    track(request, response, route) {
      const stop = latency.startTimer();
      let counted = false;
      const count = (cut: boolean): void => {
        if (counted) return;
        counted = true;
        const labels = {
          route,
          method: request.method ?? 'GET',
          status: cut ? 'cut' : String(response.statusCode),
        };
        requests.inc(labels);
        if (cut || response.statusCode >= 400) errors.inc(labels);
        stop(labels);
      };
      response.once('finish', () => count(false));
      response.once('close', () => count(!response.writableFinished));
    },
    async serve(response) {
      const body = await registry.metrics();
      response.writeHead(200, {
        'Content-Type': registry.contentType,
        'Cache-Control': 'no-store',
      });
      response.end(body);
    },
  };
}

/** A route label from a path: GUIDs and long ids become `{id}`, so series stay few. */
export function routePattern(
  pathname: string,
  names: Readonly<Record<number, string>> = {},
): string {
  const segments = pathname.split('/').filter((segment) => segment.length > 0);
  return (
    '/' +
    segments
      .map((segment, index) => {
        const name = names[index];
        if (name !== undefined) return `{${name}}`;
        if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) {
          return '{id}';
        }
        return segment.length > 40 ? '{id}' : segment;
      })
      .join('/')
  );
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Wraps a server's request handler: GET /metrics answers the metrics, every other request is
 * counted under `routeOf(pathname)` and handed on unchanged.
 */
export function withHttpMetrics(
  metrics: HttpMetrics,
  routeOf: (pathname: string) => string,
  handle: Handler,
): Handler {
  return (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/metrics' && request.method === 'GET') {
      metrics.track(request, response, '/metrics');
      metrics.serve(response).catch(() => response.destroy());
      return;
    }
    metrics.track(request, response, routeOf(pathname));
    handle(request, response);
  };
}
