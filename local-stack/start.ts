/**
 * Starts the local stack — identity provider (https), Kusto and App Insights stand-ins, the
 * Azure Monitor workspace (Prometheus) with its auth proxies, and the console — and
 * prints where to go and how to sign in. Used by `npm start` (console = Vite dev server) and
 * by the e2e suite (console = `vite preview` of the production build).
 *
 *   tsx local-stack/start.ts [--console=dev|preview|none] [--console-port=N]
 */
import {
  createAppInsightsTokenVerifier,
  startAppInsightsStandIn,
} from './appinsights-standin/appinsights-standin.ts';
import { startAdminToken } from './admin/admin-token-file.ts';
import { startIdentityProvider } from './identity-provider/identity-provider.ts';
import { startKustoStandIn } from './kusto-standin/kusto-standin.ts';
import { startPrometheusSource } from './prometheus-server/prometheus-source.ts';
import { createTokenVerifier } from './kusto-standin/token-verifier.ts';
import { appInsightsApps, demoUsers, ports, resources, urls } from './local-constants.ts';
import { watchOwner } from './process/owner-watch.ts';
import { ensureLocalCertificate } from './tls/local-certificate.ts';

type ConsoleMode = 'dev' | 'preview' | 'none';

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const consoleMode = (argument('console') ?? 'dev') as ConsoleMode;
if (!['dev', 'preview', 'none'].includes(consoleMode)) {
  console.error(`--console must be dev, preview or none (got "${consoleMode}").`);
  process.exit(2);
}
const consolePort = Number(
  argument('console-port') ?? (consoleMode === 'preview' ? 4173 : ports.console),
);

const closers: Array<() => Promise<void>> = [];

async function main() {
  const certificate = await ensureLocalCertificate();
  // One token for this start's /__admin controls, handed to the tests (admin/admin-token-file.ts).

  const adminToken = startAdminToken();
  const identityProvider = await startIdentityProvider({ adminToken });
  closers.push(identityProvider.close);

  // The workspace's Prometheus processes (promtool's backfill, start-up, readiness) work in
  // their own processes: start them now and let the Kusto and App Insights stand-ins, which build
  // their data in this one, start meanwhile. Its proxies need only the identity provider.
  let standInsStarted = (): void => undefined;
  const scrapeTargetsReady = new Promise<void>((resolve) => (standInsStarted = resolve));
  const prometheusStarting = startPrometheusSource({ certificate, scrapeTargetsReady });
  // Awaited below; until then a failure must not count as unhandled (main's catch shuts down).
  prometheusStarting.catch(() => undefined);

  const kusto = await startKustoStandIn({
    adminToken,
    verifyToken: createTokenVerifier({
      jwksUrl: urls.jwks,
      issuer: urls.issuer,
      audiences: [resources.kusto, `${resources.kusto}/`, 'https://kusto.kusto.windows.net'],
      caPem: certificate.certPem,
    }),
  });
  closers.push(kusto.close);

  const appInsights = await startAppInsightsStandIn({
    adminToken,
    verifyToken: createAppInsightsTokenVerifier({ caPem: certificate.certPem }),
    tlsPort: ports.appInsightsIngestionTls,
    certificate,
  });
  closers.push(appInsights.close);

  standInsStarted();
  const prometheus = await prometheusStarting;
  closers.push(prometheus.close);
  for (const notice of prometheus.notices) console.warn(notice);

  if (consoleMode !== 'none') closers.push(await startConsole(consoleMode, consolePort));

  const consoleUrl = `http://localhost:${consolePort}`;
  console.log(
    [
      '',
      '  Quarry local stack is running.',
      '',
      consoleMode === 'none'
        ? '  Console:            (not started)'
        : `  Console:            ${consoleUrl}`,
      `  Identity provider:  ${identityProvider.url}   (self-signed certificate: ${certificate.certPath})`,
      `  Kusto stand-in:     ${kusto.url}   (database Samples: synthetic StormEvents replica)`,
      `  App Insights:       ${appInsights.url}   (query API; app ID ${appInsightsApps.demo.appId}, ingestion also on ${appInsights.tlsUrl})`,
      `  Demo app connection string (for an Application Insights SDK):`,
      `    ${appInsights.connectionString}`,
      ...prometheus.summary,
      '',
      '  Sign in as:',
      ...demoUsers.map((user) => `    ${user.username.padEnd(22)} password: ${user.password}`),
      '',
      `  First visit: open ${identityProvider.url} once and accept the local certificate,`,
      '  or trust it in your OS (README, "The local certificate").',
      '',
    ].join('\n'),
  );
}

/** Runs Vite in this process, with /config.json answered from the local stack's config. */
async function startConsole(mode: 'dev' | 'preview', port: number): Promise<() => Promise<void>> {
  process.env.QUARRY_CONFIG = 'local';
  const vite = await import('vite');
  if (mode === 'dev') {
    const server = await vite.createServer({ server: { port, strictPort: true } });
    await server.listen();
    return () => server.close();
  }
  const server = await vite.preview({ preview: { port, strictPort: true } });
  return () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  // A closer that hangs must not keep the ports: Prometheus children are ended on exit anyway.
  setTimeout(() => process.exit(code), 20_000).unref();
  await Promise.allSettled(closers.map((close) => close()));
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// The terminal closing.
process.on('SIGHUP', () => void shutdown(0));
// A parent killed outright (Playwright, `npm start`'s script) sends nothing: without this the
// stack would live on holding the fixed ports (process/owner-watch.ts).
watchOwner({
  onGone: (reason) => {
    console.error(`The local stack is stopping: ${reason}.`);
    void shutdown(0);
  },
});

main().catch((error: unknown) => {
  console.error('The local stack could not start:', error);
  void shutdown(1);
});
