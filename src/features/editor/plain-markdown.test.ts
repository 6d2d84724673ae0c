import { describe, expect, it } from 'vitest';
import { escapeMarkdown, withPlainDocStrings } from './plain-markdown';

describe('schema docstrings as plain text', () => {
  it('escapes every Markdown construct a docstring could use', () => {
    const hostile =
      '![x](https://tracker.example/p.png) [click](command:workbench.action.quit) **bold** <img src=x> `code`';
    const escaped = escapeMarkdown(hostile);
    // No unescaped Markdown or HTML opener is left.
    expect(escaped).not.toMatch(/(^|[^\\])[![`*<]/);
    expect(escaped.replace(/\\(.)/g, '$1')).toBe(hostile);
  });

  it('escapes DocString fields at any depth and leaves every other field alone', () => {
    const schema = {
      Databases: {
        Samples: {
          Name: 'Samples',
          Tables: {
            StormEvents: {
              Name: 'StormEvents',
              DocString: '[phish](https://evil.example)',
              OrderedColumns: [{ Name: 'State', Type: 'System.String', DocString: '**State**' }],
            },
          },
          Functions: { f: { Name: 'f', Body: '{ print "a*b" }', DocString: null } },
        },
      },
    };
    const plain = withPlainDocStrings(schema) as typeof schema;
    const table = plain.Databases.Samples.Tables.StormEvents;
    expect(table.DocString).toBe('\\[phish\\]\\(https\\://evil\\.example\\)');
    expect(table.OrderedColumns[0]!.DocString).toBe('\\*\\*State\\*\\*');
    expect(table.OrderedColumns[0]!.Name).toBe('State');
    expect(plain.Databases.Samples.Functions.f.Body).toBe('{ print "a*b" }');
    expect(plain.Databases.Samples.Functions.f.DocString).toBeNull();
  });
});
