import { describe, expect, it } from 'vitest';
// The local stand-in's engine parses with the official Kusto parser: literals written here are
// read back by it, so the tests check what KQL makes of them, not just the text.
import { prepareDatabase, evaluate } from '../../../local-stack/kql-engine/index';
import { kqlLiteral, KqlLiteralError, kqlName, kqlPath, kqlString } from './kql-literal';

const emptyDb = prepareDatabase({ name: 'Empty', tables: [] });

function printed(expression: string): unknown {
  const { tables } = evaluate(`print x = ${expression}`, emptyDb, { now: new Date(0) });
  return tables[0]!.rows[0]![0];
}

describe('kqlString', () => {
  it('escapes the quote, the backslash, tabs and line breaks', () => {
    expect(kqlString('TEXAS')).toBe('"TEXAS"');
    expect(kqlString('say "hi"')).toBe('"say \\"hi\\""');
    expect(kqlString('C:\\temp\\new')).toBe('"C:\\\\temp\\\\new"');
    expect(kqlString('a\tb\nc\r\nd')).toBe('"a\\tb\\nc\\r\\nd"');
    expect(kqlString("it's")).toBe('"it\'s"');
    expect(kqlString('')).toBe('""');
  });

  it('writes other control characters and line separators as \\u escapes', () => {
    expect(kqlString('a\u0001b\u007fc\u2028')).toBe('"a\\u0001b\\u007fc\\u2028"');
  });

  it('keeps non-ASCII text as it is', () => {
    expect(kqlString('Zürich 東京 🌪')).toBe('"Zürich 東京 🌪"');
  });

  it.each([
    'TEXAS',
    'say "hi"',
    'C:\\temp\\new\\',
    'a\tb\nc\r\nd',
    "it's",
    'Zürich 東京 🌪',
    '// not a comment',
    '\\"',
    '',
  ])('is read back by the Kusto parser as the same string: %j', (value) => {
    expect(printed(kqlString(value))).toBe(value);
  });
});

describe('kqlName', () => {
  it('leaves plain identifiers bare', () => {
    expect(kqlName('State')).toBe('State');
    expect(kqlName('count_')).toBe('count_');
    expect(kqlName('_x1')).toBe('_x1');
  });

  it('brackets keywords, spaces, dashes, leading digits and quotes', () => {
    expect(kqlName('where')).toBe("['where']");
    expect(kqlName('Event Type')).toBe("['Event Type']");
    expect(kqlName('a-b')).toBe("['a-b']");
    expect(kqlName('1st')).toBe("['1st']");
    expect(kqlName("it's")).toBe("['it\\'s']");
    expect(kqlName('back\\slash')).toBe("['back\\\\slash']");
  });

  it('names a column the engine finds', () => {
    const db = prepareDatabase({
      name: 'T',
      tables: [
        {
          name: 'Odd',
          columns: [
            { name: "it's a \\ col", type: 'string' },
            { name: 'where', type: 'long' },
          ],
          rows: [['x', 1]],
        },
      ],
    });
    const query = `Odd | project ${kqlName("it's a \\ col")}, ${kqlName('where')}`;
    expect(evaluate(query, db, { now: new Date(0) }).tables[0]!.rows).toEqual([['x', 1]]);
  });
});

describe('kqlPath', () => {
  it('walks properties with dots, odd names with brackets, and array indexes', () => {
    expect(kqlPath('StormSummary', ['Details', 'Location'])).toBe('StormSummary.Details.Location');
    expect(kqlPath('Props', ['odd key', 0, 'x'])).toBe('Props["odd key"][0].x');
    expect(kqlPath('Props', ['where'])).toBe('Props["where"]');
    expect(kqlPath('Event Data', ['a'])).toBe("['Event Data'].a");
  });

  it('reaches the field in the engine', () => {
    const value = printed(
      `tostring(${kqlPath('d', ['odd key', 1, 'x'])})`.replace(
        'd',
        'dynamic({"odd key": [0, {"x": "found"}]})',
      ),
    );
    expect(value).toBe('found');
  });
});

describe('kqlLiteral', () => {
  it('writes each scalar type in its literal form', () => {
    expect(kqlLiteral('string', 'TEXAS')).toBe('"TEXAS"');
    expect(kqlLiteral('bool', 'true')).toBe('true');
    expect(kqlLiteral('bool', 'False')).toBe('false');
    expect(kqlLiteral('int', '-42')).toBe('-42');
    expect(kqlLiteral('long', '9007199254740993')).toBe('9007199254740993');
    expect(kqlLiteral('real', '3.25')).toBe('real(3.25)');
    expect(kqlLiteral('real', '1e+21')).toBe('real(1e+21)');
    expect(kqlLiteral('real', 'NaN')).toBe('real(nan)');
    expect(kqlLiteral('real', 'Infinity')).toBe('real(+inf)');
    expect(kqlLiteral('real', '-Infinity')).toBe('real(-inf)');
    expect(kqlLiteral('decimal', '0.1000000000000000055511')).toBe(
      'decimal(0.1000000000000000055511)',
    );
    expect(kqlLiteral('datetime', '2007-09-29T08:11:00.000Z')).toBe(
      'datetime(2007-09-29T08:11:00.000Z)',
    );
    expect(kqlLiteral('datetime', '2007-09-29T08:11:00.0000001Z')).toBe(
      'datetime(2007-09-29T08:11:00.0000001Z)',
    );
    expect(kqlLiteral('timespan', '1.01:02:03.0040000')).toBe('timespan(1.01:02:03.0040000)');
    expect(kqlLiteral('timespan', '-00:00:05')).toBe('timespan(-00:00:05)');
    expect(kqlLiteral('guid', '74be27de-1e4e-49d9-b579-fe0b331d3642')).toBe(
      'guid(74be27de-1e4e-49d9-b579-fe0b331d3642)',
    );
    expect(kqlLiteral('dynamic', '{"a":1}')).toBe('"{\\"a\\":1}"');
  });

  it('refuses text that is not a value of the type rather than write another query', () => {
    expect(() => kqlLiteral('long', '12abc')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('int', '1.5')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('real', '1) or (true')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('decimal', 'ten')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('datetime', 'yesterday')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('datetime', '2007-01-01) | take 1 //')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('timespan', '5 minutes')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('guid', 'not-a-guid')).toThrow(KqlLiteralError);
    expect(() => kqlLiteral('bool', 'yes')).toThrow(KqlLiteralError);
  });

  it('is read back by the engine as the same value', () => {
    expect(printed(kqlLiteral('datetime', '2007-09-29T08:11:00.123Z'))).toBe(
      '2007-09-29T08:11:00.1230000Z',
    );
    expect(printed(kqlLiteral('timespan', '1.01:02:03.0040000'))).toBe('1.01:02:03.0040000');
    expect(printed(kqlLiteral('real', '3.25'))).toBe(3.25);
    expect(printed(kqlLiteral('long', '-42'))).toBe(-42);
    expect(printed(kqlLiteral('bool', 'true'))).toBe(true);
    expect(printed(kqlLiteral('guid', '74be27de-1e4e-49d9-b579-fe0b331d3642'))).toBe(
      '74be27de-1e4e-49d9-b579-fe0b331d3642',
    );
  });
});
