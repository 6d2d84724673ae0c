/**
 * The local stack's third source, an Azure Monitor workspace: a real Prometheus for storage (when
 * installed), the workspace stand-in in front of it, the two Entra authorization proxies (query and
 * ingestion), and a Prometheus agent that scrapes the local services through the ingestion proxy.
 * Without Prometheus installed the stand-in and proxies still start (the workspace answers 503 naming
 * the install command) and `notice` says in one line how to install it.
 */
import { ports, resources, urls } from '../local-constants.ts';
import { createTokenVerifier } from '../kusto-standin/token-verifier.ts';
import { startWorkspaceStandIn } from '../prometheus-workspace/workspace-standin.ts';
import { findPrometheus, installHint } from './prometheus-binary.ts';
import { historyOpenMetrics } from './prometheus-history.ts';
import { startPrometheusStorage, type RunningPrometheus } from './prometheus-process.ts';
import { scrapedServices } from './scraped-services.ts';

export interface PrometheusSourceOptions {
  /** The local TLS certificate (the identity provider's; the JWKS is fetched over https). */
  certificate: { certPem: string; certPath: string };
}

export interface RunningPrometheusSource {
  workspaceUrl: string;
  /** Undefined when Prometheus is installed; else the one line saying how to install it. */
  notice: string | undefined;
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
    if (binaries) {
      storage = await startPrometheusStorage({
        binaries,
        port: ports.prometheusStorage,
        backfill: historyOpenMetrics({ services: scrapedServices }),
      });
      closers.push(storage.close);
    }
    const workspace = await startWorkspaceStandIn({
      verifyToken: createTokenVerifier({
        jwksUrl: urls.jwks,
        issuer: urls.issuer,
        audiences: workspaceAudiences,
        caPem: options.certificate.certPem,
      }),
      storageUrl: storage?.url,
    });
    closers.push(workspace.close);
    return {
      workspaceUrl: workspace.url,
      notice: binaries ? undefined : installHint,
      summary: [
        `  Prometheus:         ${workspace.url}   (Azure Monitor workspace stand-in; token for ${resources.prometheus})`,
        storage
          ? `                      storage: real Prometheus on ${storage.url}, 3 hours of history`
          : '                      storage: none (Prometheus not installed)',
      ],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
