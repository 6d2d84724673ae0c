/**
 * Client credentials with a certificate against the real identity provider over https: a signed
 * client assertion is accepted once; a wrong key, an unknown certificate, another audience, an
 * expired assertion, a replayed jti and a mismatched issuer are refused with Entra's errors.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorRoles, proxyClients, resources, tenant } from '../local-constants.ts';
import {
  certificateThumbprints,
  ensureProxyClientCertificates,
  generateClientCertificatePem,
  splitPem,
} from '../tls/client-certificate.ts';
import { jwtBearerAssertionType } from './client-assertion.ts';
import { httpsRequest, json, type HttpResult } from './identity-provider-test-client.ts';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './identity-provider-test-fixture.ts';

let idp: TestIdentityProvider;
let tokenEndpoint: string;
let registered: { keyPem: string; certPem: string };
let stranger: { keyPem: string; certPem: string };

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  tokenEndpoint = `${idp.identityProvider.url}/${tenant.id}/oauth2/v2.0/token`;
  registered = (await ensureProxyClientCertificates()).query;
  const strangerParts = splitPem(await generateClientCertificatePem('not registered'));
  stranger = { keyPem: strangerParts.keyPem!, certPem: strangerParts.certPem! };
});

afterAll(async () => {
  await idp?.close();
});

interface AssertionParts {
  keyPem?: string;
  /** The certificate whose thumbprint the header names. */
  certPem?: string;
  audience?: string;
  issuer?: string;
  lifetimeSeconds?: number;
  issuedAtSeconds?: number;
  jti?: string;
}

function assertion(parts: AssertionParts = {}): Promise<string> {
  const now = parts.issuedAtSeconds ?? Math.floor(Date.now() / 1000);
  const clientId = parts.issuer ?? proxyClients.query.clientId;
  return new SignJWT({ jti: parts.jti ?? randomUUID() })
    .setProtectedHeader({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': certificateThumbprints(parts.certPem ?? registered.certPem).sha256,
    })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(parts.audience ?? tokenEndpoint)
    .setNotBefore(now)
    .setIssuedAt(now)
    .setExpirationTime(now + (parts.lifetimeSeconds ?? 600))
    .sign(createPrivateKey(parts.keyPem ?? registered.keyPem));
}

function redeem(clientAssertion: string, clientId: string = proxyClients.query.clientId) {
  return httpsRequest(tokenEndpoint, idp.ca, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      scope: `${resources.prometheus}/.default`,
      client_assertion_type: jwtBearerAssertionType,
      client_assertion: clientAssertion,
    }).toString(),
  });
}

function errorOf(result: HttpResult): {
  error: string;
  error_codes: number[];
  error_description: string;
} {
  return json(result);
}

describe('client credentials with a certificate (client_assertion)', () => {
  it('issues an app token with the app roles for a correctly signed assertion', async () => {
    const result = await redeem(await assertion());
    expect(result.status).toBe(200);
    const body = json<{ access_token: string; expires_in: number }>(result);
    const claims = await idp.verify(body.access_token, resources.prometheus);
    expect(claims).toMatchObject({
      appid: proxyClients.query.clientId,
      idtyp: 'app',
      roles: [monitorRoles.dataReader],
    });
  });

  it('refuses an assertion signed by another key under the registered thumbprint (700027, signature)', async () => {
    const result = await redeem(await assertion({ keyPem: stranger.keyPem }));
    expect(result.status).toBe(401);
    expect(errorOf(result).error_codes).toEqual([700027]);
    expect(errorOf(result).error_description).toContain('did not match the expected signature');
  });

  it('refuses a certificate the app does not have (700027, key not found)', async () => {
    const result = await redeem(
      await assertion({ keyPem: stranger.keyPem, certPem: stranger.certPem }),
    );
    expect(result.status).toBe(401);
    expect(errorOf(result).error_codes).toEqual([700027]);
    expect(errorOf(result).error_description).toContain('The key was not found');
  });

  it('refuses an assertion for another audience (700023)', async () => {
    const result = await redeem(
      await assertion({ audience: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' }),
    );
    expect(result.status).toBe(401);
    expect(errorOf(result).error_codes).toEqual([700023]);
    expect(errorOf(result).error_description).toContain(tokenEndpoint);
  });

  it('refuses an expired assertion (700024) by the provider clock', async () => {
    const signed = await assertion({ lifetimeSeconds: 60 });
    idp.advanceClock(120_000);
    const result = await redeem(signed);
    expect(result.status).toBe(401);
    expect(errorOf(result).error_codes).toEqual([700024]);
    expect(errorOf(result).error_description).toContain('not within its valid time range');
  });

  it('redeems an assertion once: a replayed jti is refused', async () => {
    const signed = await assertion();
    expect((await redeem(signed)).status).toBe(200);
    const again = await redeem(signed);
    expect(again.status).toBe(401);
    expect(errorOf(again).error_description).toContain('already redeemed');
  });

  it('refuses an assertion whose issuer is another app (700021)', async () => {
    const result = await redeem(await assertion({ issuer: proxyClients.ingestion.clientId }));
    expect(errorOf(result).error_codes).toEqual([700021]);
  });

  it('refuses an unknown client (700016) and a wrong assertion type', async () => {
    const unknown = await redeem(await assertion(), '00000000-0000-4000-8000-000000000000');
    expect(errorOf(unknown).error_codes).toEqual([700016]);
    const wrongType = await httpsRequest(tokenEndpoint, idp.ca, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: proxyClients.query.clientId,
        scope: `${resources.prometheus}/.default`,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
        client_assertion: await assertion(),
      }).toString(),
    });
    expect(wrongType.status).toBe(401);
    expect(errorOf(wrongType).error_description).toContain('client_assertion_type must be');
  });
});
