import { appInsightsApps, quarryClient, resources, tenant, urls } from './local-constants.ts';

/**
 * The Azure Monitor workspace stand-in and the Entra auth proxy in front of it (issue 15).
 * TODO(15a merge): read these from local-constants once the stand-ins define them there.
 */
const prometheusWorkspace = `http://localhost:${process.env.QUARRY_PROMETHEUS_PORT ?? 5184}`;
const prometheusProxy = `http://localhost:${process.env.QUARRY_PROMETHEUS_PROXY_PORT ?? 5185}`;
/** The resource a workspace's tokens are for (as Azure Monitor workspaces check it). */
const prometheusResource = 'https://prometheus.monitor.azure.com';

/**
 * The console's config.json for the local stack: the same shape a real deployment edits, but
 * pointing at the local identity provider and stand-ins. Served at /config.json by the Vite
 * dev and preview servers when QUARRY_CONFIG=local.
 */
export function localConsoleConfig() {
  return {
    auth: {
      clientId: quarryClient.clientId,
      authority: `${urls.identityProvider}/${tenant.name}`,
      knownAuthorities: [new URL(urls.identityProvider).host],
      redirectUri: '/redirect.html',
      postLogoutRedirectUri: '/',
      cacheLocation: 'sessionStorage',
    },
    connections: [
      { kind: 'kusto', name: 'local help', clusterUrl: urls.kusto, database: 'Samples' },
      { kind: 'kusto', name: 'local help', clusterUrl: urls.kusto, database: 'ContosoSales' },
      {
        kind: 'appinsights',
        name: appInsightsApps.demo.displayName,
        appId: appInsightsApps.demo.appId,
        endpoint: urls.appInsights,
        // The local stand-in checks the same audience as the real API.
        resource: resources.appInsights,
      },
      // The same workspace twice: directly with the user's token, and through the auth proxy
      // (which adds its own token; Quarry sends none there).
      {
        kind: 'prometheus',
        name: 'local metrics',
        endpoint: prometheusWorkspace,
        auth: 'entra',
        resource: prometheusResource,
      },
      { kind: 'prometheus', name: 'local metrics', endpoint: prometheusProxy, auth: 'proxy' },
    ],
    // The stand-ins are plain http on loopback: trusted only because this local config says so.
    trustedHosts: [urls.kusto, urls.appInsights, prometheusWorkspace, prometheusProxy],
    embedding: { allowedHostOrigins: ['http://127.0.0.1:5190'] },
  };
}
