/**
 * The Application Insights stand-in: the query API (`/v1/apps/{app}/query`, `/metadata`) in the
 * real wire format over seeded synthetic telemetry of two apps, and the ingestion endpoint
 * (`/v2.1/track`) real SDKs send to, so ingested telemetry shows up in later queries.
 * Plain http on `ports.appInsights`; optionally the same service over TLS (`tlsPort`) for SDKs
 * that refuse to send bearer tokens over http (applicationinsights 3.x).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpMetrics, routePattern, withHttpMetrics } from '../metrics/http-metrics.ts';
import { ports, resources, urls } from '../local-constants.ts';
import { createTokenVerifier, type TokenVerifier } from '../kusto-standin/token-verifier.ts';
import { ensureLocalCertificate, type LocalCertificate } from '../tls/local-certificate.ts';
import { resolveAdminToken } from '../admin/admin-access.ts';
import { handleAdmin } from './admin-endpoints.ts';
import { pathNotFound } from './api-errors.ts';
import {
  billingApplication,
  demoApplication,
  demoConnectionString,
  type AppInsightsApplication,
} from './demo-applications.ts';
import { answerPreflight, beginExchange, sendJson, type Exchange } from './http-exchange.ts';
import { handleTrack } from './ingestion-endpoint.ts';
import { handleQueryApi, type QueryApiServices } from './query-endpoint.ts';
import { StandInControls } from './standin-controls.ts';
import { generateTelemetry, type TelemetryRows } from './telemetry-generator.ts';
import { billingScenario, shopScenario } from './telemetry-scenarios.ts';
import { TelemetryStore } from './telemetry-store.ts';

export { demoConnectionString };

export interface AppInsightsStandInOptions {
  /** Default `ports.appInsights` (5182); 0 picks a free port. */
  port?: number;
  /** Default `localhost` (serves 127.0.0.1 and, when available, ::1). */
  host?: string;
  /**
   * Default: tokens from the local identity provider (`createAppInsightsTokenVerifier()`). An
   * injected verifier must accept both resources.appInsights (query) and
   * resources.monitorIngestion (ingestion); the stand-in checks which one each endpoint needs.
   */
  verifyToken?: TokenVerifier;
  /** Freezes the clock: the generated history ends here and queries run "now" at this instant. */
  now?: Date;
  /** Also serve over TLS on this port (0 = free port) with the local certificate. Default: off. */
  tlsPort?: number;
  /** Certificate for `tlsPort`; default `ensureLocalCertificate()`. */
  certificate?: Pick<LocalCertificate, 'certPem' | 'keyPem'>;
  /**
   * Prepare DEMO_APP's database right after start (default true), so the first query does not
   * pay the engine's one-time load (~1 s, more on a busy machine).
   */
  warmUp?: boolean;
  /** The `/__admin` token; default one drawn for this start (admin/admin-access.ts). */
  adminToken?: string;
}

export interface RunningAppInsightsStandIn {
  /** `http://localhost:<port>` */
  url: string;
  /** `https://localhost:<tlsPort>` when `tlsPort` was given, else null. */
  tlsUrl: string | null;
  /** `demoConnectionString()` pointing at this instance's http URL. */
  connectionString: string;
  /** Test controls and request log (also reachable over `/__admin`). */
  controls: StandInControls;
  /** What `/__admin` requests must carry in the x-quarry-admin-token header. */
  adminToken: string;
  close(): Promise<void>;
}

/** Audiences the default verifier accepts; a Kusto token then gets the real 403, not a 401. */
export const acceptedAudiences = [
  resources.appInsights,
  `${resources.appInsights}/`,
  resources.monitorIngestion,
  `${resources.monitorIngestion}/`,
  resources.kusto,
  `${resources.kusto}/`,
];

/** Verifies tokens of a local identity provider (default: the one at `urls.identityProvider`). */
export function createAppInsightsTokenVerifier(options: {
  jwksUrl?: string;
  issuer?: string;
  caPem: string;
}): TokenVerifier {
  return createTokenVerifier({
    jwksUrl: options.jwksUrl ?? urls.jwks,
    issuer: options.issuer ?? urls.issuer,
    audiences: acceptedAudiences,
    caPem: options.caPem,
  });
}

/** The two apps' generated history, ending at `now`. */
export function generateDemoTelemetry(now: Date): Map<AppInsightsApplication, TelemetryRows> {
  return new Map([
    [demoApplication, generateTelemetry(demoApplication, shopScenario, { now })],
    [billingApplication, generateTelemetry(billingApplication, billingScenario, { now })],
  ]);
}

export async function startAppInsightsStandIn(
  options: AppInsightsStandInOptions = {},
): Promise<RunningAppInsightsStandIn> {
  const host = options.host ?? 'localhost';
  const frozenNow = options.now;
  const now = () => frozenNow ?? new Date();
  const controls = new StandInControls();
  const store = new TelemetryStore(generateDemoTelemetry(now()));
  const needsCertificate = options.tlsPort !== undefined || !options.verifyToken;
  const certificate = needsCertificate
    ? (options.certificate ?? (await ensureLocalCertificate()))
    : null;
  const verifyToken =
    options.verifyToken ?? createAppInsightsTokenVerifier({ caPem: certificate!.certPem });
  const services: QueryApiServices = { store, controls, verifyToken, now };
  const adminToken = resolveAdminToken(options.adminToken);

  const metrics = createHttpMetrics('appinsights-standin');
  const handle = withHttpMetrics(
    metrics,
    (pathname) => routePattern(pathname.replace(/^\/v1\/apps\/[^/]+\//, '/v1/apps/{app}/')),
    (request, response): void => {
      const exchange = beginExchange(request, response);
      const started = Date.now();
      response.on('close', () => {
        if (exchange.url.pathname.startsWith('/__admin') || exchange.method === 'OPTIONS') return;
        controls.record({
          time: new Date(started).toISOString(),
          method: exchange.method,
          path: exchange.url.pathname,
          appId: exchange.logged.appId,
          query: exchange.logged.query,
          caller: exchange.logged.caller,
          requestId: exchange.requestId,
          status: response.statusCode,
        });
      });
      route(exchange, services, adminToken).catch((error: unknown) => {
        if (response.headersSent) {
          response.destroy();
          return;
        }
        console.error('App Insights stand-in: unhandled error', error);
        sendJson(exchange, 500, {
          error: {
            message: 'An internal server error occurred.',
            code: 'InternalServerFault',
            correlationId: exchange.correlationId,
            innererror: {
              code: 'InternalServerFault',
              message: String(error),
              correlationId: exchange.correlationId,
            },
          },
        });
      });
    },
  );

  const servers: Array<http.Server | https.Server> = [];
  const serve = async (make: () => http.Server | https.Server, port: number): Promise<number> => {
    const primary = make();
    await listen(primary, port, host === 'localhost' ? '127.0.0.1' : host);
    servers.push(primary);
    const bound = (primary.address() as AddressInfo).port;
    if (host === 'localhost') {
      const ipv6 = make();
      try {
        await listen(ipv6, bound, '::1');
        servers.push(ipv6);
      } catch {
        // No IPv6 loopback here: 127.0.0.1 alone is enough.
      }
    }
    return bound;
  };

  const port = await serve(() => http.createServer(handle), options.port ?? ports.appInsights);
  const url = `http://localhost:${port}`;
  let tlsUrl: string | null = null;
  if (options.tlsPort !== undefined) {
    const tls = certificate!;
    const tlsPort = await serve(
      () => https.createServer({ cert: tls.certPem, key: tls.keyPem }, handle),
      options.tlsPort,
    );
    tlsUrl = `https://localhost:${tlsPort}`;
  }
  if (options.warmUp ?? true) {
    setTimeout(() => store.database([demoApplication]), 0);
  }
  return {
    url,
    tlsUrl,
    connectionString: demoConnectionString(url),
    controls,
    adminToken,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

const APP_PATH = /^\/v1\/apps\/([^/]+)\/(query|metadata)$/;

async function route(
  exchange: Exchange,
  services: QueryApiServices,
  adminToken: string,
): Promise<void> {
  const { method } = exchange;
  const path = exchange.url.pathname.replace(/\/+$/, '') || '/';
  if (path.startsWith('/__admin/')) {
    await handleAdmin(exchange, services, path.slice('/__admin/'.length), adminToken);
    return;
  }
  if (method === 'OPTIONS') {
    answerPreflight(exchange);
    return;
  }
  const app = APP_PATH.exec(path);
  if (app && (method === 'GET' || method === 'POST')) {
    await handleQueryApi(
      exchange,
      services,
      decodeURIComponent(app[1]!),
      app[2] as 'query' | 'metadata',
    );
    return;
  }
  if ((path === '/v2.1/track' || path === '/v2/track') && method === 'POST') {
    await handleTrack(exchange, services, path === '/v2/track' ? 'v2' : 'v2.1');
    return;
  }
  if (path === '/' && method === 'GET') {
    sendJson(exchange, 200, {
      service: 'Quarry local Application Insights stand-in',
      query: `/v1/apps/${demoApplication.appId}/query?query=requests | take 10`,
      metadata: `/v1/apps/${demoApplication.appId}/metadata`,
      ingestion: '/v2.1/track',
    });
    return;
  }
  const error = pathNotFound(exchange.correlationId);
  sendJson(exchange, error.status, error.body);
}

function listen(server: http.Server | https.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
