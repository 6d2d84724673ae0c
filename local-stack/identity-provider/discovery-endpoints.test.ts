import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant } from '../local-constants.ts';
import { json } from './identity-provider-test-client.ts';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './identity-provider-test-fixture.ts';

let idp: TestIdentityProvider;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
});

afterAll(async () => {
  await idp.close();
});

describe('openid-configuration', () => {
  it.each([tenant.name, tenant.domain, tenant.id, 'CONTOSO', 'common', 'organizations'])(
    'for tenant alias %s lists GUID endpoints and the issuer with the bound port',
    async (alias) => {
      const response = await idp
        .newClient()
        .request(`/${alias}/v2.0/.well-known/openid-configuration`);
      const document = json(response);
      const port = new URL(idp.identityProvider.url).port;
      const tenantBase = `https://localhost:${port}/${tenant.id}`;

      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(document).toMatchObject({
        issuer: `${tenantBase}/v2.0`,
        authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
        token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
        jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
        end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
      expect(idp.identityProvider.issuer).toBe(`${tenantBase}/v2.0`);
    },
  );

  it('answers an unknown tenant with an Entra-shaped AADSTS90002 error', async () => {
    const response = await idp
      .newClient()
      .request('/fabrikam.com/v2.0/.well-known/openid-configuration', {
        headers: { 'client-request-id': 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' },
      });
    const body = json(response);

    expect(response.status).toBe(400);
    expect(body).toMatchObject({
      error: 'invalid_tenant',
      error_codes: [90002],
      correlation_id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      error_uri: 'https://login.microsoftonline.com/error?code=90002',
    });
    expect(body.error_description).toMatch(
      /^AADSTS90002: Tenant 'fabrikam.com' not found\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it('shows an unknown tenant on /authorize as an error page, escaping the echoed name', async () => {
    const response = await idp
      .newClient()
      .request('/%3Cimg%20src%3Dx%3E/oauth2/v2.0/authorize?client_id=x');

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('AADSTS90002');
    expect(response.body).toContain('&lt;img src=x&gt;');
    expect(response.body).not.toContain('<img');
  });

  it('answers 404 for a path that is no endpoint', async () => {
    const response = await idp.newClient().request(`/${tenant.id}/oauth2/v2.0/nothing`);
    expect(response.status).toBe(404);
  });
});

describe('JWKS', () => {
  it('publishes one RS256 signing key with a kid, for any tenant alias', async () => {
    const client = idp.newClient();
    const byGuid = await client.request(`/${tenant.id}/discovery/v2.0/keys`);
    const byName = await client.request(`/${tenant.name}/discovery/v2.0/keys`);
    const { keys } = json<{ keys: Record<string, unknown>[] }>(byGuid);

    expect(byGuid.status).toBe(200);
    expect(byGuid.headers['access-control-allow-origin']).toBe('*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', e: 'AQAB' });
    expect(keys[0]?.kid).toEqual(expect.any(String));
    expect(keys[0]).not.toHaveProperty('d');
    expect(json(byName)).toEqual(json(byGuid));
  });
});
