import { appInsightsApps, quarryClient, resources, tenant, urls } from './local-constants.ts';

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
        endpoint: urls.prometheusWorkspace,
        auth: 'entra',
        resource: resources.prometheus,
      },
      {
        kind: 'prometheus',
        name: 'local metrics',
        endpoint: urls.prometheusQueryProxy,
        auth: 'proxy',
      },
    ],
    // The stand-ins are plain http on loopback: trusted only because this local config says so.
    trustedHosts: [
      urls.kusto,
      urls.appInsights,
      urls.prometheusWorkspace,
      urls.prometheusQueryProxy,
    ],
    embedding: { allowedHostOrigins: ['http://127.0.0.1:5190'] },
  };
}
