/**
 * Error bodies of the Application Insights query API: `{ error: { message, code, correlationId,
 * innererror } }`, shaped like the recorded real 400 (fixtures/recorded/appinsights/
 * js-monitor-query-recording_querylogs_bad_query.json) and the codes of protocols.md §3.3.
 * Codes not seen in a real response are marked "unconfirmed".
 */
import type { KqlError } from '../kql-engine/index.ts';

export interface ApiError {
  status: number;
  body: { error: Record<string, unknown> };
  headers?: Record<string, string>;
}

function apiError(
  status: number,
  code: string,
  message: string,
  correlationId: string,
  innererror?: Record<string, unknown>,
): ApiError {
  return {
    status,
    body: {
      error: {
        message,
        code,
        correlationId,
        ...(innererror ? { innererror: { ...innererror, correlationId } } : {}),
      },
    },
  };
}

export function pathNotFound(correlationId: string): ApiError {
  return apiError(404, 'PathNotFoundError', 'The requested path does not exist', correlationId);
}

export function applicationNotFound(appId: string, correlationId: string): ApiError {
  return apiError(
    404,
    'PathNotFoundError',
    'The requested application was not found',
    correlationId,
    {
      code: 'ApplicationNotFoundError',
      message: `Could not find an application with id '${appId}'.`,
    },
  );
}

export function authorizationRequired(correlationId: string, reason?: string): ApiError {
  return apiError(
    401,
    'AuthorizationRequiredError',
    'Valid authentication was not provided',
    correlationId,
    reason ? { code: 'AuthorizationRequiredError', message: reason } : undefined,
  );
}

export function wrongAudience(audience: string, expected: string, correlationId: string): ApiError {
  return apiError(
    403,
    'InvalidAuthenticationTokenAudience',
    `The access token has been obtained for wrong audience or resource '${audience}'. It should exactly match with one of the allowed audiences '${expected}'.`,
    correlationId,
  );
}

export function insufficientAccess(
  appId: string,
  principal: string,
  correlationId: string,
): ApiError {
  return apiError(
    403,
    'InsufficientAccessError',
    'The provided credentials have insufficient access to perform the requested operation',
    correlationId,
    {
      code: 'InsufficientAccessError',
      message: `'${principal}' does not have read access to application '${appId}'. Ask for the Reader role on the Application Insights resource; role changes can take up to 60 minutes.`,
    },
  );
}

export function badArgument(
  message: string,
  correlationId: string,
  innerCode = 'BadArgumentError',
): ApiError {
  return apiError(
    400,
    'BadArgumentError',
    'The request had some invalid properties',
    correlationId,
    {
      code: innerCode,
      message,
    },
  );
}

/**
 * A query the engine rejected. Syntax errors mirror the recording exactly ("Query could not be
 * parsed at 'invalid' on line [1,11]", `pos` 0-based within the line); the semantic wording is
 * by analogy (unconfirmed); unsupported/runtime are the local engine's own limits.
 */
export function queryError(error: KqlError, query: string, correlationId: string): ApiError {
  const pos = Math.max(0, error.column - 1);
  const token = error.length > 0 ? query.substr(error.start, error.length) : '';
  const position = { line: error.line, pos, ...(token ? { token } : {}) };
  const detail = error.message.replace(/^(Syntax|Semantic) error:\s*/, '');
  switch (error.kind) {
    case 'syntax':
      return rejected('SyntaxError', 'A recognition error occurred in the query.', {
        code: error.code,
        message: token
          ? `Query could not be parsed at '${token}' on line [${error.line},${pos}]`
          : detail,
        ...position,
      });
    case 'semantic':
      return rejected('SemanticError', 'A semantic error occurred.', {
        code: error.code,
        message: detail,
        ...position,
      });
    case 'unsupported':
      return rejected(
        'UnsupportedQueryError',
        'The query uses something the local stand-in does not support.',
        {
          code: error.code,
          message: detail,
          ...position,
        },
      );
    case 'runtime':
      return rejected('EngineError', 'Something went wrong processing your query.', {
        code: error.code,
        message: detail,
        ...position,
      });
  }

  function rejected(code: string, message: string, innermost: Record<string, unknown>): ApiError {
    return apiError(
      400,
      'BadArgumentError',
      'The request had some invalid properties',
      correlationId,
      {
        code,
        message,
        innererror: innermost,
      },
    );
  }
}

/** Injected through /__admin/fail-next. 429 code/message: unconfirmed. */
export function injectedFailure(
  status: number,
  retryAfterSeconds: number | undefined,
  correlationId: string,
): ApiError {
  const error =
    status === 429
      ? apiError(
          429,
          'ThrottledError',
          'Too many requests. Please retry after some time.',
          correlationId,
        )
      : status === 503
        ? apiError(
            503,
            'ServiceUnavailableError',
            'The service is temporarily unavailable. Please retry.',
            correlationId,
          )
        : apiError(
            500,
            'InternalServerFault',
            'An internal server error occurred.',
            correlationId,
            {
              code: 'InternalServerFault',
              message: 'Injected by /__admin/fail-next.',
            },
          );
  if (retryAfterSeconds !== undefined) error.headers = { 'Retry-After': String(retryAfterSeconds) };
  return error;
}
