import { describe, expect, it } from 'vitest';
import { toReportHtml, toReportMarkdown, toReportPlainText } from './report-format';

const content = {
  query: 'StormEvents | where State == "TEXAS" | take 2',
  link: 'https://quarry.example/#q=abc&x=1',
  columns: [{ name: 'State' }, { name: 'Note|<b>' }],
  rows: [
    ['TEXAS', '<script>alert(1)</script> & "x"'],
    ['a|b', 'line1\nline2 \\ end'],
  ],
};

describe('report formats', () => {
  it('HTML: the query, a link and a table, every value escaped', () => {
    expect(toReportHtml(content)).toBe(
      '<div><pre style="font-family:Consolas,Menlo,monospace;font-size:12px">StormEvents | where State == &quot;TEXAS&quot; | take 2</pre>' +
        '<p><a href="https://quarry.example/#q=abc&amp;x=1">Open this query</a></p>' +
        '<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">' +
        '<thead><tr><th>State</th><th>Note|&lt;b&gt;</th></tr></thead><tbody>' +
        '<tr><td>TEXAS</td><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</td></tr>' +
        '<tr><td>a|b</td><td>line1\nline2 \\ end</td></tr>' +
        '</tbody></table></div>',
    );
  });

  it('HTML: a non-web link is not made clickable; a partial copy says so', () => {
    const html = toReportHtml({ ...content, link: 'javascript:alert(1)', totalRows: 10 });
    expect(html).not.toContain('href');
    expect(html).toContain('<p>First 2 of 10 rows.</p>');
  });

  it('Markdown: fenced query, link, pipes escaped, line breaks flattened', () => {
    expect(toReportMarkdown(content)).toBe(
      '```kusto\nStormEvents | where State == "TEXAS" | take 2\n```\n\n' +
        '[Open this query](<https://quarry.example/#q=abc&x=1>)\n\n' +
        '| State | Note\\|&lt;b&gt; |\n| --- | --- |\n' +
        '| TEXAS | &lt;script&gt;alert(1)&lt;/script&gt; &amp; "x" |\n' +
        '| a\\|b | line1 line2 \\\\ end |\n',
    );
    expect(toReportMarkdown({ ...content, query: 'print "```"' })).toMatch(/^````kusto\n/);
  });

  it('plain text: query, link, tab-separated rows', () => {
    expect(toReportPlainText(content).split('\n').slice(0, 4)).toEqual([
      content.query,
      '',
      content.link,
      '',
    ]);
  });
});
