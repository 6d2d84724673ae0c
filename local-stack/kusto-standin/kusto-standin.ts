/**
 * The Kusto stand-in cluster: a Node HTTP server speaking the real Kusto REST wire formats
 * (v1/v2 query, v1 mgmt, auth metadata) over the StormEvents replica, so the official
 * `azure-kusto-data` SDK and Quarry's browser client both work against it unchanged.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminRefusal, resolveAdminToken } from '../admin/admin-access.ts';
import { createHttpMetrics, routePattern, withHttpMetrics } from '../metrics/http-metrics.ts';
import { ports, tenant, urls } from '../local-constants.ts';
import { cutResponseAfter } from './cut-response.ts';
import { ensureLocalCertificate } from '../tls/local-certificate.ts';
import { buildLocalCatalog } from './database-catalog.ts';
import type { DatabaseCatalog } from './database-catalog.ts';
import { sendJson, sendText } from './kusto-exchange.ts';
import type { KustoExchange } from './kusto-exchange.ts';
import { executeManagementCommand } from './management-commands.ts';
import { badRequestBody, throttledBody } from './one-api-errors.ts';
import { principalFromClaims } from './principals.ts';
import { executeQuery } from './query-execution.ts';
import type { QueryServices } from './query-execution.ts';
import { readKustoRequest, RequestFormatError } from './query-request.ts';
import { StandInControls } from './standin-controls.ts';
import { createTokenVerifier } from './token-verifier.ts';
import type { TokenVerifier } from './token-verifier.ts';

export interface KustoStandInOptions {
  /** Default `ports.kusto` (5181); 0 picks a free port. */
  port?: number;
  /** Default `localhost` (serves 127.0.0.1 and, when available, ::1). */
  host?: string;
  /** Default: tokens from the local identity provider with the cluster URL as audience. */
  verifyToken?: TokenVerifier;
  /** Default: `buildLocalCatalog()` (Samples, ContosoSales, QuarryTest). */
  catalog?: DatabaseCatalog;
  /** The `/__admin` token; default one drawn for this start (admin/admin-access.ts). */
  adminToken?: string;
}

export interface RunningKustoStandIn {
  /** `http://localhost:<port>` */
  url: string;
  close(): Promise<void>;
  /** Test controls and request log (also reachable over `/__admin`). */
  controls: StandInControls;
  /** What `/__admin` requests must carry in the x-quarry-admin-token header. */
  adminToken: string;
}

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'cache-control',
  'x-ms-app',
  'x-ms-user',
  'x-ms-user-id',
  'x-ms-client-version',
  'x-ms-client-request-id',
  'x-ms-version',
  'x-ms-readonly',
].join(', ');
/** Responses the admin `cut-next` switch can cut. */
const QUERY_PATHS = new Set(['/v1/rest/query', '/v2/rest/query', '/v1/rest/mgmt']);
const EXPOSED_HEADERS = 'x-ms-client-request-id, x-ms-activity-id, retry-after';

export async function startKustoStandIn(
  options: KustoStandInOptions = {},
): Promise<RunningKustoStandIn> {
  const requestedPort = options.port ?? ports.kusto;
  const host = options.host ?? 'localhost';
  const catalog = options.catalog ?? buildLocalCatalog();
  const controls = new StandInControls();
  const services: QueryServices = { catalog, controls };
  const adminToken = resolveAdminToken(options.adminToken);

  const ready: { url?: string; verify?: TokenVerifier } = {};
  const metrics = createHttpMetrics('kusto-standin', true);
  const handle = withHttpMetrics(metrics, routePattern, (request, response): void => {
    if (!ready.url || !ready.verify) {
      response.writeHead(503).end();
      return;
    }
    const exchange = beginExchange(request, response, controls);
    route(exchange, services, ready.url, ready.verify, adminToken).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      console.error('Kusto stand-in: unhandled error', error);
      sendJson(exchange, 500, badRequestBody(`Internal error: ${String(error)}`, exchange.ids));
    });
  });

  const servers: http.Server[] = [];
  const primary = http.createServer(handle);
  await listen(primary, requestedPort, host === 'localhost' ? '127.0.0.1' : host);
  servers.push(primary);
  const port = (primary.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  ready.verify = options.verifyToken ?? (await defaultVerifier(url));
  ready.url = url;
  if (host === 'localhost') {
    const ipv6 = http.createServer(handle);
    try {
      await listen(ipv6, port, '::1');
      servers.push(ipv6);
    } catch {
      // No IPv6 loopback here: 127.0.0.1 alone is enough.
    }
  }
  return {
    url,
    controls,
    adminToken,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

async function defaultVerifier(clusterUrl: string): Promise<TokenVerifier> {
  const certificate = await ensureLocalCertificate();
  return createTokenVerifier({
    jwksUrl: urls.jwks,
    issuer: urls.issuer,
    audiences: [
      ...new Set([
        clusterUrl,
        `${clusterUrl}/`,
        urls.kusto,
        `${urls.kusto}/`,
        'https://kusto.kusto.windows.net',
      ]),
    ],
    caPem: certificate.certPem,
  });
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function beginExchange(
  request: IncomingMessage,
  response: ServerResponse,
  controls: StandInControls,
): KustoExchange {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headerId = request.headers['x-ms-client-request-id'];
  const clientRequestId =
    (Array.isArray(headerId) ? headerId[0] : headerId) || `unspecified;${crypto.randomUUID()}`;
  const exchange: KustoExchange = {
    request,
    response,
    url,
    ids: { clientRequestId, activityId: crypto.randomUUID() },
    principal: null,
    logged: { db: null, csl: null },
  };
  response.setHeader('x-ms-client-request-id', clientRequestId);
  response.setHeader('x-ms-activity-id', exchange.ids.activityId);
  const origin = request.headers.origin;
  const admin = url.pathname.startsWith('/__admin');
  // /__admin answers no web page: no CORS headers at all there.
  if (origin && !admin) {
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    response.setHeader('Vary', 'Origin');
  }
  if (!admin && QUERY_PATHS.has(url.pathname.replace(/\/+$/, ''))) {
    const cutAfter = controls.takeCut();
    if (cutAfter !== null) cutResponseAfter(response, cutAfter);
  }
  const started = Date.now();
  response.on('close', () => {
    if (url.pathname.startsWith('/__admin') || request.method === 'OPTIONS') return;
    controls.record({
      time: new Date(started).toISOString(),
      method: request.method ?? '',
      path: url.pathname,
      db: exchange.logged.db,
      csl: exchange.logged.csl,
      clientRequestId: exchange.ids.clientRequestId,
      user: exchange.principal?.displayName ?? null,
      status: response.statusCode,
    });
  });
  return exchange;
}

async function route(
  exchange: KustoExchange,
  services: QueryServices,
  clusterUrl: string,
  verify: TokenVerifier,
  adminToken: string,
) {
  const { request, url } = exchange;
  const method = request.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';

  if (path.startsWith('/__admin')) {
    await handleAdmin(exchange, services.controls, path, method, adminToken);
    return;
  }
  if (method === 'OPTIONS') {
    exchange.response.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    });
    exchange.response.end();
    return;
  }
  if (path === '/v1/rest/auth/metadata' && method === 'GET') {
    sendJson(exchange, 200, {
      AzureAD: {
        LoginEndpoint: urls.identityProvider,
        LoginMfaRequired: false,
        KustoClientAppId: 'db662dc1-0cfe-4e1c-a843-19a68e65be58',
        KustoClientRedirectUri: 'https://microsoft/kustoclient',
        KustoServiceResourceId: clusterUrl,
        FirstPartyAuthorityUrl: `${urls.identityProvider}/${tenant.id}`,
      },
    });
    return;
  }

  const endpoint =
    path === '/v2/rest/query'
      ? 'v2'
      : path === '/v1/rest/query'
        ? 'v1'
        : path === '/v1/rest/mgmt'
          ? 'mgmt'
          : null;
  if (
    !endpoint ||
    (method !== 'POST' && method !== 'GET') ||
    (endpoint === 'mgmt' && method !== 'POST')
  ) {
    request.resume();
    sendJson(
      exchange,
      404,
      badRequestBody(`No such endpoint: ${method} ${url.pathname}`, exchange.ids),
    );
    return;
  }

  const verification = await verify(request.headers.authorization);
  if (!verification.ok) {
    request.resume();
    sendText(exchange, 401, `Unauthorized: ${verification.reason}`, {
      'WWW-Authenticate': `Bearer authorization_uri="${urls.identityProvider}/${tenant.id}", error="invalid_token", error_description="${verification.reason}"`,
    });
    return;
  }
  exchange.principal = principalFromClaims(verification.claims);

  const failure = services.controls.takeFailure();
  if (failure) {
    request.resume();
    sendJson(
      exchange,
      failure.status,
      throttledBody(failure.status, exchange.ids),
      failure.retryAfterSeconds === undefined
        ? {}
        : { 'Retry-After': String(failure.retryAfterSeconds) },
    );
    return;
  }

  let kustoRequest;
  try {
    kustoRequest = await readKustoRequest(request, url);
  } catch (error) {
    if (error instanceof RequestFormatError) {
      sendJson(exchange, 400, badRequestBody(error.message, exchange.ids));
      return;
    }
    throw error;
  }
  if (!request.headers['x-ms-client-request-id'] && kustoRequest.properties.ClientRequestId) {
    exchange.ids.clientRequestId = kustoRequest.properties.ClientRequestId;
    exchange.response.setHeader('x-ms-client-request-id', exchange.ids.clientRequestId);
  }
  exchange.logged = { db: kustoRequest.db, csl: kustoRequest.csl };

  if (endpoint === 'mgmt') await executeManagementCommand(exchange, services, kustoRequest);
  else await executeQuery(endpoint, exchange, services, kustoRequest);
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * Test controls for loopback callers with the per-start token: fail-next, delay-next, cut-next,
 * reset, requests.
 */
async function handleAdmin(
  exchange: KustoExchange,
  controls: StandInControls,
  path: string,
  method: string,
  adminToken: string,
) {
  if (!isLoopback(exchange.request.socket.remoteAddress)) {
    exchange.request.resume();
    sendJson(exchange, 403, { error: 'The admin endpoints answer loopback callers only.' });
    return;
  }
  const refusal = adminRefusal(exchange.request.headers, adminToken);
  if (refusal) {
    exchange.request.resume();
    sendJson(exchange, 403, { error: refusal });
    return;
  }
  if (path === '/__admin/requests' && method === 'GET') {
    sendJson(exchange, 200, { requests: controls.log });
    return;
  }
  if (method !== 'POST') {
    exchange.request.resume();
    sendJson(exchange, 404, { error: `No such admin endpoint: ${method} ${path}` });
    return;
  }
  let body: Record<string, unknown>;
  try {
    body = await readJsonBody(exchange.request);
  } catch {
    sendJson(exchange, 400, { error: 'The body is not valid JSON.' });
    return;
  }
  if (path === '/__admin/fail-next') {
    const status = body.status;
    if (status !== 429 && status !== 503) {
      sendJson(exchange, 400, { error: 'status must be 429 or 503.' });
      return;
    }
    const retryAfterSeconds =
      typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined;
    const times = typeof body.times === 'number' && body.times > 0 ? Math.floor(body.times) : 1;
    controls.failNext({ status, retryAfterSeconds, times });
    sendJson(exchange, 200, {
      ok: true,
      status,
      retryAfterSeconds: retryAfterSeconds ?? null,
      times,
    });
    return;
  }
  if (path === '/__admin/delay-next') {
    const ms = body.ms;
    if (typeof ms !== 'number' || ms < 0) {
      sendJson(exchange, 400, { error: 'ms must be a non-negative number.' });
      return;
    }
    controls.delayNext(ms);
    sendJson(exchange, 200, { ok: true, ms });
    return;
  }
  if (path === '/__admin/cut-next') {
    const bytes = body.bytes;
    if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0) {
      sendJson(exchange, 400, { error: 'bytes must be a non-negative integer.' });
      return;
    }
    controls.cutNext(bytes);
    sendJson(exchange, 200, { ok: true, bytes });
    return;
  }
  if (path === '/__admin/reset') {
    controls.reset();
    sendJson(exchange, 200, { ok: true });
    return;
  }
  sendJson(exchange, 404, { error: `No such admin endpoint: POST ${path}` });
}
