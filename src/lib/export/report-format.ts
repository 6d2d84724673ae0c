import { cellText } from './cell-text';
import type { ExportColumn, ExportRow } from './export-types';

/**
 * "Copy for a report" (Kusto.Explorer's Ctrl+Shift+C): the query, a link that opens it, and the
 * results as a table, in HTML (for mail and documents) and in Markdown (for tickets and wikis).
 * Every value is escaped: result data is never markup.
 */

export interface ReportContent {
  /** The query text that produced the results. */
  query: string;
  /** A deep link that opens the query, or null when none could be made. */
  link: string | null;
  columns: readonly ExportColumn[];
  rows: readonly ExportRow[];
  /** Rows in the whole result, when more than `rows` (the report says it shows the first N). */
  totalRows?: number;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only web links become hrefs (a `javascript:` link must not end up clickable in a document). */
function safeHref(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function shownNote(content: ReportContent): string | null {
  const total = content.totalRows;
  if (total === undefined || total <= content.rows.length) return null;
  return `First ${content.rows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows.`;
}

export function toReportHtml(content: ReportContent): string {
  const parts: string[] = ['<div>'];
  parts.push(
    `<pre style="font-family:Consolas,Menlo,monospace;font-size:12px">${escapeHtml(content.query)}</pre>`,
  );
  const href = content.link ? safeHref(content.link) : null;
  if (href) parts.push(`<p><a href="${escapeHtml(href)}">Open this query</a></p>`);
  parts.push('<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">');
  parts.push(
    `<thead><tr>${content.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('')}</tr></thead><tbody>`,
  );
  for (const row of content.rows) {
    let line = '<tr>';
    for (let c = 0; c < content.columns.length; c++) {
      line += `<td>${escapeHtml(cellText(row[c]) ?? '')}</td>`;
    }
    parts.push(`${line}</tr>`);
  }
  parts.push('</tbody></table>');
  const note = shownNote(content);
  if (note) parts.push(`<p>${escapeHtml(note)}</p>`);
  parts.push('</div>');
  return parts.join('');
}

/**
 * A Markdown table cell: backslashes and pipes escaped (a pipe would end the cell), &, < and >
 * as entities (Markdown renderers pass raw HTML through), line breaks as spaces (a table row is
 * one line).
 */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, ' ');
}

export function toReportMarkdown(content: ReportContent): string {
  // A fence longer than any run of backticks in the query.
  const longest = Math.max(0, ...(content.query.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const lines: string[] = [`${fence}kusto`, content.query, fence, ''];
  const href = content.link ? safeHref(content.link) : null;
  if (href) lines.push(`[Open this query](<${href.replace(/[<>]/g, encodeURIComponent)}>)`, '');
  lines.push(`| ${content.columns.map((c) => markdownCell(c.name)).join(' | ')} |`);
  lines.push(`|${content.columns.map(() => ' --- |').join('')}`);
  for (const row of content.rows) {
    const cells: string[] = [];
    for (let c = 0; c < content.columns.length; c++)
      cells.push(markdownCell(cellText(row[c]) ?? ''));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const note = shownNote(content);
  if (note) lines.push('', note);
  return `${lines.join('\n')}\n`;
}

/** The plain-text part of the rich copy: the query, the link, then tab-separated rows. */
export function toReportPlainText(content: ReportContent): string {
  const lines = [content.query, ''];
  if (content.link) lines.push(content.link, '');
  lines.push(content.columns.map((c) => c.name).join('\t'));
  for (const row of content.rows) {
    lines.push(
      content.columns.map((_, c) => (cellText(row[c]) ?? '').replace(/[\t\r\n]+/g, ' ')).join('\t'),
    );
  }
  return lines.join('\n');
}
