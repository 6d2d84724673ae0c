import { describe, expect, it } from 'vitest';
import { currentStatement, positionAt, statementPositionToDocument } from './current-statement';

const script = [
  'StormEvents', // line 1
  '| count', // 2
  '', // 3
  '', // 4
  'StormEvents', // 5
  '| summarize count() by State', // 6
  '   ', // 7 (white space only: still a separator)
  'print 1', // 8
].join('\n');

const offsetOf = (needle: string, from = 0) => script.indexOf(needle, from);

describe('currentStatement', () => {
  it('returns the block around the cursor, from its first to its last non-blank line', () => {
    const statement = currentStatement(script, offsetOf('summarize') + 3);
    expect(statement.text).toBe('StormEvents\n| summarize count() by State');
    expect(statement.startLine).toBe(5);
    expect(statement.startColumn).toBe(1);
    expect(statement.startOffset).toBe(offsetOf('StormEvents', 5));
  });

  it('treats the first block as a statement when the cursor is on its first character', () => {
    expect(currentStatement(script, 0).text).toBe('StormEvents\n| count');
  });

  it('counts a line of spaces as a separator', () => {
    const statement = currentStatement(script, script.length);
    expect(statement.text).toBe('print 1');
    expect(statement.startLine).toBe(8);
  });

  it('takes the block above when the cursor is on a blank line between blocks', () => {
    const onLine4 = offsetOf('\n\nStormEvents') + 1;
    expect(currentStatement(script, onLine4).text).toBe('StormEvents\n| count');
  });

  it('takes the block below when blank lines lead the text', () => {
    const text = '\n\n  \nT | take 1\n';
    const statement = currentStatement(text, 0);
    expect(statement.text).toBe('T | take 1');
    expect(statement.startLine).toBe(4);
  });

  it('returns empty text for a blank editor', () => {
    expect(currentStatement('', 0).text).toBe('');
    expect(currentStatement(' \n\t\n', 2).text).toBe('');
  });

  it('runs the selection exactly, with its own start position', () => {
    const start = offsetOf('count()');
    const statement = currentStatement(script, 0, { start, end: start + 'count()'.length });
    expect(statement).toEqual({
      text: 'count()',
      startOffset: start,
      startLine: 6,
      startColumn: 13,
    });
  });

  it('accepts a backwards selection', () => {
    const start = offsetOf('print');
    expect(currentStatement(script, 0, { start: script.length, end: start }).text).toBe('print 1');
  });

  it('ignores a selection of white space and falls back to the block', () => {
    const blank = offsetOf('\n\nStormEvents');
    expect(currentStatement(script, blank - 1, { start: blank, end: blank + 2 }).text).toBe(
      'StormEvents\n| count',
    );
  });

  it('handles CRLF line breaks without carrying the carriage returns', () => {
    const text = 'A\r\n| take 1\r\n\r\nB\r\n| count';
    expect(currentStatement(text, 1).text).toBe('A\r\n| take 1');
    const second = currentStatement(text, text.length);
    expect(second.text).toBe('B\r\n| count');
    expect(second.startLine).toBe(4);
  });

  it('clamps a cursor beyond the text', () => {
    expect(currentStatement('T', 99).text).toBe('T');
    expect(currentStatement('T', -5).text).toBe('T');
  });
});

describe('positionAt', () => {
  it('gives 1-based line and column', () => {
    expect(positionAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
  });
});

describe('statementPositionToDocument', () => {
  it('shifts lines by the statement start, and columns only on its first line', () => {
    const statement = { startLine: 6, startColumn: 13 };
    expect(statementPositionToDocument(statement, 1, 4)).toEqual({ line: 6, column: 16 });
    expect(statementPositionToDocument(statement, 3, 4)).toEqual({ line: 8, column: 4 });
  });
});
