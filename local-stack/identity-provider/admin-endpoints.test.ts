import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { quarryClient } from '../local-constants.ts';
import { isLoopbackAddress } from './http-exchange.ts';
import {
  authorizeParameters,
  json,
  pkcePair,
  redirectParameters,
  spaRedirectUri,
} from './identity-provider-test-client.ts';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './identity-provider-test-fixture.ts';
import type { RequestLogEntry } from './test-controls.ts';

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

const admin = (action: string, body?: unknown) => idp.newClient().admin(action, body);

async function signedInClient() {
  const client = idp.newClient();
  const page = await client.authorize(authorizeParameters());
  await client.signIn(page, 'analyst@contoso.com', 'demo');
  return client;
}

describe('POST /__admin/settings', () => {
  it('changes token lifetimes and reports them; reset restores the defaults', async () => {
    const changed = await admin('settings', { accessTokenLifetimeSeconds: 60 });
    expect(changed.status).toBe(200);
    expect(changed.headers['access-control-allow-origin']).toBeUndefined();
    expect(json(changed)).toEqual({
      accessTokenLifetimeSeconds: 60,
      refreshTokenLifetimeSeconds: 86_400,
    });
    expect(json(await admin('settings'))).toMatchObject({ accessTokenLifetimeSeconds: 60 });

    await admin('reset', {});
    expect(json(await admin('settings'))).toEqual({
      accessTokenLifetimeSeconds: 3600,
      refreshTokenLifetimeSeconds: 86_400,
    });
  });

  it('rejects a body that is not whole positive seconds, naming the field', async () => {
    const response = await admin('settings', { accessTokenLifetimeSeconds: -5 });
    expect(response.status).toBe(400);
    expect(json<{ error: string }>(response).error).toContain('accessTokenLifetimeSeconds');
  });

  it('refuses a caller without the per-start token, and answers web pages no CORS', async () => {
    const client = idp.newClient();
    // What any website can make a browser send: a "simple" text/plain POST, no custom header.
    const drive = await client.request('/__admin/reset', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(drive.status).toBe(403);
    expect(drive.body).toContain('x-quarry-admin-token');
    expect(drive.headers['access-control-allow-origin']).toBeUndefined();
    const read = await client.request('/__admin/requests', {
      headers: { origin: 'https://evil.example', 'x-quarry-admin-token': 'a-wrong-token-guess' },
    });
    expect(read.status).toBe(403);
    const preflight = await client.request('/__admin/settings', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });
});

describe('POST /__admin/end-sessions', () => {
  it('drops browser sessions so prompt=none fails with AADSTS50058', async () => {
    const client = await signedInClient();
    expect(json(await admin('end-sessions', { username: 'analyst@contoso.com' }))).toEqual({
      ended: 1,
    });

    const silent = await client.authorize(authorizeParameters({ prompt: 'none' }));
    const parameters = redirectParameters(silent.headers.location ?? '');
    expect(parameters.get('error')).toBe('login_required');
    expect(parameters.get('error_description')).toMatch(/^AADSTS50058/);
  });

  it('leaves other users signed in when a username is given', async () => {
    const client = await signedInClient();
    expect(json(await admin('end-sessions', { username: 'viewer@contoso.com' }))).toEqual({
      ended: 0,
    });
    const silent = await client.authorize(authorizeParameters({ prompt: 'none' }));
    expect(redirectParameters(silent.headers.location ?? '').get('code')).toBeTruthy();
  });
});

describe('POST /__admin/fail-authorize', () => {
  it('fails the next N authorize requests back to the app, then behaves normally', async () => {
    const setup = await admin('fail-authorize', { error: 'access_denied', code: 53003, times: 2 });
    expect(json(setup)).toMatchObject({
      failing: { error: 'access_denied', code: 53003, remaining: 2 },
    });
    const client = idp.newClient();

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await client.authorize(authorizeParameters());
      const parameters = redirectParameters(response.headers.location ?? '');
      expect(response.status).toBe(302);
      expect(parameters.get('error')).toBe('access_denied');
      expect(parameters.get('error_description')).toMatch(
        /^AADSTS53003: Access has been blocked by Conditional Access policies/,
      );
      expect(parameters.get('state')).toBe('state-abc');
    }
    const third = await client.authorize(authorizeParameters());
    expect(third.status).toBe(200);
  });

  it('with times null keeps failing (also silent requests) until reset, with the given description', async () => {
    await admin('fail-authorize', {
      error: 'interaction_required',
      code: 50076,
      description: 'MFA <required>',
      times: null,
    });
    const client = idp.newClient();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await client.authorize(authorizeParameters({ prompt: 'none' }));
      expect(redirectParameters(response.headers.location ?? '').get('error_description')).toMatch(
        /^AADSTS50076: MFA <required>\r\n/,
      );
    }
    await admin('reset', {});
    const afterReset = await client.authorize(authorizeParameters());
    expect(afterReset.status).toBe(200);
  });

  it('rejects a body without an error code', async () => {
    expect((await admin('fail-authorize', { error: 'access_denied' })).status).toBe(400);
  });
});

describe('POST /__admin/revoke-refresh-tokens', () => {
  it('answers 404 for an unknown user', async () => {
    const response = await admin('revoke-refresh-tokens', { username: 'nobody@contoso.com' });
    expect(response.status).toBe(404);
  });
});

describe('GET /__admin/requests', () => {
  it('logs authorize, login and token requests with their outcome, and reset clears it', async () => {
    const client = idp.newClient();
    const page = await client.authorize(authorizeParameters({ prompt: 'select_account' }));
    await client.signIn(page, 'analyst@contoso.com', 'nope');
    await client.authorize(authorizeParameters({ prompt: 'none', client_id: 'unknown-client' }));
    await client.token({
      grant_type: 'refresh_token',
      client_id: authorizeParameters().client_id,
      refresh_token: 'x',
    });

    const log = json<RequestLogEntry[]>(await admin('requests'));
    expect(log.map(({ at: _at, ...entry }) => entry)).toEqual([
      {
        endpoint: 'authorize',
        prompt: 'select_account',
        clientId: authorizeParameters().client_id,
        outcome: 'sign-in-page',
      },
      {
        endpoint: 'login',
        prompt: 'select_account',
        clientId: authorizeParameters().client_id,
        username: 'analyst@contoso.com',
        outcome: 'wrong-password',
      },
      {
        endpoint: 'authorize',
        prompt: 'none',
        clientId: 'unknown-client',
        outcome: 'error:AADSTS700016:unauthorized_client',
      },
      {
        endpoint: 'token',
        grantType: 'refresh_token',
        clientId: authorizeParameters().client_id,
        outcome: 'error:AADSTS70000:invalid_grant',
      },
    ]);
    expect(Date.parse(log[0]?.at ?? '')).not.toBeNaN();

    await admin('reset', {});
    expect(json(await admin('requests'))).toEqual([]);
  });

  it('logs a successful code redemption as ok, with the user', async () => {
    const client = idp.newClient();
    const { verifier, challenge } = pkcePair();
    const page = await client.authorize(authorizeParameters({ code_challenge: challenge }));
    const redirect = await client.signIn(page, 'viewer@contoso.com', 'demo');
    await client.token({
      client_id: quarryClient.clientId,
      grant_type: 'authorization_code',
      code: redirectParameters(redirect.headers.location ?? '').get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: spaRedirectUri,
    });

    const log = json<RequestLogEntry[]>(await admin('requests'));
    expect(log.map((entry) => [entry.endpoint, entry.outcome, entry.username])).toEqual([
      ['authorize', 'sign-in-page', undefined],
      ['login', 'code', 'viewer@contoso.com'],
      ['token', 'ok', 'viewer@contoso.com'],
    ]);
    expect(log[2]?.grantType).toBe('authorization_code');
  });

  it('reset also ends browser sessions', async () => {
    const client = await signedInClient();
    await admin('reset', {});
    const silent = await client.authorize(authorizeParameters({ prompt: 'none' }));
    expect(redirectParameters(silent.headers.location ?? '').get('error')).toBe('login_required');
  });

  it('answers 404 for an unknown control', async () => {
    expect((await admin('nothing', {})).status).toBe(404);
  });
});

describe('loopback check', () => {
  it('accepts IPv4 and IPv6 loopback callers only', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.7')).toBe(false);
    expect(isLoopbackAddress('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});
