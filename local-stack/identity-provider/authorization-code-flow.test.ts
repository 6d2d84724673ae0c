import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarryClient, resources, tenant } from '../local-constants.ts';
import { examplePortalClient } from './app-registrations.ts';
import {
  authorizeParameters,
  json,
  pkcePair,
  readSignInForm,
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

const analyst = { username: 'analyst@contoso.com', password: 'demo' };

interface SignedIn {
  client: IdentityProviderClient;
  code: string;
  verifier: string;
  redirect: URLSearchParams;
}

/** Interactive sign-in through the form, returning the code the app would receive. */
async function signIn(overrides: Record<string, string | undefined> = {}): Promise<SignedIn> {
  const client = idp.newClient();
  const { verifier, challenge } = pkcePair();
  const page = await client.authorize(
    authorizeParameters({ code_challenge: challenge, ...overrides }),
  );
  expect(page.status).toBe(200);
  const redirect = await client.signIn(page, analyst.username, analyst.password);
  expect(redirect.status).toBe(302);
  const parameters = redirectParameters(redirect.headers.location ?? '');
  return { client, code: parameters.get('code') ?? '', verifier, redirect: parameters };
}

function redeem(
  client: IdentityProviderClient,
  fields: Record<string, string | undefined>,
  options: { origin?: string | null } = {},
): Promise<HttpResult> {
  return client.token(
    {
      client_id: quarryClient.clientId,
      grant_type: 'authorization_code',
      redirect_uri: spaRedirectUri,
      scope: `${resources.kusto}/.default openid profile offline_access`,
      'client-request-id': '99999999-8888-4777-8666-555555555555',
      ...fields,
    },
    options,
  );
}

function errorOf(result: HttpResult): {
  error: string;
  code: number | undefined;
  description: string;
} {
  const body = json<{ error: string; error_codes: number[]; error_description: string }>(result);
  return { error: body.error, code: body.error_codes[0], description: body.error_description };
}

function decodeClientInfo(value: string | null): unknown {
  return JSON.parse(Buffer.from(value ?? '', 'base64url').toString('utf8'));
}

describe('sign-in page', () => {
  it('shows labelled Username and Password inputs, a Sign in button and the app name', async () => {
    const page = await idp.newClient().authorize(authorizeParameters());

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<label for="username">Username</label>');
    expect(page.body).toContain('<input id="username"');
    expect(page.body).toContain('<label for="password">Password</label>');
    expect(page.body).toContain('<input id="password" name="password" type="password"');
    expect(page.body).toContain('<button type="submit">Sign in</button>');
    expect(page.body).toContain(quarryClient.displayName);
    expect(page.body).not.toMatch(/<(script|link|img)\b/);
  });

  it('keeps the pending request server-side: the form carries only an opaque id', async () => {
    const page = await idp.newClient().authorize(authorizeParameters({ state: 'secret-state' }));
    const form = readSignInForm(page.body);

    expect(form.requestId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(page.body).not.toContain('secret-state');
    expect(page.body).not.toContain('code_challenge');
  });

  it('prefills Username from login_hint and escapes it', async () => {
    const hint = 'analyst@contoso.com"><script>alert(1)</script>';
    const page = await idp.newClient().authorize(authorizeParameters({ login_hint: hint }));

    expect(readSignInForm(page.body).username).toBe(hint);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('shows "Your account or password is incorrect." on a wrong password and keeps the username', async () => {
    const client = idp.newClient();
    const page = await client.authorize(authorizeParameters());
    const retry = await client.signIn(page, analyst.username, 'wrong');

    expect(retry.status).toBe(200);
    expect(retry.body).toContain('Your account or password is incorrect.');
    expect(retry.body).toContain('role="alert"');
    expect(readSignInForm(retry.body).username).toBe(analyst.username);
    expect(client.cookie('quarry_idp_session')).toBeUndefined();

    const success = await client.signIn(retry, analyst.username, analyst.password);
    expect(success.status).toBe(302);
  });

  it('refuses a sign-in form whose pending request is unknown (AADSTS50089)', async () => {
    const client = idp.newClient();
    const response = await client.postForm(`/${tenant.id}/login`, {
      request_id: 'made-up',
      username: analyst.username,
      password: analyst.password,
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('AADSTS50089');
  });
});

describe('authorization code + PKCE', () => {
  it('redirects back with code, state, client_info and session_state in the fragment and sets a cross-site session cookie', async () => {
    const client = idp.newClient();
    const page = await client.authorize(authorizeParameters());
    const redirect = await client.signIn(page, analyst.username, analyst.password);
    const location = new URL(redirect.headers.location ?? '');
    const parameters = redirectParameters(location.toString());
    const setCookie = redirect.headers['set-cookie']?.[0] ?? '';

    expect(`${location.origin}${location.pathname}`).toBe(spaRedirectUri);
    expect(location.search).toBe('');
    expect(parameters.get('code')).toMatch(/^1\.[A-Za-z0-9_-]{100,}$/);
    expect(parameters.get('state')).toBe('state-abc');
    expect(parameters.get('session_state')).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeClientInfo(parameters.get('client_info'))).toEqual({
      uid: '0d7e5f1a-3b2c-4d9e-8f6a-1b2c3d4e5f60',
      utid: tenant.id,
    });
    expect(setCookie).toMatch(/^quarry_idp_session=[^;]+;/);
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=None');
  });

  it('puts the response in the query for response_mode=query', async () => {
    const { redirect } = await signIn({ response_mode: 'query', state: 'q-state' });
    expect(redirect.get('state')).toBe('q-state');
    expect(redirect.get('code')).toBeTruthy();
  });

  it('redeems the code from a browser origin for signed access and id tokens', async () => {
    const { client, code, verifier, redirect } = await signIn();
    const response = await redeem(client, { code, code_verifier: verifier });
    const body = json<Record<string, string | number>>(response);

    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      ext_expires_in: 3600,
      refresh_token_expires_in: 86_400,
      client_info: redirect.get('client_info'),
    });
    expect(String(body.scope).split(' ')).toEqual(
      expect.arrayContaining([
        `${resources.kusto}/.default`,
        `${resources.kusto}/user_impersonation`,
        'openid',
      ]),
    );
    expect(body.refresh_token).toEqual(expect.any(String));

    const access = await idp.verify(String(body.access_token), resources.kusto);
    expect(access).toMatchObject({
      aud: 'http://localhost:5181',
      iss: `${idp.identityProvider.url}/${tenant.id}/v2.0`,
      tid: tenant.id,
      oid: '0d7e5f1a-3b2c-4d9e-8f6a-1b2c3d4e5f60',
      upn: analyst.username,
      preferred_username: analyst.username,
      name: 'Avery Analyst',
      scp: 'user_impersonation',
      appid: quarryClient.clientId,
      azp: quarryClient.clientId,
      ver: '2.0',
    });
    expect(access.sub).toEqual(expect.any(String));
    expect(access.uti).toEqual(expect.any(String));
    expect(access.exp).toBe((access.iat ?? 0) + 3600);
    expect(access.nbf).toBe(access.iat);

    const id = await idp.verify(String(body.id_token), quarryClient.clientId);
    expect(id).toMatchObject({
      aud: quarryClient.clientId,
      nonce: 'nonce-123',
      oid: '0d7e5f1a-3b2c-4d9e-8f6a-1b2c3d4e5f60',
      tid: tenant.id,
      name: 'Avery Analyst',
      preferred_username: analyst.username,
      login_hint: analyst.username,
      sid: redirect.get('session_state'),
      ver: '2.0',
    });
  });

  it('refuses to redeem a code twice (AADSTS54005)', async () => {
    const { client, code, verifier } = await signIn();
    expect((await redeem(client, { code, code_verifier: verifier })).status).toBe(200);

    const second = await redeem(client, { code, code_verifier: verifier });
    expect(second.status).toBe(400);
    expect(errorOf(second)).toMatchObject({ error: 'invalid_grant', code: 54005 });
    expect(errorOf(second).description).toContain(
      'Correlation ID: 99999999-8888-4777-8666-555555555555',
    );
  });

  it('refuses a code_verifier that does not hash to the challenge (AADSTS501481)', async () => {
    const { client, code } = await signIn();
    const response = await redeem(client, { code, code_verifier: pkcePair().verifier });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ error: 'invalid_grant', code: 501481 });
  });

  it('refuses a code after 10 minutes (AADSTS70008)', async () => {
    const { client, code, verifier } = await signIn();
    idp.advanceClock(10 * 60 * 1000 + 1000);
    const response = await redeem(client, { code, code_verifier: verifier });
    expect(errorOf(response)).toMatchObject({ error: 'invalid_grant', code: 70008 });
  });

  it('refuses a code redeemed with another redirect URI than it was issued for (AADSTS50011)', async () => {
    const { client, code, verifier } = await signIn();
    const response = await redeem(client, {
      code,
      code_verifier: verifier,
      redirect_uri: 'http://localhost:5173/redirect.html',
    });
    expect(errorOf(response)).toMatchObject({ error: 'invalid_grant', code: 50011 });
  });

  it('refuses a code redeemed by another client', async () => {
    const { client, code, verifier } = await signIn();
    const response = await redeem(client, {
      code,
      code_verifier: verifier,
      client_id: examplePortalClient.clientId,
    });
    expect(errorOf(response)).toMatchObject({ error: 'invalid_grant', code: 70000 });
  });

  it('refuses to redeem a SPA code without an Origin header (AADSTS9002327)', async () => {
    const { client, code, verifier } = await signIn();
    const response = await redeem(client, { code, code_verifier: verifier }, { origin: null });
    expect(errorOf(response)).toMatchObject({ error: 'invalid_request', code: 9002327 });
    // The refused attempt did not use the code up.
    expect((await redeem(client, { code, code_verifier: verifier })).status).toBe(200);
  });

  it('refuses two resources in one token request (AADSTS70011)', async () => {
    const { client, code, verifier } = await signIn();
    const response = await redeem(client, {
      code,
      code_verifier: verifier,
      scope: `${resources.kusto}/.default ${resources.appInsights}/.default openid`,
    });
    expect(errorOf(response)).toMatchObject({ error: 'invalid_scope', code: 70011 });
  });

  it('answers a CORS preflight on the token endpoint for the caller origin', async () => {
    const response = await idp.newClient().request(`/${tenant.id}/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4173');
    expect(response.headers['access-control-allow-methods']).toContain('POST');
    expect(response.headers['access-control-allow-headers']).toBe('content-type');
  });

  it('accepts the example portal client with its own redirect URI', async () => {
    const { client, code, verifier } = await signIn({
      client_id: examplePortalClient.clientId,
      redirect_uri: 'http://127.0.0.1:5190/redirect.html',
    });
    const response = await redeem(
      client,
      {
        code,
        code_verifier: verifier,
        client_id: examplePortalClient.clientId,
        redirect_uri: 'http://127.0.0.1:5190/redirect.html',
      },
      { origin: 'http://127.0.0.1:5190' },
    );
    expect(response.status).toBe(200);
  });
});

describe('authorize request validation', () => {
  it('shows AADSTS700016 on an error page for an unknown client', async () => {
    const response = await idp
      .newClient()
      .authorize(authorizeParameters({ client_id: '00000000-0000-4000-8000-000000000000' }));
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('AADSTS700016');
    expect(response.body).toContain('00000000-0000-4000-8000-000000000000');
  });

  it('shows AADSTS50011 on an error page for an unregistered redirect URI, escaped', async () => {
    const response = await idp
      .newClient()
      .authorize(authorizeParameters({ redirect_uri: 'http://evil.example/<b>' }));
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('AADSTS50011');
    expect(response.body).toContain('http://evil.example/&lt;b&gt;');
  });

  it('matches redirect URIs exactly (no trailing-slash leniency)', async () => {
    const response = await idp
      .newClient()
      .authorize(authorizeParameters({ redirect_uri: 'http://localhost:5173' }));
    expect(response.body).toContain('AADSTS50011');
  });

  it('redirects back with invalid_request when PKCE is missing', async () => {
    const response = await idp
      .newClient()
      .authorize(authorizeParameters({ code_challenge: undefined }));
    const parameters = redirectParameters(response.headers.location ?? '');
    expect(response.status).toBe(302);
    expect(parameters.get('error')).toBe('invalid_request');
    expect(parameters.get('error_description')).toMatch(/^AADSTS9002325: /);
    expect(parameters.get('state')).toBe('state-abc');
  });

  it('redirects back with invalid_request for code_challenge_method=plain', async () => {
    const response = await idp
      .newClient()
      .authorize(authorizeParameters({ code_challenge_method: 'plain' }));
    expect(redirectParameters(response.headers.location ?? '').get('error')).toBe(
      'invalid_request',
    );
  });

  it('redirects back with unsupported_response_type for response_type=token', async () => {
    const response = await idp
      .newClient()
      .authorize(authorizeParameters({ response_type: 'token' }));
    expect(redirectParameters(response.headers.location ?? '').get('error')).toBe(
      'unsupported_response_type',
    );
  });

  it('redirects back with invalid_resource (AADSTS500011) for a resource the tenant does not have', async () => {
    const response = await idp
      .newClient()
      .authorize(authorizeParameters({ scope: 'https://example.com/.default openid' }));
    const parameters = redirectParameters(response.headers.location ?? '');
    expect(parameters.get('error')).toBe('invalid_resource');
    expect(parameters.get('error_codes')).toBe('[500011]');
  });
});

describe('silent sign-in (prompt=none)', () => {
  it('without a session redirects back with login_required / AADSTS50058 and trace fields', async () => {
    const response = await idp.newClient().authorize(authorizeParameters({ prompt: 'none' }));
    const parameters = redirectParameters(response.headers.location ?? '');

    expect(response.status).toBe(302);
    expect(parameters.get('error')).toBe('login_required');
    expect(parameters.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(parameters.get('state')).toBe('state-abc');
    expect(parameters.get('correlation_id')).toBe('11111111-2222-4333-8444-555555555555');
    expect(parameters.get('trace_id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(parameters.get('timestamp')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(parameters.get('code')).toBeNull();
  });

  it('with a session issues a code at once, for the same user and session', async () => {
    const { client, redirect: first } = await signIn();
    const { verifier, challenge } = pkcePair();
    const response = await client.authorize(
      authorizeParameters({
        prompt: 'none',
        code_challenge: challenge,
        login_hint: analyst.username,
      }),
    );
    const parameters = redirectParameters(response.headers.location ?? '');

    expect(response.status).toBe(302);
    expect(parameters.get('session_state')).toBe(first.get('session_state'));
    expect(parameters.get('client_info')).toBe(first.get('client_info'));
    const tokens = await redeem(client, {
      code: parameters.get('code') ?? '',
      code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
  });

  it('with a session for another user than login_hint answers interaction_required', async () => {
    const { client } = await signIn();
    const response = await client.authorize(
      authorizeParameters({ prompt: 'none', login_hint: 'viewer@contoso.com' }),
    );
    expect(redirectParameters(response.headers.location ?? '').get('error')).toBe(
      'interaction_required',
    );
  });

  it('without prompt reuses the session, and prompt=login shows the sign-in page anyway', async () => {
    const { client } = await signIn();
    const reused = await client.authorize(authorizeParameters());
    expect(reused.status).toBe(302);
    expect(redirectParameters(reused.headers.location ?? '').get('code')).toBeTruthy();

    const forced = await client.authorize(authorizeParameters({ prompt: 'login' }));
    expect(forced.status).toBe(200);
    expect(forced.body).toContain('<button type="submit">Sign in</button>');
  });
});

describe('logout', () => {
  it('ends the session and redirects to a registered post_logout_redirect_uri with state', async () => {
    const { client } = await signIn();
    const response = await client.request(
      `/${tenant.name}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(spaRedirectUri)}&state=bye`,
    );

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://localhost:5173/?state=bye');
    expect(response.headers['set-cookie']?.[0]).toMatch(/^quarry_idp_session=;.*Max-Age=0/);
    expect(client.cookie('quarry_idp_session')).toBeUndefined();

    const silent = await client.authorize(authorizeParameters({ prompt: 'none' }));
    expect(redirectParameters(silent.headers.location ?? '').get('error')).toBe('login_required');
  });

  it('shows a signed-out page instead of redirecting to an unregistered URI', async () => {
    const { client } = await signIn();
    const response = await client.request(
      `/${tenant.id}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('You signed out');
  });
});
