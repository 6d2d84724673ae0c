import { describe, expect, it } from 'vitest';
import { appInsightsFixture } from '../appinsights/test-support/appinsights-fixtures';
import {
  parseAppInsightsErrorBody,
  queryErrorFromAppInsightsHttp,
} from './classify-appinsights-error';

const ctx = { requestId: 'Quarry.Query;r1', host: 'api.applicationinsights.io' };

function errorBody(code: string, message: string, innererror?: unknown): string {
  return JSON.stringify({
    error: { code, message, correlationId: 'corr-1', ...(innererror ? { innererror } : {}) },
  });
}

describe('App Insights error classification', () => {
  it('the recorded bad query (400 SyntaxError) → query-syntax at line 1, column 12', () => {
    const recorded = appInsightsFixture('js-monitor-query-recording_querylogs_bad_query.json');
    const query = (recorded.requestBody as { query: string }).query;
    const error = queryErrorFromAppInsightsHttp(
      { status: recorded.status, bodyText: JSON.stringify(recorded.responseBody) },
      ctx,
    );
    expect(error.kind).toBe('query-syntax');
    // `pos` 11 is 0-based: 'invalid' starts at the 12th character of "completely invalid syntax".
    expect(error.position).toEqual({ line: 1, column: 12 });
    expect(query.slice(error.position!.column - 1).startsWith('invalid')).toBe(true);
    expect(error.title).toBe('Syntax error at line 1, column 12');
    expect(error.cause).toBe("Query could not be parsed at 'invalid' on line [1,11]");
    expect(error.code).toBe('SYN0002');
    expect(error.activityId).toBe('a4016d26-2c78-4700-9705-2488ddad97da');
    expect(error.requestId).toBe('Quarry.Query;r1');
    expect(error.httpStatus).toBe(400);
  });

  it('400 SemanticError (stand-in shape) → query-semantic with the innermost message', () => {
    const error = queryErrorFromAppInsightsHttp(
      {
        status: 400,
        bodyText: errorBody('BadArgumentError', 'The request had some invalid properties', {
          code: 'SemanticError',
          message: 'A semantic error occurred.',
          innererror: {
            code: 'SEM0100',
            message: "Failed to resolve table or column expression named 'requestz'",
            line: 2,
            pos: 0,
          },
        }),
      },
      ctx,
    );
    expect(error.kind).toBe('query-semantic');
    expect(error.position).toEqual({ line: 2, column: 1 });
    expect(error.cause).toMatch(/requestz/);
    expect(error.detail).toMatch(/The request had some invalid properties/);
  });

  it('401 → auth; 403 InvalidAuthenticationTokenAudience → auth naming the scope', () => {
    const unauthorized = queryErrorFromAppInsightsHttp(
      {
        status: 401,
        bodyText: errorBody('AuthorizationRequiredError', 'Valid authentication was not provided'),
      },
      ctx,
    );
    expect(unauthorized.kind).toBe('auth');
    expect(unauthorized.cause).toBe('Valid authentication was not provided');
    const audience = queryErrorFromAppInsightsHttp(
      {
        status: 403,
        bodyText: errorBody(
          'InvalidAuthenticationTokenAudience',
          "The access token has been obtained for wrong audience or resource 'x'.",
        ),
      },
      ctx,
    );
    expect(audience.kind).toBe('auth');
    expect(audience.fix).toContain('https://api.applicationinsights.io/.default');
    expect(audience.activityId).toBe('corr-1');
  });

  it('403 InsufficientAccessError → forbidden: Reader role, up to 60 minutes', () => {
    const error = queryErrorFromAppInsightsHttp(
      {
        status: 403,
        bodyText: errorBody(
          'InsufficientAccessError',
          'The provided credentials have insufficient access to perform the requested operation',
          { code: 'InsufficientAccessError', message: 'no read access' },
        ),
      },
      ctx,
    );
    expect(error.kind).toBe('forbidden');
    expect(error.cause).toContain('lacks Reader on the Application Insights resource');
    expect(error.cause).toContain('60 minutes');
  });

  it('404 unknown app → not-found pointing at the API Access blade; workspace wording differs', () => {
    const body = errorBody('PathNotFoundError', 'The requested application was not found', {
      code: 'ApplicationNotFoundError',
      message: "Could not find an application with id 'NOPE'.",
    });
    const app = queryErrorFromAppInsightsHttp({ status: 404, bodyText: body }, ctx);
    expect(app.kind).toBe('not-found');
    expect(app.fix).toContain('API Access blade');
    expect(app.cause).toContain("'NOPE'");
    const workspace = queryErrorFromAppInsightsHttp(
      { status: 404, bodyText: body },
      ctx,
      'workspace',
    );
    expect(workspace.title).toBe('Workspace not found');
  });

  it('429 → throttled with Retry-After; 500 → http; non-JSON body kept as detail', () => {
    const throttled = queryErrorFromAppInsightsHttp(
      {
        status: 429,
        bodyText: errorBody('ThrottledError', 'Too many requests.'),
        headers: new Headers({ 'retry-after': '7' }),
        now: 0,
      },
      ctx,
    );
    expect(throttled).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
    const broken = queryErrorFromAppInsightsHttp(
      { status: 502, bodyText: '<html>bad gateway' },
      ctx,
    );
    expect(broken.kind).toBe('http');
    expect(broken.detail).toBe('<html>bad gateway');
  });

  it('parseAppInsightsErrorBody ignores non-error JSON', () => {
    expect(parseAppInsightsErrorBody('{"tables":[]}')).toBeNull();
    expect(parseAppInsightsErrorBody('nope')).toBeNull();
  });
});
