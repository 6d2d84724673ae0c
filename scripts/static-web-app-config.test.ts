import { readFileSync } from 'node:fs';
import jsonSchemaLibrary from 'json-schema-library';
import { describe, expect, it } from 'vitest';
import { localConsoleConfig } from '../local-stack/console-config.ts';
import {
  contentSecurityPolicy,
  renderStaticWebAppConfig,
  staticWebAppConfig,
  staticWebAppConfigPath,
} from './static-web-app-config.ts';

// The schema the SWA CLI validates with (and silently ignores the whole file when it fails).
// json-schema-library comes with the CLI; using the CLI's own validator keeps us honest.
const swaSchema: unknown = JSON.parse(
  readFileSync('node_modules/@azure/static-web-apps-cli/schema/staticwebapp.config.json', 'utf8'),
);

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

const config = {
  auth: { authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' },
  trustedHosts: ['https://kusto.contoso.internal'],
  embedding: { allowedHostOrigins: ['https://portal.contoso.com'] },
};

describe('Static Web Apps config', () => {
  it('the committed file is what public/config.json generates (no drift)', () => {
    expect(readFileSync(staticWebAppConfigPath, 'utf8')).toBe(renderStaticWebAppConfig());
  });

  it('passes the Static Web Apps schema, for the shipped and the local config', () => {
    const validator = new jsonSchemaLibrary.Draft04(swaSchema as object);
    const shipped: unknown = JSON.parse(readFileSync(staticWebAppConfigPath, 'utf8'));
    expect(validator.validate(shipped)).toEqual([]);
    expect(validator.validate(staticWebAppConfig(localConsoleConfig()))).toEqual([]);
  });

  it('caches hashed assets forever, everything else never without revalidation', () => {
    const swa = staticWebAppConfig(config);
    expect(swa.globalHeaders['Cache-Control']).toBe('no-cache');
    expect(swa.routes).toContainEqual({
      route: '/assets/*',
      headers: { 'Cache-Control': 'public, max-age=31536000, immutable' },
    });
    expect(swa.navigationFallback.exclude).toEqual(
      expect.arrayContaining(['/assets/*', '/redirect.html', '/popup-relay.html', '/config.json']),
    );
  });

  it('lets queries reach a configured connection outside the well-known families', () => {
    const connect =
      directives(
        contentSecurityPolicy({
          ...config,
          connections: [{ endpoint: 'https://ai-proxy.contoso.com/api' }],
        }),
      ).get('connect-src') ?? [];
    expect(connect).toContain('https://ai-proxy.contoso.com');
  });

  it('runs only our own scripts: no inline or eval', () => {
    const csp = directives(contentSecurityPolicy(config));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy(config)).not.toContain('unsafe-eval');
  });

  it('lets tokens and queries reach the authority, Kusto and Monitor families and configured hosts only', () => {
    const connect = directives(contentSecurityPolicy(config)).get('connect-src') ?? [];
    expect(connect).toEqual(
      expect.arrayContaining([
        "'self'",
        'https://login.microsoftonline.com',
        'https://*.kusto.windows.net',
        'https://*.kusto.usgovcloudapi.net',
        'https://*.kusto.chinacloudapi.cn',
        'https://api.applicationinsights.io',
        'https://api.loganalytics.io',
        'https://kusto.contoso.internal',
      ]),
    );
    expect(connect).not.toContain('*');
    expect(connect.some((source) => source.startsWith('http:'))).toBe(false);
  });

  it('allows framing only by itself and the configured portals', () => {
    expect(directives(contentSecurityPolicy(config)).get('frame-ancestors')).toEqual([
      "'self'",
      'https://portal.contoso.com',
    ]);
  });
});
