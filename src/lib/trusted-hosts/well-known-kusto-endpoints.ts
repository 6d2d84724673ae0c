/**
 * Hosts that may receive a Kusto access token, per sign-in cloud. Restated from the data the
 * official Kusto SDKs ship (azure-kusto-node `wellKnownKustoEndpoints`, MIT); see
 * https://aka.ms/kustotrustedendpoints and protocols.md §2. Suffixes match any subdomain.
 */
export interface CloudKustoEndpoints {
  loginEndpoint: string;
  suffixes: readonly string[];
  hostnames: readonly string[];
}

export const wellKnownKustoEndpoints: readonly CloudKustoEndpoints[] = [
  {
    loginEndpoint: 'https://login.microsoftonline.com',
    suffixes: [
      '.dxp.aad.azure.com',
      '.dxp-dev.aad.azure.com',
      '.kusto.azuresynapse.net',
      '.kusto.windows.net',
      '.kustodev.azuresynapse-dogfood.net',
      '.kustodev.windows.net',
      '.kustomfa.windows.net',
      '.playfabapi.com',
      '.azureplayfab.com',
      '.playfab.com',
      '.kusto.data.microsoft.com',
      '.kusto.fabric.microsoft.com',
      '.api.securityplatform.microsoft.com',
      '.securitycenter.windows.com',
      '.arg-int.core.windows.net',
      '.arg-df.core.windows.net',
      '.arg.core.windows.net',
    ],
    hostnames: [
      'ade.applicationinsights.io',
      'ade.loganalytics.io',
      'adx.aimon.applicationinsights.azure.com',
      'adx.applicationinsights.azure.com',
      'adx.int.applicationinsights.azure.com',
      'adx.int.loganalytics.azure.com',
      'adx.int.monitor.azure.com',
      'adx.loganalytics.azure.com',
      'adx.monitor.azure.com',
      'kusto.aria.microsoft.com',
      'eu.kusto.aria.microsoft.com',
    ],
  },
  {
    loginEndpoint: 'https://login.microsoftonline.us',
    suffixes: [
      '.kusto.usgovcloudapi.net',
      '.kustomfa.usgovcloudapi.net',
      '.arg.core.usgovcloudapi.net',
    ],
    hostnames: [
      'adx.applicationinsights.azure.us',
      'adx.loganalytics.azure.us',
      'adx.monitor.azure.us',
    ],
  },
  {
    loginEndpoint: 'https://login.partner.microsoftonline.cn',
    suffixes: [
      '.kusto.azuresynapse.azure.cn',
      '.kusto.chinacloudapi.cn',
      '.kustomfa.chinacloudapi.cn',
      '.playfab.cn',
      '.arg.core.chinacloudapi.cn',
    ],
    hostnames: [
      'adx.applicationinsights.azure.cn',
      'adx.loganalytics.azure.cn',
      'adx.monitor.azure.cn',
    ],
  },
  {
    loginEndpoint: 'https://login.microsoftonline.eaglex.ic.gov',
    suffixes: [
      '.kusto.core.eaglex.ic.gov',
      '.kustomfa.core.eaglex.ic.gov',
      '.arg.core.eaglex.ic.gov',
    ],
    hostnames: [
      'adx.applicationinsights.azure.eaglex.ic.gov',
      'adx.loganalytics.azure.eaglex.ic.gov',
      'adx.monitor.azure.eaglex.ic.gov',
    ],
  },
  {
    loginEndpoint: 'https://login.microsoftonline.microsoft.scloud',
    suffixes: [
      '.kusto.core.microsoft.scloud',
      '.kustomfa.core.microsoft.scloud',
      '.arg.core.microsoft.scloud',
    ],
    hostnames: [
      'adx.applicationinsights.azure.microsoft.scloud',
      'adx.loganalytics.azure.microsoft.scloud',
      'adx.monitor.azure.microsoft.scloud',
    ],
  },
  {
    loginEndpoint: 'https://login.sovcloud-identity.fr',
    suffixes: ['.kusto.sovcloud-api.fr', '.kustomfa.sovcloud-api.fr'],
    hostnames: [
      'adx.applicationinsights.azure.fr',
      'adx.loganalytics.azure.fr',
      'adx.monitor.azure.fr',
    ],
  },
  {
    loginEndpoint: 'https://login.sovcloud-identity.de',
    suffixes: ['.kusto.sovcloud-api.de', '.kustomfa.sovcloud-api.de'],
    hostnames: [
      'adx.applicationinsights.azure.de',
      'adx.loganalytics.azure.de',
      'adx.monitor.azure.de',
    ],
  },
  {
    loginEndpoint: 'https://login.sovcloud-identity.sg',
    suffixes: ['.kusto.sovcloud-api.sg', '.kustomfa.sovcloud-api.sg'],
    hostnames: [
      'adx.applicationinsights.azure.sg',
      'adx.loganalytics.azure.sg',
      'adx.monitor.azure.sg',
    ],
  },
];

/**
 * The Application Insights and Log Analytics query APIs of each cloud (protocols.md §2). Not
 * Kusto hosts, but the console's one token broker uses the same check for every token it sends.
 */
/**
 * The token audience of each cloud's Application Insights / Log Analytics query API host. A
 * token for one of these resources reads every App Insights resource or workspace the user can
 * see, so it goes to these hosts (or a config.json connection naming it), nothing else.
 */
export const wellKnownMonitorApiResources: Readonly<Record<string, string>> = {
  'api.applicationinsights.io': 'https://api.applicationinsights.io',
  'api.applicationinsights.us': 'https://api.applicationinsights.us',
  'api.applicationinsights.azure.cn': 'https://api.applicationinsights.azure.cn',
  'api.loganalytics.io': 'https://api.loganalytics.io',
  'api.loganalytics.azure.com': 'https://api.loganalytics.io',
  'api.loganalytics.us': 'https://api.loganalytics.us',
  'api.loganalytics.azure.cn': 'https://api.loganalytics.azure.cn',
};

export const wellKnownMonitorApiHosts: readonly string[] = [
  'api.applicationinsights.io',
  'api.applicationinsights.us',
  'api.applicationinsights.azure.cn',
  'api.loganalytics.io',
  'api.loganalytics.azure.com',
  'api.loganalytics.us',
  'api.loganalytics.azure.cn',
];

/**
 * Azure Monitor workspaces' Prometheus query endpoints
 * (`https://<workspace>.<region>.prometheus.monitor.azure.com`) per cloud, and the one token
 * resource each cloud's workspaces accept ("Query Prometheus metrics using the API and PromQL").
 * Any subdomain of a suffix is trusted and gets that resource, never the endpoint's own origin.
 */
export const wellKnownPrometheusEndpoints: readonly { suffix: string; resource: string }[] = [
  { suffix: '.prometheus.monitor.azure.com', resource: 'https://prometheus.monitor.azure.com' },
  { suffix: '.prometheus.monitor.azure.us', resource: 'https://prometheus.monitor.azure.us' },
  { suffix: '.prometheus.monitor.azure.cn', resource: 'https://prometheus.monitor.azure.cn' },
];
