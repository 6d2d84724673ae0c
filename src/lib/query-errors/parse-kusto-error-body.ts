import type { QueryPosition } from './query-error';
import { jsonObject, nonBlankString } from '../json/json-fields';

/** The useful parts of a Kusto error body (OneApiErrors JSON, or the older plain-text form). */
export interface ParsedKustoError {
  /** Outer code, e.g. `General_BadRequest`, `Forbidden`, `LimitsExceeded`. */
  code: string | null;
  /** Inner (engine) code, e.g. `SEM0100`, `SYN0002`. */
  innerCode: string | null;
  /** Most specific exception type, e.g. `Kusto.Data.Exceptions.SyntaxException`. */
  type: string | null;
  /** Short human message (inner `@errorMessage` when there is one). */
  message: string;
  /** The full engine text (`@message`), which often carries the position and the query. */
  fullMessage: string;
  permanent: boolean | null;
  activityId: string | null;
  clientRequestId: string | null;
  position: QueryPosition | null;
  /** `@database` of the failed request, when stated. */
  database: string | null;
}

const POSITION_IN_TEXT = /\[line:position=(\d+):(\d+)\]/;

/** Kusto reports `line` 1-based and `position` 0-based within the line; we return both 1-based. */
export function positionFrom(
  line: unknown,
  pos: unknown,
  ...texts: (string | null)[]
): QueryPosition | null {
  const l = Number(line);
  const p = Number(pos);
  if (
    line !== undefined &&
    pos !== undefined &&
    Number.isInteger(l) &&
    Number.isInteger(p) &&
    l >= 1 &&
    p >= 0
  ) {
    return { line: l, column: p + 1 };
  }
  for (const text of texts) {
    const m = text ? POSITION_IN_TEXT.exec(text) : null;
    if (m) return { line: Number(m[1]), column: Number(m[2]) + 1 };
  }
  return null;
}

/** Parses an error body: JSON OneApiError first, then the plain-text layout. Null if empty. */
export function parseKustoErrorBody(text: string): ParsedKustoError | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith('{')) {
    try {
      const parsed = parseOneApiError(JSON.parse(trimmed) as unknown);
      if (parsed) return parsed;
    } catch {
      // not JSON after all: fall through to text
    }
  }
  return parseTextError(trimmed);
}

/** A OneApiError object: `{"error": {...}}` or the inner object itself. */
export function parseOneApiError(value: unknown): ParsedKustoError | null {
  const root = jsonObject(value);
  const outer =
    jsonObject(root?.error) ?? (root && ('code' in root || '@message' in root) ? root : null);
  if (!outer) {
    // App Insights-style or unknown JSON: keep a message if there is one.
    const message =
      nonBlankString(root?.message) ?? (typeof root?.error === 'string' ? root.error : null);
    return message ? { ...emptyParsed(), message, fullMessage: message } : null;
  }
  const inner = jsonObject(outer.innererror) ?? {};
  const context = jsonObject(outer['@context']) ?? jsonObject(inner['@context']) ?? {};
  const fullMessage =
    nonBlankString(inner['@message']) ??
    nonBlankString(outer['@message']) ??
    nonBlankString(outer.message) ??
    nonBlankString(inner.message) ??
    '';
  const message =
    nonBlankString(inner['@errorMessage']) ??
    nonBlankString(inner.message) ??
    nonBlankString(outer['@message']) ??
    nonBlankString(outer.message) ??
    fullMessage;
  return {
    code: nonBlankString(outer.code),
    innerCode: nonBlankString(inner['@errorCode']) ?? nonBlankString(inner.code),
    type: nonBlankString(inner['@type']) ?? nonBlankString(outer['@type']),
    message: message || 'The service reported an error without a message.',
    fullMessage: fullMessage || message,
    permanent: typeof outer['@permanent'] === 'boolean' ? outer['@permanent'] : null,
    activityId: nonBlankString(context.activityId),
    clientRequestId: nonBlankString(context.clientRequestId),
    position: positionFrom(
      inner['@line'],
      inner['@pos'],
      nonBlankString(inner['@message']),
      nonBlankString(outer.message),
      nonBlankString(outer['@message']),
    ),
    database: nonBlankString(outer['@database']),
  };
}

function emptyParsed(): ParsedKustoError {
  return {
    code: null,
    innerCode: null,
    type: null,
    message: '',
    fullMessage: '',
    permanent: null,
    activityId: null,
    clientRequestId: null,
    position: null,
    database: null,
  };
}

/**
 * The older text layout (recorded in the Go SDK's test data):
 * `Bad request: <message>` / `General_BadRequest: <message>`, then an `Error details:` line
 * with `ClientRequestId='…', ActivityId='…', Timestamp='…'`.
 */
function parseTextError(text: string): ParsedKustoError {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const first = lines[0] ?? text;
  let code: string | null = null;
  let message = first;
  const badRequest = /^Bad request:\s*(.+)$/i.exec(first);
  const prefixed = /^([A-Za-z][A-Za-z0-9_]*):\s+(.+)$/.exec(first);
  if (badRequest?.[1]) message = badRequest[1];
  else if (prefixed?.[1] && prefixed[2]) {
    code = prefixed[1];
    message = prefixed[2];
  }
  const field = (name: string) => new RegExp(`${name}='([^']*)'`).exec(text)?.[1] ?? null;
  const innerCode = /\b((?:SYN|SEM)\d{4})\b/.exec(text)?.[1] ?? null;
  return {
    ...emptyParsed(),
    code,
    innerCode,
    message,
    fullMessage: text,
    activityId: field('ActivityId'),
    clientRequestId: field('ClientRequestId'),
    position: positionFrom(undefined, undefined, text),
  };
}
