import { describe, expect, it } from 'vitest';
import { canonicalResource, grantedScope, parseRequestedScopes } from './requested-scopes.ts';

describe('parseRequestedScopes', () => {
  it('names the resource of <resource>/.default and keeps the OIDC scopes apart', () => {
    expect(
      parseRequestedScopes(
        'http://localhost:5181/.default openid profile offline_access',
        'contoso',
      ),
    ).toEqual({
      resource: 'http://localhost:5181',
      resourceScopes: ['http://localhost:5181/.default'],
      oidcScopes: ['openid', 'profile', 'offline_access'],
    });
  });

  it.each([
    ['https://monitor.azure.com//.default', 'https://monitor.azure.com'],
    ['https://help.kusto.windows.net/.default', 'https://help.kusto.windows.net'],
    ['https://Help.Kusto.Windows.net/user_impersonation', 'https://help.kusto.windows.net'],
    ['https://api.loganalytics.io/Data.Read', 'https://api.loganalytics.io'],
    ['https://api.applicationinsights.io/.default', 'https://api.applicationinsights.io'],
  ])('maps %s to the audience %s', (scope, resource) => {
    expect(parseRequestedScopes(scope, 'contoso')).toMatchObject({ resource });
  });

  it('gives no resource (aud = client id) for OIDC scopes only', () => {
    expect(parseRequestedScopes('openid profile offline_access', 'contoso')).toMatchObject({
      resource: undefined,
      resourceScopes: [],
    });
  });

  it('refuses two resources with AADSTS70011 invalid_scope', () => {
    expect(
      parseRequestedScopes(
        'http://localhost:5181/.default https://api.applicationinsights.io/.default',
        'contoso',
      ),
    ).toMatchObject({ error: 'invalid_scope', code: 70011 });
  });

  it('allows several scopes of one resource', () => {
    expect(
      parseRequestedScopes(
        'https://help.kusto.windows.net/.default https://help.kusto.windows.net/user_impersonation',
        'contoso',
      ),
    ).toMatchObject({ resource: 'https://help.kusto.windows.net' });
  });

  it.each([
    'https://storage.azure.com/.default',
    'User.Read',
    'https://evil.kusto.windows.net.example.com/.default',
    'http://help.kusto.windows.net/.default',
    'http://localhost:5999/.default',
  ])('refuses the unknown resource of %s with AADSTS500011', (scope) => {
    expect(parseRequestedScopes(`${scope} openid`, 'contoso')).toMatchObject({
      error: 'invalid_resource',
      code: 500011,
    });
  });
});

describe('canonicalResource', () => {
  it('accepts a trailing slash and rejects paths', () => {
    expect(canonicalResource('https://help.kusto.windows.net/')).toBe(
      'https://help.kusto.windows.net',
    );
    expect(canonicalResource('https://help.kusto.windows.net/db')).toBeUndefined();
  });
});

describe('grantedScope', () => {
  it('echoes what was asked for and adds the permission the token carries', () => {
    const requested = parseRequestedScopes(
      'https://help.kusto.windows.net/.default openid profile',
      'c',
    );
    if ('error' in requested) throw new Error('unexpected error');
    expect(grantedScope(requested)).toBe(
      'https://help.kusto.windows.net/.default https://help.kusto.windows.net/user_impersonation openid profile',
    );
  });
});
