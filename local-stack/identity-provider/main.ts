/** Starts the local identity provider alone: `npx tsx local-stack/identity-provider/main.ts`. */
import { startIdentityProvider } from './identity-provider.ts';

const identityProvider = await startIdentityProvider({
  adminToken: process.env.QUARRY_ADMIN_TOKEN,
});
console.log(`/__admin token (send it in x-quarry-admin-token): ${identityProvider.adminToken}`);
console.log(`Local identity provider: ${identityProvider.url}`);
console.log(`  issuer ${identityProvider.issuer}`);
console.log(`  discovery ${identityProvider.issuer}/.well-known/openid-configuration`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void identityProvider.close().then(() => process.exit(0));
  });
}
