/**
 * The local stack's fixed facts, shared by the identity provider, the stand-ins, the start
 * script and the e2e tests. Ports can be moved with environment variables (README lists them).
 */

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535).`);
  }
  return port;
}

export const ports = {
  console: portFromEnv('QUARRY_PORT', 5173),
  identityProvider: portFromEnv('QUARRY_IDP_PORT', 5180),
  kusto: portFromEnv('QUARRY_KUSTO_PORT', 5181),
  appInsights: portFromEnv('QUARRY_APPINSIGHTS_PORT', 5182),
  /** The App Insights stand-in's TLS listener (ingestion for SDKs that refuse plain http). */
  appInsightsIngestionTls: portFromEnv('QUARRY_APPINSIGHTS_TLS_PORT', 5183),
  /** The Azure Monitor workspace stand-in (managed Prometheus): query API and ingestion path. */
  prometheusWorkspace: portFromEnv('QUARRY_PROMETHEUS_PORT', 5184),
  /** The Entra authorization proxy in front of the workspace's query API (no token needed). */
  prometheusQueryProxy: portFromEnv('QUARRY_PROMETHEUS_QUERY_PROXY_PORT', 5185),
  /** The Entra authorization proxy the metrics agent remote-writes through. */
  prometheusIngestionProxy: portFromEnv('QUARRY_PROMETHEUS_INGESTION_PROXY_PORT', 5186),
  /** The real Prometheus that stores the workspace's data (loopback only, behind the stand-in). */
  prometheusStorage: portFromEnv('QUARRY_PROMETHEUS_STORAGE_PORT', 9091),
  /** The Prometheus agent that scrapes the local stack and remote-writes through the proxy. */
  prometheusAgent: portFromEnv('QUARRY_PROMETHEUS_AGENT_PORT', 9092),
} as const;

/** The local tenant: its name and GUID both work in the authority path. */
export const tenant = {
  name: 'contoso',
  domain: 'contoso.com',
  id: '4b2a6f3e-9c1d-4e8f-a7b5-0c3d2e1f6a90',
} as const;

/** The console's app registration (a public SPA client, like a real Entra app registration). */
export const quarryClient = {
  clientId: '9f3c1a2e-5b7d-4c8e-a1f0-2d4b6e8c0a13',
  displayName: 'Quarry (local)',
} as const;

/** A confidential client for tools and tests that need tokens without a browser. */
export const daemonClient = {
  clientId: 'quarry-daemon',
  clientSecret: 'quarry-daemon-secret',
} as const;

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  objectId: string;
}

export const demoUsers: readonly DemoUser[] = [
  {
    username: 'analyst@contoso.com',
    password: 'demo',
    displayName: 'Avery Analyst',
    objectId: '0d7e5f1a-3b2c-4d9e-8f6a-1b2c3d4e5f60',
  },
  {
    username: 'viewer@contoso.com',
    password: 'demo',
    displayName: 'Val Viewer',
    objectId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c21',
  },
];

export const urls = {
  console: `http://localhost:${ports.console}`,
  identityProvider: `https://localhost:${ports.identityProvider}`,
  kusto: `http://localhost:${ports.kusto}`,
  appInsights: `http://localhost:${ports.appInsights}`,
  /** The workspace's query endpoint (real: https://<workspace>.<region>.prometheus.monitor.azure.com). */
  prometheusWorkspace: `http://localhost:${ports.prometheusWorkspace}`,
  /** The query proxy: the workspace's Prometheus API with no token from the caller. */
  prometheusQueryProxy: `http://localhost:${ports.prometheusQueryProxy}`,
  prometheusIngestionProxy: `http://localhost:${ports.prometheusIngestionProxy}`,
  /** Issuer of tokens, as Entra writes it: https://<host>/<tenant-guid>/v2.0 */
  issuer: `https://localhost:${ports.identityProvider}/${tenant.id}/v2.0`,
  jwks: `https://localhost:${ports.identityProvider}/${tenant.id}/discovery/v2.0/keys`,
} as const;

/** Audiences (resources) the local stand-ins accept in access tokens. */
export const resources = {
  kusto: urls.kusto,
  appInsights: 'https://api.applicationinsights.io',
  monitorIngestion: 'https://monitor.azure.com',
  /** Azure Monitor workspaces' query API (managed Prometheus), as in the real cloud. */
  prometheus: 'https://prometheus.monitor.azure.com',
} as const;

/** The Azure roles the workspace stand-in checks (in the token's `roles` claim, see README). */
export const monitorRoles = {
  dataReader: 'Monitoring Data Reader',
  metricsPublisher: 'Monitoring Metrics Publisher',
} as const;

/**
 * Roles each demo user holds per resource. Real Entra keeps Azure RBAC assignments out of tokens;
 * the local IdP writes them into `roles` so the stand-in can check them without an ARM stand-in.
 * viewer@contoso.com holds none on the workspace: its queries get 403.
 */
export const userRoles: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'analyst@contoso.com': { [resources.prometheus]: [monitorRoles.dataReader] },
  'viewer@contoso.com': {},
};

/**
 * The workspace's data collection rule: remote writes go to
 * `/dataCollectionRules/<dcr>/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=...`.
 */
export const prometheusWorkspace = {
  name: 'contoso-metrics',
  dataCollectionRuleId: 'dcr-3f1c0a7e9b2d4c6e8a5f1b3d7c9e0a24',
  apiVersion: '2023-04-24',
} as const;

/**
 * The two proxy identities, as the seed deploys them (IDENTITY_TYPE=aadapplication): app
 * registrations with a certificate credential (the PEM with its private key is made on first
 * start under .local-stack/certs), each holding the one role its job needs.
 */
export const proxyClients = {
  query: {
    clientId: 'b7e2c4a1-9d3f-4a8e-b6c0-2f5d8e1a3c47',
    displayName: 'Prometheus query proxy (local)',
    servicePrincipalObjectId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    roles: ['Monitoring Data Reader'],
    certificateFile: 'prometheus-query-proxy.pem',
  },
  ingestion: {
    clientId: 'd4a8f1c3-6b2e-4f9a-8c7d-1e3b5a7c9f02',
    displayName: 'Prometheus ingestion proxy (local)',
    servicePrincipalObjectId: 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f',
    roles: ['Monitoring Metrics Publisher'],
    certificateFile: 'prometheus-ingestion-proxy.pem',
  },
} as const;

/** Where the locally generated, git-ignored TLS certificate lives. */
export const certificateDir = '.local-stack/certs';

/**
 * Application Insights resources served by the App Insights stand-in. `appId` is what the query
 * API takes in its path (`/v1/apps/{appId}/query`); `applicationId` is the resource's GUID, which
 * the stand-in accepts too. viewer@contoso.com may read neither; analyst@contoso.com reads both.
 */
export const appInsightsApps = {
  demo: {
    appId: 'DEMO_APP',
    applicationId: 'a1b2c3d4-5e6f-4a70-8b9c-0d1e2f3a4b5c',
    instrumentationKey: '3f8e2d1c-7b6a-4c5d-9e0f-1a2b3c4d5e6f',
    /** Accepted in `X-Api-Key` for DEMO_APP only, like the public demo. */
    apiKey: 'DEMO_KEY',
    displayName: 'Contoso Shop (demo)',
    resourceName: 'contoso-shop-demo',
  },
  billing: {
    appId: 'CONTOSO_BILLING',
    applicationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    instrumentationKey: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    displayName: 'Contoso Billing',
    resourceName: 'contoso-billing',
  },
} as const;

/**
 * Production hosting and embedding e2e: the build under the SWA CLI emulator, the example portal
 * that embeds it (allowed in the local config.json), and a foreign page that is not allowed.
 */
export const embeddingPorts = {
  staticWebAppEmulator: portFromEnv('QUARRY_SWA_PORT', 4280),
  examplePortal: portFromEnv('QUARRY_PORTAL_PORT', 5190),
  foreignHost: portFromEnv('QUARRY_FOREIGN_HOST_PORT', 5191),
} as const;

export const embeddingUrls = {
  /** Quarry as the emulator serves it (it listens on 127.0.0.1; "localhost" makes it cross-site). */
  staticWebApp: `http://localhost:${embeddingPorts.staticWebAppEmulator}`,
  examplePortal: `http://127.0.0.1:${embeddingPorts.examplePortal}`,
  foreignHost: `http://127.0.0.1:${embeddingPorts.foreignHost}`,
} as const;
