import { InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkTokenTarget, createTrustedHostPolicy } from '../trusted-hosts';
import {
  authorityForTenant,
  IdentityProviderUnreachableError,
  InteractionBlockedError,
  TokenBroker,
  UntrustedTokenTargetError,
} from './token-broker';

const account = { homeAccountId: 'oid.tid', username: 'analyst@contoso.com' };

function fakeInstance(silent: () => Promise<unknown>) {
  return {
    getActiveAccount: () => account,
    getAllAccounts: () => [account],
    acquireTokenSilent: vi.fn(silent),
    acquireTokenRedirect: vi.fn(() => Promise.resolve()),
    acquireTokenPopup: vi.fn(() => Promise.resolve({ accessToken: 'popup-token', account })),
    setActiveAccount: vi.fn(),
    logoutPopup: vi.fn(() => Promise.resolve()),
    logoutRedirect: vi.fn(() => Promise.resolve()),
    loginRedirect: vi.fn(() => Promise.resolve()),
    getConfiguration: () => ({
      auth: {
        redirectUri: 'https://quarry.example/redirect.html',
        authority: 'https://login.microsoftonline.com/organizations',
      },
    }),
  };
}

function broker(instance: ReturnType<typeof fakeInstance>, embedded = false) {
  const beforeRedirect = vi.fn();
  const b = new TokenBroker({
    // The broker uses only the methods faked above.
    instance: instance as unknown as IPublicClientApplication,
    checkTarget: (url) =>
      new URL(url).host === 'help.kusto.windows.net'
        ? { ok: true, resource: 'https://help.kusto.windows.net' }
        : { ok: false, reason: 'not a trusted Kusto host' },
    embedded,
    beforeRedirect,
  });
  return { broker: b, beforeRedirect };
}

const interactionRequired = () =>
  Promise.reject(
    new InteractionRequiredAuthError('interaction_required', 'AADSTS50058: no session'),
  );

class MemoryStorage {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

beforeEach(() => {
  vi.stubGlobal('window', { sessionStorage: new MemoryStorage() });
});

describe('TokenBroker', () => {
  it('asks for <resource>/.default silently and returns the token', async () => {
    const instance = fakeInstance(() => Promise.resolve({ accessToken: 't1' }));
    const { broker: b } = broker(instance);
    await expect(b.getToken({ target: 'https://help.kusto.windows.net' })).resolves.toBe('t1');
    expect(instance.acquireTokenSilent).toHaveBeenCalledWith({
      scopes: ['https://help.kusto.windows.net/.default'],
      account,
      forceRefresh: false,
    });
  });

  it('refuses an untrusted target before MSAL is asked for anything', async () => {
    const instance = fakeInstance(() => Promise.resolve({ accessToken: 't1' }));
    const { broker: b } = broker(instance);
    await expect(
      b.getToken({ target: 'https://help.kusto.windows.net.evil.com' }),
    ).rejects.toBeInstanceOf(UntrustedTokenTargetError);
    expect(instance.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it('the audience follows the target: an App Insights token goes only to App Insights', () => {
    const policy = createTrustedHostPolicy({
      extraHosts: ['https://proxy.corp.example.com', 'http://localhost:5182'],
      configuredAudiences: [
        { endpoint: 'http://localhost:5182', resource: 'https://api.applicationinsights.io' },
      ],
    });
    const b = new TokenBroker({
      instance: fakeInstance(() => Promise.resolve({})) as unknown as IPublicClientApplication,
      checkTarget: (url, resource) => checkTokenTarget(url, policy, resource),
      embedded: false,
      beforeRedirect: () => {},
    });
    const appInsights = 'https://api.applicationinsights.io/';
    expect(b.scopeFor({ target: 'https://api.applicationinsights.io/v1/apps/x/query' })).toBe(
      'https://api.applicationinsights.io/.default',
    );
    expect(b.scopeFor({ target: 'https://api.applicationinsights.us/v1/apps/x/query' })).toBe(
      'https://api.applicationinsights.us/.default',
    );
    // A config.json connection with an explicit resource (the local stand-in).
    expect(b.scopeFor({ target: 'http://localhost:5182/v1/apps/x', resource: appInsights })).toBe(
      'https://api.applicationinsights.io/.default',
    );
    // Any other trusted host (a link's endpoint=, Add app → Other endpoint) gets its own audience.
    expect(b.scopeFor({ target: 'https://proxy.corp.example.com/v1/apps/x' })).toBe(
      'https://proxy.corp.example.com/.default',
    );
    expect(() =>
      b.scopeFor({ target: 'https://proxy.corp.example.com/v1/apps/x', resource: appInsights }),
    ).toThrow(UntrustedTokenTargetError);
    expect(() =>
      b.scopeFor({ target: 'https://help.kusto.windows.net', resource: appInsights }),
    ).toThrow(/sent only to that service's own API hosts/);
  });

  it('identity provider down: a clear error naming it, and no redirect (no loop) (fault matrix)', async () => {
    const instance = {
      ...fakeInstance(() =>
        Promise.reject(
          Object.assign(new Error('Network request failed'), { errorCode: 'network_error' }),
        ),
      ),
      getConfiguration: () => ({
        auth: {
          authority: 'https://login.contoso.example/contoso.onmicrosoft.com',
          redirectUri: 'https://quarry.example/redirect.html',
        },
      }),
    };
    const { broker: b } = broker(instance as unknown as ReturnType<typeof fakeInstance>);
    for (let attempt = 0; attempt < 3; attempt++) {
      const error = await b
        .getToken({ target: 'https://help.kusto.windows.net' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdentityProviderUnreachableError);
      expect((error as Error).message).toMatch(
        /identity provider login\.contoso\.example could not be reached \(network_error\)/,
      );
    }
    expect(instance.acquireTokenRedirect).not.toHaveBeenCalled();
    expect(instance.acquireTokenPopup).not.toHaveBeenCalled();
  });

  it('falls back to one shared redirect for concurrent callers, saving drafts first', async () => {
    const instance = fakeInstance(interactionRequired);
    const { broker: b, beforeRedirect } = broker(instance);
    void b.getToken({ target: 'https://help.kusto.windows.net' });
    void b.getToken({ target: 'https://help.kusto.windows.net' });
    await vi.waitFor(() => expect(instance.acquireTokenRedirect).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 10));
    expect(instance.acquireTokenRedirect).toHaveBeenCalledTimes(1);
    expect(beforeRedirect).toHaveBeenCalledTimes(1);
  });

  it('does not redirect automatically a second time for the same failure', async () => {
    const first = broker(fakeInstance(interactionRequired));
    void first.broker.getToken({ target: 'https://help.kusto.windows.net' });
    await vi.waitFor(() => expect(first.beforeRedirect).toHaveBeenCalled());

    // The page came back (new broker, same sessionStorage) and silent still fails.
    const instance = fakeInstance(interactionRequired);
    const second = broker(instance);
    await expect(
      second.broker.getToken({ target: 'https://help.kusto.windows.net' }),
    ).rejects.toBeInstanceOf(InteractionBlockedError);
    expect(instance.acquireTokenRedirect).not.toHaveBeenCalled();
  });

  it('a successful silent call clears the loop guard', async () => {
    const failing = broker(fakeInstance(interactionRequired));
    void failing.broker.getToken({ target: 'https://help.kusto.windows.net' });
    await vi.waitFor(() => expect(failing.beforeRedirect).toHaveBeenCalled());

    await broker(fakeInstance(() => Promise.resolve({ accessToken: 'ok' }))).broker.getToken({
      target: 'https://help.kusto.windows.net',
    });
    const instance = fakeInstance(interactionRequired);
    void broker(instance).broker.getToken({ target: 'https://help.kusto.windows.net' });
    await vi.waitFor(() => expect(instance.acquireTokenRedirect).toHaveBeenCalled());
  });

  it('uses a popup inside a frame and never redirects there', async () => {
    const instance = fakeInstance(interactionRequired);
    const { broker: b } = broker(instance, true);
    await expect(b.getToken({ target: 'https://help.kusto.windows.net' })).resolves.toBe(
      'popup-token',
    );
    expect(instance.acquireTokenRedirect).not.toHaveBeenCalled();
  });

  it('signs out inside a frame with a pop-up that ends on the redirect bridge page', async () => {
    const instance = fakeInstance(() => Promise.resolve({}));
    const { broker: b, beforeRedirect } = broker(instance, true);
    await b.signOut();
    // Ending on the app page instead would leave the pop-up (and the relay) open for good.
    expect(instance.logoutPopup).toHaveBeenCalledWith({
      account,
      postLogoutRedirectUri: 'https://quarry.example/redirect.html',
    });
    expect(instance.logoutRedirect).not.toHaveBeenCalled();
    expect(beforeRedirect).not.toHaveBeenCalled();
  });

  it('signs out at the top level with a redirect, saving drafts first', async () => {
    const instance = fakeInstance(() => Promise.resolve({}));
    const { broker: b, beforeRedirect } = broker(instance);
    await b.signOut();
    expect(instance.logoutRedirect).toHaveBeenCalledWith({ account });
    expect(beforeRedirect).toHaveBeenCalledTimes(1);
    expect(instance.logoutPopup).not.toHaveBeenCalled();
  });

  it('passes other MSAL errors through untouched', async () => {
    const error = new Error('network down');
    const instance = fakeInstance(() => Promise.reject(error));
    const { broker: b } = broker(instance);
    await expect(b.getToken({ target: 'https://help.kusto.windows.net' })).rejects.toBe(error);
    expect(instance.acquireTokenRedirect).not.toHaveBeenCalled();
  });
});

describe('TokenBroker with an injected token source', () => {
  it('asks the source for the checked scope and never touches MSAL', async () => {
    const instance = fakeInstance(() => Promise.resolve({ accessToken: 'msal' }));
    const acquire = vi.fn(() => Promise.resolve('host-token'));
    const b = new TokenBroker({
      instance: instance as unknown as IPublicClientApplication,
      checkTarget: () => ({ ok: true, resource: 'https://help.kusto.windows.net' }),
      embedded: true,
      beforeRedirect: vi.fn(),
      acquire,
    });
    await expect(
      b.getToken({ target: 'https://help.kusto.windows.net', forceRefresh: true }),
    ).resolves.toBe('host-token');
    expect(acquire).toHaveBeenCalledWith(['https://help.kusto.windows.net/.default'], {
      forceRefresh: true,
    });
    expect(instance.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it('still refuses an untrusted target before asking the source', async () => {
    const acquire = vi.fn(() => Promise.resolve('host-token'));
    const b = new TokenBroker({
      instance: fakeInstance(() => Promise.resolve({})) as unknown as IPublicClientApplication,
      checkTarget: () => ({ ok: false, reason: 'not a trusted Kusto host' }),
      embedded: true,
      beforeRedirect: vi.fn(),
      acquire,
    });
    await expect(b.getToken({ target: 'https://evil.example' })).rejects.toBeInstanceOf(
      UntrustedTokenTargetError,
    );
    expect(acquire).not.toHaveBeenCalled();
  });
});

describe('sign-in from a deep link', () => {
  it('hands a link’s login_hint and tenant to MSAL', async () => {
    const instance = fakeInstance(() => Promise.resolve({ accessToken: 't' }));
    const { broker: b, beforeRedirect } = broker(instance);
    await b.signIn(['https://help.kusto.windows.net/.default'], {
      loginHint: 'ada@fabrikam.com',
      tenant: 'fabrikam.onmicrosoft.com',
    });
    expect(beforeRedirect).toHaveBeenCalled();
    expect(instance.loginRedirect).toHaveBeenCalledWith({
      scopes: ['https://help.kusto.windows.net/.default'],
      prompt: undefined,
      loginHint: 'ada@fabrikam.com',
      authority: 'https://login.microsoftonline.com/fabrikam.onmicrosoft.com',
    });
  });

  it('replaces only the tenant of the configured authority and refuses anything else', () => {
    expect(
      authorityForTenant('https://localhost:5180/contoso', '72f988bf-86f1-41af-91ab-2d7cd011db47'),
    ).toBe('https://localhost:5180/72f988bf-86f1-41af-91ab-2d7cd011db47');
    expect(() => authorityForTenant('https://login.microsoftonline.com/common', '../evil')).toThrow(
      /not a tenant id or domain name/,
    );
    expect(() => authorityForTenant('https://login.microsoftonline.com/common', 'a/b')).toThrow();
  });
});
