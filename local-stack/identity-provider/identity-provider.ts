/**
 * A local stand-in for Microsoft Entra ID (v2.0 endpoints) that real MSAL.js signs in against:
 * auth code + PKCE with a sign-in page, silent renewal, refresh tokens and client credentials,
 * over TLS on loopback, plus `/__admin/*` test controls.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpMetrics, routePattern, withHttpMetrics } from '../metrics/http-metrics.ts';
import { ports, tenant } from '../local-constants.ts';
import { ensureLocalCertificate, type LocalCertificate } from '../tls/local-certificate.ts';
import { handleAdmin } from './admin-endpoints.ts';
import { AssertionReplayCache } from './client-assertion.ts';
import { loadAppRegistrations, type ProxyCertificates } from './app-registrations.ts';
import { ensureProxyClientCertificates } from '../tls/client-certificate.ts';
import { handleAuthorize, handleLogout, handleSignInForm } from './authorize-endpoint.ts';
import { handleJwks, handleOpenIdConfiguration } from './discovery-endpoints.ts';
import { entraErrorBody, entraErrors, type TraceContext } from './entra-errors.ts';
import { GrantStore } from './grant-store.ts';
import { RequestBodyError, header, sendHtml, sendJson } from './http-exchange.ts';
import type { Exchange, IdentityProviderContext } from './identity-provider-context.ts';
import { resolveAdminToken } from '../admin/admin-access.ts';
import { renderErrorPage } from './identity-provider-pages.ts';
import { resolveTenantAlias } from './local-tenant.ts';
import { TestControls, defaultTokenLifetimes } from './test-controls.ts';
import { handleToken, handleTokenPreflight } from './token-endpoint.ts';
import { createTokenSigner, generateSigningKey } from './token-signer.ts';

export interface IdentityProviderOptions {
  /** Default `ports.identityProvider` (5180); 0 picks a free port. */
  port?: number;
  /** Default `localhost`, which listens on 127.0.0.1 and, when available, ::1. */
  host?: string;
  /** Clock in milliseconds, for tests that need codes or tokens to expire. */
  now?: () => number;
  /** Certificate to serve; default the shared local one (`ensureLocalCertificate()`). */
  certificate?: Pick<LocalCertificate, 'certPem' | 'keyPem'>;
  /** The `/__admin` token; default one drawn for this start (admin/admin-access.ts). */
  adminToken?: string;
  /** Certificates of the proxy apps; default the ones under .local-stack/certs (made if missing). */
  proxyCertificates?: ProxyCertificates;
}

export interface RunningIdentityProvider {
  /** `https://localhost:<port>`, with the port actually bound. */
  url: string;
  /** `https://localhost:<port>/<tenant-guid>/v2.0` */
  issuer: string;
  /** What `/__admin` requests must carry in the x-quarry-admin-token header. */
  adminToken: string;
  close(): Promise<void>;
}

type Route = (context: IdentityProviderContext, exchange: Exchange) => void | Promise<void>;

/** Tenant-scoped routes: `/{tenant}/<path>` → method → handler; `page` routes fail as HTML. */
const tenantRoutes: Record<string, { methods: Record<string, Route>; page: boolean }> = {
  'v2.0/.well-known/openid-configuration': {
    methods: { GET: handleOpenIdConfiguration },
    page: false,
  },
  'discovery/v2.0/keys': { methods: { GET: handleJwks }, page: false },
  'oauth2/v2.0/authorize': { methods: { GET: handleAuthorize, POST: handleAuthorize }, page: true },
  login: { methods: { POST: handleSignInForm }, page: true },
  'oauth2/v2.0/token': {
    methods: { POST: handleToken, OPTIONS: (_context, exchange) => handleTokenPreflight(exchange) },
    page: false,
  },
  'oauth2/v2.0/logout': { methods: { GET: handleLogout, POST: handleLogout }, page: true },
};

async function route(
  context: IdentityProviderContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', context.baseUrl);
  const segments = url.pathname.split('/').filter((segment) => segment.length > 0);
  const [first, ...rest] = segments;
  if (first === '__admin') {
    await handleAdmin(context, request, response, rest.join('/'));
    return;
  }
  if (first === undefined) {
    sendJson(response, 200, {
      service: 'Quarry local identity provider (Entra ID v2.0 stand-in)',
      issuer: context.issuer,
      openIdConfiguration: `${context.baseUrl}/${tenant.id}/v2.0/.well-known/openid-configuration`,
    });
    return;
  }

  const trace: TraceContext = {
    correlationId:
      url.searchParams.get('client-request-id') ||
      header(request, 'client-request-id') ||
      randomUUID(),
    traceId: randomUUID(),
    timestamp: new Date(context.now()),
  };
  const target = tenantRoutes[rest.join('/')];
  const handler = target?.methods[request.method ?? 'GET'];
  if (!target || !handler) {
    sendJson(response, 404, {
      error: 'not_found',
      error_description: `No endpoint ${url.pathname}`,
    });
    return;
  }
  const tenantSegment = decodeURIComponent(first);
  const tenantAlias = resolveTenantAlias(tenantSegment);
  if (!tenantAlias) {
    const entraError = entraErrors.tenantNotFound(tenantSegment);
    if (target.page) {
      sendHtml(response, 400, renderErrorPage(entraError, trace));
    } else {
      sendJson(response, 400, entraErrorBody(entraError, trace), {
        'Access-Control-Allow-Origin': header(request, 'origin') ?? '*',
      });
    }
    return;
  }
  await handler(context, { request, response, url, trace, tenantAlias });
}

function listen(server: https.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startIdentityProvider(
  options: IdentityProviderOptions = {},
): Promise<RunningIdentityProvider> {
  const requestedPort = options.port ?? ports.identityProvider;
  const host = options.host ?? 'localhost';
  const now = options.now ?? Date.now;
  const certificate = options.certificate ?? (await ensureLocalCertificate());
  const proxyCertificates =
    options.proxyCertificates ??
    (await ensureProxyClientCertificates().then(({ query, ingestion }) => ({
      query: query.certPem,
      ingestion: ingestion.certPem,
    })));
  const registrations = loadAppRegistrations(process.env, proxyCertificates);
  const controls = new TestControls(defaultTokenLifetimes(), now);
  const signingKey = await generateSigningKey();
  const adminToken = resolveAdminToken(options.adminToken);

  // The context needs the bound port (issuer, endpoints), known only after listen(); it is set
  // in the same tick as listen() completes, so the 503 below is not observable.
  const ready: { context?: IdentityProviderContext } = {};
  const metrics = createHttpMetrics('identity-provider');
  const handle = withHttpMetrics(
    metrics,
    (pathname) =>
      // The first segment names the tenant (guid, name or alias): one route for all of them.
      pathname.startsWith('/__admin')
        ? routePattern(pathname)
        : routePattern(pathname, { 0: 'tenant' }),
    (request, response): void => {
      const { context } = ready;
      if (!context) {
        sendJson(response, 503, { error: 'starting' });
        return;
      }
      route(context, request, response).catch((error: unknown) => {
        if (response.headersSent) {
          response.destroy();
          return;
        }
        if (error instanceof RequestBodyError) {
          sendJson(response, 400, { error: 'invalid_request', error_description: error.message });
          return;
        }
        console.error('identity provider: unhandled error', error);
        sendJson(response, 500, { error: 'server_error', error_description: String(error) });
      });
    },
  );
  const tls = { cert: certificate.certPem, key: certificate.keyPem };
  const servers: https.Server[] = [];
  // "localhost" may resolve to either loopback address; serve both so browsers and Node agree.
  const primaryHost = host === 'localhost' ? '127.0.0.1' : host;
  const primary = https.createServer(tls, handle);
  await listen(primary, requestedPort, primaryHost);
  servers.push(primary);
  const port = (primary.address() as AddressInfo).port;

  const baseUrl = `https://localhost:${port}`;
  const issuer = `${baseUrl}/${tenant.id}/v2.0`;
  const byClientId = new Map(
    registrations.map((registration) => [registration.clientId.toLowerCase(), registration]),
  );
  ready.context = {
    baseUrl,
    issuer,
    signer: createTokenSigner(signingKey, issuer),
    store: new GrantStore(now),
    assertionReplay: new AssertionReplayCache(),
    controls,
    adminToken,
    findRegistration: (clientId) => (clientId ? byClientId.get(clientId.toLowerCase()) : undefined),
    allRegistrations: () => registrations,
    now,
  };
  if (host === 'localhost') {
    const ipv6 = https.createServer(tls, handle);
    try {
      await listen(ipv6, port, '::1');
      servers.push(ipv6);
    } catch {
      // No IPv6 loopback here (or the port is taken on it): 127.0.0.1 alone is enough.
    }
  }
  return {
    url: baseUrl,
    issuer,
    adminToken,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
