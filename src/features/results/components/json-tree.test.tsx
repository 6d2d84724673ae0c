import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JsonTree, MAX_STRING_CHARS, PAGE_SIZE } from './json-tree';

describe('JsonTree', () => {
  it('renders keys and values as text, never as HTML', () => {
    const html = renderToStaticMarkup(
      <JsonTree value={{ '<b>k</b>': '<img src=x onerror=alert(1)>' }} />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b&gt;k&lt;/b&gt;');
  });

  it('renders a huge array one page at a time with "Show more"', () => {
    const html = renderToStaticMarkup(
      <JsonTree value={Array.from({ length: 1_000_000 }, (_, i) => i)} />,
    );
    expect(html.match(/<li>/g)).toHaveLength(PAGE_SIZE + 1);
    expect(html).toContain(`Show ${PAGE_SIZE} more (${1_000_000 - PAGE_SIZE} not shown)`);
  });

  it('renders deep nesting lazily: only the top two levels are open', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    const html = renderToStaticMarkup(<JsonTree value={deep} />);
    expect(html.match(/<details/g)).toHaveLength(3);
    expect(html).not.toContain('bottom');
  });

  it('cuts a long string with a button to show it all', () => {
    const html = renderToStaticMarkup(<JsonTree value={{ s: 'x'.repeat(50_000) }} />);
    expect(html).toContain('Show all 50,002 characters');
    expect(html.match(/x+/g)!.some((run) => run.length > MAX_STRING_CHARS)).toBe(false);
  });
});
