import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from './runtime-config-schema';

const valid = {
  auth: {
    clientId: '9f3c1a2e-5b7d-4c8e-a1f0-2d4b6e8c0a13',
    authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    knownAuthorities: ['login.microsoftonline.com'],
  },
  connections: [
    {
      kind: 'kusto',
      name: 'help',
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
    },
  ],
};

function problemsOf(raw: unknown) {
  const result = parseRuntimeConfig(raw);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('runtime config validation', () => {
  it('accepts a minimal config and fills the defaults', () => {
    const result = parseRuntimeConfig(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.auth.redirectUri).toBe('/redirect.html');
    expect(result.config.auth.cacheLocation).toBe('sessionStorage');
    expect(result.config.trustedHosts).toEqual([]);
    expect(result.config.embedding.allowedHostOrigins).toEqual([]);
  });

  it('names a missing clientId', () => {
    const { clientId: _omit, ...auth } = valid.auth;
    const problems = problemsOf({ ...valid, auth });
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'auth.clientId',
        message: expect.stringMatching(/client\) ID/),
      }),
    ]);
  });

  it('rejects the shipped placeholder clientId with the fix', () => {
    const problems = problemsOf({
      ...valid,
      auth: { ...valid.auth, clientId: '00000000-0000-0000-0000-000000000000' },
    });
    expect(problems[0]?.field).toBe('auth.clientId');
    expect(problems[0]?.message).toMatch(/placeholder.*register a single-page application/);
  });

  it('rejects an http authority, naming MSAL’s error', () => {
    const problems = problemsOf({
      ...valid,
      auth: {
        ...valid.auth,
        authority: 'http://localhost:5180/contoso',
        knownAuthorities: ['localhost:5180'],
      },
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'auth.authority',
        message: expect.stringMatching(/authority_uri_insecure/),
      }),
    );
  });

  it('requires the authority host in knownAuthorities', () => {
    const problems = problemsOf({ ...valid, auth: { ...valid.auth, knownAuthorities: [] } });
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'auth.knownAuthorities',
        message: expect.stringContaining('"login.microsoftonline.com"'),
      }),
    ]);
  });

  it('rejects a cluster URL with a path and an unknown cache location', () => {
    const problems = problemsOf({
      ...valid,
      auth: { ...valid.auth, cacheLocation: 'cookies' },
      connections: [
        { ...valid.connections[0], clusterUrl: 'https://help.kusto.windows.net/Samples' },
      ],
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'auth.cacheLocation',
      'connections.0.clusterUrl',
    ]);
  });

  it('rejects trustedHosts the policy would refuse at boot, and http except loopback', () => {
    const problems = problemsOf({
      ...valid,
      trustedHosts: [
        'https://*.com',
        'http://cluster.corp.example.com',
        'http://localhost:5181',
        'https://*.corp.example.com',
      ],
      connections: [
        { ...valid.connections[0], clusterUrl: 'http://cluster.corp.example.com' },
        { ...valid.connections[0], clusterUrl: 'http://127.0.0.1:5181' },
      ],
    });
    expect(problems).toEqual([
      { field: 'connections.0.clusterUrl', message: expect.stringMatching(/must be https/) },
      {
        field: 'trustedHosts.0',
        message: expect.stringMatching(/^"https:\/\/\*\.com" .*two labels/),
      },
      { field: 'trustedHosts.1', message: expect.stringMatching(/clear text/) },
    ]);
  });

  it('defaults an App Insights resource from its endpoint, never the public API for another host', () => {
    const parsed = parseRuntimeConfig({
      ...valid,
      connections: [
        { kind: 'appinsights', name: 'public', appId: 'a' },
        {
          kind: 'appinsights',
          name: 'gov',
          appId: 'b',
          endpoint: 'https://api.applicationinsights.us',
        },
        {
          kind: 'appinsights',
          name: 'proxy',
          appId: 'c',
          endpoint: 'https://ai-proxy.corp.example.com',
        },
        {
          kind: 'appinsights',
          name: 'explicit',
          appId: 'd',
          endpoint: 'https://ai-proxy.corp.example.com',
          resource: 'https://api.applicationinsights.io/',
        },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(
      parsed.config.connections.map((c) => (c.kind === 'appinsights' ? c.resource : null)),
    ).toEqual([
      'https://api.applicationinsights.io',
      'https://api.applicationinsights.us',
      'https://ai-proxy.corp.example.com',
      'https://api.applicationinsights.io',
    ]);
  });

  it('says when auth or connections are missing entirely', () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.field).sort()).toEqual(['auth', 'connections']);
  });

  it('the shipped public/config.json fails only on the placeholder client id', () => {
    const shipped: unknown = JSON.parse(readFileSync('public/config.json', 'utf8'));
    expect(problemsOf(shipped).map((p) => p.field)).toEqual(['auth.clientId']);
  });
});
