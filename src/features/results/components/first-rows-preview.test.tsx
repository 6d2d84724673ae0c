import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResultColumn, RowBlockRow } from '../../../lib/result-model';
import { FirstRowsPreview } from './first-rows-preview';

const columns: ResultColumn[] = [
  { name: 'State', type: 'string', wireType: 'string' },
  { name: 'EventId', type: 'long', wireType: 'long' },
  { name: 'StartTime', type: 'datetime', wireType: 'datetime' },
  { name: 'Details', type: 'dynamic', wireType: 'dynamic' },
];
const rows: RowBlockRow[] = Array.from({ length: 10 }, (_, row) => ({
  row,
  cells: [`STATE ${row}`, String(61032 + row), '2007-09-29T08:11:00.0000000Z', '{"a":1}'],
}));
const wide = { width: 2000, height: 2000 };

function cellsOf(html: string): string[] {
  return [...html.matchAll(/class="first-rows-preview__cell[^"]*"[^>]*>([^<]*)</g)].map(
    (m) => m[1]!,
  );
}

describe('FirstRowsPreview', () => {
  it('shows cell values as text, never as HTML', () => {
    const html = renderToStaticMarkup(
      <FirstRowsPreview
        columns={columns.slice(0, 1)}
        rows={[{ row: 0, cells: ['<img src=x onerror=alert(1)>'] }]}
        localTime={false}
        size={wide}
      />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is hidden from assistive technology and inert: the grid is the table', () => {
    const html = renderToStaticMarkup(
      <FirstRowsPreview columns={columns} rows={rows} localTime={false} size={wide} />,
    );
    expect(html).toMatch(/^<div class="first-rows-preview" aria-hidden="true" inert=""/);
    expect(html).not.toContain('role=');
  });

  it('draws only the columns and rows that show in its area', () => {
    // Columns start at 0, 220 (State is 220 px wide), 350: a 300 px area shows the first two.
    // Rows: (37 px header) + 2 rows of 32 px and a part of a third.
    const html = renderToStaticMarkup(
      <FirstRowsPreview
        columns={columns}
        rows={rows}
        localTime={false}
        size={{ width: 300, height: 37 + 32 * 2 + 5 }}
      />,
    );
    expect(html.match(/first-rows-preview__heading-text/g)).toHaveLength(2);
    expect(cellsOf(html)).toEqual(['STATE 0', '61032', 'STATE 1', '61033', 'STATE 2', '61034']);
  });

  it('lays columns out as the grid does: its widths, numbers right-aligned', () => {
    const html = renderToStaticMarkup(
      <FirstRowsPreview columns={columns} rows={rows.slice(0, 1)} localTime={false} size={wide} />,
    );
    expect(html).toContain(
      '<div class="first-rows-preview__cell cell--number ag-right-aligned-cell" style="width:130px">61032</div>',
    );
    expect(html).toContain(
      '<div class="first-rows-preview__cell" style="width:220px">STATE 0</div>',
    );
    expect(html).toContain('class="first-rows-preview__cell cell--dynamic" style="width:220px"');
    expect(html).toContain('class="first-rows-preview__cell" style="width:240px"');
    expect(html.match(/first-rows-preview__heading--right/g)).toHaveLength(1);
  });

  it('shows datetimes in the browser’s zone when the grid does', () => {
    const html = renderToStaticMarkup(
      <FirstRowsPreview columns={columns} rows={rows.slice(0, 1)} localTime size={wide} />,
    );
    expect(cellsOf(html)[2]).toMatch(/^2007-09-\d\d \d\d:11:00\.000 GMT[+-]\d\d:\d\d$/);
  });
});
