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
      showConnectionButtons: true,
      showFileMenu: true,
      showOpenNewWindowButton: false,
      pinned: null,
      workspace: 'default',
      workspaceProblem: null,
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

  it('ignores host-provided tokens outside a frame and a half pin', () => {
    const flags = parseEmbeddingFlags('?f-IFrameAuth=true&cluster=x&workspace=w', true);
    expect(parseEmbeddingFlags('?f-IFrameAuth=true', false).iframeAuth).toBe(false);
    expect(flags.pinned).toBeNull();
    expect(flags.workspace).toBe('w');
  });

  it('refuses an invalid workspace with a message instead of falling back to the default', () => {
    const flags = parseEmbeddingFlags('?workspace=a/b', true);
    expect(flags.workspaceProblem).toMatch(/"a\/b", which is not a valid workspace name/);
    expect(flags.workspaceProblem).toMatch(/did not open the default workspace/);
    expect(
      parseEmbeddingFlags('?workspace=4f1c2d6e-9a0b-4c1d-8e2f-3a4b5c6d7e8f', true).workspaceProblem,
    ).toBeNull();
  });

  it('pins by path inside a frame, as the ADX embedding sample loads it', () => {
    const flags = parseEmbeddingFlags(
      '?f-IFrameAuth=true&f-UseMeControl=false&workspace=portal',
      true,
      '/clusters/mycluster.westeurope/databases/Sales%20Data',
    );
    expect(flags.pinned).toEqual({
      cluster: 'https://mycluster.westeurope.kusto.windows.net',
      database: 'Sales Data',
    });
    const encoded = parseEmbeddingFlags(
      '?f-IFrameAuth=true',
      true,
      '/clusters/http%3A%2F%2Flocalhost%3A5181/databases/Samples',
    );
    expect(encoded.pinned).toEqual({ cluster: 'http://localhost:5181', database: 'Samples' });
  });

  it('never pins outside a frame: there the address is a link that asks first', () => {
    expect(parseEmbeddingFlags('?cluster=help&database=Samples', false).pinned).toBeNull();
    expect(parseEmbeddingFlags('', false, '/clusters/help/databases/Samples').pinned).toBeNull();
  });

  it('reads the other ADX flags that apply to Quarry', () => {
    expect(
      parseEmbeddingFlags(
        '?f-ShowConnectionButtons=false&f-ShowFileMenu=false&f-ShowOpenNewWindowButton=true',
        true,
      ),
    ).toMatchObject({
      showConnectionButtons: false,
      showFileMenu: false,
      showOpenNewWindowButton: true,
    });
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
      true,
    );
    expect(flags.pinned).toBeNull();
  });
});
