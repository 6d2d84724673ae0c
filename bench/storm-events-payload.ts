/**
 * Synthetic StormEvents-shaped Kusto v2 responses (the real table cannot be downloaded here):
 * the 22 columns of help/Samples StormEvents with values of realistic shape and size, ~880 bytes
 * of JSON per row, so 500,000 rows make ~440 MB. Deterministic for a given seed.
 *
 * Reusable by e2e tests that need a big result (e.g. a stand-in answering with a large body).
 */

// One schema for the stand-in's table, the engine's goldens and this payload.
import { stormEventsColumns } from '../local-stack/data/storm-events.ts';

export { stormEventsColumns };

export const STATES = [
  'TEXAS',
  'KANSAS',
  'IOWA',
  'ILLINOIS',
  'MISSOURI',
  'GEORGIA',
  'MINNESOTA',
  'WISCONSIN',
  'NEBRASKA',
  'NEW YORK',
  'NORTH CAROLINA',
  'OKLAHOMA',
  'PENNSYLVANIA',
  'VIRGINIA',
  'OHIO',
  'KENTUCKY',
  'ATLANTIC SOUTH',
  'GULF OF MEXICO',
  'FLORIDA',
  'COLORADO',
  'SOUTH DAKOTA',
  'ALABAMA',
  'MICHIGAN',
];
export const EVENT_TYPES = [
  'Thunderstorm Wind',
  'Hail',
  'Flash Flood',
  'Drought',
  'Winter Weather',
  'Winter Storm',
  'Heavy Snow',
  'High Wind',
  'Flood',
  'Tornado',
  'Marine Thunderstorm Wind',
  'Heavy Rain',
  'Waterspout',
  'Strong Wind',
  'Excessive Heat',
  'Dense Fog',
  'Lightning',
  'Blizzard',
];
const SOURCES = [
  'Trained Spotter',
  'Public',
  'Law Enforcement',
  'COOP Observer',
  'Emergency Manager',
  'Department of Highways',
  'NWS Storm Survey',
  'Newspaper',
  'ASOS',
  'Mesonet',
  'Broadcast Media',
];
const WORDS = (
  'storm system moved across the area producing damaging winds large hail and heavy rain ' +
  'several trees were blown down along with power lines near the intersection of highway ' +
  'county road flooding was reported in low lying areas with water covering roads snow ' +
  'accumulations of six to twelve inches were common across northern counties travel became ' +
  'difficult freezing rain caused slick roads and several vehicle accidents a weak area of low ' +
  'pressure tracked northeast bringing warm moist air ahead of a cold front thunderstorms ' +
  'developed during the afternoon and evening hours'
).split(' ');
const PLACES = [
  'MELBOURNE BEACH',
  'CASAR',
  'ASHLAND',
  'IRON RIVER',
  'DES MOINES',
  'WICHITA',
  'SPRINGFIELD',
  'COLUMBUS',
  'DAYTON',
  'BOULDER',
  'ROCHESTER',
  'AUSTIN',
  'GREEN BAY',
  'ATHENS',
  'DULUTH',
];

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function sentence(next: () => number, length: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < length) {
    const word = pick(next, WORDS);
    words.push(word);
    size += word.length + 1;
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** One row's JSON text (an array of 22 values). */
export function stormEventRowJson(next: () => number, index: number, asciiOnly = false): string {
  const start = Date.UTC(2007, 0, 1) + Math.floor(next() * 364 * 86_400) * 1000;
  const end = start + Math.floor(next() * 12) * 3_600_000;
  const state = pick(next, STATES);
  const hasLocation = next() < 0.7;
  const lat = round(25 + next() * 23, 4);
  const lon = round(-124 + next() * 57, 4);
  const damage = next() < 0.8 ? 0 : Math.floor(next() * 500) * 1000;
  let episode = sentence(next, 185 + Math.floor(next() * 420));
  let event = next() < 0.15 ? '' : sentence(next, 40 + Math.floor(next() * 100));
  // A few rows with characters that need escapes or more than one UTF-8 byte.
  if (index % 97 === 0) {
    episode += asciiOnly
      ? ' Gusts "estimated" at 60 mph\nnear the river - 15 F.'
      : ' Gusts "estimated" at 60 mph\nnear the river – 15°F.';
  }
  if (index % 113 === 0) event += asciiOnly ? ' Wind chill of -25 F' : ' Wind chill of −25 °F';
  const place = hasLocation ? pick(next, PLACES) : '';
  const summary = {
    TotalDamages: damage,
    StartTime: `${isoSeconds(start).slice(0, 19)}.0000000Z`,
    EndTime: `${isoSeconds(end).slice(0, 19)}.0000000Z`,
    Details: { Description: event, Location: state },
  };
  const row = [
    isoSeconds(start),
    isoSeconds(end),
    1000 + Math.floor(next() * 20_000),
    5000 + index,
    state,
    pick(next, EVENT_TYPES),
    next() < 0.05 ? Math.floor(next() * 20) : 0,
    0,
    next() < 0.01 ? 1 : 0,
    0,
    damage,
    next() < 0.95 ? 0 : Math.floor(next() * 100) * 1000,
    pick(next, SOURCES),
    place,
    place,
    hasLocation ? lat : null,
    hasLocation ? lon : null,
    hasLocation ? round(lat + next() / 10, 4) : null,
    hasLocation ? round(lon + next() / 10, 4) : null,
    episode,
    event,
    summary,
  ];
  return JSON.stringify(row);
}

export interface StormEventsPayloadOptions {
  rows: number;
  seed?: number;
  /** TableHeader + TableFragments of `fragmentRows` rows (results_v2_fragment_primary_tables). */
  fragmentRows?: number;
  /**
   * Leave out the few non-ASCII characters (one row in ~100 has some). With them, decoding
   * produces two-byte strings, which roughly doubles the cost of TextDecoder and JSON.parse.
   */
  asciiOnly?: boolean;
}

const HEADER_FRAMES = [
  '[{"FrameType":"DataSetHeader","IsProgressive":false,"Version":"v2.0","IsFragmented":false,"ErrorReportingPlacement":"InData"}',
  ',{"FrameType":"DataTable","TableId":0,"TableKind":"QueryProperties","TableName":"@ExtendedProperties","Columns":[{"ColumnName":"TableId","ColumnType":"int"},{"ColumnName":"Key","ColumnType":"string"},{"ColumnName":"Value","ColumnType":"dynamic"}],"Rows":[[1,"Visualization","{\\"Visualization\\":null,\\"Title\\":null,\\"XColumn\\":null,\\"Series\\":null,\\"YColumns\\":null,\\"AnomalyColumns\\":null,\\"XTitle\\":null,\\"YTitle\\":null,\\"XAxis\\":null,\\"YAxis\\":null,\\"Legend\\":null,\\"YSplit\\":null,\\"Accumulate\\":false,\\"IsQuerySorted\\":false,\\"Kind\\":null,\\"Ymin\\":\\"NaN\\",\\"Ymax\\":\\"NaN\\",\\"Xmin\\":null,\\"Xmax\\":null}"]]}',
];

function completionFrames(rows: number): string {
  const payload = JSON.stringify({
    ExecutionTime: 1.25,
    resource_usage: {
      cpu: { user: '00:00:01.2', kernel: '00:00:00', 'total cpu': '00:00:01.2' },
      memory: { peak_per_node: 1179040 },
    },
    input_dataset_statistics: {
      extents: { total: 1, scanned: 1 },
      rows: { total: rows, scanned: rows },
    },
    dataset_statistics: [{ table_row_count: rows, table_size: rows * 880 }],
  });
  const qci = {
    FrameType: 'DataTable',
    TableId: 2,
    TableKind: 'QueryCompletionInformation',
    TableName: 'QueryCompletionInformation',
    Columns: [
      ['Timestamp', 'datetime'],
      ['ClientRequestId', 'string'],
      ['ActivityId', 'guid'],
      ['SubActivityId', 'guid'],
      ['ParentActivityId', 'guid'],
      ['Level', 'int'],
      ['LevelName', 'string'],
      ['StatusCode', 'int'],
      ['StatusCodeName', 'string'],
      ['EventType', 'int'],
      ['EventTypeName', 'string'],
      ['Payload', 'string'],
    ].map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType })),
    Rows: [
      [
        '2024-01-01T00:00:00.0000000Z',
        'Quarry.Bench;1',
        '00000000-0000-0000-0000-000000000001',
        '00000000-0000-0000-0000-000000000001',
        '00000000-0000-0000-0000-000000000001',
        4,
        'Info',
        0,
        'S_OK (0)',
        4,
        'QueryInfo',
        '{"Count":1,"Text":"Query completed successfully"}',
      ],
      [
        '2024-01-01T00:00:00.0000000Z',
        'Quarry.Bench;1',
        '00000000-0000-0000-0000-000000000001',
        '00000000-0000-0000-0000-000000000001',
        '00000000-0000-0000-0000-000000000001',
        6,
        'Stats',
        0,
        'S_OK (0)',
        0,
        'QueryResourceConsumption',
        payload,
      ],
    ],
  };
  return `\n,${JSON.stringify(qci)}\n,{"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}\n]`;
}

/** Appends text to a growing byte buffer without ever building one big string. */
class ByteSink {
  private bytes: Uint8Array;
  length = 0;
  private readonly encoder = new TextEncoder();

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  write(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.bytes.length - this.length < text.length * 3) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + text.length * 3));
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
    this.length += this.encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** A whole v2 response body for `rows` StormEvents rows, as UTF-8 bytes. */
export function generateStormEventsV2(options: StormEventsPayloadOptions): Uint8Array {
  const next = random(options.seed ?? 20070101);
  const sink = new ByteSink(Math.ceil(options.rows * 900 + 16_384));
  const columns = JSON.stringify(
    stormEventsColumns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })),
  );
  for (const frame of HEADER_FRAMES) sink.write(`${frame}\n`);
  const fragmentRows = options.fragmentRows;
  if (fragmentRows) {
    sink.write(
      `,{"FrameType":"TableHeader","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":${columns}}\n`,
    );
    for (let first = 0; first < options.rows; first += fragmentRows) {
      sink.write(
        ',{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":1,"Rows":[',
      );
      const last = Math.min(options.rows, first + fragmentRows);
      for (let i = first; i < last; i++)
        sink.write(`${i > first ? ',' : ''}${stormEventRowJson(next, i, options.asciiOnly)}`);
      sink.write(']}\n');
    }
    sink.write(`,{"FrameType":"TableCompletion","TableId":1,"RowCount":${options.rows}}`);
  } else {
    sink.write(
      `,{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":${columns},"Rows":[`,
    );
    let batch = '';
    for (let i = 0; i < options.rows; i++) {
      batch += `${i > 0 ? ',' : ''}${stormEventRowJson(next, i, options.asciiOnly)}`;
      if (batch.length > 1 << 20) {
        sink.write(batch);
        batch = '';
      }
    }
    sink.write(`${batch}]}`);
  }
  sink.write(completionFrames(options.rows));
  return sink.result();
}
