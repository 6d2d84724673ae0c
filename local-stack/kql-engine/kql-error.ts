export type KqlErrorKind = 'syntax' | 'semantic' | 'unsupported' | 'runtime';

export interface KqlErrorDetails {
  kind: KqlErrorKind;
  /** 'SYN0002', 'SEM0100', an analyzer code such as 'KS141', 'UNSUPPORTED' or 'RUNTIME'. */
  code: string;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
  /** 0-based character offset into the query text, and the length of the offending span. */
  start: number;
  length: number;
}

/** Every failure of `evaluate` is one of these, carrying what a Kusto-style 400 error needs. */
export class KqlError extends Error {
  readonly kind: KqlErrorKind;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly length: number;

  constructor(message: string, details: KqlErrorDetails) {
    super(message);
    this.name = 'KqlError';
    this.kind = details.kind;
    this.code = details.code;
    this.line = details.line;
    this.column = details.column;
    this.start = details.start;
    this.length = details.length;
  }
}

/** 1-based line and column of a 0-based offset (lines end at \n, \r\n or \r). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
