/**
 * A small deterministic table with the StormEvents schema for the golden tests: unlike the
 * replica of the help cluster, it has nulls in numeric columns, mixed-case states and event types
 * with punctuation, so null and string semantics are exercised against SQLite.
 */
import type { TableInput, WireValue } from './public-types';
import { stormEventsColumns } from '../data/storm-events.ts';

/** mulberry32: a tiny seeded PRNG, enough for reproducible test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = [
  'TEXAS',
  'KANSAS',
  'IOWA',
  'ILLINOIS',
  'MISSOURI',
  'GEORGIA',
  'NEW YORK',
  'Texas',
  'ATLANTIC SOUTH',
];
const EVENT_TYPES = [
  'Thunderstorm Wind',
  'Hail',
  'Flash Flood',
  'Flood',
  'Coastal Flood',
  'Frost/Freeze',
  'Hurricane (Typhoon)',
  'Winter Weather',
  'Tornado',
  'Heavy Snow',
  'Winter Storm',
  'Lake-Effect Snow',
];
const SOURCES = ['Trained Spotter', 'Law Enforcement', 'Public', 'NWS Storm Survey'];
const WORDS = [
  'tornado',
  'hail',
  'wind',
  'trees',
  'down',
  'Flooding',
  'roads',
  'TORNADO',
  'damage',
  'reported',
];

// The real StormEvents schema, shared with the stand-in's replica.
export const goldenSampleColumns: TableInput['columns'] = stormEventsColumns;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

export function generateGoldenSample(rowCount = 3000): TableInput {
  const random = seededRandom(20070101);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const maybeNull = <T>(value: T, nullRate: number): T | null =>
    random() < nullRate ? null : value;
  const yearStart = Date.UTC(2007, 0, 1);
  const rows: WireValue[][] = [];
  for (let i = 0; i < rowCount; i++) {
    const start = yearStart + Math.floor(random() * 365 * 24 * 60) * 60_000;
    const end = start + Math.floor(random() * 72 * 60) * 60_000;
    const state = pick(STATES);
    const eventType = pick(EVENT_TYPES);
    const lat = Math.round((25 + random() * 20) * 10_000) / 10_000;
    const lon = Math.round((-100 + random() * 25) * 10_000) / 10_000;
    const narrative = Array.from({ length: 3 + Math.floor(random() * 5) }, () => pick(WORDS)).join(
      ' ',
    );
    const damage = random() < 0.4 ? 0 : Math.floor(random() * 20) * 500;
    rows.push([
      iso(start),
      iso(end),
      1000 + Math.floor(i / 3),
      50_000 + i,
      state,
      eventType,
      Math.floor(random() * 3),
      maybeNull(Math.floor(random() * 2), 0.05),
      Math.floor(random() * 2),
      0,
      maybeNull(damage, 0.1),
      maybeNull(Math.floor(random() * 5) * 100, 0.2),
      pick(SOURCES),
      `PLACE ${i % 40}`,
      `PLACE ${(i + 7) % 40}`,
      maybeNull(lat, 0.05),
      maybeNull(lon, 0.05),
      lat,
      lon,
      `Episode ${narrative}`,
      narrative,
      {
        TotalDamages: damage,
        StartTime: iso(start),
        EndTime: iso(end),
        Details: { Description: narrative, Location: state },
      },
    ]);
  }
  return { name: 'StormEvents', columns: goldenSampleColumns, rows };
}

/** A small second table for joins: some states twice, some missing, one unmatched. */
export function generateGoldenPopulation(): TableInput {
  return {
    name: 'PopulationData',
    columns: [
      { name: 'State', type: 'string' },
      { name: 'Population', type: 'long' },
    ],
    rows: [
      ['TEXAS', 29_145_505],
      ['KANSAS', 2_937_880],
      ['IOWA', 3_190_369],
      ['IOWA', 3_200_000],
      ['NEW YORK', 20_201_249],
      ['OHIO', 11_799_448],
    ],
  };
}
