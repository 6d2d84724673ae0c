import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  adxWebLink,
  decodeShareLink,
  encodeShareLink,
  isShareLink,
  MAX_SHARE_LINK_LENGTH,
  readLinkTarget,
  ShareLinkError,
  withoutShareParams,
} from './share-link';

/**
 * A hand-written corpus of every link shape the ADX deep-link doc defines (and Kusto.Explorer
 * writes). Every encoded query is made here by node:zlib + Buffer, not by Quarry's encoder.
 */

const origin = 'https://quarry.example';
const adx = 'https://dataexplorer.azure.com';

/** Standard base64 of gzip(text), as ADX writes it: `+`, `/` and `=` padding, not encoded. */
const gzipBase64 = (text: string) => gzipSync(Buffer.from(text, 'utf8')).toString('base64');
/** The same, percent-encoded with lower-case hex, as Kusto.Explorer writes it. */
const gzipBase64Lower = (text: string) =>
  gzipBase64(text).replace(/[+/=]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
const gzipBase64Url = (text: string) => gzipSync(Buffer.from(text, 'utf8')).toString('base64url');

/** Our own queries; the test below checks that standard base64 of some of them has a `+`. */
const queries = [
  'StormEvents\n| summarize Storms = count() by State\n| top 5 by Storms',
  'print greeting = "Grüße, 世界 ✓"',
  'range x from 1 to 40 step 3\n| extend y = x * x, z = strcat("row-", x)\n| where y % 2 == 0',
  'let T = datatable(a:int, b:string) [1, "one", 2, "two"];\nT | where a > 1 // a comment',
  'StormEvents | where EventType has "Flood" and DamageProperty > 0 | take 20',
  'print s = @"C:\\temp\\+plus/slash=equals?"',
];

async function errorOf(promise: Promise<unknown>): Promise<ShareLinkError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShareLinkError);
  return error as ShareLinkError;
}

describe('deep links as the ADX deep-link doc defines them', () => {
  it('the corpus exercises a literal "+" and "/" in standard base64', () => {
    const encoded = queries.map(gzipBase64);
    expect(encoded.some((e) => e.includes('+'))).toBe(true);
    expect(encoded.some((e) => e.includes('/'))).toBe(true);
  });

  it.each(queries)(
    'reads standard base64 with a literal + from the raw query string: %j',
    async (text) => {
      const link = `${adx}/clusters/help/databases/Samples?query=${gzipBase64(text)}`;
      expect(isShareLink(link)).toBe(true);
      const opened = await decodeShareLink(link);
      expect(opened.target).toEqual({
        kind: 'kusto',
        clusterUrl: 'https://help.kusto.windows.net',
        database: 'Samples',
      });
      expect(opened.text).toBe(text);
    },
  );

  it.each(queries)('reads percent-encoded base64 (upper and lower case hex): %j', async (text) => {
    const upper = `${adx}/clusters/help/databases/Samples?query=${encodeURIComponent(gzipBase64(text))}`;
    const lower = `${adx}/clusters/help/databases/Samples?query=${gzipBase64Lower(text)}`;
    expect((await decodeShareLink(upper)).text).toBe(text);
    expect((await decodeShareLink(lower)).text).toBe(text);
  });

  it.each(queries)('reads base64url without padding: %j', async (text) => {
    const link = `${origin}/clusters/help/databases/Samples?query=${gzipBase64Url(text)}`;
    expect((await decodeShareLink(link)).text).toBe(text);
  });

  it('reads plain text in standard query-string encoding (+ or %20 for a space)', async () => {
    const base = `${origin}/clusters/help/databases/Samples?query=`;
    expect((await decodeShareLink(`${base}print%20123`)).text).toBe('print 123');
    expect((await decodeShareLink(`${base}StormEvents+%7c+limit+10`)).text).toBe(
      'StormEvents | limit 10',
    );
    expect((await decodeShareLink(`${base}StormEvents`)).text).toBe('StormEvents');
    const unicode = 'print "Grüße" // 1+1';
    expect(
      (await decodeShareLink(`${base}${new URLSearchParams({ q: unicode }).toString().slice(2)}`))
        .text,
    ).toBe(unicode);
  });

  it('repairs base64 whose + became a space on the way', async () => {
    const text = queries.find((q) => gzipBase64(q).includes('+'))!;
    const mangled = gzipBase64(text).replace(/\+/g, '%20');
    expect(
      (await decodeShareLink(`${adx}/clusters/help/databases/Samples?query=${mangled}`)).text,
    ).toBe(text);
  });

  it.each([
    ['help', 'https://help.kusto.windows.net'],
    ['mycluster.westeurope', 'https://mycluster.westeurope.kusto.windows.net'],
    ['help.kusto.windows.net', 'https://help.kusto.windows.net'],
    ['https%3a%2f%2fhelp.kusto.windows.net', 'https://help.kusto.windows.net'],
    [
      'https%3A%2F%2Fmycluster.westeurope.kusto.windows.net',
      'https://mycluster.westeurope.kusto.windows.net',
    ],
    ['http%3A%2F%2Flocalhost%3A5181', 'http://localhost:5181'],
  ])('takes the cluster as %s', async (cluster, clusterUrl) => {
    const link = `${adx}/clusters/${cluster}/databases/Samples?web=0&query=${gzipBase64Lower('print 1')}`;
    const opened = await decodeShareLink(link);
    expect(opened.target).toEqual({ kind: 'kusto', clusterUrl, database: 'Samples' });
    expect(opened.ignored).toEqual(['web']);
  });

  it('a link without a database opens the cluster and leaves the database to the user', async () => {
    const opened = await decodeShareLink(`${adx}/clusters/help?query=print%201`);
    expect(opened.target).toEqual({
      kind: 'kusto',
      clusterUrl: 'https://help.kusto.windows.net',
      database: null,
    });
    const bare = await decodeShareLink(`${origin}/clusters/help.kusto.windows.net/`);
    expect(bare.text).toBeNull();
    expect(bare.target).toMatchObject({ database: null });
  });

  it('a link without a query names a connection only', async () => {
    const opened = await decodeShareLink(`${adx}/clusters/help/databases/Samples`);
    expect(opened.text).toBeNull();
    expect(opened.target).toMatchObject({ database: 'Samples' });
  });

  it('honours name, tenant and login_hint; accepts and ignores web, querysrc and autorun', async () => {
    const link =
      `${adx}/clusters/help/databases/Samples?query=${gzipBase64('print 1')}` +
      '&name=Storm+report&tenant=contoso.onmicrosoft.com&login_hint=ada%40contoso.com' +
      '&web=3&querysrc=https%3A%2F%2Fexample.com%2Fq.kql&autorun=false';
    const opened = await decodeShareLink(link);
    expect(opened).toMatchObject({
      name: 'Storm report',
      tenant: 'contoso.onmicrosoft.com',
      loginHint: 'ada@contoso.com',
      ignored: ['web', 'querysrc', 'autorun'],
      text: 'print 1',
    });
  });

  it('uri= overrides the cluster, as the doc says', async () => {
    const opened = await decodeShareLink(
      `${adx}/clusters/help/databases/Samples?uri=https%3A%2F%2Fother.westus.kusto.windows.net&query=x`,
    );
    expect(opened.target).toMatchObject({ clusterUrl: 'https://other.westus.kusto.windows.net' });
  });

  it('reads a cluster’s own URL only when asked (pasted links, Kusto.Explorer “Desktop” links)', async () => {
    const desktop = `https://help.kusto.windows.net/Samples?web=0&query=${gzipBase64Lower('StormEvents | count')}`;
    expect(isShareLink(desktop)).toBe(true);
    expect(isShareLink('https://help.kusto.windows.net/Samples')).toBe(false);
    expect(isShareLink('https://help.kusto.windows.net/Samples', { clusterHostLinks: true })).toBe(
      true,
    );
    const opened = await decodeShareLink(desktop, { clusterHostLinks: true });
    expect(opened.target).toEqual({
      kind: 'kusto',
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
    });
    expect(opened.text).toBe('StormEvents | count');
  });

  it('keeps reading Quarry’s older /?cluster=…&database=…&query= links', async () => {
    const link = `${origin}/?cluster=help.kusto.windows.net&database=Samples&query=${gzipBase64Url(queries[0]!)}`;
    const opened = await decodeShareLink(link);
    expect(opened.target).toEqual({
      kind: 'kusto',
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
    });
    expect(opened.text).toBe(queries[0]);
    const local = await decodeShareLink(
      `${origin}/?cluster=http://localhost:5181&database=Samples&query=${gzipBase64Url('print 1')}`,
    );
    expect(local.target).toMatchObject({ clusterUrl: 'http://localhost:5181' });
  });

  it('reads App Insights links and reports the endpoint a link asks for without accepting it', async () => {
    const opened = await decodeShareLink(
      `${origin}/?appId=DEMO_APP&endpoint=https%3A%2F%2Fevil.example&timespan=P7D&query=${gzipBase64Url('requests | count')}`,
    );
    expect(opened.target).toEqual({
      kind: 'appinsights',
      appId: 'DEMO_APP',
      requestedEndpoint: 'https://evil.example',
      timeRange: { kind: 'relative', duration: 'P7D' },
    });
    expect(opened.text).toBe('requests | count');
  });

  it('reads tenant and login_hint synchronously, before any query is decoded', () => {
    const read = readLinkTarget(
      `${adx}/clusters/help/databases/Samples?tenant=t1&login_hint=a%40b.c&query=H4sI`,
    );
    expect(read).toMatchObject({ tenant: 't1', loginHint: 'a@b.c', rawQuery: 'H4sI' });
  });
});

describe('share links are ADX-shaped', () => {
  it.each(queries)('Share → decodes with node:zlib + Buffer to the same text: %j', async (text) => {
    const link = await encodeShareLink(
      { clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text },
      { origin },
    );
    const url = new URL(link);
    expect(url.pathname).toBe('/clusters/help.kusto.windows.net/databases/Samples');
    const raw = /[?&]query=([^&]*)/.exec(url.search)![1]!;
    expect(raw).toMatch(/^[A-Za-z0-9%]+$/);
    // An independent decoder: percent-decoding, standard base64, gunzip.
    expect(gunzipSync(Buffer.from(decodeURIComponent(raw), 'base64')).toString('utf8')).toBe(text);
    expect((await decodeShareLink(link)).text).toBe(text);
  });

  it('swapping the origin for ADX’s gives the same link ADX would open', async () => {
    const target = {
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
      text: 'print 1',
    };
    const ours = await encodeShareLink(target, { origin });
    const theirs = await adxWebLink(target);
    expect(theirs).toBe(ours.replace(origin, adx));
  });

  it('writes a non-https or ported cluster as a percent-encoded URL segment, and reads it back', async () => {
    const target = {
      clusterUrl: 'http://localhost:5181',
      database: 'Contoso Sales',
      text: 'print 1',
    };
    const link = await encodeShareLink(target, { origin, path: '/console/' });
    expect(new URL(link).pathname).toBe(
      '/console/clusters/http%3A%2F%2Flocalhost%3A5181/databases/Contoso%20Sales',
    );
    const opened = await decodeShareLink(link);
    expect(opened.target).toEqual({
      kind: 'kusto',
      clusterUrl: 'http://localhost:5181',
      database: 'Contoso Sales',
    });
  });

  it('round-trips App Insights targets with relative and absolute time ranges', async () => {
    const link = await encodeShareLink(
      {
        appId: 'DEMO_APP',
        endpoint: 'http://localhost:5182',
        timeRange: { kind: 'absolute', from: '2024-01-01T00:00:00Z', to: '2024-01-02T00:00:00Z' },
        text: 'traces | take 1',
      },
      { origin },
    );
    const opened = await decodeShareLink(link);
    expect(opened.target).toEqual({
      kind: 'appinsights',
      appId: 'DEMO_APP',
      requestedEndpoint: 'http://localhost:5182',
      timeRange: { kind: 'absolute', from: '2024-01-01T00:00:00Z', to: '2024-01-02T00:00:00Z' },
    });
    expect(opened.text).toBe('traces | take 1');
    const publicLink = await encodeShareLink(
      { appId: 'a', endpoint: 'https://api.applicationinsights.io', text: 'requests' },
      { origin },
    );
    expect(publicLink).not.toContain('endpoint=');
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
});

describe('malformed links', () => {
  it('reports each fault with a typed error', async () => {
    const base = `${origin}/clusters/help/databases/Samples?query=`;
    expect((await errorOf(decodeShareLink(`${base}H4sI*not*base64!`))).kind).toBe('bad-base64');
    expect((await errorOf(decodeShareLink(`${base}H4sIA`))).kind).toBe('bad-base64');
    expect((await errorOf(decodeShareLink(`${base}print%zz`))).kind).toBe('bad-encoding');
    const truncated = gzipSync('StormEvents | take 10'.repeat(20)).subarray(0, 20);
    expect((await errorOf(decodeShareLink(`${base}${truncated.toString('base64url')}`))).kind).toBe(
      'not-gzip',
    );
    const badUtf8 = gzipSync(Buffer.from([0xff, 0xfe, 0x41])).toString('base64url');
    expect((await errorOf(decodeShareLink(`${base}${badUtf8}`))).kind).toBe('not-utf8');
    const query = gzipBase64Url('print 1');
    expect((await errorOf(decodeShareLink(`${origin}/?query=${query}`))).kind).toBe(
      'missing-target',
    );
    expect((await errorOf(decodeShareLink(`${origin}/?appId=a`))).kind).toBe('missing-query');
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
      decodeShareLink(`${origin}/clusters/help/databases/Samples?query=${bomb}`),
    );
    expect(error.kind).toBe('too-long');
  });
});

describe('after reading a link', () => {
  it('removes the link from the address and keeps everything else', () => {
    expect(withoutShareParams(`${origin}/?workspace=w&cluster=help&database=S&query=abc#x`)).toBe(
      `${origin}/?workspace=w#x`,
    );
    expect(
      withoutShareParams(
        `${origin}/clusters/help/databases/Samples?query=a+b&name=n&f-IFrameAuth=true&login_hint=x`,
      ),
    ).toBe(`${origin}/?f-IFrameAuth=true`);
    expect(isShareLink(`${origin}/?workspace=w`)).toBe(false);
  });
});
