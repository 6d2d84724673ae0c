/**
 * Starts the Kusto stand-in alone (it validates tokens from the local identity provider, which
 * must run separately): `npx tsx local-stack/kusto-standin/main.ts`.
 */
import { startKustoStandIn } from './kusto-standin.ts';

const started = Date.now();
const standIn = await startKustoStandIn({ adminToken: process.env.QUARRY_ADMIN_TOKEN });
console.log(`/__admin token (send it in x-quarry-admin-token): ${standIn.adminToken}`);
console.log(`Kusto stand-in listening on ${standIn.url} (ready in ${Date.now() - started} ms).`);
console.log(
  'Databases: Samples (synthetic StormEvents replica), ContosoSales, SampleLogs (generated).',
);

const stop = (): void => {
  void standIn.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
