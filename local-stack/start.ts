/**
 * Starts the local stack — identity provider (https), Kusto stand-in, and the console — and
 * prints where to go and how to sign in. Used by `npm start` (console = Vite dev server) and
 * by the e2e suite (console = `vite preview` of the production build).
 *
 *   tsx local-stack/start.ts [--console=dev|preview|none] [--console-port=N]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { startIdentityProvider } from './identity-provider/identity-provider.ts';
import { startKustoStandIn } from './kusto-standin/kusto-standin.ts';
import { createTokenVerifier } from './kusto-standin/token-verifier.ts';
import { demoUsers, ports, resources, urls } from './local-constants.ts';
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
let consoleProcess: ChildProcess | null = null;

async function main() {
  const certificate = await ensureLocalCertificate();
  const identityProvider = await startIdentityProvider();
  closers.push(identityProvider.close);

  const kusto = await startKustoStandIn({
    verifyToken: createTokenVerifier({
      jwksUrl: urls.jwks,
      issuer: urls.issuer,
      audiences: [resources.kusto, `${resources.kusto}/`, 'https://kusto.kusto.windows.net'],
      caPem: certificate.certPem,
    }),
  });
  closers.push(kusto.close);

  if (consoleMode !== 'none') consoleProcess = startConsole(consoleMode, consolePort);

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

function startConsole(mode: 'dev' | 'preview', port: number): ChildProcess {
  const require = createRequire(import.meta.url);
  const viteBin = require.resolve('vite/bin/vite.js');
  const args =
    mode === 'dev'
      ? [viteBin, '--port', String(port)]
      : [viteBin, 'preview', '--port', String(port)];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, QUARRY_CONFIG: 'local' },
  });
  child.on('exit', (code) => {
    if (!shuttingDown) {
      console.error(`The console (vite ${mode}) exited with code ${code}.`);
      void shutdown(code ?? 1);
    }
  });
  return child;
}

let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  consoleProcess?.kill('SIGTERM');
  await Promise.allSettled(closers.map((close) => close()));
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch((error: unknown) => {
  console.error('The local stack could not start:', error);
  void shutdown(1);
});
