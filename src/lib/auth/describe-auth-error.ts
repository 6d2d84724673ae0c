import { aadstsCatalogue, msalErrorCatalogue } from './aadsts-catalogue';

/** A sign-in failure explained for the error panel. */
export interface AuthErrorDescription {
  /** "AADSTS53003", or MSAL's error code when the server gave none. */
  code: string;
  /** What happened, as the identity provider or MSAL said it (first line only). */
  message: string;
  meaning: string;
  fix: string;
  correlationId?: string;
  traceId?: string;
  timestamp?: string;
}

interface ErrorLike {
  errorCode?: unknown;
  errorMessage?: unknown;
  subError?: unknown;
  correlationId?: unknown;
  message?: unknown;
}

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function describeAuthError(error: unknown): AuthErrorDescription {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const text = [e.errorMessage, e.message].filter((v) => typeof v === 'string').join('\n');
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : '';
  const aadsts = /AADSTS(\d+)/.exec(text)?.[1];
  const advice =
    (aadsts ? aadstsCatalogue[aadsts] : undefined) ??
    msalErrorCatalogue[errorCode] ??
    (errorCode === 'interaction_required' || errorCode === 'login_required'
      ? aadstsCatalogue['50058']
      : undefined);

  const firstLine =
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line.length > 0 && !/^(Trace ID|Correlation ID|Timestamp):/i.test(line)) ??
    'Sign-in failed.';

  return {
    code: aadsts ? `AADSTS${aadsts}` : errorCode || 'unknown_error',
    message: firstLine,
    meaning: advice?.meaning ?? 'The sign-in did not complete.',
    fix:
      advice?.fix ??
      'Sign in again. If it keeps failing, give the correlation ID below to your admin.',
    correlationId:
      new RegExp(`Correlation ID:\\s*(${GUID})`, 'i').exec(text)?.[1] ??
      (typeof e.correlationId === 'string' && e.correlationId ? e.correlationId : undefined),
    traceId: new RegExp(`Trace ID:\\s*(${GUID})`, 'i').exec(text)?.[1],
    timestamp: /Timestamp:\s*([0-9T:\-. Z]+)/i.exec(text)?.[1]?.trim(),
  };
}
