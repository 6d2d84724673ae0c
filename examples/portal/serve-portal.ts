/**
 * Serves the example portal (examples/portal) with Vite on its own origin, answering
 * ./portal-settings.json with the local stack's values. A real portal would ship its own
 * settings file: the same fields, for its tenant, app registration and Quarry's URL.
 *
 *   npx tsx examples/portal/serve-portal.ts   # http://127.0.0.1:5190 (needs the local stack)
 */
import { fileURLToPath } from 'node:url';
import { examplePortalClient } from '../../local-stack/identity-provider/app-registrations.ts';
import { embeddingPorts, embeddingUrls, tenant, urls } from '../../local-stack/local-constants.ts';

export function localPortalSettings(quarryUrl = `${embeddingUrls.staticWebApp}/`) {
  return {
    clientId: examplePortalClient.clientId,
    authority: `${urls.identityProvider}/${tenant.name}`,
    knownAuthorities: [new URL(urls.identityProvider).host],
    quarryUrl,
    cluster: urls.kusto,
    database: 'Samples',
  };
}

export async function startExamplePortal(
  options: { port?: number; quarryUrl?: string } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const port = options.port ?? embeddingPorts.examplePortal;
  const settings = JSON.stringify(localPortalSettings(options.quarryUrl), null, 2);
  const vite = await import('vite');
  const root = fileURLToPath(new URL('.', import.meta.url));
  const server = await vite.createServer({
    configFile: false,
    root,
    cacheDir: fileURLToPath(new URL('../../node_modules/.vite-portal', import.meta.url)),
    logLevel: 'warn',
    server: { port, strictPort: true, host: '127.0.0.1' },
    plugins: [
      {
        name: 'portal-settings',
        configureServer: (dev) =>
          void dev.middlewares.use((req, res, next) => {
            if (req.url?.split('?')[0] !== '/portal-settings.json') return next();
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(settings);
          }),
      },
    ],
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const portal = await startExamplePortal();
  console.log(`Example portal: ${portal.url}`);
  const stop = () => void portal.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
