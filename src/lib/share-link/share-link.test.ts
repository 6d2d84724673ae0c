import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeShareLink,
  encodeShareLink,
  isShareLink,
  MAX_SHARE_LINK_LENGTH,
  ShareLinkError,
  withoutShareParams,
} from './share-link';

const origin = 'https://quarry.example';

async function errorOf(promise: Promise<unknown>): Promise<ShareLinkError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShareLinkError);
  return error as ShareLinkError;
}

describe('share links', () => {
  it('round-trips a Kusto query with unicode, quotes and newlines', async () => {
    const target = {
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
      text: 'StormEvents\n| where State == "TEXAS" // Größe ✓ 😀\n| take 10',
    };
    const link = await encodeShareLink(target, { origin });
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('https://quarry.example/');
    expect(url.searchParams.get('cluster')).toBe('help.kusto.windows.net');
    expect(url.searchParams.get('database')).toBe('Samples');
    expect(url.searchParams.get('query')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShareLink(link)).toEqual(target);
  });

  it('keeps the scheme and port of a non-default cluster URL', async () => {
    const target = { clusterUrl: 'http://localhost:5181', database: 'Samples', text: 'print 1' };
    const link = await encodeShareLink(target, { origin, path: '/console/' });
    expect(new URL(link).searchParams.get('cluster')).toBe('http://localhost:5181');
    expect(new URL(link).pathname).toBe('/console/');
    expect(await decodeShareLink(link)).toEqual(target);
  });

  it('round-trips App Insights targets with relative and absolute time ranges', async () => {
    const relative = {
      appId: 'DEMO_APP',
      endpoint: 'https://api.applicationinsights.io',
      timeRange: { kind: 'relative', duration: 'P7D' } as const,
      text: 'requests | count',
    };
    const link = await encodeShareLink(relative, { origin });
    expect(new URL(link).searchParams.has('endpoint')).toBe(false);
    expect(new URL(link).searchParams.get('timespan')).toBe('P7D');
    expect(await decodeShareLink(link)).toEqual(relative);

    const absolute = {
      appId: 'app-2',
      endpoint: 'http://localhost:5182',
      timeRange: {
        kind: 'absolute',
        from: '2024-01-01T00:00:00Z',
        to: '2024-01-02T00:00:00Z',
      } as const,
      text: 'traces | take 1',
    };
    const link2 = await encodeShareLink(absolute, { origin });
    expect(new URL(link2).searchParams.get('timespan')).toBe(
      '2024-01-01T00:00:00Z/2024-01-02T00:00:00Z',
    );
    expect(await decodeShareLink(link2)).toEqual(absolute);
  });

  it('reads ADX-style links: path form, short cluster name, standard base64 with padding', async () => {
    const standardBase64 = gzipSync(Buffer.from('StormEvents | count', 'utf8')).toString('base64');
    const link = `https://dataexplorer.azure.com/clusters/help/databases/Samples?query=${encodeURIComponent(standardBase64)}`;
    expect(isShareLink(link)).toBe(true);
    expect(await decodeShareLink(link)).toEqual({
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
      text: 'StormEvents | count',
    });
  });

  it('refuses to make a link over 8 KB and says so', async () => {
    // Random-ish text does not compress, so the link grows with it.
    let text = '';
    let seed = 42;
    for (let i = 0; i < 9000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += String.fromCharCode(33 + (seed % 90));
    }
    const error = await errorOf(
      encodeShareLink(
        { clusterUrl: 'https://a.kusto.windows.net', database: 'd', text },
        { origin },
      ),
    );
    expect(error.kind).toBe('too-long');
    expect(error.message).toMatch(/too long to share as a link.*limit is 8,192/);
    expect(MAX_SHARE_LINK_LENGTH).toBe(8192);
  });

  it('reports malformed links with typed errors', async () => {
    const base = `${origin}/?cluster=help&database=Samples&query=`;
    expect((await errorOf(decodeShareLink(`${base}not*base64!`))).kind).toBe('bad-base64');
    expect((await errorOf(decodeShareLink(`${base}A`))).kind).toBe('bad-base64');
    const notGzip = Buffer.from('plain text, not gzip').toString('base64url');
    expect((await errorOf(decodeShareLink(`${base}${notGzip}`))).kind).toBe('not-gzip');
    const truncated = gzipSync('StormEvents | take 10'.repeat(20)).subarray(0, 20);
    expect((await errorOf(decodeShareLink(`${base}${truncated.toString('base64url')}`))).kind).toBe(
      'not-gzip',
    );
    const badUtf8 = gzipSync(Buffer.from([0xff, 0xfe, 0x41])).toString('base64url');
    expect((await errorOf(decodeShareLink(`${base}${badUtf8}`))).kind).toBe('not-utf8');
    expect((await errorOf(decodeShareLink(`${origin}/?cluster=help`))).kind).toBe('missing-query');
    const query = gzipSync('print 1').toString('base64url');
    expect((await errorOf(decodeShareLink(`${origin}/?query=${query}`))).kind).toBe(
      'missing-target',
    );
    expect((await errorOf(decodeShareLink(`${origin}/?cluster=help&query=${query}`))).kind).toBe(
      'missing-target',
    );
    expect(
      (await errorOf(decodeShareLink(`${origin}/?cluster=ftp://x&database=d&query=${query}`))).kind,
    ).toBe('bad-cluster');
    expect(
      (await errorOf(decodeShareLink(`${origin}/?appId=a&timespan=yesterday&query=${query}`))).kind,
    ).toBe('bad-time-range');
    expect((await errorOf(decodeShareLink(`${base}${'A'.repeat(70_000)}`))).kind).toBe('too-long');
  });

  it('stops inflating a gzip bomb instead of building a huge string', async () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000, 0x61)).toString('base64url');
    expect(bomb.length).toBeLessThan(MAX_SHARE_LINK_LENGTH);
    const error = await errorOf(
      decodeShareLink(`${origin}/?cluster=help&database=Samples&query=${bomb}`),
    );
    expect(error.kind).toBe('too-long');
  });

  it('strips share parameters and keeps the rest of the URL', () => {
    expect(withoutShareParams(`${origin}/?workspace=w&cluster=help&database=S&query=abc#x`)).toBe(
      `${origin}/?workspace=w#x`,
    );
    expect(isShareLink(`${origin}/?workspace=w`)).toBe(false);
  });
});
