/**
 * Golden tests: each KQL query is compared with a hand-written SQL query answered by SQLite
 * (sql.js) over the same rows. The expected answers come from SQLite, not from this engine.
 * They run on a small table of our own (with nulls) and on the StormEvents replica.
 */
import type { Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, prepareDatabase, type PreparedDatabase, type TableInput } from './index';
import { compareRows, kqlRows, loadIntoSqlite, sqlRows } from './golden-sqlite-harness';
import { generateGoldenPopulation, generateGoldenSample } from './golden-sample-table';
import { generateStormEvents } from '../data/storm-events';
import { generatePopulationData } from '../data/sample-tables';

interface GoldenCase {
  name: string;
  kql: string;
  sql: string;
  /** Compare in order (the KQL query sorts); otherwise as multisets. */
  ordered?: boolean;
}

/** EventType with punctuation turned into spaces and padded: `LIKE '% term %'` is then a term match. */
const EVENT_TYPE_TERMS = `(' ' || lower(replace(replace(replace(replace(EventType, '/', ' '), '(', ' '), ')', ' '), '-', ' ')) || ' ')`;
const DAY = 86400;

const cases: GoldenCase[] = [
  { name: 'count', kql: 'StormEvents | count', sql: 'SELECT COUNT(*) FROM StormEvents' },
  {
    name: 'count by State',
    kql: 'StormEvents | summarize count() by State',
    sql: 'SELECT State, COUNT(*) FROM StormEvents GROUP BY State',
  },
  {
    name: 'top 10 state counts',
    kql: 'StormEvents | summarize c = count() by State | top 10 by c | project c',
    sql: 'SELECT COUNT(*) AS c FROM StormEvents GROUP BY State ORDER BY c DESC LIMIT 10',
    ordered: true,
  },
  {
    name: 'count and dcount, sorted with a tie-breaker',
    kql: 'StormEvents | summarize n = count(), kinds = dcount(EventType) by State | sort by n desc, State asc | take 5',
    sql: 'SELECT State, COUNT(*) AS n, COUNT(DISTINCT EventType) FROM StormEvents GROUP BY State ORDER BY n DESC, State ASC LIMIT 5',
    ordered: true,
  },
  {
    name: 'avg/sum/min/max by EventType (nulls ignored)',
    kql: 'StormEvents | summarize avg(DamageProperty), sum(DamageProperty), min(DamageProperty), max(DamageProperty), avg(BeginLat) by EventType',
    sql: 'SELECT EventType, AVG(DamageProperty), SUM(DamageProperty), MIN(DamageProperty), MAX(DamageProperty), AVG(BeginLat) FROM StormEvents GROUP BY EventType',
  },
  {
    name: 'has is a case-insensitive term match',
    kql: 'StormEvents | where EventType has "flood" | summarize count() by EventType',
    sql: `SELECT EventType, COUNT(*) FROM StormEvents WHERE ${EVENT_TYPE_TERMS} LIKE '% flood %' GROUP BY EventType`,
  },
  {
    // Term, not substring: "Thunderstorm Wind" does not have "storm", "Winter Storm" does.
    name: 'has does not match inside a term',
    kql: 'StormEvents | where EventType has "storm" or EventType has "effect" | summarize count() by EventType',
    sql: `SELECT EventType, COUNT(*) FROM StormEvents WHERE ${EVENT_TYPE_TERMS} LIKE '% storm %' OR ${EVENT_TYPE_TERMS} LIKE '% effect %' GROUP BY EventType`,
  },
  {
    name: '!has',
    kql: 'StormEvents | where EventType !has "WIND" | count',
    sql: `SELECT COUNT(*) FROM StormEvents WHERE NOT ${EVENT_TYPE_TERMS} LIKE '% wind %'`,
  },
  {
    name: 'has on a term inside punctuation',
    kql: 'StormEvents | where EventType has "freeze" or EventType has "typhoon" | count',
    sql: `SELECT COUNT(*) FROM StormEvents WHERE ${EVENT_TYPE_TERMS} LIKE '% freeze %' OR ${EVENT_TYPE_TERMS} LIKE '% typhoon %'`,
  },
  {
    name: 'contains is LIKE (case-insensitive)',
    kql: 'StormEvents | where EventNarrative contains "tornado" | count',
    sql: "SELECT COUNT(*) FROM StormEvents WHERE EventNarrative LIKE '%tornado%'",
  },
  {
    name: 'contains_cs is case-sensitive',
    kql: 'StormEvents | where EventNarrative contains_cs "TORNADO" | count',
    sql: "SELECT COUNT(*) FROM StormEvents WHERE instr(EventNarrative, 'TORNADO') > 0",
  },
  {
    name: 'startswith, !contains',
    kql: 'StormEvents | where State startswith "new" and Source !contains "law" | count',
    sql: "SELECT COUNT(*) FROM StormEvents WHERE State LIKE 'new%' AND NOT Source LIKE '%law%'",
  },
  {
    name: '== is case-sensitive, =~ is not',
    kql: 'StormEvents | summarize exact = countif(State == "TEXAS"), loose = countif(State =~ "texas")',
    sql: "SELECT SUM(State = 'TEXAS'), SUM(lower(State) = 'texas') FROM StormEvents",
  },
  {
    name: 'in and !in',
    kql: 'StormEvents | where State in ("TEXAS", "KANSAS") and EventType !in ("Hail", "Tornado") | count',
    sql: "SELECT COUNT(*) FROM StormEvents WHERE State IN ('TEXAS', 'KANSAS') AND EventType NOT IN ('Hail', 'Tornado')",
  },
  {
    name: 'between on numbers',
    kql: 'StormEvents | where DamageProperty between (1000 .. 5000) | count',
    sql: 'SELECT COUNT(*) FROM StormEvents WHERE DamageProperty BETWEEN 1000 AND 5000',
  },
  {
    name: 'between on datetimes',
    kql: 'StormEvents | where StartTime between (datetime(2007-06-01) .. datetime(2007-06-30 23:59:59)) | count',
    sql: `SELECT COUNT(*) FROM StormEvents WHERE StartTime BETWEEN ${Date.UTC(2007, 5, 1) / 1000} AND ${Date.UTC(2007, 5, 30, 23, 59, 59) / 1000}`,
  },
  {
    // Kusto: null == 0 is false (not null, as in SQL), so not(null == 0) is true.
    name: 'and / or / not with nulls',
    kql: 'StormEvents | where (DamageProperty > 0 and DamageCrops > 0) or not(InjuriesIndirect == 0) | count',
    sql: 'SELECT COUNT(*) FROM StormEvents WHERE (DamageProperty > 0 AND DamageCrops > 0) OR NOT COALESCE(InjuriesIndirect = 0, 0)',
  },
  {
    name: 'distinct',
    kql: 'StormEvents | distinct State, EventType',
    sql: 'SELECT DISTINCT State, EventType FROM StormEvents',
  },
  {
    name: 'countif and sumif',
    kql: 'StormEvents | summarize countif(DamageProperty > 0), sumif(DamageCrops, DamageProperty > 0) by State',
    sql: 'SELECT State, SUM(CASE WHEN DamageProperty > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN DamageProperty > 0 THEN DamageCrops END) FROM StormEvents GROUP BY State',
  },
  {
    name: 'bin(StartTime, 1d)',
    kql: 'StormEvents | summarize count() by bin(StartTime, 1d)',
    sql: `SELECT CAST(StartTime / ${DAY} AS INTEGER) * ${DAY}, COUNT(*) FROM StormEvents GROUP BY CAST(StartTime / ${DAY} AS INTEGER)`,
  },
  {
    name: 'bin on a real column',
    kql: 'StormEvents | where isnotnull(BeginLat) | summarize count() by bin(BeginLat, 5)',
    sql: 'SELECT floor(BeginLat / 5) * 5, COUNT(*) FROM StormEvents WHERE BeginLat IS NOT NULL GROUP BY floor(BeginLat / 5)',
  },
  {
    name: 'getmonth and hourofday',
    kql: 'StormEvents | summarize count() by m = getmonth(StartTime), h = hourofday(StartTime)',
    sql: "SELECT CAST(strftime('%m', StartTime, 'unixepoch') AS INTEGER), CAST(strftime('%H', StartTime, 'unixepoch') AS INTEGER), COUNT(*) FROM StormEvents GROUP BY 1, 2",
  },
  {
    name: 'startofmonth',
    kql: 'StormEvents | summarize count() by startofmonth(StartTime)',
    sql: "SELECT unixepoch(StartTime, 'unixepoch', 'start of month'), COUNT(*) FROM StormEvents GROUP BY 1",
  },
  {
    name: 'datetime arithmetic gives timespans',
    kql: 'StormEvents | extend Duration = EndTime - StartTime | summarize max(Duration), avg(Duration) by EventType',
    sql: 'SELECT EventType, MAX(EndTime - StartTime), AVG(EndTime - StartTime) FROM StormEvents GROUP BY EventType',
  },
  {
    name: 'extend with null arithmetic',
    kql: 'StormEvents | extend Total = DamageProperty + DamageCrops | summarize sum(Total), countif(isnull(Total)) by State',
    sql: 'SELECT State, SUM(DamageProperty + DamageCrops), SUM((DamageProperty + DamageCrops) IS NULL) FROM StormEvents GROUP BY State',
  },
  {
    name: 'sort desc puts nulls last',
    kql: 'StormEvents | where State == "IOWA" | project EventId, BeginLat | sort by BeginLat desc, EventId asc | take 30',
    sql: "SELECT EventId, BeginLat FROM StormEvents WHERE State = 'IOWA' ORDER BY BeginLat DESC NULLS LAST, EventId ASC LIMIT 30",
    ordered: true,
  },
  {
    name: 'sort asc puts nulls first',
    kql: 'StormEvents | project EventId, DamageCrops | sort by DamageCrops asc, EventId desc | take 30',
    sql: 'SELECT EventId, DamageCrops FROM StormEvents ORDER BY DamageCrops ASC NULLS FIRST, EventId DESC LIMIT 30',
    ordered: true,
  },
  {
    name: 'top N by a column (values only, so ties cannot differ)',
    kql: 'StormEvents | top 15 by DamageProperty | project DamageProperty',
    sql: 'SELECT DamageProperty FROM StormEvents ORDER BY DamageProperty DESC NULLS LAST LIMIT 15',
    ordered: true,
  },
  {
    name: 'min/max of strings are ordinal',
    kql: 'StormEvents | summarize min(EventType), max(EventType), min(Source) by State',
    sql: 'SELECT State, MIN(EventType), MAX(EventType), MIN(Source) FROM StormEvents GROUP BY State',
  },
  {
    name: 'string functions',
    kql: 'StormEvents | summarize count() by n = strlen(State), l = tolower(substring(EventType, 0, 4))',
    sql: 'SELECT length(State), lower(substr(EventType, 1, 4)), COUNT(*) FROM StormEvents GROUP BY 1, 2',
  },
  {
    name: 'dynamic property access',
    kql: 'StormEvents | summarize count(), sum(tolong(StormSummary.TotalDamages)) by Loc = tostring(StormSummary.Details.Location)',
    sql: "SELECT json_extract(StormSummary, '$.Details.Location'), COUNT(*), SUM(json_extract(StormSummary, '$.TotalDamages')) FROM StormEvents GROUP BY 1",
  },
  {
    name: 'default join is innerunique (one left row per key)',
    kql: 'StormEvents | join (PopulationData) on State | summarize count() by State',
    sql: 'SELECT p.State, COUNT(*) FROM (SELECT DISTINCT State FROM StormEvents) s JOIN PopulationData p ON s.State = p.State GROUP BY p.State',
  },
  {
    name: 'inner join',
    kql: 'StormEvents | join kind=inner (PopulationData) on State | summarize count(), sum(Population) by State',
    sql: 'SELECT s.State, COUNT(*), SUM(p.Population) FROM StormEvents s JOIN PopulationData p ON s.State = p.State GROUP BY s.State',
  },
  {
    name: 'leftouter join',
    kql: 'StormEvents | join kind=leftouter (PopulationData) on State | summarize count(), countif(isnull(Population)) by State',
    sql: 'SELECT s.State, COUNT(*), SUM(p.Population IS NULL) FROM StormEvents s LEFT JOIN PopulationData p ON s.State = p.State GROUP BY s.State',
  },
  {
    name: 'leftanti join',
    kql: 'StormEvents | join kind=leftanti (PopulationData) on State | count',
    sql: 'SELECT COUNT(*) FROM StormEvents s WHERE NOT EXISTS (SELECT 1 FROM PopulationData p WHERE p.State = s.State)',
  },
  {
    name: 'join on $left/$right after summarize',
    kql: 'StormEvents | summarize Events = count() by State | join kind=inner (PopulationData | project Name = State, Population) on $left.State == $right.Name | project State, Events, Population',
    sql: 'SELECT s.State, s.Events, p.Population FROM (SELECT State, COUNT(*) AS Events FROM StormEvents GROUP BY State) s JOIN PopulationData p ON s.State = p.State',
  },
  {
    name: 'union',
    kql: 'union (StormEvents | where State == "TEXAS"), (StormEvents | where EventType == "Hail") | summarize count() by State',
    sql: "SELECT State, COUNT(*) FROM (SELECT State FROM StormEvents WHERE State = 'TEXAS' UNION ALL SELECT State FROM StormEvents WHERE EventType = 'Hail') GROUP BY State",
  },
  {
    name: 'let and toscalar',
    kql: 'let avgDamage = toscalar(StormEvents | summarize avg(DamageProperty)); StormEvents | where DamageProperty > avgDamage | count',
    sql: 'SELECT COUNT(*) FROM StormEvents WHERE DamageProperty > (SELECT AVG(DamageProperty) FROM StormEvents)',
  },
];

interface Dataset {
  name: string;
  tables: () => TableInput[];
}

const datasets: Dataset[] = [
  {
    name: 'own sample with nulls',
    tables: () => [generateGoldenSample(), generateGoldenPopulation()],
  },
  { name: 'StormEvents replica', tables: () => [generateStormEvents(), generatePopulationData()] },
];

describe.each(datasets)('golden queries vs SQLite: $name', (dataset) => {
  let sqlite: Database;
  let kusto: PreparedDatabase;

  beforeAll(async () => {
    const tables = dataset.tables();
    sqlite = await loadIntoSqlite(tables);
    kusto = prepareDatabase({ name: 'Samples', tables });
  });

  afterAll(() => sqlite?.close());

  it.each(cases)('$name', ({ kql, sql, ordered }) => {
    const expected = sqlRows(sqlite, sql);
    const table = evaluate(kql, kusto).tables[0]!;
    const actual = kqlRows(table);
    expect(expected.length, 'the SQL query must return rows').toBeGreaterThan(0);
    expect(compareRows(actual, expected, Boolean(ordered))).toBeNull();
  });
});
