import { describe, expect, it } from 'vitest';
import type { DataSetIssue } from '../result-model';
import {
  IdentityProviderUnreachableError,
  InteractionBlockedError,
  NotSignedInError,
  UntrustedTokenTargetError,
} from '../auth/token-errors';
import { parseRetryAfter, queryErrorFromHttp, queryErrorFromIssue } from './classify-kusto-error';
import { tokenError } from './token-error';
import { parseKustoErrorBody } from './parse-kusto-error-body';
import { isPartialResultError } from './query-error';

const ctx = { requestId: 'Quarry.Query;r1', host: 'help.kusto.windows.net', database: 'Samples' };

function issue(partial: Partial<DataSetIssue>): DataSetIssue {
  return {
    severity: 'error',
    source: 'dataset-completion',
    code: null,
    message: '',
    tableId: null,
    permanent: null,
    activityId: null,
    clientRequestId: null,
    raw: null,
    ...partial,
  };
}

describe('parseKustoErrorBody', () => {
  it('reads position from @line/@pos, converting the 0-based position to a 1-based column', () => {
    const parsed = parseKustoErrorBody(
      JSON.stringify({
        error: {
          code: 'General_BadRequest',
          innererror: { code: 'SYN0002', '@line': '3', '@pos': '0' },
        },
      }),
    );
    expect(parsed?.position).toEqual({ line: 3, column: 1 });
    expect(parsed?.innerCode).toBe('SYN0002');
  });

  it('finds [line:position=L:P] in the message when the fields are missing', () => {
    const parsed = parseKustoErrorBody(
      JSON.stringify({
        error: { '@message': 'Syntax error: SYN0002: x [line:position=12:4]. Query: ...' },
      }),
    );
    expect(parsed?.position).toEqual({ line: 12, column: 5 });
  });

  it('parses the plain-text layout with its Error details line', () => {
    const parsed = parseKustoErrorBody(
      "General_BadRequest: Request is invalid and cannot be executed.\nError details: ClientRequestId='KNC.execute;1', ActivityId='a-1', Timestamp='2024-01-01T00:00:00Z'",
    );
    expect(parsed).toMatchObject({
      code: 'General_BadRequest',
      message: 'Request is invalid and cannot be executed.',
      activityId: 'a-1',
      clientRequestId: 'KNC.execute;1',
    });
    expect(parseKustoErrorBody('   ')).toBeNull();
  });
});

describe('queryErrorFromHttp', () => {
  it('keeps the request id, the activity id and the raw detail on every error', () => {
    const error = queryErrorFromHttp(
      { status: 500, bodyText: 'boom' },
      { ...ctx, activityId: 'act' },
    );
    expect(error).toMatchObject({
      kind: 'http',
      httpStatus: 500,
      requestId: 'Quarry.Query;r1',
      activityId: 'act',
      detail: 'boom',
    });
    expect(error.title).toBe('The cluster failed (HTTP 500)');
  });

  it('falls back to the 403 message when it does not name a principal', () => {
    const error = queryErrorFromHttp({ status: 403, bodyText: 'Forbidden (403-Forbidden)' }, ctx);
    expect(error).toMatchObject({
      kind: 'forbidden',
      principal: null,
      database: 'Samples',
      cause: 'Forbidden (403-Forbidden)',
    });
  });

  it('gives a 503 without Retry-After a throttled error with no wait', () => {
    expect(queryErrorFromHttp({ status: 503, bodyText: '' }, ctx)).toMatchObject({
      kind: 'throttled',
      retryAfterMs: null,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('queryErrorFromIssue', () => {
  it('classifies truncation, memory limits, cancellation, warnings and other partial failures', () => {
    const kinds = [
      issue({
        code: 'LimitsExceeded',
        message: 'exceeded (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003)',
      }),
      issue({ message: 'Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION)' }),
      issue({ message: 'Operator exceeded its memory budget (E_RUNAWAY_QUERY)' }),
      issue({ code: 'QueryCancelled', message: 'The query was cancelled.' }),
      issue({ severity: 'warning', message: 'Some shards were skipped' }),
      issue({ message: 'Something else failed' }),
    ].map((i) => {
      const error = queryErrorFromIssue(i, ctx);
      return `${error.kind}:${error.title}`;
    });
    expect(kinds).toEqual([
      'truncated:Results truncated',
      'partial:The cluster ran low on memory',
      'partial:Query hit a memory limit',
      'cancelled:Query cancelled',
      'partial:Warning from the cluster',
      'partial:Part of the query failed',
    ]);
    expect(isPartialResultError(queryErrorFromIssue(issue({ code: 'LimitsExceeded' }), ctx))).toBe(
      true,
    );
  });
});

describe('tokenError', () => {
  it('names a refused target untrusted-host: nothing was sent and signing in would not help', () => {
    expect(
      tokenError(new UntrustedTokenTargetError('https://x.example', 'not known'), ctx),
    ).toMatchObject({
      kind: 'untrusted-host',
      host: 'x.example',
      cause: 'not known',
    });
  });

  it('makes every other token failure sign-in, carrying the original error', () => {
    const msal = Object.assign(new Error('AADSTS50058: login required'), {
      errorCode: 'interaction_required',
    });
    expect(tokenError(msal, ctx)).toMatchObject({
      kind: 'sign-in',
      code: 'interaction_required',
      cause: 'AADSTS50058: login required',
      signInError: msal,
    });
    const notSignedIn = new NotSignedInError();
    expect(tokenError(notSignedIn, ctx)).toMatchObject({
      kind: 'sign-in',
      title: 'You are not signed in',
      signInError: notSignedIn,
    });
    const down = new IdentityProviderUnreachableError('login.example', 'network_error', null);
    expect(tokenError(down, ctx)).toMatchObject({
      kind: 'sign-in',
      title: 'The identity provider could not be reached',
      code: 'network_error',
    });
    const blocked = new InteractionBlockedError(msal);
    expect(tokenError(blocked, ctx)).toMatchObject({ kind: 'sign-in', signInError: blocked });
  });

  it('does not read an untrusted-host verdict off any object that claims one', () => {
    const lookalike = Object.assign(new Error('nope'), {
      kind: 'untrusted-host',
      target: 'https://x.example',
      reason: 'not known',
    });
    expect(tokenError(lookalike, ctx).kind).toBe('sign-in');
  });
});
