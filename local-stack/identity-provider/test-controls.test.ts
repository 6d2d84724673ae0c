import { describe, expect, it } from 'vitest';
import { TestControls, defaultTokenLifetimes } from './test-controls.ts';

describe('defaultTokenLifetimes', () => {
  it('defaults to one hour and 24 hours', () => {
    expect(defaultTokenLifetimes({})).toEqual({
      accessTokenLifetimeSeconds: 3600,
      refreshTokenLifetimeSeconds: 86_400,
    });
  });

  it('reads QUARRY_IDP_ACCESS_TOKEN_SECONDS and QUARRY_IDP_REFRESH_TOKEN_SECONDS', () => {
    expect(
      defaultTokenLifetimes({
        QUARRY_IDP_ACCESS_TOKEN_SECONDS: '120',
        QUARRY_IDP_REFRESH_TOKEN_SECONDS: '600',
      }),
    ).toEqual({ accessTokenLifetimeSeconds: 120, refreshTokenLifetimeSeconds: 600 });
  });

  it('refuses a value that is not whole positive seconds', () => {
    expect(() => defaultTokenLifetimes({ QUARRY_IDP_ACCESS_TOKEN_SECONDS: '1.5' })).toThrow(
      /QUARRY_IDP_ACCESS_TOKEN_SECONDS=1.5/,
    );
  });
});

describe('TestControls authorize failures', () => {
  const controls = () =>
    new TestControls({ accessTokenLifetimeSeconds: 1, refreshTokenLifetimeSeconds: 2 }, () => 0);

  it('counts down a limited failure and then stops failing', () => {
    const subject = controls();
    subject.failAuthorize({
      error: 'access_denied',
      code: 53003,
      description: undefined,
      remaining: 2,
    });
    expect(subject.takeAuthorizeFailure()?.code).toBe(53003);
    expect(subject.takeAuthorizeFailure()?.code).toBe(53003);
    expect(subject.takeAuthorizeFailure()).toBeUndefined();
  });

  it('treats times 0 as "stop failing"', () => {
    const subject = controls();
    subject.failAuthorize({
      error: 'access_denied',
      code: 53003,
      description: undefined,
      remaining: null,
    });
    subject.failAuthorize({
      error: 'access_denied',
      code: 53003,
      description: undefined,
      remaining: 0,
    });
    expect(subject.takeAuthorizeFailure()).toBeUndefined();
  });
});
