/**
 * The statement a Run acts on: the selection when there is one, otherwise the block of
 * non-blank lines around the cursor (blocks are separated by one or more blank lines, as in
 * Kusto.Explorer and the Azure Data Explorer web UI).
 */
export interface Statement {
  /** The text to send: the block's lines as written, or the selection exactly. */
  text: string;
  /** Offset of `text` in the whole editor text. */
  startOffset: number;
  /** 1-based line of the statement's first character in the whole editor text. */
  startLine: number;
  /** 1-based column of the statement's first character (not 1 only for a mid-line selection). */
  startColumn: number;
}

export interface TextSelection {
  /** Offsets into the text; the order does not matter (a backwards selection is fine). */
  start: number;
  end: number;
}

interface Line {
  start: number;
  /** Offset just past the line's content, before its line break. */
  end: number;
  blank: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const lf = text.indexOf('\n', start);
    const breakAt = lf === -1 ? text.length : lf;
    const end = breakAt > start && text[breakAt - 1] === '\r' ? breakAt - 1 : breakAt;
    lines.push({ start, end, blank: text.slice(start, end).trim() === '' });
    if (lf === -1) return lines;
    start = lf + 1;
  }
}

function lineIndexAt(lines: readonly Line[], offset: number): number {
  // The last line starting at or before the offset (a binary search: editors hold long scripts).
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column of an offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const lines = splitLines(text);
  const index = lineIndexAt(lines, clamped);
  return { line: index + 1, column: clamped - lines[index]!.start + 1 };
}

/**
 * The statement to run. With a non-empty selection (one that holds more than white space) the
 * selection is the statement. Otherwise the block around the cursor; on a blank line, the
 * nearest block above it, or below it when there is none above. Empty text when the editor
 * holds only white space.
 */
export function currentStatement(
  text: string,
  cursorOffset: number,
  selection?: TextSelection | null,
): Statement {
  if (selection) {
    const start = Math.max(0, Math.min(selection.start, selection.end, text.length));
    const end = Math.min(text.length, Math.max(selection.start, selection.end));
    const selected = text.slice(start, end);
    if (selected.trim() !== '') {
      const { line, column } = positionAt(text, start);
      return { text: selected, startOffset: start, startLine: line, startColumn: column };
    }
  }

  const lines = splitLines(text);
  let index = lineIndexAt(lines, Math.max(0, Math.min(cursorOffset, text.length)));
  if (lines[index]!.blank) {
    let above = index;
    while (above >= 0 && lines[above]!.blank) above--;
    if (above >= 0) {
      index = above;
    } else {
      let below = index;
      while (below < lines.length && lines[below]!.blank) below++;
      if (below === lines.length) return { text: '', startOffset: 0, startLine: 1, startColumn: 1 };
      index = below;
    }
  }

  let first = index;
  while (first > 0 && !lines[first - 1]!.blank) first--;
  let last = index;
  while (last < lines.length - 1 && !lines[last + 1]!.blank) last++;

  const startOffset = lines[first]!.start;
  return {
    text: text.slice(startOffset, lines[last]!.end),
    startOffset,
    startLine: first + 1,
    startColumn: 1,
  };
}

/**
 * Maps a 1-based position inside a statement (as a server reports it for the text it was sent)
 * to the position in the whole editor text.
 */
export function statementPositionToDocument(
  statement: Pick<Statement, 'startLine' | 'startColumn'>,
  line: number,
  column: number,
): { line: number; column: number } {
  return {
    line: statement.startLine + line - 1,
    column: line === 1 ? statement.startColumn + column - 1 : column,
  };
}
