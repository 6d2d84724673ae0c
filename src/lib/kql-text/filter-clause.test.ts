import { describe, expect, it } from 'vitest';
import { prepareDatabase, evaluate } from '../../../local-stack/kql-engine/index';
import {
  appendClause,
  filterPredicate,
  MAX_FILTER_VALUES,
  whereClause,
  type FilterTarget,
} from './filter-clause';
import { KqlLiteralError } from './kql-literal';

const one = (column: string, type: FilterTarget['type'], ...values: (string | null)[]) => ({
  column,
  type,
  values,
});

describe('filterPredicate', () => {
  it('filters to one value with == and excludes it with !=', () => {
    expect(filterPredicate(one('State', 'string', 'TEXAS'), false)).toBe('State == "TEXAS"');
    expect(filterPredicate(one('State', 'string', 'TEXAS'), true)).toBe('State != "TEXAS"');
  });

  it('uses in / !in for several values, each once, in the order picked', () => {
    const target = one('State', 'string', 'TEXAS', 'KANSAS', 'TEXAS');
    expect(filterPredicate(target, false)).toBe('State in ("TEXAS", "KANSAS")');
    expect(filterPredicate(target, true)).toBe('State !in ("TEXAS", "KANSAS")');
  });

  it('tests nulls with isnull / isnotnull, and empty strings with isempty / isnotempty', () => {
    expect(filterPredicate(one('Damage', 'long', null), false)).toBe('isnull(Damage)');
    expect(filterPredicate(one('Damage', 'long', null), true)).toBe('isnotnull(Damage)');
    expect(filterPredicate(one('State', 'string', ''), false)).toBe('isempty(State)');
    expect(filterPredicate(one('State', 'string', null), true)).toBe('isnotempty(State)');
    expect(filterPredicate(one('Damage', 'long', '5', null), false)).toBe(
      '(Damage == 5 or isnull(Damage))',
    );
    expect(filterPredicate(one('Damage', 'long', '5', '6', null), true)).toBe(
      '(Damage !in (5, 6) and isnotnull(Damage))',
    );
  });

  it('finds NaN with isnan, since NaN equals nothing', () => {
    expect(filterPredicate(one('Lat', 'real', 'NaN'), false)).toBe('isnan(Lat)');
    expect(filterPredicate(one('Lat', 'real', 'NaN', '1.5'), true)).toBe(
      '(Lat != real(1.5) and not(isnan(Lat)))',
    );
  });

  it('compares a field inside a dynamic value through tostring()', () => {
    const target: FilterTarget = {
      column: 'StormSummary',
      type: 'dynamic',
      path: ['Details', 'Location'],
      values: ['TEXAS'],
    };
    expect(filterPredicate(target, false)).toBe(
      'tostring(StormSummary.Details.Location) == "TEXAS"',
    );
    expect(filterPredicate({ ...target, values: [null] }, false)).toBe(
      'isempty(tostring(StormSummary.Details.Location))',
    );
  });

  it('quotes odd column names', () => {
    expect(filterPredicate(one('Event Type', 'string', 'Hail'), false)).toBe(
      '[\'Event Type\'] == "Hail"',
    );
  });

  it('refuses a selection with too many distinct values', () => {
    const values = Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, i) => String(i));
    expect(() => filterPredicate(one('N', 'long', ...values), false)).toThrow(KqlLiteralError);
  });
});

describe('whereClause', () => {
  it('joins one predicate per column with and', () => {
    expect(
      whereClause([one('State', 'string', 'TEXAS'), one('EventType', 'string', 'Hail')], false),
    ).toBe('| where State == "TEXAS" and EventType == "Hail"');
  });

  it('refuses an empty selection', () => {
    expect(() => whereClause([], false)).toThrow(KqlLiteralError);
  });
});

describe('the clause selects exactly the picked rows (run by the engine)', () => {
  const db = prepareDatabase({
    name: 'T',
    tables: [
      {
        name: 'Storms',
        columns: [
          { name: 'Time', type: 'datetime' },
          { name: 'State', type: 'string' },
          { name: 'Damage', type: 'long' },
          { name: 'Lat', type: 'real' },
          { name: 'Took', type: 'timespan' },
          { name: 'Id', type: 'guid' },
          { name: 'Hot', type: 'bool' },
          { name: 'Info', type: 'dynamic' },
        ],
        rows: [
          [
            '2007-01-01T10:00:00.0000000Z',
            'TEXAS',
            100,
            30.5,
            '00:05:00',
            '74be27de-1e4e-49d9-b579-fe0b331d3642',
            true,
            { loc: { city: 'Austin "ATX"' } },
          ],
          [
            '2007-01-02T10:00:00.0000000Z',
            'say "hi"\\',
            null,
            31.25,
            '1.00:00:00',
            '00000000-0000-0000-0000-000000000001',
            false,
            { loc: { city: 'Dallas' } },
          ],
          ['2007-01-03T10:00:00.0000000Z', '', 7, null, null, null, null, null],
        ],
      },
    ],
  });
  const rowsWhere = (target: FilterTarget, exclude = false) =>
    evaluate(`Storms ${whereClause([target], exclude)} | project State`, db, {
      now: new Date(0),
    }).tables[0]!.rows.map((row) => row[0]);

  it.each<[string, FilterTarget, unknown[]]>([
    ['a datetime', one('Time', 'datetime', '2007-01-02T10:00:00.000Z'), ['say "hi"\\']],
    ['a string with quotes and a backslash', one('State', 'string', 'say "hi"\\'), ['say "hi"\\']],
    ['an empty string', one('State', 'string', ''), ['']],
    ['a long and a null', one('Damage', 'long', '100', null), ['TEXAS', 'say "hi"\\']],
    ['a real', one('Lat', 'real', '31.25'), ['say "hi"\\']],
    ['a timespan', one('Took', 'timespan', '1.00:00:00'), ['say "hi"\\']],
    ['a guid', one('Id', 'guid', '74be27de-1e4e-49d9-b579-fe0b331d3642'), ['TEXAS']],
    ['a bool', one('Hot', 'bool', 'false'), ['say "hi"\\']],
    [
      'a dynamic field',
      { column: 'Info', type: 'dynamic', path: ['loc', 'city'], values: ['Austin "ATX"'] },
      ['TEXAS'],
    ],
  ])('filters to %s', (_, target, expected) => {
    expect(rowsWhere(target)).toEqual(expected);
  });

  it('excludes values', () => {
    expect(rowsWhere(one('State', 'string', 'TEXAS', ''), true)).toEqual(['say "hi"\\']);
    expect(rowsWhere(one('Damage', 'long', null), true)).toEqual(['TEXAS', '']);
  });
});

describe('appendClause', () => {
  const clause = '| where State == "TEXAS"';

  it('puts the clause on a new line after the statement at the cursor, leaving others alone', () => {
    const text = 'StormEvents | take 5\n\nStormEvents\n| summarize count() by State\n\nprint 1';
    const start = text.indexOf('StormEvents\n|');
    const end = text.indexOf('\n\nprint');
    const result = appendClause(text, start, end, clause);
    expect(result.text).toBe(
      'StormEvents | take 5\n\nStormEvents\n| summarize count() by State\n| where State == "TEXAS"\n\nprint 1',
    );
    expect(result.text.slice(result.start, result.end)).toBe(
      'StormEvents\n| summarize count() by State\n| where State == "TEXAS"',
    );
  });

  it('keeps a trailing semicolon last and trailing blanks after the clause', () => {
    const text = 'T | take 5;  \n';
    expect(appendClause(text, 0, text.length, clause).text).toBe(
      'T | take 5\n| where State == "TEXAS";  \n',
    );
  });

  it('starts a new line so a trailing comment does not swallow the clause', () => {
    const text = 'T // all rows';
    expect(appendClause(text, 0, text.length, clause).text).toBe(
      'T // all rows\n| where State == "TEXAS"',
    );
  });

  it('keeps Windows line breaks', () => {
    const text = 'T\r\n| take 5';
    expect(appendClause(text, 0, text.length, clause).text).toBe(
      'T\r\n| take 5\r\n| where State == "TEXAS"',
    );
  });
});
