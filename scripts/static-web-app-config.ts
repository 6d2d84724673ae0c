/**
 * Builds public/staticwebapp.config.json (Azure Static Web Apps: routing, caching and security
 * headers) from public/config.json, so the CSP's connect-src/frame-src and the frame-ancestors
 * allow-list can never drift from what the runtime config trusts.
 *
 *   npx tsx scripts/static-web-app-config.ts          # rewrite the file
 *   npx tsx scripts/static-web-app-config.ts --check  # exit 1 if it is stale (used by tests)
 *   npx tsx scripts/static-web-app-config.ts --config=dist/config.json --out=dist/staticwebapp.config.json
 *
 * The output must pass the SWA schema (additionalProperties: false): no "$comment" key. The SWA
 * CLI silently ignores an invalid file and serves with none of these headers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  wellKnownKustoEndpoints,
  wellKnownMonitorApiHosts,
  wellKnownPrometheusEndpoints,
} from '../src/lib/trusted-hosts/well-known-kusto-endpoints.ts';

interface RuntimeConfigShape {
  auth: { authority: string };
  connections?: Array<{ clusterUrl?: string; endpoint?: string }>;
  trustedHosts?: string[];
  embedding?: { allowedHostOrigins?: string[] };
}

const root = fileURLToPath(new URL('..', import.meta.url));
export const runtimeConfigPath = `${root}public/config.json`;
export const staticWebAppConfigPath = `${root}public/staticwebapp.config.json`;

export function contentSecurityPolicy(config: RuntimeConfigShape): string {
  const authorityOrigin = new URL(config.auth.authority).origin;
  const loginOrigins = wellKnownKustoEndpoints.map((cloud) => cloud.loginEndpoint);
  const kustoHosts = wellKnownKustoEndpoints.flatMap((cloud) => [
    ...cloud.suffixes.map((suffix) => `https://*${suffix}`),
    ...cloud.hostnames.map((host) => `https://${host}`),
  ]);
  const monitorHosts = wellKnownMonitorApiHosts.map((host) => `https://${host}`);
  const prometheusHosts = wellKnownPrometheusEndpoints.map((cloud) => `https://*${cloud.suffix}`);
  // What a deployment adds: its own hosts and any connection outside the well-known families.
  const connectionOrigins = (config.connections ?? []).flatMap((connection) =>
    [connection.clusterUrl, connection.endpoint]
      .filter((url): url is string => typeof url === 'string')
      .map((url) => new URL(url).origin),
  );
  const extra = [...(config.trustedHosts ?? []), ...connectionOrigins].map(
    (url) => new URL(url).origin,
  );
  const unique = (values: string[]) => [...new Set(values)];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // AG Grid's theming API and Monaco inject <style> elements at run time.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // Monaco and the result parser run in module workers served from 'self'; CSV export uses blob: URLs.
    'worker-src': ["'self'", 'blob:'],
    'connect-src': unique([
      "'self'",
      authorityOrigin,
      ...loginOrigins,
      ...kustoHosts,
      ...monitorHosts,
      ...prometheusHosts,
      ...extra,
    ]),
    // MSAL's silent renewal loads the authority in a hidden iframe; the redirect bridge page is 'self'.
    'frame-src': unique(["'self'", authorityOrigin, ...loginOrigins]),
    'frame-ancestors': unique(["'self'", ...(config.embedding?.allowedHostOrigins ?? [])]),
    'form-action': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export function staticWebAppConfig(config: RuntimeConfigShape) {
  const noCache = { 'Cache-Control': 'no-cache' };
  return {
    navigationFallback: {
      rewrite: '/index.html',
      exclude: [
        '/assets/*',
        '/redirect.html',
        '/popup-relay.html',
        '/config.json',
        '/favicon.svg',
        '/*.{js,mjs,css,map,json,svg,png,ico,txt,woff,woff2,ttf}',
      ],
    },
    routes: [
      { route: '/assets/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
      { route: '/index.html', headers: noCache },
      { route: '/config.json', headers: noCache },
      { route: '/redirect.html', headers: noCache },
      { route: '/popup-relay.html', headers: noCache },
      { route: '/', headers: noCache },
    ],
    responseOverrides: {
      '404': { statusCode: 404, rewrite: '/404.html' },
    },
    globalHeaders: {
      // The default for every response, deep links rewritten to index.html included; hashed
      // assets override it in routes[] (a route's header wins over a global one).
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': contentSecurityPolicy(config),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Permissions-Policy':
        'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-write=(self)',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
    mimeTypes: { '.json': 'application/json', '.map': 'application/json' },
  };
}

export function renderStaticWebAppConfig(configPath = runtimeConfigPath): string {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as RuntimeConfigShape;
  return `${JSON.stringify(staticWebAppConfig(config), null, 2)}\n`;
}

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rendered = renderStaticWebAppConfig(argument('config'));
  const outPath = argument('out') ?? staticWebAppConfigPath;
  if (process.argv.includes('--check')) {
    const current = readFileSync(outPath, 'utf8');
    if (current !== rendered) {
      console.error(
        'public/staticwebapp.config.json is stale: run npx tsx scripts/static-web-app-config.ts',
      );
      process.exit(1);
    }
  } else {
    writeFileSync(outPath, rendered);
    console.log(`Wrote ${outPath}`);
  }
}
