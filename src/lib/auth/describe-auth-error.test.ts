import { describe, expect, it } from 'vitest';
import { aadstsCatalogue } from './aadsts-catalogue';
import { describeAuthError } from './describe-auth-error';

describe('describeAuthError', () => {
  it('reads the AADSTS code, ids and time out of an Entra error description', () => {
    const description = describeAuthError({
      errorCode: 'access_denied',
      errorMessage:
        'AADSTS53003: Access has been blocked by Conditional Access policies.\r\nTrace ID: 0b7a4e1c-1111-4a2b-9c3d-222222222222\r\nCorrelation ID: 5e6f7a8b-3333-4c4d-8e9f-444444444444\r\nTimestamp: 2026-11-23 12:00:00Z',
    });
    expect(description).toEqual({
      code: 'AADSTS53003',
      message: 'AADSTS53003: Access has been blocked by Conditional Access policies.',
      meaning: aadstsCatalogue['53003']!.meaning,
      fix: aadstsCatalogue['53003']!.fix,
      correlationId: '5e6f7a8b-3333-4c4d-8e9f-444444444444',
      traceId: '0b7a4e1c-1111-4a2b-9c3d-222222222222',
      timestamp: '2026-11-23 12:00:00Z',
    });
  });

  it('falls back to MSAL’s error code and its correlation id', () => {
    const description = describeAuthError({
      errorCode: 'endpoints_resolution_error',
      errorMessage: 'Endpoints cannot be resolved',
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    });
    expect(description.code).toBe('endpoints_resolution_error');
    expect(description.fix).toMatch(/knownAuthorities/);
    expect(description.correlationId).toBe('c0ffee00-0000-4000-8000-000000000001');
  });

  it('treats interaction_required without a code as AADSTS50058’s meaning', () => {
    const description = describeAuthError({ errorCode: 'interaction_required', errorMessage: '' });
    expect(description.meaning).toBe(aadstsCatalogue['50058']!.meaning);
  });

  it('gives generic advice for something unknown instead of nothing', () => {
    const description = describeAuthError(new Error('boom'));
    expect(description.code).toBe('unknown_error');
    expect(description.message).toBe('boom');
    expect(description.fix).toMatch(/correlation ID/);
  });

  it('has a meaning and a fix for every catalogued code', () => {
    for (const [code, advice] of Object.entries(aadstsCatalogue)) {
      expect(advice.meaning.length, code).toBeGreaterThan(10);
      expect(advice.fix.length, code).toBeGreaterThan(5);
    }
  });
});
