/**
 * Kusto's "OneApiErrors" error objects, shaped like the recorded real responses
 * (fixtures/recorded/kusto-v1/grafana-error-response.json, kusto-v2/go-partialError.json).
 */
import type { KqlError } from './kql-engine-api.ts';

export interface RequestIdentity {
  clientRequestId: string;
  activityId: string;
}

export type OneApiErrorObject = Record<string, unknown>;
export interface OneApiError {
  error: OneApiErrorObject;
}

export function errorContext(ids: RequestIdentity, activityType: string): Record<string, unknown> {
  return {
    timestamp: kustoTimestamp(new Date()),
    serviceAlias: 'QUARRY-LOCAL',
    machineName: 'KEngine000000',
    processName: 'Kusto.WinSvc.Svc',
    processId: process.pid,
    threadId: 1,
    clientRequestId: ids.clientRequestId,
    activityId: ids.activityId,
    subActivityId: ids.activityId,
    activityType,
    parentActivityId: ids.activityId,
    activityStack: `(Activity stack: CRID=${ids.clientRequestId} ARID=${ids.activityId} > ${activityType}/${ids.activityId})`,
  };
}

/** Kusto writes 7 fractional digits. */
export function kustoTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

const innerTypeByKind: Record<KqlError['kind'], string> = {
  syntax: 'Kusto.Data.Exceptions.SyntaxException',
  semantic: 'Kusto.Data.Exceptions.SemanticException',
  unsupported: 'Kusto.Data.Exceptions.KustoBadRequestException',
  runtime: 'Kusto.Data.Exceptions.KustoBadRequestException',
};

const prefixByKind: Record<KqlError['kind'], string> = {
  syntax: 'Syntax error',
  semantic: 'Semantic error',
  unsupported: 'Unsupported',
  runtime: 'Runtime error',
};

/**
 * HTTP 400 body for a query the engine rejected. Real Kusto puts the 0-based position within the
 * line in `[line:position=L:P]` and in `@pos` (grafana-error-response.json: token at offset 9 → "1:9").
 */
export function kqlErrorBody(
  error: KqlError,
  query: string,
  database: string,
  ids: RequestIdentity,
): OneApiError {
  // The engine writes "Syntax error: <text> [KS005, line 1, column 13]"; keep <text> only.
  const shortMessage = error.message
    .replace(/^(Syntax|Semantic|Runtime) error:\s*/, '')
    .replace(/^(SYN|SEM)\d+:\s*/, '')
    .replace(/\s*\[[A-Z]+\d+, line \d+, column \d+\]\s*$/, '');
  const position = Math.max(0, error.column - 1);
  const withCode = error.kind === 'syntax' || error.kind === 'semantic';
  const qualified =
    `${prefixByKind[error.kind]}: ${withCode ? `${error.code}: ` : ''}${shortMessage} ` +
    `[line:position=${error.line}:${position}]. Query: '${query}'`;
  const context = errorContext(ids, 'DN.FE.ExecuteQuery');
  const token = query.substr(error.start, Math.max(0, error.length));
  return {
    error: {
      code: 'General_BadRequest',
      '@type': 'Kusto.Data.Exceptions.KustoBadRequestException',
      message: `Request is invalid and cannot be processed: ${qualified}`,
      '@context': context,
      '@permanent': true,
      '@text': query,
      '@database': database,
      '@ClientRequestLogger': '',
      innererror: {
        code: error.code,
        message: shortMessage,
        '@type': innerTypeByKind[error.kind],
        '@message': qualified,
        '@context': context,
        '@permanent': true,
        '@line': String(error.line),
        '@pos': String(position),
        '@errorCode': error.code,
        '@errorMessage': shortMessage,
        ...(token ? { '@token': token } : {}),
      },
    },
  };
}

/** Generic 400 (bad body, unknown command, unknown database...). */
export function badRequestBody(
  message: string,
  ids: RequestIdentity,
  extra: { query?: string; database?: string; activityType?: string } = {},
): OneApiError {
  return {
    error: {
      code: 'General_BadRequest',
      message: 'Request is invalid and cannot be executed.',
      '@type': 'Kusto.Data.Exceptions.KustoBadRequestException',
      '@message': message,
      '@context': errorContext(ids, extra.activityType ?? 'DN.FE.ExecuteQuery'),
      '@permanent': true,
      ...(extra.query === undefined ? {} : { '@text': extra.query }),
      ...(extra.database === undefined ? {} : { '@database': extra.database }),
      '@ClientRequestLogger': '',
    },
  };
}

/** Real Kusto: `Entity ID 'X' of kind 'Database' was not found.` */
export function databaseNotFoundBody(
  database: string,
  ids: RequestIdentity,
  query: string,
): OneApiError {
  const body = badRequestBody(`Request is invalid and cannot be executed.`, ids, {
    query,
    database,
  });
  body.error['@type'] = 'Kusto.Data.Exceptions.EntityNotFoundException';
  body.error.code = 'BadRequest_EntityNotFound';
  body.error['@message'] = `Entity ID '${database}' of kind 'Database' was not found.`;
  body.error.message = `Entity ID '${database}' of kind 'Database' was not found.`;
  return body;
}

/** 403, worded like real Kusto's UnauthorizedDatabaseAccessException. */
export function forbiddenBody(
  principal: string,
  database: string,
  ids: RequestIdentity,
): OneApiError {
  return {
    error: {
      code: 'Forbidden',
      message: 'Caller is not authorized to perform this action',
      '@type': 'Kusto.DataNode.Exceptions.UnauthorizedDatabaseAccessException',
      '@message': `Principal '${principal}' is not authorized to read database '${database}'.`,
      '@context': errorContext(ids, 'DN.FE.ExecuteQuery'),
      '@permanent': true,
    },
  };
}

export function throttledBody(status: 429 | 503, ids: RequestIdentity): OneApiError {
  const throttled = status === 429;
  return {
    error: {
      code: throttled ? 'TooManyRequests' : 'ServiceUnavailable',
      message: throttled
        ? 'Request was denied due to throttling. Retrying after some backoff might succeed.'
        : 'The service is temporarily unavailable. Retrying after some backoff might succeed.',
      '@type': throttled
        ? 'Kusto.DataNode.Exceptions.KustoRequestThrottledException'
        : 'Kusto.Data.Exceptions.KustoServiceTimeoutException',
      '@message': throttled
        ? 'The request was denied due to throttling (concurrency limit reached).'
        : 'Service is unavailable.',
      '@context': errorContext(ids, 'GW.Http.CallContext'),
      '@permanent': false,
    },
  };
}

/** The partial failure real Kusto reports after the first N records (or bytes) of a result. */
export function limitsExceededError(
  limit: { kind: 'records' | 'bytes'; value: number },
  ids: RequestIdentity,
): OneApiError {
  return {
    error: {
      code: 'LimitsExceeded',
      message: 'Request is invalid and cannot be executed.',
      '@type': 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException',
      '@message': limitsExceededMessage(limit),
      '@context': errorContext(ids, 'GW.Http.CallContext'),
      '@permanent': false,
    },
  };
}

export function limitsExceededMessage(limit: { kind: 'records' | 'bytes'; value: number }): string {
  return (
    `Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of ` +
    `${limit.value} ${limit.kind}, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003). ` +
    `See https://aka.ms/kustoquerylimits for more information and possible solutions..`
  );
}

export function cancelledError(reason: string, ids: RequestIdentity): OneApiError {
  return {
    error: {
      code: 'QueryCancelled',
      message: 'The query was cancelled.',
      '@type': 'Kusto.Data.Exceptions.KustoRequestCanceledException',
      '@message': `Query execution was cancelled by a .cancel query command${reason ? ` (reason: ${reason})` : ''}.`,
      '@context': errorContext(ids, 'GW.Http.CallContext'),
      '@permanent': true,
    },
  };
}

/**
 * v1 partial failures carry the error as text (kusto-v1/go-partialError.json):
 * the message, then the exception type and context lines.
 */
export function v1ExceptionText(error: OneApiError): string {
  const e = error.error;
  const context = (e['@context'] ?? {}) as Record<string, unknown>;
  return (
    `${String(e['@message'])}\r\n[0]${String(e['@type'])}: ${String(e['@message'])}\r\n` +
    `Timestamp=${String(context.timestamp)}\r\nClientRequestId=${String(context.clientRequestId)}\r\n` +
    `ActivityId=${String(context.activityId)}\r\nActivityType=${String(context.activityType)}\r\n` +
    `MachineName=${String(context.machineName)}\r\nProcessName=${String(context.processName)}\r\n`
  );
}
