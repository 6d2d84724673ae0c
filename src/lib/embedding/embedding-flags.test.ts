import { describe, expect, it } from 'vitest';
import { parseEmbeddingFlags } from './embedding-flags';
import { resolveHostOrigin } from './resolve-host-origin';
import { readJwtExpiry } from './read-jwt-expiry';

describe('embedding flags', () => {
  it('defaults to the full UI in the default workspace', () => {
    expect(parseEmbeddingFlags('', false)).toEqual({
      framed: false,
      iframeAuth: false,
      hideConnectionPane: false,
      showShareMenu: true,
      showPageHeader: true,
      useMeControl: true,
      pinned: null,
      workspace: 'default',
      hostOrigin: null,
    });
  });

  it('reads ADX-style flags case-insensitively, pins a connection and keys the workspace', () => {
    const flags = parseEmbeddingFlags(
      '?f-iframeauth=TRUE&f-HideConnectionPane=true&f-ShowShareMenu=false&f-ShowPageHeader=false' +
        '&f-UseMeControl=false&cluster=https://help.kusto.windows.net/&database=Samples&workspace=portal-1',
      true,
    );
    expect(flags).toMatchObject({
      iframeAuth: true,
      hideConnectionPane: true,
      showShareMenu: false,
      showPageHeader: false,
      useMeControl: false,
      pinned: { cluster: 'https://help.kusto.windows.net', database: 'Samples' },
      workspace: 'portal-1',
    });
  });

  it('ignores host-provided tokens outside a frame, a half pin and an odd workspace key', () => {
    const flags = parseEmbeddingFlags('?f-IFrameAuth=true&cluster=x&workspace=a/b', false);
    expect(flags.iframeAuth).toBe(false);
    expect(flags.pinned).toBeNull();
    expect(flags.workspace).toBe('default');
  });
});

describe('host origin', () => {
  const allowed = ['https://portal.contoso.com/'];
  it('takes the referrer origin when it is allowed', () => {
    expect(
      resolveHostOrigin({
        referrer: 'https://portal.contoso.com/page?x=1',
        hostOriginParameter: null,
        allowed,
      }),
    ).toEqual({ ok: true, origin: 'https://portal.contoso.com' });
  });
  it('falls back to an allowed f-HostOrigin, and refuses anything else', () => {
    expect(
      resolveHostOrigin({
        referrer: '',
        hostOriginParameter: 'https://portal.contoso.com',
        allowed,
      }),
    ).toEqual({ ok: true, origin: 'https://portal.contoso.com' });
    const refused = resolveHostOrigin({
      referrer: 'https://evil.example/',
      hostOriginParameter: 'https://evil.example',
      allowed,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toContain('https://evil.example');
  });
});

describe('readJwtExpiry', () => {
  it('reads exp without verifying, and null for a non-JWT', () => {
    const payload = btoa(JSON.stringify({ exp: 1_800_000_000 })).replace(/=+$/, '');
    expect(readJwtExpiry(`x.${payload}.y`)).toBe(1_800_000_000_000);
    expect(readJwtExpiry('opaque')).toBeNull();
  });

  it('does not pin the connection for a share link, which also names a cluster and database', () => {
    const flags = parseEmbeddingFlags(
      '?cluster=http://localhost:5181&database=Samples&query=H4sIAAAAAAAAAwsuyS9KdS1JzS0GAPnOMDoLAAAA',
      false,
    );
    expect(flags.pinned).toBeNull();
  });
});
