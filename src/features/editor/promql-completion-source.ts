/**
 * Where the PromQL editor's completion gets names from: the connection's endpoint
 * (`/api/v1/label/__name__/values`, `/api/v1/labels`, `/api/v1/label/<name>/values`). The tab
 * supplies it, with its token (or none, through a proxy) and caching.
 */
export interface PromqlCompletionSource {
  metricNames(): Promise<string[]>;
  /** Label names, of `metric`'s series when known. */
  labelNames(metric: string | null): Promise<string[]>;
  labelValues(label: string, metric: string | null): Promise<string[]>;
}
