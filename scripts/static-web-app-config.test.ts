import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  renderStaticWebAppConfig,
  staticWebAppConfigPath,
} from './static-web-app-config.ts';

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
