import { beforeAll, describe, expect, it } from 'vitest';
import type { TableInput, WireValue } from '../kusto-standin/kql-engine-api.ts';
import { publishedEventTypeCounts, stormEventTypes } from './storm-event-types.ts';
import { generateStormEvents, stormEventsColumns, STORM_EVENTS_ROW_COUNT } from './storm-events.ts';
import { publishedStateCounts, stormRegions } from './storm-regions.ts';

let table: TableInput;
const col = (name: string): number => stormEventsColumns.findIndex((c) => c.name === name);

function countBy(rows: readonly WireValue[][], column: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows)
    counts.set(String(row[column]), (counts.get(String(row[column])) ?? 0) + 1);
  return counts;
}

function topN(counts: Map<string, number>, n: number): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n);
}

beforeAll(() => {
  table = generateStormEvents();
});

describe('StormEvents replica', () => {
  it('has the real 22-column schema in order and 59,066 rows', () => {
    expect(table.columns.map((c) => `${c.name}:${c.type}`).join(',')).toBe(
      'StartTime:datetime,EndTime:datetime,EpisodeId:int,EventId:int,State:string,EventType:string,' +
        'InjuriesDirect:int,InjuriesIndirect:int,DeathsDirect:int,DeathsIndirect:int,DamageProperty:int,' +
        'DamageCrops:int,Source:string,BeginLocation:string,EndLocation:string,BeginLat:real,BeginLon:real,' +
        'EndLat:real,EndLon:real,EpisodeNarrative:string,EventNarrative:string,StormSummary:dynamic',
    );
    expect(table.rows).toHaveLength(STORM_EVENTS_ROW_COUNT);
    expect(table.rows).toHaveLength(59066);
    expect(table.docString).toMatch(/synthetic replica.*not NOAA data/);
  });

  it('is deterministic', () => {
    const again = generateStormEvents();
    expect(JSON.stringify(again.rows.slice(0, 200))).toBe(JSON.stringify(table.rows.slice(0, 200)));
    expect(JSON.stringify(again.rows[again.rows.length - 1])).toBe(
      JSON.stringify(table.rows[table.rows.length - 1]),
    );
  });

  it('returns the published row for take 1', () => {
    const row = table.rows[0]!;
    expect(row[col('EventId')]).toBe(61032);
    expect(row[col('EpisodeId')]).toBe(11091);
    expect(row[col('State')]).toBe('ATLANTIC SOUTH');
    expect(row[col('EventType')]).toBe('Waterspout');
    expect(row[col('StartTime')]).toBe('2007-09-29T08:11:00Z');
    expect(row[col('BeginLocation')]).toBe('MELBOURNE BEACH');
    expect(row[col('BeginLat')]).toBe(28.0393);
    expect(row[col('BeginLon')]).toBe(-80.6048);
    expect(row[col('Source')]).toBe('Trained Spotter');
  });

  it('holds the published per-state counts as the top 10', () => {
    const top = topN(countBy(table.rows, col('State')), 11);
    expect(top.slice(0, 10)).toEqual(publishedStateCounts.map(([s, n]) => [s, n]));
    expect(top[10]![1]).toBeLessThan(1750);
  });

  it('holds the published distinct event-type counts of the top five states', () => {
    const types = new Map<string, Set<string>>();
    for (const row of table.rows) {
      const state = String(row[col('State')]);
      const set = types.get(state) ?? new Set<string>();
      set.add(String(row[col('EventType')]));
      types.set(state, set);
    }
    expect({
      TEXAS: types.get('TEXAS')!.size,
      KANSAS: types.get('KANSAS')!.size,
      IOWA: types.get('IOWA')!.size,
      ILLINOIS: types.get('ILLINOIS')!.size,
      MISSOURI: types.get('MISSOURI')!.size,
    }).toEqual({ TEXAS: 27, KANSAS: 21, IOWA: 19, ILLINOIS: 23, MISSOURI: 20 });
  });

  it('holds the published per-event-type counts as the top 5', () => {
    const top = topN(countBy(table.rows, col('EventType')), 6);
    expect(top.slice(0, 5)).toEqual(publishedEventTypeCounts.map(([t, n]) => [t, n]));
    expect(top[5]![1]).toBeLessThan(3349);
  });

  it('uses only known states/zones and event types, with marine types only in marine zones', () => {
    const regionKind = new Map(stormRegions.map((r) => [r.name, r.kind]));
    const marineType = new Map(stormEventTypes.map((t) => [t.name, t.marine]));
    const bad = table.rows.filter((row) => {
      const kind = regionKind.get(String(row[col('State')]));
      const marine = marineType.get(String(row[col('EventType')]));
      return kind === undefined || marine === undefined || (kind === 'marine') !== marine;
    });
    expect(bad).toEqual([]);
  });

  it('keeps times in 2007 with EndTime >= StartTime, unique EventIds and coordinates inside the state box', () => {
    const bounds = new Map(stormRegions.map((r) => [r.name, r.bounds]));
    const ids = new Set<number>();
    const problems: string[] = [];
    for (const row of table.rows) {
      const start = String(row[col('StartTime')]);
      const end = String(row[col('EndTime')]);
      if (!start.startsWith('2007-') || !end.startsWith('2007-'))
        problems.push(`not 2007: ${start}`);
      if (Date.parse(end) < Date.parse(start)) problems.push(`ends before start: ${start} ${end}`);
      ids.add(row[col('EventId')] as number);
      const b = bounds.get(String(row[col('State')]))!;
      for (const [latCol, lonCol] of [
        ['BeginLat', 'BeginLon'],
        ['EndLat', 'EndLon'],
      ] as const) {
        const lat = row[col(latCol)];
        const lon = row[col(lonCol)];
        if (lat === null && lon === null) continue;
        if (typeof lat !== 'number' || typeof lon !== 'number')
          problems.push(`half a coordinate: ${lat},${lon}`);
        else if (lat < b.south || lat > b.north || lon < b.west || lon > b.east) {
          problems.push(`${String(row[col('State')])} ${lat},${lon} outside its box`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(59066);
  });

  it('has mostly-zero damage with a long tail, rare casualties, and a StormSummary that agrees', () => {
    const damage = table.rows.map((r) => r[col('DamageProperty')] as number);
    const nonZero = damage.filter((d) => d > 0);
    expect(nonZero.length / damage.length).toBeLessThan(0.35);
    expect(Math.max(...nonZero)).toBeGreaterThan(10_000_000);
    expect(Math.max(...damage)).toBeLessThanOrEqual(2_147_483_647);
    const injured = table.rows.filter((r) => (r[col('InjuriesDirect')] as number) > 0).length;
    expect(injured / table.rows.length).toBeLessThan(0.03);
    for (const row of table.rows.slice(0, 500)) {
      const summary = row[col('StormSummary')] as Record<string, WireValue>;
      expect(summary.TotalDamages).toBe(
        (row[col('DamageProperty')] as number) + (row[col('DamageCrops')] as number),
      );
      expect((summary.Details as Record<string, WireValue>).Location).toBe(row[col('State')]);
      expect(String(summary.StartTime)).toMatch(/^2007-\d\d-\d\dT\d\d:\d\d:00\.0000000Z$/);
    }
  });
});
