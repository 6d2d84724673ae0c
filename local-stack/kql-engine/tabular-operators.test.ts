import { describe, expect, it } from 'vitest';
import { columns, run, rows } from './engine-test-support';

describe('take, count, where', () => {
  it('take returns the first rows in table order', () => {
    expect(rows('Storms | take 2 | project State')).toEqual([['TEXAS'], ['Texas']]);
    expect(rows('Storms | limit 1 | project Kind')).toEqual([['Hail']]);
  });

  it('count returns one long column named Count', () => {
    expect(run('Storms | count').columns).toEqual([{ name: 'Count', type: 'long' }]);
    expect(rows('Storms | count')).toEqual([[6]]);
  });

  it.each([
    ['State == "TEXAS"', 1],
    ['State =~ "texas"', 2],
    ['State != "TEXAS"', 5],
    ['State !~ "texas"', 4],
    ['Kind has "flood"', 2],
    ['Kind has "floo"', 0],
    ['Kind contains "floo"', 2],
    ['Kind has_cs "flood"', 0],
    ['Kind has_cs "Flood"', 2],
    ['Kind !has "hail"', 3],
    ['Kind !contains "a"', 2],
    ['Kind startswith "flash"', 1],
    ['Kind endswith "WIND"', 1],
    ['Kind startswith_cs "flash"', 0],
    ['Kind hasprefix "thunder"', 1],
    ['Kind matches regex "^F.*d$"', 2],
    ['State in ("TEXAS", "IOWA")', 2],
    ['State in~ ("texas")', 2],
    ['State !in ("TEXAS")', 5],
    ['Kind has_any ("wind", "flood")', 3],
    ['Kind has_all ("flash", "flood")', 1],
    ['Damage between (7 .. 50)', 3],
    ['Damage !between (7 .. 50)', 2],
    ['Time between (datetime(2007-01-01) .. 1d)', 2],
    ['Damage > 10', 3],
    ['Damage != 100', 5],
    ['Damage == int(null)', 0],
    ['isnull(Damage)', 1],
    ['isnotnull(Damage)', 5],
    ['isempty(State)', 1],
    ['isnotempty(State)', 5],
    ['isnull(State)', 0],
    ['isnull(Time)', 1],
    ['Damage > 10 or isnull(Damage)', 4],
    ['not(Kind has "hail")', 3],
    ['Damage > 10 and Lat > 31', 0],
    ['Info.loc.city == "Waco"', 1],
    ['Time > datetime(2007-01-02)', 3],
    ['Time < ago(1d)', 5],
  ])('where %s keeps %i rows (Kusto string and null semantics)', (predicate, expected) => {
    expect(rows(`Storms | where ${predicate} | count`)).toEqual([[expected]]);
  });
});

describe('project and friends', () => {
  it('project renames, computes and takes unnamed column names from the analyzer', () => {
    const table = run(
      'Storms | take 1 | project S = State, D2 = Damage * 2, tolower(Kind), Damage + 1',
    );
    expect(table.columns).toEqual([
      { name: 'S', type: 'string' },
      { name: 'D2', type: 'long' },
      { name: 'Column1', type: 'string' },
      { name: 'Column2', type: 'long' },
    ]);
    expect(table.rows).toEqual([['TEXAS', 200, 'hail', 101]]);
  });

  it('project-away drops, project-rename renames in place, project-reorder moves to the front', () => {
    expect(columns('Storms | project-away Info, Lat')).toEqual([
      'Time:datetime',
      'State:string',
      'Kind:string',
      'Damage:int',
    ]);
    expect(columns('Storms | project-rename Region = State')).toEqual([
      'Time:datetime',
      'Region:string',
      'Kind:string',
      'Damage:int',
      'Lat:real',
      'Info:dynamic',
    ]);
    expect(columns('Storms | project-reorder Kind, State').slice(0, 3)).toEqual([
      'Kind:string',
      'State:string',
      'Time:datetime',
    ]);
    expect(rows('Storms | take 1 | project-keep S*')).toEqual([['TEXAS']]);
  });

  it('extend computes every expression from the input row', () => {
    expect(
      rows(
        'Storms | take 1 | extend Damage = Damage * 10, Before = Damage | project Damage, Before',
      ),
    ).toEqual([[1000, 100]]);
  });

  it('extend appends, and replaces an existing column in place', () => {
    const table = run('Storms | take 2 | extend Damage = Damage * 10, a = 1 | extend b = a + 1');
    expect(table.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Time:datetime',
      'State:string',
      'Kind:string',
      'Damage:long',
      'Lat:real',
      'Info:dynamic',
      'a:long',
      'b:long',
    ]);
    expect(table.rows.map((r) => [r[3], r[6], r[7]])).toEqual([
      [1000, 1, 2],
      [null, 1, 2],
    ]);
  });

  it('reads dynamic properties and indexes (negative indexes count from the end)', () => {
    expect(
      rows(
        'Storms | take 2 | project city = Info.loc.city, head = Info["tags"][0], tail = Info.tags[-1]',
      ),
    ).toEqual([
      ['Austin', 'a', 'b'],
      ['Waco', null, null],
    ]);
  });

  it('distinct keeps the first appearance order', () => {
    expect(rows('Storms | distinct Kind')).toEqual([
      ['Hail'],
      ['Flash Flood'],
      ['Thunderstorm Wind'],
      ['Flood'],
    ]);
    expect(rows('Storms | project State | distinct *')).toHaveLength(5);
  });

  it('as names the result table; getschema lists columns', () => {
    expect(run('Storms | take 1 | as MyTable').name).toBe('MyTable');
    expect(run('Storms | take 1').name).toBe('PrimaryResult');
    expect(rows('Storms | getschema | project ColumnName, ColumnType | take 2')).toEqual([
      ['Time', 'datetime'],
      ['State', 'string'],
    ]);
  });
});

describe('sort and top', () => {
  it('sorts descending by default with nulls last', () => {
    expect(rows('Storms | sort by Damage | project Damage')).toEqual([
      [100],
      [50],
      [25],
      [7],
      [0],
      [null],
    ]);
  });

  it('ascending puts nulls first unless told otherwise', () => {
    expect(rows('Storms | order by Damage asc | project Damage')).toEqual([
      [null],
      [0],
      [7],
      [25],
      [50],
      [100],
    ]);
    expect(rows('Storms | sort by Damage asc nulls last | project Damage')).toEqual([
      [0],
      [7],
      [25],
      [50],
      [100],
      [null],
    ]);
  });

  it('keeps NaN next to null: ..., NaN, null when nulls are last', () => {
    expect(rows('Storms | sort by Lat desc | project Lat')).toEqual([
      [41.5],
      [38],
      [31.25],
      [30.5],
      ['NaN'],
      [null],
    ]);
    expect(rows('Storms | sort by Lat asc | project Lat')).toEqual([
      [null],
      ['NaN'],
      [30.5],
      [31.25],
      [38],
      [41.5],
    ]);
  });

  it('orders strings ordinally and by several keys', () => {
    expect(rows('Storms | sort by State asc | project State')).toEqual([
      [''],
      ['IOWA'],
      ['KANSAS'],
      ['KANSAS'],
      ['TEXAS'],
      ['Texas'],
    ]);
    expect(rows('Storms | sort by Kind asc, Damage desc | project Kind, Damage | take 3')).toEqual([
      ['Flash Flood', null],
      ['Flood', 7],
      ['Hail', 100],
    ]);
  });

  it('top takes the first N after sorting, with the same defaults', () => {
    expect(rows('Storms | top 2 by Damage | project Damage')).toEqual([[100], [50]]);
    expect(rows('Storms | top 2 by Damage asc | project Damage')).toEqual([[null], [0]]);
    expect(rows('Storms | top 2 by Damage asc nulls last | project Damage')).toEqual([[0], [7]]);
  });
});

describe('summarize', () => {
  it('aggregates per group with Kusto names and types', () => {
    const table = run(
      'Storms | where isnotnull(Damage) | summarize n=count(), total=sum(Damage), mean=avg(Damage), lo=min(Damage), hi=max(Damage), latest=max(Time), kinds=dcount(Kind) by State | sort by State asc',
    );
    expect(table.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'State:string',
      'n:long',
      'total:long',
      'mean:real',
      'lo:int',
      'hi:int',
      'latest:datetime',
      'kinds:long',
    ]);
    expect(table.rows).toEqual([
      ['', 1, 25, 25, 25, 25, '2007-01-05T12:00:00.1234567Z', 1],
      ['IOWA', 1, 7, 7, 7, 7, null, 1],
      ['KANSAS', 2, 50, 25, 0, 50, '2007-01-03T00:00:00.0000000Z', 2],
      ['TEXAS', 1, 100, 100, 100, 100, '2007-01-01T10:00:00.0000000Z', 1],
    ]);
  });

  it('names aggregates like Kusto (count_, sum_X, avg_X) and ignores nulls', () => {
    const table = run('Storms | summarize count(), sum(Damage), avg(Damage), countif(Damage > 10)');
    expect(table.columns.map((c) => c.name)).toEqual([
      'count_',
      'sum_Damage',
      'avg_Damage',
      'countif_',
    ]);
    expect(table.rows).toEqual([[6, 182, 36.4, 3]]);
  });

  it('bins datetimes by day and names the key after the column', () => {
    const table = run('Storms | summarize count() by bin(Time, 1d)');
    expect(table.columns).toEqual([
      { name: 'Time', type: 'datetime' },
      { name: 'count_', type: 'long' },
    ]);
    expect(table.rows).toEqual([
      ['2007-01-01T00:00:00.0000000Z', 2],
      ['2007-01-02T00:00:00.0000000Z', 1],
      ['2007-01-03T00:00:00.0000000Z', 1],
      [null, 1],
      ['2007-01-05T00:00:00.0000000Z', 1],
    ]);
  });

  it('without by gives one row even for no input; with by gives none', () => {
    expect(rows('Storms | where Damage > 1000 | summarize count()')).toEqual([[0]]);
    expect(rows('Storms | where Damage > 1000 | summarize count() by State')).toEqual([]);
  });

  it('evaluates expressions over aggregates', () => {
    expect(
      rows('Storms | summarize pct = round(100.0 * countif(Kind == "Hail") / count(), 1)'),
    ).toEqual([[50]]);
  });

  it('arg_max returns the other columns of the maximal row; * expands to the non-key columns', () => {
    expect(run('Storms | summarize arg_max(Damage, State, Kind)').rows).toEqual([
      [100, 'TEXAS', 'Hail'],
    ]);
    const table = run('Storms | summarize arg_max(Damage, *) by Kind | where Kind == "Hail"');
    expect(table.columns.map((c) => c.name)).toEqual([
      'Kind',
      'Damage',
      'Time',
      'State',
      'Lat',
      'Info',
    ]);
    expect(table.rows[0]!.slice(0, 4)).toEqual([
      'Hail',
      100,
      '2007-01-01T10:00:00.0000000Z',
      'TEXAS',
    ]);
    expect(run('Storms | summarize arg_min(Damage, State)').rows).toEqual([[0, 'KANSAS']]);
  });

  it('make_list skips nulls, make_set keeps distinct values in first-seen order', () => {
    expect(rows('Storms | summarize make_list(Damage), make_set(State)')).toEqual([
      [
        [100, 50, 0, 7, 25],
        ['TEXAS', 'Texas', 'KANSAS', 'IOWA', ''],
      ],
    ]);
    expect(rows('Storms | where State == "KANSAS" | summarize make_list(Time)')).toEqual([
      [['2007-01-02T01:00:00.0000000Z', '2007-01-03T00:00:00.0000000Z']],
    ]);
  });

  it('percentile(s) use nearest rank; take_any picks a non-empty value', () => {
    const table = run(
      'Storms | summarize percentile(Damage, 50), percentiles(Damage, 0, 100), take_any(Kind)',
    );
    expect(table.columns.map((c) => c.name)).toEqual([
      'percentile_Damage_50',
      'percentile_Damage_0',
      'percentile_Damage_100',
      'Kind',
    ]);
    expect(table.rows).toEqual([[25, 0, 100, 'Hail']]);
  });

  it('dcount and sumif/avgif/minif/maxif honour their predicates', () => {
    expect(
      rows(
        'Storms | summarize dcount(Kind), sumif(Damage, Kind == "Hail"), avgif(Damage, Kind == "Hail"), maxif(Damage, Kind != "Hail"), minif(Lat, State == "KANSAS")',
      ),
    ).toEqual([[4, 125, 125 / 3, 50, 38]]);
  });
});

describe('join and lookup', () => {
  const joined = (kind: string): number =>
    rows(
      `Storms | join kind=${kind} (States) on $left.State == $right.Name | count`,
    )[0]![0] as number;

  it('defaults to innerunique: one left row per key', () => {
    expect(
      rows('Storms | join (States) on $left.State == $right.Name | project State, Population'),
    ).toEqual([
      ['TEXAS', 29],
      ['KANSAS', 3],
      ['KANSAS', 4],
    ]);
  });

  it('supports the other kinds with their row counts', () => {
    expect(joined('inner')).toBe(5);
    expect(joined('leftouter')).toBe(8);
    expect(joined('rightouter')).toBe(6);
    expect(joined('fullouter')).toBe(9);
    expect(joined('leftsemi')).toBe(3);
    expect(joined('leftanti')).toBe(3);
    expect(joined('rightsemi')).toBe(3);
    expect(joined('rightanti')).toBe(1);
  });

  it('leftouter fills unmatched right columns with null (strings empty)', () => {
    expect(
      rows(
        'Storms | where State in ("Texas", "IOWA") | join kind=leftouter (States) on $left.State == $right.Name | project State, Name, Population',
      ),
    ).toEqual([
      ['Texas', '', null],
      ['IOWA', '', null],
    ]);
  });

  it('semi and anti joins keep one side only', () => {
    expect(
      columns('Storms | join kind=leftsemi (States) on $left.State == $right.Name'),
    ).toHaveLength(6);
    expect(rows('Storms | join kind=rightanti (States) on $left.State == $right.Name')).toEqual([
      ['OHIO', 12],
    ]);
  });

  it('on a shared column name keeps both key columns (Name, Name1)', () => {
    const table = run(
      'Storms | extend Name = State | join kind=inner States on Name | project Name, Name1, Population',
    );
    expect(table.columns.map((c) => c.name)).toEqual(['Name', 'Name1', 'Population']);
    expect(table.rows).toHaveLength(5);
  });

  it('lookup adds the right columns without the key', () => {
    expect(
      rows(
        'Storms | lookup (States | summarize Population = sum(Population) by Name) on $left.State == $right.Name | project State, Population',
      ),
    ).toEqual([
      ['TEXAS', 29],
      ['Texas', null],
      ['KANSAS', 7],
      ['KANSAS', 7],
      ['IOWA', null],
      ['', null],
    ]);
  });
});

describe('union', () => {
  it('appends rows, matching columns by name', () => {
    const table = run('Storms | project State | union (States | project State = Name)');
    expect(table.rows).toHaveLength(10);
    expect(table.rows.at(-1)).toEqual(['OHIO']);
  });

  it('withsource names the source table', () => {
    expect(rows('union withsource=Src Storms, States | summarize count() by Src')).toEqual([
      ['Storms', 6],
      ['States', 4],
    ]);
  });

  it('expands table name wildcards to the matching tables', () => {
    expect(rows('union withsource=T Stor* | summarize count() by T')).toEqual([['Storms', 6]]);
    expect(rows('union * | count')).toEqual([[10]]);
  });

  it('gives clashing column types their own suffixed columns', () => {
    const table = run('union (print x = 1), (print x = "a")');
    expect(table.columns).toEqual([
      { name: 'x_long', type: 'long' },
      { name: 'x_string', type: 'string' },
    ]);
    expect(table.rows).toEqual([
      [1, ''],
      [null, 'a'],
    ]);
  });
});

describe('mv-expand and make-series', () => {
  it('expands arrays; empty arrays drop the row, null gives one row', () => {
    expect(rows('Storms | mv-expand tags = Info.tags | project State, tags')).toEqual([
      ['TEXAS', 'a'],
      ['TEXAS', 'b'],
      ['KANSAS', null],
      ['KANSAS', 'c'],
      ['IOWA', null],
      ['', null],
    ]);
  });

  it('casts with to typeof() and numbers items with with_itemindex', () => {
    const table = run(
      'Storms | take 1 | mv-expand with_itemindex=i tags = Info.tags to typeof(string) | project tags, i',
    );
    expect(table.columns).toEqual([
      { name: 'tags', type: 'string' },
      { name: 'i', type: 'long' },
    ]);
    expect(table.rows).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('expands property bags into one-key bags', () => {
    expect(rows('print d = dynamic({"a": 1, "b": 2}) | mv-expand d')).toEqual([
      [{ a: 1 }],
      [{ b: 2 }],
    ]);
  });

  it('make-series fills absent bins with the default and lists the bin starts', () => {
    const table = run(
      'Storms | make-series n=count() default=0 on Time from datetime(2007-01-01) to datetime(2007-01-06) step 1d by Kind',
    );
    expect(table.columns).toEqual([
      { name: 'Kind', type: 'string' },
      { name: 'n', type: 'dynamic' },
      { name: 'Time', type: 'dynamic' },
    ]);
    expect(table.rows.map((r) => [r[0], r[1]])).toEqual([
      ['Hail', [1, 0, 1, 0, 1]],
      ['Flash Flood', [1, 0, 0, 0, 0]],
      ['Thunderstorm Wind', [0, 1, 0, 0, 0]],
    ]);
    expect(table.rows[0]![2]).toEqual([
      '2007-01-01T00:00:00.0000000Z',
      '2007-01-02T00:00:00.0000000Z',
      '2007-01-03T00:00:00.0000000Z',
      '2007-01-04T00:00:00.0000000Z',
      '2007-01-05T00:00:00.0000000Z',
    ]);
    expect(
      rows(
        'Storms | make-series total=sum(Damage) default=-1 on Time from datetime(2007-01-01) to datetime(2007-01-06) step 1d',
      )[0]![0],
    ).toEqual([100, 50, 0, -1, 25]);
  });
});

describe('sources: print, range, datatable, let', () => {
  it('print names unnamed columns print_N', () => {
    const table = run('print 1, x = "a", 2.5');
    expect(table.columns).toEqual([
      { name: 'print_0', type: 'long' },
      { name: 'x', type: 'string' },
      { name: 'print_2', type: 'real' },
    ]);
    expect(table.rows).toEqual([[1, 'a', 2.5]]);
  });

  it('range includes its end and works on datetimes', () => {
    expect(rows('range x from 1 to 10 step 3')).toEqual([[1], [4], [7], [10]]);
    expect(rows('range d from datetime(2007-01-01) to datetime(2007-01-02) step 12h')).toEqual([
      ['2007-01-01T00:00:00.0000000Z'],
      ['2007-01-01T12:00:00.0000000Z'],
      ['2007-01-02T00:00:00.0000000Z'],
    ]);
  });

  it('datatable builds typed rows', () => {
    const table = run(
      'datatable(a:int, s:string, d:datetime)[1, "x", datetime(2020-01-01), 2, "y", datetime(null)]',
    );
    expect(table.rows).toEqual([
      [1, 'x', '2020-01-01T00:00:00.0000000Z'],
      [2, 'y', null],
    ]);
  });

  it('let binds scalars, tables, toscalar() results and functions', () => {
    expect(
      rows(
        'let threshold = 10; let Big = Storms | where Damage > threshold; let n = toscalar(Big | count); let twice = (x:long) { x * 2 }; Big | project State, d = twice(Damage), n | take 2',
      ),
    ).toEqual([
      ['TEXAS', 200, 3],
      ['KANSAS', 100, 3],
    ]);
  });

  it('let binds tabular functions with parameters and defaults', () => {
    expect(
      rows(
        'let top_n = (n:long, k:string = "Hail") { Storms | where Kind == k | take n }; top_n(2) | project State',
      ),
    ).toEqual([['TEXAS'], ['KANSAS']]);
  });

  it('in accepts a subquery and a dynamic array', () => {
    expect(rows('Storms | where State in ((States | project Name)) | count')).toEqual([[3]]);
    expect(rows('Storms | where Damage in (dynamic([0, 7])) | count')).toEqual([[2]]);
  });
});

describe('parse, serialize, sample', () => {
  it('parse extracts typed columns; a failed strict match gives empty columns', () => {
    expect(
      rows(
        'print s = "id=42 name=bob" | parse s with "id=" id:long " name=" name | project id, name',
      ),
    ).toEqual([[42, 'bob']]);
    expect(
      rows(
        'print s = "id=x name=bob" | parse s with "id=" id:long " name=" name | project id, name',
      ),
    ).toEqual([[null, '']]);
    expect(
      rows(
        'Storms | parse Kind with first_ " " second_ | where isnotempty(first_) | project first_, second_',
      ),
    ).toEqual([
      ['Flash', 'Flood'],
      ['Thunderstorm', 'Wind'],
    ]);
  });

  it('parse kind=regex treats constants as regular expressions', () => {
    expect(
      rows(
        'print s = "Event: A (x=12, y=7)" | parse kind=regex s with "Event: " ev @" \\(x=" x:long ", y=" y:long @"\\)" | project ev, x, y',
      ),
    ).toEqual([['A', 12, 7]]);
  });

  it('serialize numbers rows and keeps running sums (nulls add nothing)', () => {
    expect(
      rows('Storms | serialize n = row_number(), c = row_cumsum(Damage) | project n, c'),
    ).toEqual([
      [1, 100],
      [2, 100],
      [3, 150],
      [4, 150],
      [5, 157],
      [6, 182],
    ]);
    expect(
      rows('Storms | sort by Damage desc | extend rank = row_number(10) | project rank | take 2'),
    ).toEqual([[10], [11]]);
  });

  it('sample returns the requested number of distinct rows', () => {
    const sampled = rows('Storms | sample 3 | project Kind, Time');
    expect(sampled).toHaveLength(3);
    expect(new Set(sampled.map((r) => JSON.stringify(r))).size).toBe(3);
  });
});

describe('search and * predicates', () => {
  it('search "term" looks for the term in the text columns of every table, naming the table', () => {
    const table = run('search "texas" | project $table, State, Name');
    expect(table.columns[0]).toEqual({ name: '$table', type: 'string' });
    expect(table.rows).toEqual([
      ['Storms', 'TEXAS', ''],
      ['Storms', 'Texas', ''],
      ['States', '', 'TEXAS'],
    ]);
  });

  it('search honours kind=case_sensitive, in (...), Column:"term" and wildcards', () => {
    expect(rows('search kind=case_sensitive "TEXAS" | count')).toEqual([[2]]);
    expect(rows('search in (Sto*) State:"kan*" | project State')).toEqual([['KANSAS'], ['KANSAS']]);
    expect(rows('Storms | search "*xa*" | count')).toEqual([[2]]);
    expect(rows('search "Hail" and Damage > 10 | project State')).toEqual([['TEXAS'], ['']]);
  });

  it('where * has "x" tests every text column', () => {
    expect(rows('Storms | where * has "wichita" | project State')).toEqual([['KANSAS']]);
    expect(rows('Storms | where * !has "hail" | count')).toEqual([[3]]);
  });
});
