/**
 * The Azure Monitor workspace stand-in (managed Prometheus) on `ports.prometheusWorkspace`: checks
 * Entra tokens like the real workspace, then hands the request to a real Prometheus.
 *
 * - Query API, as `https://<workspace>.<region>.prometheus.monitor.azure.com` serves it:
 *   `/api/v1/query`, `query_range`, `labels`, `label/<name>/values`, `series`, `metadata` (GET and
 *   POST), for tokens with audience https://prometheus.monitor.azure.com and the Monitoring Data
 *   Reader role.
 * - Ingestion, as the workspace's data collection endpoint serves it:
 *   `POST /dataCollectionRules/<dcr>/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=…`
 *   (Prometheus remote write), for tokens with audience https://monitor.azure.com and the
 *   Monitoring Metrics Publisher role.
 * - `/metrics`: the stand-in's own request metrics.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorRoles, ports, prometheusWorkspace, resources } from '../local-constants.ts';
import type { TokenClaims, TokenVerifier } from '../kusto-standin/token-verifier.ts';
import { listenOnLoopback } from '../http/loopback-server.ts';
import { createHttpMetrics, routePattern } from '../metrics/http-metrics.ts';
import { workspaceErrors, type WorkspaceError } from './workspace-errors.ts';

export interface WorkspaceStandInOptions {
  /** Default `ports.prometheusWorkspace` (5184); 0 picks a free port. */
  port?: number;
  /**
   * Must accept audiences resources.prometheus (query) and resources.monitorIngestion (ingestion);
   * the stand-in checks which one each path needs.
   */
  verifyToken: TokenVerifier;
  /** The real Prometheus behind it (`http://127.0.0.1:9091`); undefined when none is installed. */
  storageUrl: string | undefined;
  /** Why there is no storage, for the 503 (default: Prometheus is not installed). */
  storageMissingReason?: string;
}

export interface RunningWorkspaceStandIn {
  url: string;
  close(): Promise<void>;
}

/** The Prometheus HTTP API paths the workspace answers (others are 404, as on the real one). */
const queryPaths = [
  /^\/api\/v1\/query$/,
  /^\/api\/v1\/query_range$/,
  /^\/api\/v1\/labels$/,
  /^\/api\/v1\/label\/[^/]+\/values$/,
  /^\/api\/v1\/series$/,
  /^\/api\/v1\/metadata$/,
];
const ingestionPath =
  /^\/dataCollectionRules\/([^/]+)\/streams\/Microsoft-PrometheusMetrics\/api\/v1\/write$/;

const exposedHeaders = 'x-ms-request-id, x-ms-client-request-id';
const allowedHeaders = 'authorization, content-type, x-ms-client-request-id, x-ms-app';

export async function startWorkspaceStandIn(
  options: WorkspaceStandInOptions,
): Promise<RunningWorkspaceStandIn> {
  const metrics = createHttpMetrics('prometheus-workspace');
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    route(request, response, options, metrics).catch((error: unknown) => {
      console.error('workspace stand-in: unhandled error', error);
      if (response.headersSent) response.destroy();
      else sendError(response, workspaceErrors.storageUnavailable(String(error), 'unknown'));
    });
  };
  const server = await listenOnLoopback(handle, options.port ?? ports.prometheusWorkspace);
  return { url: `http://localhost:${server.port}`, close: server.close };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: WorkspaceStandInOptions,
  metrics: ReturnType<typeof createHttpMetrics>,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const requestId = randomUUID();
  const clientRequestId = headerOf(request, 'x-ms-client-request-id');
  const correlationId = clientRequestId ?? requestId;
  response.setHeader('x-ms-request-id', requestId);
  if (clientRequestId) response.setHeader('x-ms-client-request-id', clientRequestId);
  const origin = headerOf(request, 'origin');
  if (origin) {
    // Like the Kusto stand-in: any origin may call, since every data path needs a bearer token.
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Expose-Headers', exposedHeaders);
    response.setHeader('Vary', 'Origin');
  }
  const ingestion = ingestionPath.exec(url.pathname);
  metrics.track(
    request,
    response,
    ingestion
      ? '/dataCollectionRules/{dcr}/streams/Microsoft-PrometheusMetrics/api/v1/write'
      : url.pathname.startsWith('/api/v1/label/')
        ? '/api/v1/label/{name}/values'
        : routePattern(url.pathname),
  );

  if (method === 'OPTIONS') {
    response.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers':
        headerOf(request, 'access-control-request-headers') ?? allowedHeaders,
      'Access-Control-Max-Age': '600',
    });
    response.end();
    return;
  }
  if (url.pathname === '/metrics' && method === 'GET') {
    await metrics.serve(response);
    return;
  }
  if (url.pathname === '/' && method === 'GET') {
    sendJson(response, 200, {
      service: 'Quarry local Azure Monitor workspace (managed Prometheus stand-in)',
      workspace: prometheusWorkspace.name,
      queryResource: resources.prometheus,
      ingestionPath: `/dataCollectionRules/${prometheusWorkspace.dataCollectionRuleId}/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=${prometheusWorkspace.apiVersion}`,
      storage: options.storageUrl ?? null,
    });
    return;
  }

  if (queryPaths.some((pattern) => pattern.test(url.pathname))) {
    if (method !== 'GET' && method !== 'POST') {
      sendError(response, workspaceErrors.methodNotAllowed(method, correlationId));
      return;
    }
    const refusal = await authorize(request, options.verifyToken, {
      resource: resources.prometheus,
      role: monitorRoles.dataReader,
      correlationId,
    });
    if (refusal) {
      sendError(response, refusal);
      return;
    }
    await forward(request, response, options, `${url.pathname}${url.search}`, correlationId);
    return;
  }

  if (ingestion) {
    if (method !== 'POST') {
      sendError(response, workspaceErrors.methodNotAllowed(method, correlationId));
      return;
    }
    if (ingestion[1] !== prometheusWorkspace.dataCollectionRuleId) {
      sendError(response, workspaceErrors.unknownRule(ingestion[1]!, correlationId));
      return;
    }
    if (!url.searchParams.get('api-version')) {
      sendError(response, workspaceErrors.missingApiVersion(correlationId));
      return;
    }
    const refusal = await authorize(request, options.verifyToken, {
      resource: resources.monitorIngestion,
      role: monitorRoles.metricsPublisher,
      correlationId,
    });
    if (refusal) {
      sendError(response, refusal);
      return;
    }
    await forward(request, response, options, '/api/v1/write', correlationId);
    return;
  }

  sendError(response, workspaceErrors.notFound(url.pathname, correlationId));
}

function audiences(claims: TokenClaims): string[] {
  const aud = claims.aud;
  return (Array.isArray(aud) ? aud : aud === undefined ? [] : [aud]).map((a) =>
    a.replace(/\/+$/, ''),
  );
}

/** Who the token names, for messages: the user's name, or the app's client id. */
function principalOf(claims: TokenClaims): string {
  const user = claims.upn ?? claims.preferred_username;
  if (typeof user === 'string') return `The user '${user}'`;
  const app = claims.appid ?? claims.azp;
  return typeof app === 'string' ? `The application '${app}'` : 'The caller';
}

async function authorize(
  request: IncomingMessage,
  verifyToken: TokenVerifier,
  need: { resource: string; role: string; correlationId: string },
): Promise<WorkspaceError | undefined> {
  const verification = await verifyToken(headerOf(request, 'authorization'));
  if (!verification.ok) {
    return workspaceErrors.authenticationFailed(verification.reason, need.correlationId);
  }
  const { claims } = verification;
  if (!audiences(claims).includes(need.resource)) {
    return workspaceErrors.wrongAudience(
      audiences(claims).join(', '),
      need.resource,
      need.correlationId,
    );
  }
  const roles = Array.isArray(claims.roles) ? (claims.roles as unknown[]) : [];
  if (!roles.includes(need.role)) {
    return workspaceErrors.missingRole(
      principalOf(claims),
      need.role,
      prometheusWorkspace.name,
      need.correlationId,
    );
  }
  return undefined;
}

/** Request headers the storage needs (the caller's token stays here). */
const forwardedRequestHeaders = [
  'content-type',
  'content-encoding',
  'content-length',
  'accept',
  'x-prometheus-remote-write-version',
];
const forwardedResponseHeaders = ['content-type', 'content-encoding', 'content-length'];

async function forward(
  request: IncomingMessage,
  response: ServerResponse,
  options: WorkspaceStandInOptions,
  targetPath: string,
  correlationId: string,
): Promise<void> {
  if (!options.storageUrl) {
    sendError(
      response,
      workspaceErrors.storageUnavailable(
        options.storageMissingReason ??
          'Prometheus is not installed on this machine (apt-get install prometheus, then restart npm start).',
        correlationId,
      ),
    );
    return;
  }
  const target = new URL(targetPath, options.storageUrl);
  const headers: Record<string, string> = {};
  for (const name of forwardedRequestHeaders) {
    const value = headerOf(request, name);
    if (value !== undefined) headers[name] = value;
  }
  await new Promise<void>((resolve) => {
    const upstream = http.request(target, { method: request.method, headers }, (answer) => {
      const out: Record<string, string> = {};
      for (const name of forwardedResponseHeaders) {
        const value = answer.headers[name];
        if (typeof value === 'string') out[name] = value;
      }
      response.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(response);
      answer.on('end', resolve);
      answer.on('error', () => {
        response.destroy();
        resolve();
      });
    });
    upstream.on('error', (error) => {
      if (response.headersSent) response.destroy();
      else sendError(response, workspaceErrors.storageUnavailable(error.message, correlationId));
      resolve();
    });
    request.pipe(upstream);
  });
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: WorkspaceError): void {
  sendJson(response, error.status, error.body);
}
