/**
 * "Add selection as a filter" (ADX's Ctrl+Shift+Space): cell values → a `| where` clause, and
 * that clause appended to a statement. Pure; the grid collects the values, the tab edits text.
 */
import type { KustoScalarType } from '../result-model/kusto-scalar-type';
import { kqlLiteral, kqlName, kqlPath, KqlLiteralError, type DynamicPathStep } from './kql-literal';

/** The values picked in one column (or in one field of a dynamic column). */
export interface FilterTarget {
  column: string;
  type: KustoScalarType;
  /** A field inside a dynamic value: compared as `tostring(Col.path) == "…"`. */
  path?: readonly DynamicPathStep[];
  /** Display text per picked cell; null is a Kusto null (or a missing field). */
  values: readonly (string | null)[];
}

/** More distinct values than this make a clause nobody wants to read: refuse instead. */
export const MAX_FILTER_VALUES = 1000;

/**
 * The predicate for one target: `State == "TEXAS"`, `State in ("A", "B")`, `State != …`,
 * `State !in (…)`; nulls as `isnull(Col)` (strings, which Kusto never holds as null, as
 * `isempty(Col)`), excluded nulls as `isnotnull` / `isnotempty`. Values are deduplicated in
 * first-seen order.
 */
export function filterPredicate(target: FilterTarget, exclude: boolean): string {
  const inDynamic = target.type === 'dynamic';
  const subject = inDynamic
    ? `tostring(${kqlPath(target.column, target.path ?? [])})`
    : kqlName(target.column);
  // tostring() of a null or missing dynamic value is "", so emptiness is the null test there.
  const emptyIsNull = inDynamic || target.type === 'string';
  const seen = new Set<string>();
  let hasNull = false;
  let hasNaN = false;
  const literals: string[] = [];
  for (const value of target.values) {
    if (value === null || (emptyIsNull && value === '')) {
      hasNull = true;
      continue;
    }
    if (target.type === 'real' && value === 'NaN') {
      // NaN equals nothing, itself included: only isnan() finds it.
      hasNaN = true;
      continue;
    }
    if (seen.has(value)) continue;
    seen.add(value);
    literals.push(kqlLiteral(target.type, value));
  }
  if (literals.length > MAX_FILTER_VALUES) {
    throw new KqlLiteralError(
      `The selection holds ${literals.length.toLocaleString('en-US')} distinct values of ${target.column}; a filter takes at most ${MAX_FILTER_VALUES.toLocaleString('en-US')}. Select fewer rows.`,
    );
  }

  const parts: string[] = [];
  if (literals.length === 1) parts.push(`${subject} ${exclude ? '!=' : '=='} ${literals[0]}`);
  else if (literals.length > 1)
    parts.push(`${subject} ${exclude ? '!in' : 'in'} (${literals.join(', ')})`);
  if (hasNull) {
    const test = emptyIsNull ? 'empty' : 'null';
    parts.push(`${exclude ? `isnot${test}` : `is${test}`}(${subject})`);
  }
  if (hasNaN) parts.push(exclude ? `not(isnan(${subject}))` : `isnan(${subject})`);
  if (parts.length === 1) return parts[0]!;
  // Keep this value or that null; drop this value and drop the nulls.
  return `(${parts.join(exclude ? ' and ' : ' or ')})`;
}

/**
 * `| where A == 1 and B in ("x", "y")`: one predicate per column of the selection, all of which
 * must hold (a block of two columns keeps rows that match in both).
 */
export function whereClause(targets: readonly FilterTarget[], exclude: boolean): string {
  const predicates = targets.map((target) => filterPredicate(target, exclude));
  if (predicates.length === 0) throw new KqlLiteralError('Nothing is selected to filter on.');
  return `| where ${predicates.join(' and ')}`;
}

/**
 * The editor text with `clause` appended, on its own line, to the statement that spans
 * `statementStart … statementEnd` (offsets into `text`). Returns the new text and the new
 * statement's offsets, so the caller can run it. Trailing white space of the statement stays
 * after the clause; a trailing `;` (a statement separator) stays last.
 */
export function appendClause(
  text: string,
  statementStart: number,
  statementEnd: number,
  clause: string,
): { text: string; start: number; end: number } {
  const statement = text.slice(statementStart, statementEnd);
  const body = statement.replace(/\s+$/, '');
  const semicolon = body.endsWith(';') ? ';' : '';
  const kept = semicolon ? body.slice(0, -1).replace(/\s+$/, '') : body;
  // A trailing `// comment` line would swallow the clause if it were put on the same line.
  const lineBreak = statement.includes('\r\n') ? '\r\n' : '\n';
  const rewritten = `${kept}${lineBreak}${clause}${semicolon}`;
  const tail = statement.slice(body.length);
  return {
    text: text.slice(0, statementStart) + rewritten + tail + text.slice(statementEnd),
    start: statementStart,
    end: statementStart + rewritten.length,
  };
}
