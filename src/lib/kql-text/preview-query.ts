/**
 * Preview (ADX's "Preview results"): run a statement for its first rows only. Pure text work;
 * what is sent changes, never what the user wrote (editor, drafts and history keep that).
 */

/** Rows a preview asks for: ADX's Preview shows the first 50. */
export const PREVIEW_ROW_LIMIT = 50;

/**
 * Kusto: the `truncationmaxrecords` request option as a set statement, so the service stops
 * after 50 records and reports the truncation (a LimitsExceeded partial failure, as the real one
 * does) instead of the query being rewritten. Set statements may precede any query, `let`s and
 * all; the statement is on a line of its own so that error positions move by exactly one line.
 */
export function truncatedPreviewQuery(text: string): string {
  return `set truncationmaxrecords=${PREVIEW_ROW_LIMIT};\n${text}`;
}

/** How many lines `truncatedPreviewQuery` puts before the statement (for error positions). */
export const TRUNCATED_PREVIEW_LINES = 1;

/**
 * Copies `text` with string literals and comments blanked (same length), so operators can be
 * found by position without a parser: `//` comments, '…' and "…" strings with backslash
 * escapes, verbatim @'…' / @"…" strings and ``` multi-line strings.
 */
function blankLiterals(text: string): string {
  const out = text.split('');
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      const stop = end < 0 ? text.length : end + 3;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const verbatim = text[i - 1] === '@';
      let k = i + 1;
      while (k < text.length && text[k] !== c && text[k] !== '\n')
        k += !verbatim && text[k] === '\\' ? 2 : 1;
      const stop = Math.min(k + 1, text.length);
      blank(i, stop);
      i = stop;
    } else i++;
  }
  return out.join('');
}

/**
 * Log Analytics / App Insights: `| take 50` on the last statement. Their query API has no
 * record-limit option (only `query`, `timespan` and the workspaces/applications lists, and
 * `Prefer` for statistics, render and waiting), and their documentation does not promise that
 * Kusto's `set` options reach the engine, so the take is the one limit both services honour.
 * It goes before a trailing `render` (which must stay the last operator), and after any trailing
 * comment or semicolon is dealt with: `T | where x // note;` stays valid.
 */
export function takePreviewQuery(text: string): string {
  const plain = blankLiterals(text);
  // Trailing whitespace and semicolons end the last statement; the take goes before them.
  let end = plain.length;
  while (end > 0 && /[\s;]/.test(text[end - 1]!)) end--;
  const body = text.slice(0, end);
  const plainBody = plain.slice(0, end);
  const render = /\|\s*render\b/g;
  let renderAt = -1;
  for (let match = render.exec(plainBody); match; match = render.exec(plainBody))
    renderAt = match.index;
  // Only a render in the last statement (no `;` after it at the top level) counts.
  if (renderAt >= 0 && plainBody.indexOf(';', renderAt) < 0) {
    return `${body.slice(0, renderAt)}| take ${PREVIEW_ROW_LIMIT}\n${body.slice(renderAt)}`;
  }
  return `${body}\n| take ${PREVIEW_ROW_LIMIT}`;
}
