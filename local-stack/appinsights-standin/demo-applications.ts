/**
 * The Application Insights resources the stand-in serves, who may read them (Reader) and who may
 * send telemetry to them (Monitoring Metrics Publisher), and the demo connection string.
 */
import { appInsightsApps, daemonClient, demoUsers, urls } from '../local-constants.ts';
import type { TokenClaims } from '../kusto-standin/token-verifier.ts';

export interface AppInsightsApplication {
  /** The id used in URLs (`DEMO_APP`); `applicationId` (a GUID) is accepted too. */
  appId: string;
  applicationId: string;
  instrumentationKey: string;
  /** Shown by the metadata endpoint's `applications[].name`. */
  displayName: string;
  /** The resource name, which the `appName` column carries. */
  resourceName: string;
  resourceId: string;
  region: string;
  /** Keys accepted in `X-Api-Key` / `api_key` for this app. */
  apiKeys: readonly string[];
}

const subscriptionId = '7c1e5a2b-3d4f-4e6a-8b9c-0a1b2c3d4e5f';

function resourceId(resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/microsoft.insights/components/${name}`;
}

export const demoApplication: AppInsightsApplication = {
  ...appInsightsApps.demo,
  resourceId: resourceId('contoso-shop', appInsightsApps.demo.resourceName),
  region: 'westeurope',
  apiKeys: [appInsightsApps.demo.apiKey],
};

export const billingApplication: AppInsightsApplication = {
  ...appInsightsApps.billing,
  resourceId: resourceId('contoso-billing', appInsightsApps.billing.resourceName),
  region: 'westeurope',
  apiKeys: [],
};

export const applications: readonly AppInsightsApplication[] = [
  demoApplication,
  billingApplication,
];

/** By `appId` or application GUID, case-insensitively (the real API ignores GUID case). */
export function findApplication(id: string): AppInsightsApplication | undefined {
  const wanted = id.toLowerCase();
  return applications.find(
    (app) => app.appId.toLowerCase() === wanted || app.applicationId.toLowerCase() === wanted,
  );
}

/** Envelopes carry the key with or without dashes (the envelope name drops them). */
export function findApplicationByInstrumentationKey(
  key: string,
): AppInsightsApplication | undefined {
  const wanted = key.replace(/-/g, '').toLowerCase();
  return applications.find(
    (app) => app.instrumentationKey.replace(/-/g, '').toLowerCase() === wanted,
  );
}

/** `InstrumentationKey=…;IngestionEndpoint=<stand-in>/;ApplicationId=…` for DEMO_APP. */
export function demoConnectionString(baseUrl: string = urls.appInsights): string {
  const endpoint = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return [
    `InstrumentationKey=${demoApplication.instrumentationKey}`,
    `IngestionEndpoint=${endpoint}`,
    `ApplicationId=${demoApplication.applicationId}`,
  ].join(';');
}

/** Who called, as far as App Insights access checks care. */
export type Caller =
  | { kind: 'user'; objectId: string; name: string }
  | { kind: 'app'; appId: string; name: string }
  | { kind: 'apiKey'; key: string; name: string };

export function callerFromClaims(claims: TokenClaims): Caller {
  const appId =
    typeof claims.appid === 'string'
      ? claims.appid
      : typeof claims.azp === 'string'
        ? claims.azp
        : '';
  if (claims.idtyp === 'app') return { kind: 'app', appId, name: appId };
  const objectId = typeof claims.oid === 'string' ? claims.oid : String(claims.sub ?? '');
  const name =
    typeof claims.preferred_username === 'string'
      ? claims.preferred_username
      : typeof claims.upn === 'string'
        ? claims.upn
        : objectId;
  return { kind: 'user', objectId, name };
}

const analyst = demoUsers.find((user) => user.username === 'analyst@contoso.com');

/**
 * Reader on both apps: analyst@contoso.com and the daemon client. viewer@contoso.com has no App
 * Insights access at all (the issue-7 e2e test shows the 403 to the viewer on DEMO_APP).
 */
function isTrusted(caller: Caller): boolean {
  if (caller.kind === 'user') return analyst !== undefined && caller.objectId === analyst.objectId;
  if (caller.kind === 'app') return caller.appId === daemonClient.clientId;
  return false;
}

export function canRead(caller: Caller, app: AppInsightsApplication): boolean {
  if (caller.kind === 'apiKey') return app.apiKeys.includes(caller.key);
  return isTrusted(caller);
}

/** Monitoring Metrics Publisher: the same principals as Reader; API keys never ingest. */
export function canPublish(caller: Caller, _app: AppInsightsApplication): boolean {
  return caller.kind !== 'apiKey' && isTrusted(caller);
}
