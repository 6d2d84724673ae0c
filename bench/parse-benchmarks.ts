/**
 * Parsing a StormEvents-shaped v2 response three ways:
 *  - the floor: TextDecoder + JSON.parse of the whole body (and JSON.parse alone),
 *  - ours: V2FrameParser fed 64 KiB chunks into typed columns,
 *  - the official SDK: JSON.parse + azure-kusto-data's KustoResponseDataSetV2 (how the SDK works).
 * Then the grid's worker-side operations on the parsed table: sort, filter, quick search, a block.
 */
import {
  filterIndex,
  getRowBlock,
  sortIndex,
  type DataSet,
} from '../src/lib/result-model/index.ts';
import { V2FrameParser } from '../src/lib/kusto/parse-v2-frames.ts';
import {
  collectGarbage,
  measureInterleaved,
  medianRatio,
  mib,
  ms,
  printTable,
  timeMedian,
  type Measurement,
} from './measure.ts';
import { generateStormEventsV2 } from './storm-events-payload.ts';

const CHUNK = 64 * 1024;

interface SdkDataSet {
  primaryResults: { _rows: unknown[] }[];
}
type SdkDataSetConstructor = new (frames: unknown[]) => SdkDataSet;

/** The SDK does not export KustoResponseDataSetV2 from its entry point; load the module file. */
async function loadSdk(): Promise<SdkDataSetConstructor> {
  const entry = import.meta.resolve('azure-kusto-data');
  const module = (await import(new URL('./response.js', entry).href)) as {
    KustoResponseDataSetV2: SdkDataSetConstructor;
  };
  return module.KustoResponseDataSetV2;
}

function parseOurs(bytes: Uint8Array): DataSet {
  const parser = new V2FrameParser();
  for (let at = 0; at < bytes.length; at += CHUNK) parser.feed(bytes.subarray(at, at + CHUNK));
  return parser.end();
}

/** Time until the first rows are in a table, feeding 64 KiB chunks as fast as possible. */
function firstRowsMs(bytes: Uint8Array): number {
  const parser = new V2FrameParser();
  const start = performance.now();
  for (let at = 0; at < bytes.length; at += CHUNK) {
    parser.feed(bytes.subarray(at, at + CHUNK));
    if (parser.dataSet.tables.some((t) => t.kind === 'PrimaryResult' && t.rowCount > 0)) break;
  }
  return performance.now() - start;
}

export interface ParseBenchmarkOptions {
  rows: number;
  iterations: number;
  asciiOnly?: boolean;
}

export async function runParseBenchmark({
  rows,
  iterations,
  asciiOnly = false,
}: ParseBenchmarkOptions): Promise<void> {
  const KustoResponseDataSetV2 = await loadSdk();
  const genStart = performance.now();
  const bytes = generateStormEventsV2({ rows, asciiOnly });
  console.log(
    `\n## ${rows.toLocaleString('en-US')} rows${asciiOnly ? ' (ASCII only)' : ''}: ${mib(bytes.length)} of v2 JSON (${Math.round(bytes.length / rows)} B/row), generated in ${ms(performance.now() - genStart)} ms; median of ${iterations}`,
  );

  const decoder = new TextDecoder();
  const text = decoder.decode(bytes);
  let rowsCheck = 0;
  const [decodeParse, parseOnly, ours, sdk] = measureInterleaved(iterations, [
    {
      name: 'TextDecoder + JSON.parse (floor)',
      work: () => JSON.parse(decoder.decode(bytes)) as unknown,
    },
    { name: 'JSON.parse(text) alone', work: () => JSON.parse(text) as unknown },
    {
      name: 'ours: V2FrameParser, 64 KiB chunks',
      work: () => {
        const dataSet = parseOurs(bytes);
        rowsCheck = dataSet.tables.find((t) => t.kind === 'PrimaryResult')?.rowCount ?? 0;
        return dataSet;
      },
    },
    {
      name: 'azure-kusto-data: decode + JSON.parse + KustoResponseDataSetV2',
      work: () => new KustoResponseDataSetV2(JSON.parse(decoder.decode(bytes)) as unknown[]),
    },
  ]) as [Measurement, Measurement, Measurement, Measurement];
  if (rowsCheck !== rows) throw new Error(`parsed ${rowsCheck} rows, expected ${rows}`);
  const firstRows = timeMedian(iterations, () => firstRowsMs(bytes));

  const row = (m: Measurement): string[] => [
    m.name,
    ms(m.medianMs),
    medianRatio(m.allMs, decodeParse.allMs).toFixed(2),
    medianRatio(m.allMs, parseOnly.allMs).toFixed(2),
    ms(m.medianCpuMs),
    medianRatio(m.allCpuMs, decodeParse.allCpuMs).toFixed(2),
    mib(m.retainedBytes),
  ];
  printTable(
    [
      'approach',
      'wall ms',
      'vs decode+parse',
      'vs JSON.parse',
      'cpu ms',
      'cpu vs decode+parse',
      'heap kept',
    ],
    [row(decodeParse), row(parseOnly), row(ours), row(sdk)],
  );
  console.log(`first rows available after ${ms(firstRows)} ms (ours, synchronous feeding)`);

  // The grid's operations on the parsed table (what the worker does per AG Grid request).
  collectGarbage();
  const dataSet = parseOurs(bytes);
  const table = dataSet.tables.find((t) => t.kind === 'PrimaryResult');
  if (!table) throw new Error('no primary table');
  const view = (work: () => unknown) => timeMedian(iterations, work);
  const sortInt = view(() => sortIndex(table, [{ colId: 'DamageProperty', sort: 'desc' }]));
  const sortString = view(() => sortIndex(table, [{ colId: 'State', sort: 'asc' }]));
  const sortDate = view(() => sortIndex(table, [{ colId: 'StartTime', sort: 'asc' }]));
  const filterText = view(() =>
    filterIndex(table, { EventType: { filterType: 'text', type: 'contains', filter: 'hail' } }),
  );
  const quick = view(() => filterIndex(table, null, 'texas flood'));
  const block = view(() =>
    getRowBlock(table, null, Math.floor(rows / 2), Math.floor(rows / 2) + 100),
  );
  printTable(
    ['grid operation (worker side)', 'median ms'],
    [
      ['sort by DamageProperty (int) desc', ms(sortInt)],
      ['sort by State (string) asc', ms(sortString)],
      ['sort by StartTime (datetime) asc', ms(sortDate)],
      ['filter EventType contains "hail"', ms(filterText)],
      ['quick search "texas flood"', ms(quick)],
      ['row block of 100 (22 display strings each)', ms(block)],
    ],
  );
}
