import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostTokenError, HostTokenProvider, type HostMessageEvent } from './host-token-provider';

const HOST = 'https://portal.contoso.com';

function jwt(expSeconds: number): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'RS256' })}.${encode({ exp: expSeconds })}.signature`;
}

function setup(overrides: { hostOrigin?: { ok: false; reason: string } } = {}) {
  const parent = { postMessage: vi.fn() };
  let handler: (event: HostMessageEvent) => void = () => {};
  const ignored = vi.fn();
  const provider = new HostTokenProvider({
    parent,
    hostOrigin: overrides.hostOrigin ?? { ok: true, origin: HOST },
    allowedOrigins: [HOST],
    listen: (h) => {
      handler = h;
      return () => {};
    },
    toHostScope: (scope) => (scope === 'https://help.kusto.windows.net/.default' ? 'query' : scope),
    onIgnoredToken: ignored,
  });
  const post = (data: unknown, origin = HOST, source: unknown = parent) =>
    handler({ data, origin, source });
  return { provider, parent, post, ignored };
}

const kusto = ['https://help.kusto.windows.net/.default'];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('HostTokenProvider', () => {
  it('asks the parent at its exact origin with the ADX scope and returns the posted token', async () => {
    const { provider, parent, post } = setup();
    const token = provider.acquire(kusto, { forceRefresh: false });
    expect(parent.postMessage).toHaveBeenCalledWith(
      { signature: 'queryExplorer', type: 'getToken', scope: 'query' },
      HOST,
    );
    const value = jwt(Date.now() / 1000 + 3600);
    post({ type: 'postToken', message: value, scope: 'query' });
    await expect(token).resolves.toBe(value);
  });

  it('passes other scopes through unchanged', () => {
    const { provider, parent } = setup();
    void provider.acquire(['https://api.applicationinsights.io/.default'], { forceRefresh: false });
    expect(parent.postMessage).toHaveBeenCalledWith(
      {
        signature: 'queryExplorer',
        type: 'getToken',
        scope: 'https://api.applicationinsights.io/.default',
      },
      HOST,
    );
  });

  it('reuses a fresh token, asks again on forceRefresh (a 401) and near expiry', async () => {
    const { provider, parent, post } = setup();
    const first = provider.acquire(kusto, { forceRefresh: false });
    post({ type: 'postToken', message: jwt(Date.now() / 1000 + 3600), scope: 'query' });
    await first;
    await provider.acquire(kusto, { forceRefresh: false });
    expect(parent.postMessage).toHaveBeenCalledTimes(1);

    void provider.acquire(kusto, { forceRefresh: true });
    expect(parent.postMessage).toHaveBeenCalledTimes(2);
    post({ type: 'postToken', message: jwt(Date.now() / 1000 + 3600), scope: 'query' });

    // 55 minutes later the token is inside the renewal window: Quarry asks by itself.
    vi.advanceTimersByTime(55 * 60_000);
    expect(parent.postMessage).toHaveBeenCalledTimes(3);
  });

  it('ignores and reports a token from a foreign origin, and one not from the parent', async () => {
    const { provider, post, ignored } = setup();
    const token = provider.acquire(kusto, { forceRefresh: false });
    post({ type: 'postToken', message: 'evil', scope: 'query' }, 'https://evil.example');
    post({ type: 'postToken', message: 'sibling', scope: 'query' }, HOST, {});
    expect(ignored).toHaveBeenNthCalledWith(1, {
      origin: 'https://evil.example',
      reason: 'not an allowed host',
    });
    expect(ignored).toHaveBeenNthCalledWith(2, {
      origin: HOST,
      reason: 'not sent by the page embedding Quarry',
    });
    post({ type: 'postToken', message: 'good', scope: 'query' });
    await expect(token).resolves.toBe('good');
  });

  it('says clearly when the host does not answer within 10 s', async () => {
    const { provider } = setup();
    const token = provider.acquire(kusto, { forceRefresh: false });
    const assertion = expect(token).rejects.toThrow(
      /https:\/\/portal\.contoso\.com\) did not answer the token request for "query" within 10 s/,
    );
    vi.advanceTimersByTime(10_000);
    await assertion;
  });

  it('refuses to ask when the host origin is unknown, naming why', async () => {
    const { provider, parent } = setup({
      hostOrigin: { ok: false, reason: 'the referrer is not allowed' },
    });
    await expect(provider.acquire(kusto, { forceRefresh: false })).rejects.toBeInstanceOf(
      HostTokenError,
    );
    expect(parent.postMessage).not.toHaveBeenCalled();
  });

  it('never puts a token in an error message', async () => {
    const { provider, post } = setup();
    const first = provider.acquire(kusto, { forceRefresh: false });
    post({ type: 'postToken', message: 'secret-token', scope: 'query' });
    await first;
    const second = provider.acquire(kusto, { forceRefresh: true });
    const caught = second.catch((error: Error) => error.message);
    vi.advanceTimersByTime(10_000);
    expect(await caught).not.toContain('secret-token');
  });
});
