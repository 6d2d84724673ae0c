import { describe, expect, it } from 'vitest';
import { run, scalar } from './engine-test-support';

function check(cases: [string, unknown][]): void {
  for (const [expression, expected] of cases) {
    expect(scalar(expression), expression).toEqual(expected);
  }
}

describe('literals and arithmetic', () => {
  it('reads datetime and timespan literals', () => {
    check([
      ['datetime(2007-09-29 08:11:00)', '2007-09-29T08:11:00.0000000Z'],
      ['datetime(2015-12-31)', '2015-12-31T00:00:00.0000000Z'],
      ['datetime(2024-05-01T10:00:00.1234567Z)', '2024-05-01T10:00:00.1234567Z'],
      ['1d', '1.00:00:00'],
      ['5m', '00:05:00'],
      ['30s', '00:00:30'],
      ['100ms', '00:00:00.1000000'],
      ['time(1.02:03:04.5)', '1.02:03:04.5000000'],
      ['timespan(null)', null],
      ['0x10', 16],
      ['real(nan)', 'NaN'],
      ['real(-inf)', '-Infinity'],
      ['guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)', '74be27de-1e4e-49d9-b579-fe0b331d3642'],
      ['dynamic({"a": [1, 2]})', { a: [1, 2] }],
      ['@"c:\\temp"', 'c:\\temp'],
    ]);
  });

  it('follows Kusto type rules for arithmetic', () => {
    check([
      ['7 / 2', 3],
      ['-7 / 2', -3],
      ['7.0 / 2', 3.5],
      ['-7 % 3', -1],
      ['1d / 1h', 24],
      ['datetime(2020-01-02) - datetime(2020-01-01 12:00)', '12:00:00'],
      ['datetime(2020-01-01) + 36h', '2020-01-02T12:00:00.0000000Z'],
      ['datetime(2020-01-01) - 1tick', '2019-12-31T23:59:59.9999999Z'],
      ['2h * 3', '06:00:00'],
      ['1s / 4', '00:00:00.2500000'],
      ['int(null) + 1', null],
      ['-(5)', -5],
    ]);
  });

  it('treats null as Kusto does in comparisons and logic', () => {
    check([
      ['int(null) == int(null)', null],
      ['int(null) == 1', false],
      ['int(null) != 1', true],
      ['int(null) > 1', null],
      ['int(null) > 1 or true', true],
      ['int(null) > 1 and false', false],
      ['not(bool(null))', null],
      ['1 == 1.0', true],
    ]);
  });
});

describe('conversions and conditionals', () => {
  it('converts between types', () => {
    check([
      ['tostring(1.5)', '1.5'],
      ['tostring(datetime(2020-03-04))', '2020-03-04T00:00:00Z'],
      ['tostring(1h)', '01:00:00'],
      ['tostring(dynamic({"a":1}))', '{"a":1}'],
      ['tostring(int(null))', ''],
      ['toint(2.7)', 2],
      ['tolong("12")', 12],
      ['tolong("x")', null],
      ['todouble("1.5")', 1.5],
      ['toreal("nan")', 'NaN'],
      ['tobool("true")', true],
      ['todatetime("2020-01-01")', '2020-01-01T00:00:00.0000000Z'],
      ['todatetime("not a date")', null],
      ['totimespan("1.02:03:04")', '1.02:03:04'],
      ['tolong(1s)', 10000000],
      ['toguid("74be27de-1e4e-49d9-b579-fe0b331d3642")', '74be27de-1e4e-49d9-b579-fe0b331d3642'],
    ]);
  });

  it('evaluates iff, case, coalesce and the null tests', () => {
    check([
      ['iff(1 > 2, "a", "b")', 'b'],
      ['iif(bool(null), 1, 2)', 2],
      ['case(false, "a", true, "b", "c")', 'b'],
      ['case(false, "a", "c")', 'c'],
      ['coalesce(int(null), 5, 6)', 5],
      ['coalesce("", "x")', 'x'],
      ['isnull(int(null))', true],
      ['isnull("")', false],
      ['isempty("")', true],
      ['isnotempty(" ")', true],
      ['isnan(real(nan))', true],
      ['isinf(real(+inf))', true],
      ['max_of(3, 7, int(null), 5)', 7],
      ['min_of(3, 7, 5)', 3],
    ]);
  });
});

describe('numbers', () => {
  it('bins, rounds and computes', () => {
    check([
      ['bin(7, 5)', 5],
      ['bin(-0.5, 1)', -1],
      ['bin(4.7, 0.5)', 4.5],
      ['floor(7.9, 1)', 7],
      ['round(2.567, 2)', 2.57],
      ['round(2.5)', 3],
      ['round(1234.5, -2)', 1200],
      ['abs(-3)', 3],
      ['ceiling(1.2)', 2],
      ['pow(2, 10)', 1024],
      ['sqrt(16)', 4],
      ['exp(0)', 1],
      ['log10(1000)', 3],
      ['log2(8)', 3],
      ['sign(-4)', -1],
    ]);
  });
});

describe('strings', () => {
  it('handles the common string functions', () => {
    check([
      ['strcat("a", 1, true)', 'a1true'],
      ['strcat_delim("-", "a", "b")', 'a-b'],
      ['strlen("héllo")', 5],
      ['tolower("AbC")', 'abc'],
      ['toupper("abc")', 'ABC'],
      ['substring("hello", 1, 3)', 'ell'],
      ['substring("hello", 2)', 'llo'],
      ['split("a,b,c", ",")', ['a', 'b', 'c']],
      ['split("a,b,c", ",", 1)', ['b']],
      ['replace_string("a.b.c", ".", "-")', 'a-b-c'],
      ['replace_regex("ab12cd3", @"\\d+", "#")', 'ab#cd#'],
      ['replace_regex("John Smith", @"(\\w+) (\\w+)", @"\\2 \\1")', 'Smith John'],
      ['extract(@"(\\d+)-(\\d+)", 2, "id 12-345")', '345'],
      ['extract(@"(\\d+)", 1, "none")', ''],
      ['extract(@"(\\d+)", 1, "n=42", typeof(long))', 42],
      ['extract_all(@"(\\d)", "a1b2")', ['1', '2']],
      ['trim(" ", "  x  ")', 'x'],
      ['trim_start(@"[ab]", "abxab")', 'xab'],
      ['trim_end(@"[ab]", "abxab")', 'abx'],
      ['indexof("abcabc", "c")', 2],
      ['indexof("abcabc", "c", 3)', 5],
      ['indexof("abc", "z")', -1],
      ['countof("aaa", "a")', 3],
      ['reverse("abc")', 'cba'],
      ['strrep("ab", 3, ",")', 'ab,ab,ab'],
      ['url_encode("a b")', 'a%20b'],
      ['base64_encode_tostring("Kusto")', 'S3VzdG8='],
      ['base64_decode_tostring("S3VzdG8=")', 'Kusto'],
    ]);
  });
});

describe('datetimes', () => {
  it('takes parts and boundaries in UTC', () => {
    check([
      ['startofday(datetime(2020-03-04 05:06:07))', '2020-03-04T00:00:00.0000000Z'],
      ['endofday(datetime(2020-03-04 05:06:07))', '2020-03-04T23:59:59.9999999Z'],
      ['startofweek(datetime(2020-03-04))', '2020-03-01T00:00:00.0000000Z'],
      ['endofweek(datetime(2020-03-04))', '2020-03-07T23:59:59.9999999Z'],
      ['startofmonth(datetime(2020-03-04))', '2020-03-01T00:00:00.0000000Z'],
      ['endofmonth(datetime(2020-02-10))', '2020-02-29T23:59:59.9999999Z'],
      ['startofmonth(datetime(2020-03-04), -1)', '2020-02-01T00:00:00.0000000Z'],
      ['startofyear(datetime(2007-06-01))', '2007-01-01T00:00:00.0000000Z'],
      ['endofyear(datetime(2007-06-01))', '2007-12-31T23:59:59.9999999Z'],
      ['getyear(datetime(2007-06-01))', 2007],
      ['getmonth(datetime(2007-06-01))', 6],
      ['dayofmonth(datetime(2007-06-09))', 9],
      ['dayofyear(datetime(2007-02-01))', 32],
      ['hourofday(datetime(2007-06-01 17:30))', 17],
      ['dayofweek(datetime(2020-03-04))', '3.00:00:00'],
      ['weekofyear(datetime(2021-01-01))', 53],
      ['datetime_part("quarter", datetime(2020-08-01))', 3],
      ['datetime_part("minute", datetime(2020-08-01 10:42))', 42],
      ['datetime_add("month", 1, datetime(2020-01-31))', '2020-02-29T00:00:00.0000000Z'],
      ['datetime_add("hour", -2, datetime(2020-01-01))', '2019-12-31T22:00:00.0000000Z'],
      ['datetime_diff("day", datetime(2020-01-02), datetime(2019-12-31 23:00))', 2],
      ['datetime_diff("month", datetime(2020-03-01), datetime(2019-12-31))', 3],
      ['make_datetime(2020, 2, 3, 4, 5, 6.5)', '2020-02-03T04:05:06.5000000Z'],
      ['unixtime_seconds_todatetime(1546300800)', '2019-01-01T00:00:00.0000000Z'],
      ['unixtime_milliseconds_todatetime(1546300800123)', '2019-01-01T00:00:00.1230000Z'],
      [
        'format_datetime(datetime(2020-03-04 05:06:07.1234567), "yyyy-MM-dd HH:mm:ss.fff")',
        '2020-03-04 05:06:07.123',
      ],
      ['format_datetime(datetime(2020-03-04 15:06:07), "yy-M-d h:mm tt")', '20-3-4 3:06 PM'],
    ]);
  });

  it('bins datetimes from 0001-01-01, so weeks start on Monday', () => {
    check([
      ['bin(datetime(2007-01-03 12:00), 1d)', '2007-01-03T00:00:00.0000000Z'],
      ['bin(datetime(2007-01-03 12:00), 7d)', '2007-01-01T00:00:00.0000000Z'],
      ['bin(datetime(2007-01-03 12:34:56), 15m)', '2007-01-03T12:30:00.0000000Z'],
      ['bin(1h + 5m, 30m)', '01:00:00'],
    ]);
  });
});

describe('dynamic values', () => {
  it('parses, measures and builds dynamic values', () => {
    check([
      ['parse_json(\'{"x":[1,2]}\').x[1]', 2],
      ['todynamic("[1]")', [1]],
      ['parse_json("not json")', 'not json'],
      ['array_length(dynamic([1,2,3]))', 3],
      ['array_length(parse_json("{}"))', null],
      ['bag_keys(dynamic({"a":1,"b":2}))', ['a', 'b']],
      ['pack("k", 1, "d", datetime(2020-01-01))', { k: 1, d: '2020-01-01T00:00:00.0000000Z' }],
      ['bag_pack("k", "v")', { k: 'v' }],
      ['pack_array(1, "a")', [1, 'a']],
      ['array_concat(dynamic([1]), dynamic([2, 3]))', [1, 2, 3]],
      ['set_has_element(dynamic(["a", "b"]), "b")', true],
      ['array_index_of(dynamic(["a", "b"]), "b")', 1],
      ['dynamic({"a":{"b":5}}).a.b + 1', 6],
      ['tostring(dynamic({"a":"x"}).a)', 'x'],
      ['dynamic([1,2])[5]', null],
    ]);
  });

  it('compares dynamic values with typed ones by kind', () => {
    check([
      ['dynamic(5) == 5', true],
      ['dynamic("5") == 5', false],
      ['dynamic("a") == "a"', true],
      ['todatetime(dynamic("2020-01-01")) == datetime(2020-01-01)', true],
    ]);
  });
});

describe('user-visible names of scalar results', () => {
  it('takes column names and types from the analyzer', () => {
    const table = run('print strlen("a"), tolower("B"), now()');
    expect(table.columns).toEqual([
      { name: 'print_0', type: 'long' },
      { name: 'print_1', type: 'string' },
      { name: 'print_2', type: 'datetime' },
    ]);
  });
});
