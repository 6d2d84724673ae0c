import type { DataSetIssue, IssueSource } from './result-types';

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Turns one OneApiError (`{"error": {...}}`, a bare `{code, message, ...}`, or plain text) into an
 * issue. The most specific message wins: `@message` (the engine's text) over `message` (generic).
 */
export function issueFromOneApiError(
  error: unknown,
  source: IssueSource,
  tableId: number | null,
): DataSetIssue {
  if (typeof error === 'string') {
    return {
      severity: 'error',
      source,
      code: codeInText(error),
      message:
        error
          .split(/\r?\n/)
          .find((line) => line.trim() !== '')
          ?.trim() ?? error,
      tableId,
      permanent: null,
      activityId: null,
      clientRequestId: null,
      raw: error,
    };
  }
  const outer = (error ?? {}) as Record<string, unknown>;
  const body = (
    typeof outer.error === 'object' && outer.error !== null ? outer.error : outer
  ) as Record<string, unknown>;
  const inner = (
    typeof body.innererror === 'object' && body.innererror !== null ? body.innererror : {}
  ) as Record<string, unknown>;
  const context = (
    typeof body['@context'] === 'object' && body['@context'] !== null ? body['@context'] : {}
  ) as Record<string, unknown>;
  const message =
    str(inner['@errorMessage']) ??
    str(body['@message']) ??
    str(inner['@message']) ??
    str(body.message) ??
    'The service reported an error without a message.';
  return {
    severity: 'error',
    source,
    code: str(inner['@errorCode']) ?? str(inner.code) ?? str(body.code) ?? codeInText(message),
    message,
    tableId,
    permanent: typeof body['@permanent'] === 'boolean' ? body['@permanent'] : null,
    activityId: str(context.activityId),
    clientRequestId: str(context.clientRequestId),
    raw: error,
  };
}

/** Kusto's E_… codes, e.g. E_QUERY_RESULT_SET_TOO_LARGE, when a message names one. */
function codeInText(text: string): string | null {
  return /\b(E_[A-Z_]+)\b/.exec(text)?.[1] ?? null;
}

/**
 * The error shapes that can sit inside a `Rows` array: `{"OneApiErrors": [...]}` (v2 in_data),
 * `{"Exceptions": ["..."]}` (v1), or a bare error object.
 */
export function issuesFromErrorRow(
  row: unknown,
  source: IssueSource,
  tableId: number | null,
): DataSetIssue[] {
  if (row !== null && typeof row === 'object' && !Array.isArray(row)) {
    const record = row as Record<string, unknown>;
    if (Array.isArray(record.OneApiErrors)) {
      return record.OneApiErrors.map((e) => issueFromOneApiError(e, source, tableId));
    }
    if (Array.isArray(record.Exceptions)) {
      return record.Exceptions.map((e) => issueFromOneApiError(String(e), source, tableId));
    }
  }
  return [issueFromOneApiError(row, source, tableId)];
}

/** Same error reported twice (in data and at completion) counts once. */
export function issueKey(issue: DataSetIssue): string {
  return `${issue.code ?? ''}\u0001${issue.message}`;
}
