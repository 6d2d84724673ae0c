import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { daemonClient, quarryClient, resources, tenant } from '../local-constants.ts';
import { daemonServicePrincipal } from './app-registrations.ts';
import {
  authorizeParameters,
  json,
  pkcePair,
  redirectParameters,
  spaRedirectUri,
  type HttpResult,
  type IdentityProviderClient,
} from './identity-provider-test-client.ts';
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

beforeEach(async () => {
  await idp.newClient().admin('reset', {});
});

type TokenBody = Record<string, string | number | undefined>;

async function signInForTokens(
  username = 'analyst@contoso.com',
): Promise<{ client: IdentityProviderClient; tokens: TokenBody }> {
  const client = idp.newClient();
  const { verifier, challenge } = pkcePair();
  const page = await client.authorize(authorizeParameters({ code_challenge: challenge }));
  const redirect = await client.signIn(page, username, 'demo');
  const code = redirectParameters(redirect.headers.location ?? '').get('code') ?? '';
  const response = await client.token({
    client_id: quarryClient.clientId,
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: spaRedirectUri,
    scope: `${resources.kusto}/.default openid profile offline_access`,
  });
  expect(response.status).toBe(200);
  return { client, tokens: json<TokenBody>(response) };
}

function refresh(
  client: IdentityProviderClient,
  refreshToken: string | number | undefined,
  scope = `${resources.kusto}/.default openid profile offline_access`,
  origin?: string | null,
): Promise<HttpResult> {
  return client.token(
    {
      client_id: quarryClient.clientId,
      grant_type: 'refresh_token',
      refresh_token: String(refreshToken),
      scope,
      redirect_uri: spaRedirectUri,
    },
    { origin },
  );
}

function errorOf(result: HttpResult): { status: number; error: string; code: number | undefined } {
  const body = json<{ error: string; error_codes: number[] }>(result);
  return { status: result.status, error: body.error, code: body.error_codes[0] };
}

describe('refresh_token grant', () => {
  it('returns new tokens and a new refresh token (rotation)', async () => {
    const { client, tokens } = await signInForTokens();
    const response = await refresh(client, tokens.refresh_token);
    const body = json<TokenBody>(response);

    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.refresh_token).not.toBe(tokens.refresh_token);
    expect(body.access_token).not.toBe(tokens.access_token);
    const id = await idp.verify(String(body.id_token), quarryClient.clientId);
    expect(id.nonce).toBeUndefined();
    expect(id.preferred_username).toBe('analyst@contoso.com');
  });

  it('works for another known resource than the one signed in for', async () => {
    const { client, tokens } = await signInForTokens();
    const response = await refresh(
      client,
      tokens.refresh_token,
      `${resources.appInsights}/.default openid profile offline_access`,
    );
    const access = await idp.verify(
      String(json<TokenBody>(response).access_token),
      resources.appInsights,
    );
    expect(access.aud).toBe('https://api.applicationinsights.io');
    expect(access.iss).toBe(`${idp.identityProvider.url}/${tenant.id}/v2.0`);
  });

  it('puts the roles each user holds on the Prometheus workspace in its token (analyst: Monitoring Data Reader, viewer: none)', async () => {
    const prometheusScope = `${resources.prometheus}/.default openid profile offline_access`;
    const analyst = await signInForTokens('analyst@contoso.com');
    const analystToken = json<TokenBody>(
      await refresh(analyst.client, analyst.tokens.refresh_token, prometheusScope),
    );
    const analystClaims = await idp.verify(String(analystToken.access_token), resources.prometheus);
    expect(analystClaims.roles).toEqual(['Monitoring Data Reader']);
    // No roles on other resources: the Kusto token from sign-in has none.
    expect(
      (await idp.verify(String(analyst.tokens.access_token), resources.kusto)).roles,
    ).toBeUndefined();

    const viewer = await signInForTokens('viewer@contoso.com');
    const viewerToken = json<TokenBody>(
      await refresh(viewer.client, viewer.tokens.refresh_token, prometheusScope),
    );
    expect(
      (await idp.verify(String(viewerToken.access_token), resources.prometheus)).roles,
    ).toBeUndefined();
  });

  it('lets a just-rotated token be used again (parallel silent calls) until its successor is used', async () => {
    const { client, tokens } = await signInForTokens();
    const first = json<TokenBody>(await refresh(client, tokens.refresh_token));
    const raced = await refresh(client, tokens.refresh_token);
    expect(raced.status).toBe(200);

    expect((await refresh(client, first.refresh_token)).status).toBe(200);
    expect(errorOf(await refresh(client, tokens.refresh_token))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      code: 70000,
    });
  });

  it('refuses a rotated token once the reuse window has passed', async () => {
    const { client, tokens } = await signInForTokens();
    expect((await refresh(client, tokens.refresh_token)).status).toBe(200);
    idp.advanceClock(61_000);
    expect(errorOf(await refresh(client, tokens.refresh_token)).error).toBe('invalid_grant');
  });

  it('refuses revoked refresh tokens with AADSTS50173, for that user only', async () => {
    const analyst = await signInForTokens('analyst@contoso.com');
    const viewer = await signInForTokens('viewer@contoso.com');
    const revoke = await idp.newClient().admin('revoke-refresh-tokens', {
      username: 'analyst@contoso.com',
    });
    expect(json<{ revoked: number }>(revoke).revoked).toBeGreaterThanOrEqual(1);

    expect(errorOf(await refresh(analyst.client, analyst.tokens.refresh_token))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      code: 50173,
    });
    expect((await refresh(viewer.client, viewer.tokens.refresh_token)).status).toBe(200);
  });

  it('refuses an expired SPA refresh token with AADSTS700084, and rotation does not extend it', async () => {
    await idp.newClient().admin('settings', { refreshTokenLifetimeSeconds: 120 });
    const { client, tokens } = await signInForTokens();
    expect(tokens.refresh_token_expires_in).toBe(120);

    idp.advanceClock(50_000);
    const rotated = json<TokenBody>(await refresh(client, tokens.refresh_token));
    expect(rotated.refresh_token_expires_in).toBe(70);
    idp.advanceClock(71_000);
    const expired = await refresh(client, rotated.refresh_token);
    expect(errorOf(expired)).toMatchObject({ error: 'invalid_grant', code: 700084 });
    expect(json<{ error_description: string }>(expired).error_description).toContain(
      'fixed, limited lifetime of 00:02:00',
    );
  });

  it('refuses a SPA refresh without an Origin header (AADSTS9002327)', async () => {
    const { client, tokens } = await signInForTokens();
    const response = await refresh(client, tokens.refresh_token, undefined, null);
    expect(errorOf(response)).toMatchObject({ error: 'invalid_request', code: 9002327 });
  });

  it('refuses an unknown refresh token', async () => {
    const response = await refresh(idp.newClient(), 'not-a-token');
    expect(errorOf(response)).toMatchObject({ error: 'invalid_grant', code: 70000 });
  });

  it('issues access tokens with the lifetime set through the test controls', async () => {
    await idp.newClient().admin('settings', { accessTokenLifetimeSeconds: 90 });
    const { tokens } = await signInForTokens();
    const access = await idp.verify(String(tokens.access_token), resources.kusto);
    expect(tokens.expires_in).toBe(90);
    expect((access.exp ?? 0) - (access.iat ?? 0)).toBe(90);
  });

  it('gives aud = client id when only OpenID Connect scopes are asked for', async () => {
    const { client, tokens } = await signInForTokens();
    const response = await refresh(client, tokens.refresh_token, 'openid profile offline_access');
    const body = json<TokenBody>(response);
    const access = await idp.verify(String(body.access_token), quarryClient.clientId);
    expect(access.aud).toBe(quarryClient.clientId);
    expect(body.scope).toBe('openid profile offline_access');
  });
});

describe('client_credentials grant', () => {
  function appToken(
    fields: Record<string, string | undefined>,
    options: { origin?: string | null; tenantSegment?: string } = {},
  ): Promise<HttpResult> {
    return idp.newClient().token(
      {
        grant_type: 'client_credentials',
        client_id: daemonClient.clientId,
        client_secret: daemonClient.clientSecret,
        scope: `${resources.kusto}/.default`,
        ...fields,
      },
      { origin: null, ...options },
    );
  }

  it('issues an app-only token for <resource>/.default: roles, appid, idtyp app, no refresh or id token', async () => {
    const response = await appToken({});
    const body = json<TokenBody>(response);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(body.refresh_token).toBeUndefined();
    expect(body.id_token).toBeUndefined();

    const access = await idp.verify(String(body.access_token), resources.kusto);
    expect(access).toMatchObject({
      aud: 'http://localhost:5181',
      iss: `${idp.identityProvider.url}/${tenant.id}/v2.0`,
      tid: tenant.id,
      oid: daemonServicePrincipal.objectId,
      sub: daemonServicePrincipal.objectId,
      roles: ['Data.Read'],
      appid: daemonClient.clientId,
      azp: daemonClient.clientId,
      idtyp: 'app',
      ver: '2.0',
    });
    expect(access.scp).toBeUndefined();
  });

  it('maps <resource>//.default (classic App Insights SDK) to aud <resource>', async () => {
    const response = await appToken({ scope: 'https://monitor.azure.com//.default' });
    const access = await idp.verify(
      String(json<TokenBody>(response).access_token),
      resources.monitorIngestion,
    );
    expect(access.aud).toBe('https://monitor.azure.com');
  });

  it('accepts the secret through HTTP Basic authentication', async () => {
    const basic = Buffer.from(`${daemonClient.clientId}:${daemonClient.clientSecret}`).toString(
      'base64',
    );
    const response = await idp.newClient().request(`/${tenant.id}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'https://help.kusto.windows.net/.default',
      }).toString(),
    });
    expect(response.status).toBe(200);
  });

  it('answers a wrong secret with 401 invalid_client (AADSTS7000215)', async () => {
    const response = await appToken({ client_secret: 'wrong' });
    expect(errorOf(response)).toEqual({ status: 401, error: 'invalid_client', code: 7000215 });
  });

  it('answers a missing secret with 401 invalid_client (AADSTS7000218)', async () => {
    const response = await appToken({ client_secret: undefined });
    expect(errorOf(response)).toEqual({ status: 401, error: 'invalid_client', code: 7000218 });
  });

  it('refuses a request that carries an Origin header (AADSTS9002326)', async () => {
    const response = await appToken({}, { origin: 'http://localhost:5173' });
    expect(errorOf(response)).toMatchObject({ status: 400, code: 9002326 });
  });

  it('refuses a scope without /.default (AADSTS1002012)', async () => {
    const response = await appToken({ scope: `${resources.kusto}/user_impersonation` });
    expect(errorOf(response)).toMatchObject({ error: 'invalid_scope', code: 1002012 });
  });

  it('refuses a resource the tenant does not have (AADSTS500011)', async () => {
    const response = await appToken({ scope: 'https://storage.azure.com/.default' });
    expect(errorOf(response)).toMatchObject({ error: 'invalid_resource', code: 500011 });
  });

  it('refuses the common endpoint, which names no tenant (AADSTS50059)', async () => {
    const response = await appToken({}, { tenantSegment: 'common' });
    expect(errorOf(response)).toMatchObject({ code: 50059 });
  });

  it('refuses the SPA client, which has no secret', async () => {
    const response = await appToken({ client_id: quarryClient.clientId });
    expect(errorOf(response)).toMatchObject({ status: 401, error: 'invalid_client' });
  });
});

describe('token endpoint errors', () => {
  it('answers an unknown grant type with unsupported_grant_type', async () => {
    const response = await idp
      .newClient()
      .token({ grant_type: 'password', client_id: quarryClient.clientId });
    expect(errorOf(response)).toMatchObject({ error: 'unsupported_grant_type', code: 70003 });
  });

  it('answers an unknown client with unauthorized_client (AADSTS700016)', async () => {
    const response = await idp.newClient().token({
      grant_type: 'authorization_code',
      client_id: '00000000-0000-4000-8000-000000000000',
      code: 'x',
      redirect_uri: spaRedirectUri,
    });
    expect(errorOf(response)).toMatchObject({ error: 'unauthorized_client', code: 700016 });
  });
});
