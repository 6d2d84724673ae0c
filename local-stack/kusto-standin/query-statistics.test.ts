import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandInFixture, type StandInFixture } from './kusto-standin-test-fixture.ts';
import { EXTENT_ROWS, estimateBytesPerRow, microsTimespan } from './query-measurement.ts';

let fixture: StandInFixture;
let token: string;

beforeAll(async () => {
  fixture = await startStandInFixture();
  token = await fixture.userToken('viewer@contoso.com');
});

afterAll(async () => {
  await fixture?.close();
});

beforeEach(() => {
  fixture.standIn.controls.reset();
});

interface Consumption {
  ExecutionTime: number;
  resource_usage: {
    cache: {
      memory: { hits: number; misses: number; total: number };
      shards: { hot: { hitbytes: number; missbytes: number } };
    };
    cpu: { user: string; kernel: string; 'total cpu': string };
    memory: { peak_per_node: number };
  };
  input_dataset_statistics: {
    extents: { total: number; scanned: number };
    rows: { total: number; scanned: number };
  };
}

async function consumption(csl: string): Promise<Consumption> {
  const response = await fetch(`${fixture.url}/v2/rest/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ db: 'Samples', csl }),
  });
  const frames = (await response.json()) as Array<Record<string, unknown>>;
  const completion = frames.find((f) => f.TableKind === 'QueryCompletionInformation')!;
  const row = (completion.Rows as unknown[][]).find((r) => r[10] === 'QueryResourceConsumption')!;
  return JSON.parse(row[11] as string) as Consumption;
}

const STORM_ROWS = 59066;
const STORM_EXTENTS = Math.ceil(STORM_ROWS / EXTENT_ROWS);

describe('the query statistics the stand-in reports', () => {
  it('scans the extents and rows of the tables the query reads, and only those', async () => {
    const stats = await consumption('StormEvents | summarize count() by State');
    expect(stats.input_dataset_statistics).toEqual({
      extents: { total: STORM_EXTENTS, scanned: STORM_EXTENTS },
      rows: { total: STORM_ROWS, scanned: STORM_ROWS },
      rowstores: { scanned_rows: 0, scanned_values_size: 0 },
    });
    const none = await consumption('print 1');
    expect(none.input_dataset_statistics.rows).toEqual({ total: 0, scanned: 0 });
  });

  it('measures CPU time and memory, as timespans and bytes', async () => {
    const stats = await consumption(
      'StormEvents | extend k = strcat(State, EventType) | summarize dcount(k) by State',
    );
    const { cpu, memory } = stats.resource_usage;
    expect(cpu.user).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{7}$/);
    expect(cpu['total cpu']).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{7}$/);
    // A query over 59,066 rows takes some CPU and holds some memory.
    expect(cpu['total cpu']).not.toBe('00:00:00.0000000');
    expect(memory.peak_per_node).toBeGreaterThan(0);
  });

  it('reads extents cold the first time and from the hot cache afterwards', async () => {
    const first = await consumption('StormEvents | count');
    expect(first.resource_usage.cache.memory).toEqual({
      hits: 0,
      misses: STORM_EXTENTS,
      total: STORM_EXTENTS,
    });
    expect(first.resource_usage.cache.shards.hot.missbytes).toBeGreaterThan(STORM_ROWS * 50);
    expect(first.resource_usage.cache.shards.hot.hitbytes).toBe(0);
    const second = await consumption('StormEvents | take 1');
    expect(second.resource_usage.cache.memory).toEqual({
      hits: STORM_EXTENTS,
      misses: 0,
      total: STORM_EXTENTS,
    });
    expect(second.resource_usage.cache.shards.hot.hitbytes).toBe(
      first.resource_usage.cache.shards.hot.missbytes,
    );
  });
});

describe('measurement helpers', () => {
  it('writes microseconds as a Kusto timespan', () => {
    expect(microsTimespan(0)).toBe('00:00:00.0000000');
    expect(microsTimespan(1_234_567)).toBe('00:00:01.2345670');
    expect(microsTimespan(3_723_000_000)).toBe('01:02:03.0000000');
  });

  it('estimates bytes per row from UTF-8 text and 8-byte numbers', () => {
    expect(estimateBytesPerRow([['ab', 1, null, true, { a: 1 }]])).toBe(2 + 8 + 0 + 1 + 7);
    expect(estimateBytesPerRow([])).toBe(0);
  });
});

describe('stored functions on Samples', () => {
  async function post(path: string, csl: string) {
    const response = await fetch(`${fixture.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ db: 'Samples', csl }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it('.show functions lists them with parameters, body, folder and docstring', async () => {
    const { body } = await post('/v1/rest/mgmt', '.show functions');
    const table = (body as { Tables: Array<{ Rows: unknown[][] }> }).Tables[0]!;
    expect(table.Rows.map((r) => r.slice(0, 2))).toEqual([
      ['StormsInState', '(state:string)'],
      ['TopStormStates', '(n:long = 5)'],
      ['CostlyStorms', '()'],
    ]);
  });

  it('the schema document has a Functions section', async () => {
    const { body } = await post('/v1/rest/mgmt', '.show database Samples schema as json');
    const json = (body as { Tables: Array<{ Rows: unknown[][] }> }).Tables[0]!
      .Rows[0]![0] as string;
    const fn = (
      JSON.parse(json) as { Databases: Record<string, { Functions: Record<string, unknown> }> }
    ).Databases.Samples!.Functions.TopStormStates;
    expect(fn).toMatchObject({
      Name: 'TopStormStates',
      InputParameters: [{ Name: 'n', CslType: 'long', CslDefaultValue: '5' }],
      Folder: 'Storms',
    });
  });

  it('runs them, and error positions still point into the text sent', async () => {
    const { body } = await post('/v2/rest/query', 'TopStormStates(1)');
    const frames = body as Array<Record<string, unknown>>;
    const primary = frames.find((f) => f.TableKind === 'PrimaryResult')!;
    expect(primary.Rows).toEqual([['TEXAS', 4701]]);
    const count = await post('/v2/rest/query', 'StormsInState("TEXAS") | count');
    const counted = (count.body as Array<Record<string, unknown>>).find(
      (f) => f.TableKind === 'PrimaryResult',
    )!;
    expect(counted.Rows).toEqual([[4701]]);
    const failed = await post('/v2/rest/query', 'StormsInState("TEXAS") | where Nope == 1');
    expect(failed.status).toBe(400);
    // The same position as for a query of the same shape without a stored function.
    const plain = await post('/v2/rest/query', 'StormEvents            | where Nope == 1');
    const position = /\[line:position=(\d+:\d+)\]/.exec(JSON.stringify(plain.body))![1]!;
    expect(position).toBe('1:31');
    expect(JSON.stringify(failed.body)).toContain(`[line:position=${position}]`);
  });
});
