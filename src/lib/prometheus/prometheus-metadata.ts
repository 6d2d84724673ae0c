import type { HttpDeps } from '../query/http-request';
import { badResponseError, QueryFailure } from '../query-errors';
import {
  sendPrometheusRequest,
  type PrometheusPath,
  type PrometheusTarget,
} from './prometheus-http';

/**
 * What the PromQL editor completes from: metric names (`/api/v1/label/__name__/values`), label
 * names (`/api/v1/labels`) and a label's values (`/api/v1/label/<name>/values`), optionally
 * narrowed to the series of one metric (`match[]`) and to a time window.
 */

export interface MetadataWindow {
  /** Unix seconds. */
  start: number;
  end: number;
}

async function fetchStrings(
  target: PrometheusTarget,
  path: PrometheusPath,
  options: { match?: string; window?: MetadataWindow; requestId?: string; deps?: HttpDeps },
): Promise<string[]> {
  const params = new URLSearchParams();
  if (options.match) params.append('match[]', options.match);
  if (options.window) {
    params.set('start', String(options.window.start));
    params.set('end', String(options.window.end));
  }
  const requestId = options.requestId ?? `Quarry.Metadata;${crypto.randomUUID()}`;
  const http = await sendPrometheusRequest({
    target,
    path,
    params,
    requestId,
    ...(options.deps ? { deps: options.deps } : {}),
  });
  if (!http.ok) throw new QueryFailure(http.error);
  const text = await http.response.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new QueryFailure(
      badResponseError('The metadata answer is not valid JSON.', text.slice(0, 200), { requestId }),
    );
  }
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) {
    throw new QueryFailure(
      badResponseError('The metadata answer has no "data" list.', text.slice(0, 200), {
        requestId,
      }),
    );
  }
  return data.filter((v): v is string => typeof v === 'string');
}

/** Every metric name the endpoint knows. */
export function fetchMetricNames(
  target: PrometheusTarget,
  options: { window?: MetadataWindow; deps?: HttpDeps } = {},
): Promise<string[]> {
  return fetchStrings(target, { labelValues: '__name__' }, options);
}

/** Label names, of one metric's series when `metric` is given. */
export function fetchLabelNames(
  target: PrometheusTarget,
  options: { metric?: string; window?: MetadataWindow; deps?: HttpDeps } = {},
): Promise<string[]> {
  const { metric, ...rest } = options;
  return fetchStrings(target, 'labels', {
    ...rest,
    ...(metric ? { match: metricSelector(metric) } : {}),
  });
}

/** Values of one label, of one metric's series when `metric` is given. */
export function fetchLabelValues(
  target: PrometheusTarget,
  label: string,
  options: { metric?: string; window?: MetadataWindow; deps?: HttpDeps } = {},
): Promise<string[]> {
  const { metric, ...rest } = options;
  return fetchStrings(
    target,
    { labelValues: label },
    {
      ...rest,
      ...(metric ? { match: metricSelector(metric) } : {}),
    },
  );
}

/** `{__name__="<metric>"}`, quoted so any name is safe in match[]. */
function metricSelector(metric: string): string {
  return `{__name__=${JSON.stringify(metric)}}`;
}
