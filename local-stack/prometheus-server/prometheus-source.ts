/**
 * The local stack's third source, an Azure Monitor workspace: a real Prometheus for storage (when
 * installed), the workspace stand-in in front of it, the two Entra authorization proxies (query and
 * ingestion), and a Prometheus agent that scrapes the local services through the ingestion proxy.
 * Without Prometheus installed the stand-in and proxies still start (the workspace answers 503 naming
 * the install command) and `notice` says in one line how to install it.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startAuthProxy } from '../auth-proxy/auth-proxy.ts';
import { readProxyConfig, type ProxyConfig } from '../auth-proxy/proxy-config.ts';
import { formatLogLine, type ProxyLogger } from '../auth-proxy/proxy-log.ts';
import {
  ports,
  prometheusWorkspace,
  proxyClients,
  resources,
  tenant,
  urls,
} from '../local-constants.ts';
import { ensureProxyClientCertificates } from '../tls/client-certificate.ts';
import { createTokenVerifier } from '../kusto-standin/token-verifier.ts';
import { startWorkspaceStandIn } from '../prometheus-workspace/workspace-standin.ts';
import { findPrometheus, missingPrometheusNotice } from './prometheus-binary.ts';
import { historyOpenMetrics } from './prometheus-history.ts';
import {
  defaultPrometheusDir,
  startPrometheusAgent,
  startPrometheusStorage,
  type RunningPrometheus,
} from './prometheus-process.ts';
import { agentConfig, scrapedServices } from './scraped-services.ts';

export interface PrometheusSourceOptions {
  /** The local TLS certificate (the identity provider's; the JWKS is fetched over https). */
  certificate: { certPem: string; certPath: string };
  /**
   * Resolves when the services the agent scrapes are listening: the agent waits for it, so its
   * first scrapes do not record them as down (`up` 0) while they are still starting.
   */
  scrapeTargetsReady?: Promise<void>;
}

export interface RunningPrometheusSource {
  workspaceUrl: string;
  /**
   * One line each for what is missing: Prometheus not installed (how to install it), or a
   * Prometheus process that did not start. Empty when all is well.
   */
  notices: string[];
  /** Lines for the start banner. */
  summary: string[];
  close(): Promise<void>;
}

/**
 * Audiences whose tokens the workspace's verifier accepts as genuine; it then checks which one each
 * path needs, so a token for another local resource gets the real 403 naming the audience, not a 401.
 */
export const workspaceAudiences = [
  resources.prometheus,
  `${resources.prometheus}/`,
  resources.monitorIngestion,
  `${resources.monitorIngestion}/`,
  resources.kusto,
  resources.appInsights,
];

export async function startPrometheusSource(
  options: PrometheusSourceOptions,
): Promise<RunningPrometheusSource> {
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    // Last started, first stopped: the agent before the proxy it writes through, storage last.
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const binaries = findPrometheus();
    let storage: RunningPrometheus | undefined;
    // Said once at start and in every 503 of the workspace, so the console shows it too.
    let storageProblem = binaries ? undefined : missingPrometheusNotice();
    const notices: string[] = storageProblem ? [storageProblem] : [];
    if (binaries) {
      // This source is optional: a Prometheus that will not start (its port taken, say) is
      // reported in one line and the stack goes on, the workspace answering 503 with the reason.
      try {
        storage = await startPrometheusStorage({
          binaries,
          port: ports.prometheusStorage,
          backfill: historyOpenMetrics({ services: scrapedServices }),
        });
        closers.push(storage.close);
      } catch (error) {
        storageProblem = `Prometheus did not start: ${firstLine(error)}`;
        notices.push(`${storageProblem} (the workspace has no data this time).`);
      }
    }
    const workspace = await startWorkspaceStandIn({
      verifyToken: createTokenVerifier({
        jwksUrl: urls.jwks,
        issuer: urls.issuer,
        audiences: workspaceAudiences,
        caPem: options.certificate.certPem,
      }),
      storageUrl: storage?.url,
      ...(storageProblem ? { storageMissingReason: storageProblem } : {}),
    });
    closers.push(workspace.close);

    // The two proxies, configured through the seed's variables (README, "The auth proxy").
    const certificates = await ensureProxyClientCertificates();
    const proxyEnvironment = (
      client: (typeof proxyClients)[keyof typeof proxyClients],
      certificatePath: string,
      audience: string,
      port: number,
    ): ProxyConfig => {
      const read = readProxyConfig({
        TARGET_HOST: workspace.url,
        IDENTITY_TYPE: 'aadapplication',
        AAD_CLIENT_ID: client.clientId,
        AAD_TENANT_ID: tenant.id,
        AAD_CLIENT_CERTIFICATE_PATH: certificatePath,
        AUDIENCE: `${audience}/.default`,
        LISTENING_PORT: String(port),
        AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE: '10',
        AZURE_AUTHORITY_HOST: urls.identityProvider,
        SSL_CERT_FILE: options.certificate.certPath,
        CORS_ALLOWED_ORIGINS: consoleOrigins().join(','),
      });
      if (!read.ok) throw new Error(read.problems.join(' '));
      return read.config;
    };
    const queryProxy = await startAuthProxy(
      proxyEnvironment(
        proxyClients.query,
        certificates.query.path,
        resources.prometheus,
        ports.prometheusQueryProxy,
      ),
      { logger: fileLogger('prometheus-query-proxy') },
    );
    closers.push(queryProxy.close);
    const ingestionProxy = await startAuthProxy(
      proxyEnvironment(
        proxyClients.ingestion,
        certificates.ingestion.path,
        resources.monitorIngestion,
        ports.prometheusIngestionProxy,
      ),
      { logger: fileLogger('prometheus-ingestion-proxy') },
    );
    closers.push(ingestionProxy.close);

    let agent: RunningPrometheus | undefined;
    if (binaries && storage) {
      await options.scrapeTargetsReady;
      try {
        agent = await startPrometheusAgent({
          binaries,
          port: ports.prometheusAgent,
          config: agentConfig(
            `${ingestionProxy.url}${ingestionPathOf()}`,
            options.certificate.certPath,
          ),
        });
        closers.push(agent.close);
      } catch (error) {
        notices.push(
          `The Prometheus agent did not start (no live metrics, history only): ${firstLine(error)}`,
        );
      }
    }
    return {
      workspaceUrl: workspace.url,
      notices,
      summary: [
        `  Prometheus:         ${workspace.url}   (Azure Monitor workspace stand-in; token for ${resources.prometheus})`,
        storage
          ? `                      storage: real Prometheus on ${storage.url}, 3 hours of history`
          : `                      storage: none (${binaries ? storageProblem : 'Prometheus not found'})`,
        `                      query proxy (no token needed): ${queryProxy.url}`,
        `                      ingestion proxy: ${ingestionProxy.url}${agent ? ` (the agent on ${agent.url} remote-writes the stack's /metrics through it)` : ''}`,
        `                      proxy logs: ${path.relative(process.cwd(), logDir)}/`,
      ],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The consoles that may call the query proxy from a browser: vite dev, preview, the SWA emulator. */
export function consoleOrigins(): string[] {
  const origins = new Set<string>();
  for (const port of [ports.console, 5173, 4173, 4280]) {
    for (const host of ['localhost', '127.0.0.1']) origins.add(`http://${host}:${port}`);
  }
  return [...origins];
}

export function ingestionPathOf(): string {
  return `/dataCollectionRules/${prometheusWorkspace.dataCollectionRuleId}/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=${prometheusWorkspace.apiVersion}`;
}

const logDir = path.join(defaultPrometheusDir, '..', 'logs');

/**
 * Each proxy logs every forwarded request (as the real one does); the agent writes every few
 * seconds, so the lines go to .local-stack/logs/<name>.log, and errors to the terminal as well.
 */
function fileLogger(name: string): ProxyLogger {
  mkdirSync(logDir, { recursive: true });
  const file = path.join(logDir, `${name}.log`);
  return (level, message, fields) => {
    const line = formatLogLine(level, message, fields);
    appendFileSync(file, `${line}\n`);
    if (level !== 'info') console.error(`${name}: ${line}`);
  };
}
