/**
 * A few hours of made-up history for the local workspace, as OpenMetrics text for
 * `promtool tsdb create-blocks-from openmetrics`: the same series the agent scrapes live
 * (`up`, `http_requests_total`, `http_request_errors_total`, `http_request_duration_seconds_{sum,count}`
 * with job, instance, service, route, method, status), so a range query over the last hours shows
 * the history running into the live data. Deterministic for a given end time.
 */
import { SeededRandom } from '../data/seeded-random.ts';

export interface ScrapedService {
  /** The scrape job (and the `service` label prom-client adds). */
  job: string;
  /** `host:port`, as the scrape's `instance` label. */
  instance: string;
  /** Routes with their typical traffic (requests per second) and share of errors. */
  routes: readonly { route: string; method: string; perSecond: number; errorShare: number }[];
}

export interface HistoryOptions {
  services: readonly ScrapedService[];
  /** Last sample time (ms since epoch); default a minute ago, before live data starts. */
  endMs?: number;
  /** How far back; default 3 hours. */
  hours?: number;
  /** Sample spacing; default 15 s (the agent scrapes every 5 s). */
  stepSeconds?: number;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

export function historyOpenMetrics(options: HistoryOptions): string {
  const endMs = options.endMs ?? Date.now() - 60_000;
  const step = options.stepSeconds ?? 15;
  const count = Math.floor(((options.hours ?? 3) * 3600) / step);
  const endSeconds = Math.floor(endMs / 1000);
  const times = Array.from({ length: count }, (_, i) => endSeconds - (count - 1 - i) * step);
  const random = new SeededRandom(endSeconds);

  const families: Record<string, string[]> = {
    up: [],
    http_requests: [],
    http_request_errors: [],
    http_request_duration_seconds: [],
  };
  for (const service of options.services) {
    const base = { job: service.job, instance: service.instance };
    for (const t of times) families.up!.push(`up{${labelText(base)}} 1 ${t}`);
    for (const route of service.routes) {
      const ok = { ...base, service: service.job, route: route.route, method: route.method };
      let requests = 0;
      let errors = 0;
      let seconds = 0;
      const okLines: string[] = [];
      const errorLines: string[] = [];
      const errorCountLines: string[] = [];
      const sumLines: string[] = [];
      const countLines: string[] = [];
      for (const t of times) {
        // A slow wave over the hours plus noise, so charts have a shape.
        const wave = 1 + 0.5 * Math.sin((t / 3600) * Math.PI * 0.8 + route.route.length);
        const arrivals = Math.round(route.perSecond * step * wave * (0.6 + 0.8 * random.next()));
        const failed = Math.round(arrivals * route.errorShare * (0.5 + random.next()));
        requests += arrivals - failed;
        errors += failed;
        seconds += arrivals * (0.004 + 0.03 * random.next());
        okLines.push(
          `http_requests_total{${labelText({ ...ok, status: '200' })}} ${requests} ${t}`,
        );
        if (route.errorShare > 0) {
          const failedLabels = labelText({ ...ok, status: '500' });
          errorLines.push(`http_requests_total{${failedLabels}} ${errors} ${t}`);
          errorCountLines.push(`http_request_errors_total{${failedLabels}} ${errors} ${t}`);
        }
        const all = labelText({ ...ok, status: '200' });
        sumLines.push(`http_request_duration_seconds_sum{${all}} ${seconds.toFixed(3)} ${t}`);
        countLines.push(`http_request_duration_seconds_count{${all}} ${requests + errors} ${t}`);
      }
      families.http_requests!.push(...okLines, ...errorLines);
      families.http_request_errors!.push(...errorCountLines);
      families.http_request_duration_seconds!.push(...sumLines, ...countLines);
    }
  }
  return [
    '# TYPE up gauge',
    ...families.up!,
    '# TYPE http_requests counter',
    ...families.http_requests!,
    '# TYPE http_request_errors counter',
    ...families.http_request_errors!,
    '# TYPE http_request_duration_seconds summary',
    ...families.http_request_duration_seconds!,
    '# EOF',
    '',
  ].join('\n');
}
