/**
 * The local services the metrics agent scrapes (each serves `/metrics` with prom-client), with the
 * traffic their made-up history shows (prometheus-history.ts).
 */
import { ports } from '../local-constants.ts';
import type { ScrapedService } from './prometheus-history.ts';

export const scrapedServices: readonly (ScrapedService & { scheme: 'http' | 'https' })[] = [
  {
    job: 'identity-provider',
    scheme: 'https',
    instance: `localhost:${ports.identityProvider}`,
    routes: [
      { route: '/{tenant}/oauth2/v2.0/token', method: 'POST', perSecond: 0.3, errorShare: 0.03 },
      { route: '/{tenant}/oauth2/v2.0/authorize', method: 'GET', perSecond: 0.05, errorShare: 0 },
      { route: '/{tenant}/discovery/v2.0/keys', method: 'GET', perSecond: 0.02, errorShare: 0 },
      { route: '/metrics', method: 'GET', perSecond: 0.2, errorShare: 0 },
    ],
  },
  {
    job: 'kusto-standin',
    scheme: 'http',
    instance: `localhost:${ports.kusto}`,
    routes: [
      { route: '/v2/rest/query', method: 'POST', perSecond: 0.6, errorShare: 0.04 },
      { route: '/v1/rest/mgmt', method: 'POST', perSecond: 0.1, errorShare: 0.01 },
      { route: '/metrics', method: 'GET', perSecond: 0.2, errorShare: 0 },
    ],
  },
  {
    job: 'appinsights-standin',
    scheme: 'http',
    instance: `localhost:${ports.appInsights}`,
    routes: [
      { route: '/v1/apps/{app}/query', method: 'POST', perSecond: 0.3, errorShare: 0.05 },
      { route: '/v2.1/track', method: 'POST', perSecond: 0.8, errorShare: 0 },
      { route: '/metrics', method: 'GET', perSecond: 0.2, errorShare: 0 },
    ],
  },
  {
    job: 'prometheus-workspace',
    scheme: 'http',
    instance: `localhost:${ports.prometheusWorkspace}`,
    routes: [
      { route: '/api/v1/query', method: 'GET', perSecond: 0.2, errorShare: 0.02 },
      { route: '/api/v1/query_range', method: 'POST', perSecond: 0.1, errorShare: 0.02 },
      {
        route: '/dataCollectionRules/{dcr}/streams/Microsoft-PrometheusMetrics/api/v1/write',
        method: 'POST',
        perSecond: 0.2,
        errorShare: 0,
      },
      { route: '/metrics', method: 'GET', perSecond: 0.2, errorShare: 0 },
    ],
  },
];

/** The agent's prometheus.yml: scrape every service every 5 s, remote-write through `remoteWriteUrl`. */
export function agentConfig(remoteWriteUrl: string, caFile: string): string {
  const jobs = scrapedServices.map((service) =>
    [
      `  - job_name: ${service.job}`,
      `    scheme: ${service.scheme}`,
      ...(service.scheme === 'https' ? ['    tls_config:', `      ca_file: ${caFile}`] : []),
      '    static_configs:',
      `      - targets: ['${service.instance}']`,
    ].join('\n'),
  );
  return [
    'global:',
    '  scrape_interval: 5s',
    'scrape_configs:',
    ...jobs,
    'remote_write:',
    `  - url: ${remoteWriteUrl}`,
    '    queue_config:',
    '      batch_send_deadline: 2s',
    '',
  ].join('\n');
}
