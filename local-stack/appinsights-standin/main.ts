/**
 * Starts the App Insights stand-in alone (tokens come from the local identity provider, which must
 * run separately): `npx tsx local-stack/appinsights-standin/main.ts`.
 */
import { appInsightsApps, ports } from '../local-constants.ts';
import { startAppInsightsStandIn } from './appinsights-standin.ts';

const started = Date.now();
const standIn = await startAppInsightsStandIn({
  adminToken: process.env.QUARRY_ADMIN_TOKEN,
  tlsPort: ports.appInsightsIngestionTls,
});
console.log(`/__admin token (send it in x-quarry-admin-token): ${standIn.adminToken}`);
console.log(
  `App Insights stand-in listening on ${standIn.url} and ${standIn.tlsUrl} (ready in ${Date.now() - started} ms).`,
);
console.log(
  `Apps: ${appInsightsApps.demo.appId} (${appInsightsApps.demo.displayName}, also X-Api-Key: ${appInsightsApps.demo.apiKey}), ${appInsightsApps.billing.appId}.`,
);
console.log(`Connection string: ${standIn.connectionString}`);

const stop = (): void => {
  void standIn.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
