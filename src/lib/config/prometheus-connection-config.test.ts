import { describe, expect, it } from 'vitest';
import { checkTokenTarget } from '../trusted-hosts';
import { parseRuntimeConfig } from './runtime-config-schema';
import { trustedHostPolicyFor } from './trusted-host-policy-for-config';

const base = {
  auth: {
    clientId: '9f3c1a2e-5b7d-4c8e-a1f0-2d4b6e8c0a13',
    authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    knownAuthorities: ['login.microsoftonline.com'],
  },
};
const WORKSPACE = 'https://myws-abcd.westeurope.prometheus.monitor.azure.com';

describe('prometheus connections in config.json', () => {
  it('gives a workspace endpoint the cloud’s Prometheus resource, never its own origin', () => {
    const result = parseRuntimeConfig({
      ...base,
      connections: [{ kind: 'prometheus', name: 'metrics', endpoint: WORKSPACE }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.connections[0]).toMatchObject({
      auth: 'entra',
      resource: 'https://prometheus.monitor.azure.com',
    });
    const verdict = checkTokenTarget(
      `${WORKSPACE}/api/v1/query`,
      trustedHostPolicyFor(result.config),
    );
    expect(verdict).toEqual({
      ok: true,
      origin: WORKSPACE,
      resource: 'https://prometheus.monitor.azure.com',
    });
  });

  it('a proxy connection has no resource, and must be a trusted host', () => {
    const untrusted = parseRuntimeConfig({
      ...base,
      connections: [
        { kind: 'prometheus', name: 'via proxy', endpoint: 'http://localhost:5185', auth: 'proxy' },
      ],
    });
    expect(untrusted.ok).toBe(false);
    if (untrusted.ok) return;
    expect(untrusted.problems).toEqual([
      expect.objectContaining({
        field: 'connections.0.endpoint',
        message: expect.stringMatching(/add "http:\/\/localhost:5185" to trustedHosts/),
      }),
    ]);
    const trusted = parseRuntimeConfig({
      ...base,
      connections: [
        { kind: 'prometheus', name: 'via proxy', endpoint: 'http://localhost:5185', auth: 'proxy' },
      ],
      trustedHosts: ['http://localhost:5185'],
    });
    if (!trusted.ok) throw new Error(JSON.stringify(trusted.problems));
    expect(trusted.config.connections[0]).toMatchObject({ auth: 'proxy', resource: null });
    // No configured audience: the proxy's origin would be its own audience, and no code asks.
    expect(trustedHostPolicyFor(trusted.config).configuredAudiences.size).toBe(0);
  });

  it('trusts every cloud’s workspaces but not look-alikes', () => {
    const policy = trustedHostPolicyFor({ trustedHosts: [], connections: [] });
    expect(
      checkTokenTarget('https://ws.usgovvirginia.prometheus.monitor.azure.us', policy),
    ).toMatchObject({
      ok: true,
      resource: 'https://prometheus.monitor.azure.us',
    });
    expect(checkTokenTarget('https://prometheus.monitor.azure.com.evil.example', policy).ok).toBe(
      false,
    );
    expect(checkTokenTarget('https://prometheus.monitor.azure.com', policy).ok).toBe(false);
  });
});
