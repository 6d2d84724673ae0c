import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildMsalConfiguration } from './create-msal-instance';
import {
  isFramedByAnotherOrigin,
  POPUP_RELAY_TIMEOUT_MS,
  relayAuthorityOrigins,
} from './popup-relay';

type FakeWindow = { self: unknown; top: unknown; location: { origin: string } };

function topLevel(origin: string): FakeWindow {
  const win: FakeWindow = { self: null, top: null, location: { origin } };
  win.self = win;
  win.top = win;
  return win;
}

function framedIn(top: unknown, origin = 'https://quarry.example'): FakeWindow {
  const win: FakeWindow = { self: null, top, location: { origin } };
  win.self = win;
  return win;
}

const crossOriginTop = {
  get location(): never {
    throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
  },
};

describe('isFramedByAnotherOrigin', () => {
  it('is false for a top-level page', () => {
    expect(isFramedByAnotherOrigin(topLevel('https://quarry.example') as unknown as Window)).toBe(
      false,
    );
  });

  it('is false in a frame whose top is the same origin', () => {
    const top = topLevel('https://quarry.example');
    expect(isFramedByAnotherOrigin(framedIn(top) as unknown as Window)).toBe(false);
  });

  it('is true when the top is another origin (reading its location throws)', () => {
    expect(isFramedByAnotherOrigin(framedIn(crossOriginTop) as unknown as Window)).toBe(true);
  });
});

describe('relayAuthorityOrigins', () => {
  it('allows the authority and the known authorities, each once, by origin', () => {
    expect(
      relayAuthorityOrigins({
        authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
        knownAuthorities: ['login.microsoftonline.com', 'contoso.ciamlogin.com'],
      }),
    ).toEqual(['https://login.microsoftonline.com', 'https://contoso.ciamlogin.com']);
  });

  it('keeps a port and skips a host that is not a host', () => {
    expect(
      relayAuthorityOrigins({
        authority: 'https://localhost:5180/4b2a6f3e/v2.0',
        knownAuthorities: ['localhost:5180', 'not a host/'],
      }),
    ).toEqual(['https://localhost:5180']);
  });
});

describe('buildMsalConfiguration', () => {
  afterEach(() => vi.unstubAllGlobals());

  const settings = {
    clientId: '9f3c1a2e',
    authority: 'https://login.microsoftonline.com/contoso',
    knownAuthorities: ['login.microsoftonline.com'],
    redirectUri: '/redirect.html',
    postLogoutRedirectUri: '/',
    cacheLocation: 'memoryStorage' as const,
  };

  it('routes pop-ups through the relay page beside redirect.html only in a cross-origin frame', () => {
    vi.stubGlobal('window', framedIn(crossOriginTop));
    const framed = buildMsalConfiguration(settings, true);
    expect(framed.auth.popupRelayUri).toBe('https://quarry.example/popup-relay.html');
    expect(framed.auth.popupRelayProtocolVersion).toBe(2);
    expect(framed.system?.popupBridgeTimeout).toBe(POPUP_RELAY_TIMEOUT_MS);

    const direct = buildMsalConfiguration(settings, false);
    expect(direct.auth.popupRelayUri).toBeUndefined();
    expect(direct.system?.popupBridgeTimeout).toBeUndefined();
    expect(direct.auth.redirectUri).toBe('https://quarry.example/redirect.html');
  });
});
