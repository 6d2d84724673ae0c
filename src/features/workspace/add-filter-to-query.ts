import { appendClause, whereClause, type FilterTarget } from '../../lib/kql-text/filter-clause';
import { KqlLiteralError } from '../../lib/kql-text/kql-literal';
import {
  currentStatement,
  positionAt,
  type Statement,
  type TextSelection,
} from '../editor/current-statement';

export type AddFilterOutcome =
  { ok: true; text: string; statement: Statement; clause: string } | { ok: false; message: string };

/**
 * The editor text with a `| where` for the picked values appended to the statement at the
 * cursor (the selection, or the block around the caret): what the cell menu and Ctrl+Shift+Space
 * do. The outcome carries the new statement, so the caller can run it.
 */
export function addFilterToQuery(
  text: string,
  cursor: { offset: number; selection: TextSelection | null },
  targets: readonly FilterTarget[],
  exclude: boolean,
): AddFilterOutcome {
  let clause: string;
  try {
    clause = whereClause(targets, exclude);
  } catch (error) {
    if (error instanceof KqlLiteralError) {
      return { ok: false, message: `Could not add the filter: ${error.message}` };
    }
    throw error;
  }
  const at = currentStatement(text, cursor.offset, cursor.selection);
  if (at.text.trim() === '') {
    return {
      ok: false,
      message: 'Could not add the filter: the editor holds no query to add it to.',
    };
  }
  const next = appendClause(text, at.startOffset, at.startOffset + at.text.length, clause);
  const start = positionAt(next.text, next.start);
  return {
    ok: true,
    text: next.text,
    clause,
    statement: {
      text: next.text.slice(next.start, next.end),
      startOffset: next.start,
      startLine: start.line,
      startColumn: start.column,
    },
  };
}
