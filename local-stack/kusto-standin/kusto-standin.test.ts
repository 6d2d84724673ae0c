import { generateTraceLogs } from '../data/sample-logs.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { urls } from '../local-constants.ts';
import { NUMBERS_ROWS, startStandInFixture } from './kusto-standin-test-fixture.ts';
import type { StandInFixture } from './kusto-standin-test-fixture.ts';

type Frame = Record<string, unknown> & { FrameType: string };

let fixture: StandInFixture;
let viewer: string;
let analyst: string;

beforeAll(async () => {
  fixture = await startStandInFixture();
  viewer = await fixture.userToken('viewer@contoso.com');
  analyst = await fixture.userToken('analyst@contoso.com');
});

afterAll(async () => {
  await fixture?.close();
});

beforeEach(() => {
  fixture.standIn.controls.reset();
});

interface CallOptions {
  token?: string | null;
  headers?: Record<string, string>;
  method?: string;
  signal?: AbortSignal;
}

async function call(path: string, body: unknown, options: CallOptions = {}): Promise<Response> {
  const token = options.token === undefined ? viewer : options.token;
  return fetch(fixture.url + path, {
    method: options.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: options.signal,
  });
}

async function v2(csl: string, db = 'Samples', properties?: unknown, options?: CallOptions) {
  const response = await call(
    '/v2/rest/query',
    { db, csl, ...(properties ? { properties } : {}) },
    options,
  );
  const text = await response.text();
  return { response, text, frames: response.status === 200 ? (JSON.parse(text) as Frame[]) : [] };
}

async function mgmt(csl: string, db = 'Samples', token?: string) {
  const response = await call('/v1/rest/mgmt', { db, csl }, { token });
  const text = await response.text();
  return {
    response,
    body: JSON.parse(text) as {
      Tables: Array<{
        TableName: string;
        Columns: Array<{ ColumnName: string; ColumnType: string }>;
        Rows: unknown[][];
      }>;
    },
  };
}

function primary(frames: Frame[]): Frame {
  return frames.find((f) => f.TableKind === 'PrimaryResult' && f.FrameType === 'DataTable')!;
}

function rowsOf(frames: Frame[], tableId = 1): unknown[] {
  return frames
    .filter(
      (f) =>
        f.TableId === tableId && (f.FrameType === 'DataTable' || f.FrameType === 'TableFragment'),
    )
    .flatMap((f) => f.Rows as unknown[]);
}

describe('auth metadata', () => {
  it('answers GET /v1/rest/auth/metadata without a token, pointing at the local identity provider', async () => {
    const response = await fetch(`${fixture.url}/v1/rest/auth/metadata`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { AzureAD: Record<string, unknown> };
    expect(body.AzureAD.LoginEndpoint).toBe(urls.identityProvider);
    expect(body.AzureAD.KustoServiceResourceId).toBe(fixture.url);
    expect(body.AzureAD.LoginMfaRequired).toBe(false);
  });
});

describe('authentication and authorization', () => {
  it('answers 401 with WWW-Authenticate: Bearer without a token', async () => {
    const { response, text } = await v2('StormEvents | count', 'Samples', undefined, {
      token: null,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(text).toMatch(/No Authorization header/);
  });

  it('answers 401 for a token signed by an unknown key, an expired token and another audience', async () => {
    const foreign = await fixture.foreignToken();
    const expired = await fixture.mintToken({ oid: 'x', lifetimeSeconds: -60 });
    const otherAudience = await fixture.mintToken({
      oid: 'x',
      aud: 'https://api.applicationinsights.io',
    });
    const results = await Promise.all(
      [foreign, expired, otherAudience].map(async (token) => {
        const { response, text } = await v2('StormEvents | count', 'Samples', undefined, { token });
        return [response.status, text];
      }),
    );
    expect(results[0]).toEqual([401, expect.stringMatching(/unknown key|signature/)]);
    expect(results[1]).toEqual([401, expect.stringMatching(/expired/)]);
    expect(results[2]).toEqual([401, expect.stringMatching(/audience/)]);
  });

  it('accepts https://kusto.kusto.windows.net as audience, like real clusters', async () => {
    const token = await fixture.mintToken({
      oid: 'x',
      upn: 'x@contoso.com',
      aud: 'https://kusto.kusto.windows.net',
    });
    const { response } = await v2('StormEvents | count', 'Samples', undefined, { token });
    expect(response.status).toBe(200);
  });

  it('answers 403 with the real Forbidden wording when viewer queries ContosoSales', async () => {
    const { response, text } = await v2('Sales | count', 'ContosoSales');
    expect(response.status).toBe(403);
    const body = JSON.parse(text) as { error: Record<string, unknown> };
    expect(body.error.code).toBe('Forbidden');
    expect(body.error['@type']).toBe(
      'Kusto.DataNode.Exceptions.UnauthorizedDatabaseAccessException',
    );
    expect(body.error['@message']).toBe(
      "Principal 'aaduser=6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c21;4b2a6f3e-9c1d-4e8f-a7b5-0c3d2e1f6a90' is not authorized to read database 'ContosoSales'.",
    );
  });

  it('lets the analyst and the daemon app read ContosoSales', async () => {
    const app = await fixture.appToken();
    for (const token of [analyst, app]) {
      const { response, frames } = await v2('Sales | count', 'ContosoSales', undefined, { token });
      expect(response.status).toBe(200);
      expect(primary(frames).Rows).toEqual([[1000]]);
    }
  });

  it('.show databases answers the real column set, one row per database', async () => {
    const { body } = await mgmt('.show databases', 'ContosoSales', analyst);
    const table = body.Tables[0]!;
    expect(table.Columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual([
      'DatabaseName:string',
      'PersistentStorage:string',
      'Version:string',
      'IsCurrent:bool',
      'DatabaseAccessMode:string',
      'PrettyName:string',
      'ReservedSlot1:bool',
      'DatabaseId:guid',
      'InTransitionTo:string',
      'SuspensionState:dynamic',
    ]);
    const sales = table.Rows.find((r) => r[0] === 'ContosoSales')!;
    // IsCurrent follows the request's database.
    expect(sales[3]).toBe(true);
    expect(table.Rows.find((r) => r[0] === 'Samples')![3]).toBe(false);
  });

  it('serves SampleLogs to every caller, the same rows on every start', async () => {
    const { frames } = await v2(
      'TraceLogs | summarize Lines = count(), Errors = countif(Level == "Error")',
      'SampleLogs',
    );
    // The table comes from a fixed seed: a second generation gives the same rows.
    const rows = generateTraceLogs().rows;
    expect(generateTraceLogs().rows).toEqual(rows);
    const errors = rows.filter((r) => r[3] === 'Error').length;
    expect(errors).toBeGreaterThan(0);
    expect(primary(frames).Rows).toEqual([[2000, errors]]);
  });

  it('runs a query and a stored function on the database the request names', async () => {
    const { frames } = await v2('SalesByRegion() | count', 'ContosoSales', undefined, {
      token: analyst,
    });
    expect(primary(frames).Rows).toEqual([[4]]);
  });

  it('lists only the databases the caller may read in .show databases', async () => {
    const names = async (token: string) =>
      (await mgmt('.show databases', 'Samples', token)).body.Tables[0]!.Rows.map((r) => r[0]);
    expect(await names(viewer)).toEqual(['Samples', 'SampleLogs', 'QuarryTest']);
    expect(await names(analyst)).toEqual(['Samples', 'ContosoSales', 'SampleLogs', 'QuarryTest']);
  });
});

describe('POST /v2/rest/query', () => {
  it('streams the frame sequence of a real cluster, one frame per line', async () => {
    const { response, text, frames } = await v2('StormEvents | count');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text.startsWith('[{"FrameType":"DataSetHeader"')).toBe(true);
    expect(text.endsWith('\n]')).toBe(true);
    expect(text.split('\n,')).toHaveLength(frames.length);
    expect(frames.map((f) => `${f.FrameType}:${String(f.TableKind ?? '')}`)).toEqual([
      'DataSetHeader:',
      'DataTable:QueryProperties',
      'DataTable:PrimaryResult',
      'DataTable:QueryCompletionInformation',
      'DataSetCompletion:',
    ]);
    expect(frames[0]).toEqual({
      FrameType: 'DataSetHeader',
      IsProgressive: false,
      Version: 'v2.0',
      IsFragmented: false,
      ErrorReportingPlacement: 'InData',
    });
    const visualization = (frames[1]!.Rows as unknown[][])[0]!;
    expect(visualization[0]).toBe(1);
    expect(visualization[1]).toBe('Visualization');
    expect(typeof visualization[2]).toBe('string');
    expect(JSON.parse(visualization[2] as string)).toMatchObject({
      Visualization: null,
      Ymin: 'NaN',
    });
    expect(primary(frames).Rows).toEqual([[59066]]);
    const qci = frames[3]!.Rows as unknown[][];
    const stats = qci.find((r) => r[10] === 'QueryResourceConsumption')!;
    expect(JSON.parse(stats[11] as string)).toHaveProperty('ExecutionTime');
    expect(qci.some((r) => r[5] === 4 && r[8] === 'S_OK (0)' && r[10] === 'QueryInfo')).toBe(true);
    expect(frames[4]).toEqual({
      FrameType: 'DataSetCompletion',
      HasErrors: false,
      Cancelled: false,
    });
  });

  it('puts the render kind in the Visualization row of @ExtendedProperties', async () => {
    const { frames } = await v2(
      'StormEvents | summarize count() by State | render columnchart with (title="By state")',
    );
    const value = (frames[1]!.Rows as unknown[][])[0]![2] as string;
    expect(JSON.parse(value)).toMatchObject({ Visualization: 'columnchart', Title: 'By state' });
  });

  it('returns one PrimaryResult per statement of a batch, then QueryCompletionInformation', async () => {
    const { frames } = await v2('StormEvents | count; PopulationData | count');
    expect(
      frames.filter((f) => f.TableKind === 'PrimaryResult').map((f) => [f.TableId, f.Rows]),
    ).toEqual([
      [1, [[59066]]],
      [2, [[52]]],
    ]);
    expect(frames.find((f) => f.TableKind === 'QueryCompletionInformation')!.TableId).toBe(3);
    expect((frames[1]!.Rows as unknown[][]).map((r) => r[0])).toEqual([1, 2]);
  });

  it('returns the published first row for take 1', async () => {
    const { frames } = await v2('StormEvents | take 1');
    const table = primary(frames);
    const row = (table.Rows as unknown[][])[0]!;
    const columns = (table.Columns as Array<{ ColumnName: string }>).map((c) => c.ColumnName);
    expect(row[columns.indexOf('EventId')]).toBe(61032);
    expect(row[columns.indexOf('State')]).toBe('ATLANTIC SOUTH');
  });

  it('accepts properties as a JSON string and the GET form', async () => {
    const asString = await v2(
      'QuarryTest_unused',
      'Samples',
      JSON.stringify({ Options: { truncationmaxrecords: 5 } }),
    );
    expect(asString.response.status).toBe(400); // the table does not exist; the properties parsed
    const query = new URLSearchParams({
      db: 'Samples',
      csl: 'StormEvents | count',
      properties: '{"Options":{}}',
    });
    const get = await fetch(`${fixture.url}/v2/rest/query?${query}`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(get.status).toBe(200);
    expect(primary((await get.json()) as Frame[]).Rows).toEqual([[59066]]);
  });

  it('sends progressive results as TableHeader, DataAppend fragments of 10,000 rows, progress and completion', async () => {
    const { frames } = await v2('StormEvents', 'Samples', {
      Options: { results_progressive_enabled: true },
    });
    expect(frames[0]).toMatchObject({ IsProgressive: true });
    const kinds = frames.map((f) => f.FrameType);
    expect(kinds.filter((k) => k === 'TableHeader')).toHaveLength(1);
    const fragments = frames.filter((f) => f.FrameType === 'TableFragment');
    expect(fragments.map((f) => (f.Rows as unknown[]).length)).toEqual([
      10000, 10000, 10000, 10000, 10000, 9066,
    ]);
    expect(fragments.every((f) => f.TableFragmentType === 'DataAppend')).toBe(true);
    const progress = frames
      .filter((f) => f.FrameType === 'TableProgress')
      .map((f) => f.TableProgress as number);
    expect(progress.at(-1)).toBe(100);
    expect(frames.find((f) => f.FrameType === 'TableCompletion')).toEqual({
      FrameType: 'TableCompletion',
      TableId: 1,
      RowCount: 59066,
    });
    expect(kinds.at(-1)).toBe('DataSetCompletion');
  });

  it('fragments primary tables without progress frames when results_v2_fragment_primary_tables is set', async () => {
    const { frames } = await v2('PopulationData', 'Samples', {
      Options: { results_v2_fragment_primary_tables: true },
    });
    expect(frames[0]).toMatchObject({ IsProgressive: false, IsFragmented: true });
    expect(frames.some((f) => f.FrameType === 'TableProgress')).toBe(false);
    expect(rowsOf(frames)).toHaveLength(52);
  });
});

describe('result limits', () => {
  it('truncates at 500,000 records by default with a LimitsExceeded partial failure', async () => {
    const { frames } = await v2('Numbers', 'QuarryTest');
    const rows = rowsOf(frames);
    expect(rows).toHaveLength(500_001);
    const inData = rows.at(-1) as { OneApiErrors: Array<{ error: Record<string, unknown> }> };
    expect(inData.OneApiErrors[0]!.error.code).toBe('LimitsExceeded');
    const completion = frames.at(-1)!;
    expect(completion).toMatchObject({
      FrameType: 'DataSetCompletion',
      HasErrors: true,
      Cancelled: false,
    });
    const error = (completion.OneApiErrors as Array<{ error: Record<string, unknown> }>)[0]!.error;
    expect(error['@type']).toBe(
      'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException',
    );
    expect(error['@message']).toMatch(
      /exceed the set limit of 500000 records.*E_QUERY_RESULT_SET_TOO_LARGE/,
    );
    const qci = frames.find((f) => f.TableKind === 'QueryCompletionInformation')!
      .Rows as unknown[][];
    expect(qci.some((r) => r[5] === 2 && r[6] === 'Error')).toBe(true);
  });

  it('lifts truncation with `set notruncation;` and with Options.notruncation', async () => {
    const bySet = await v2('set notruncation; Numbers', 'QuarryTest');
    expect(rowsOf(bySet.frames)).toHaveLength(NUMBERS_ROWS);
    expect(bySet.frames.at(-1)).toMatchObject({ HasErrors: false });
    const byOption = await v2('Numbers', 'QuarryTest', { Options: { notruncation: true } });
    expect(rowsOf(byOption.frames)).toHaveLength(NUMBERS_ROWS);
  });

  it('lowers the record limit with truncationmaxrecords and limits bytes with truncationmaxsize', async () => {
    const records = await v2('Numbers', 'QuarryTest', {
      Options: { truncationmaxrecords: 7, notruncation: true },
    });
    expect(rowsOf(records.frames).filter(Array.isArray)).toHaveLength(7);
    const bytes = await v2('StormEvents', 'Samples', { Options: { truncationmaxsize: 5000 } });
    const sent = rowsOf(bytes.frames).filter(Array.isArray);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(20);
    const error = (
      bytes.frames.at(-1)!.OneApiErrors as Array<{ error: Record<string, unknown> }>
    )[0]!.error;
    expect(error['@message']).toMatch(/limit of 5000 bytes/);
  });

  it('honours `set truncationmaxrecords=50;` (Preview) as the service does: 50 rows and a LimitsExceeded partial failure', async () => {
    const { response, frames } = await v2('set truncationmaxrecords=50;\nStormEvents');
    expect(response.status).toBe(200);
    const rows = rowsOf(frames);
    expect(rows.filter(Array.isArray)).toHaveLength(50);
    const completion = frames.at(-1)!;
    expect(completion).toMatchObject({ FrameType: 'DataSetCompletion', HasErrors: true });
    const error = (completion.OneApiErrors as Array<{ error: Record<string, unknown> }>)[0]!.error;
    expect(error.code).toBe('LimitsExceeded');
    expect(error['@message']).toMatch(
      /exceed the set limit of 50 records.*E_QUERY_RESULT_SET_TOO_LARGE/,
    );
    // A result within the limit is not a partial failure.
    const small = await v2('set truncationmaxrecords=50;\nStormEvents | take 3');
    expect(rowsOf(small.frames).filter(Array.isArray)).toHaveLength(3);
    expect(small.frames.at(-1)).toMatchObject({ HasErrors: false });
  });

  it('reports a truncation on TableCompletion with end_of_table placement', async () => {
    const { frames } = await v2('Numbers', 'QuarryTest', {
      Options: {
        truncationmaxrecords: 3,
        results_v2_fragment_primary_tables: true,
        results_error_reporting_placement: 'end_of_table',
      },
    });
    expect(frames[0]).toMatchObject({ ErrorReportingPlacement: 'EndOfTable', IsFragmented: true });
    const completion = frames.find((f) => f.FrameType === 'TableCompletion')!;
    expect(completion.RowCount).toBe(3);
    expect((completion.OneApiErrors as unknown[]).length).toBe(1);
    expect(rowsOf(frames).every(Array.isArray)).toBe(true);
  });
});

describe('query errors', () => {
  it('answers a syntax error with the recorded OneApiErrors shape and a [line:position=] marker', async () => {
    const { response, text } = await v2('StormEvents take 5');
    expect(response.status).toBe(400);
    const body = JSON.parse(text) as {
      error: Record<string, unknown> & { innererror: Record<string, unknown> };
    };
    expect(body.error.code).toBe('General_BadRequest');
    expect(body.error['@type']).toBe('Kusto.Data.Exceptions.KustoBadRequestException');
    expect(body.error['@text']).toBe('StormEvents take 5');
    expect(body.error['@database']).toBe('Samples');
    expect(body.error.message).toMatch(
      /^Request is invalid and cannot be processed: Syntax error: /,
    );
    expect(body.error.innererror['@type']).toBe('Kusto.Data.Exceptions.SyntaxException');
    expect(String(body.error.innererror.code)).toMatch(/^SYN/);
    expect(body.error.innererror['@message']).toMatch(/\[line:position=1:\d+\]/);
    expect((body.error['@context'] as Record<string, unknown>).clientRequestId).toBe(
      response.headers.get('x-ms-client-request-id'),
    );
    expect((body.error['@context'] as Record<string, unknown>).activityId).toBe(
      response.headers.get('x-ms-activity-id'),
    );
  });

  it('answers an unknown table with a semantic error', async () => {
    const { response, text } = await v2('NoSuchTable | count');
    expect(response.status).toBe(400);
    const body = JSON.parse(text) as { error: { innererror: Record<string, unknown> } };
    expect(body.error.innererror['@type']).toBe('Kusto.Data.Exceptions.SemanticException');
    expect(body.error.innererror['@message']).toMatch(/^Semantic error: .*\[line:position=1:0\]/);
  });

  it("answers an unknown database like real Kusto: Entity ID 'X' of kind 'Database' was not found", async () => {
    const { response, text } = await v2('StormEvents | count', 'Nope');
    expect(response.status).toBe(400);
    expect((JSON.parse(text) as { error: Record<string, unknown> }).error['@message']).toBe(
      "Entity ID 'Nope' of kind 'Database' was not found.",
    );
  });

  it('rejects control commands on v2 with the real text', async () => {
    const { response, text } = await v2('.show tables');
    expect(response.status).toBe(400);
    expect(text).toMatch(
      /^Bad request: Control commands \(starting with a dot '\.'\) do not support api_version=v2/,
    );
  });
});

describe('POST /v1/rest/query', () => {
  it('answers the v1 shape: results, @ExtendedProperties, QueryStatus, then the table of contents', async () => {
    const response = await call('/v1/rest/query', { db: 'Samples', csl: 'StormEvents | take 2' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      Tables: Array<{
        TableName: string;
        Columns: Array<Record<string, string>>;
        Rows: unknown[][];
      }>;
    };
    expect(body.Tables.map((t) => t.TableName)).toEqual([
      'Table_0',
      'Table_1',
      'Table_2',
      'Table_3',
    ]);
    const [result, properties, status, toc] = body.Tables;
    expect(result!.Rows).toHaveLength(2);
    expect(result!.Columns[0]).toEqual({
      ColumnName: 'StartTime',
      DataType: 'DateTime',
      ColumnType: 'datetime',
    });
    expect(typeof result!.Rows[0]!.at(-1)).toBe('string'); // dynamic as JSON text in v1
    expect(JSON.parse(properties!.Rows[0]![0] as string)).toHaveProperty('Visualization', null);
    expect(status!.Rows[0]!.slice(1, 5)).toEqual([4, 'Info', 0, 'Query completed successfully']);
    expect(toc!.Rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      [0, 'QueryResult', 'PrimaryResult'],
      [1, 'QueryProperties', '@ExtendedProperties'],
      [2, 'QueryStatus', 'QueryStatus'],
    ]);
  });
});

describe('POST /v1/rest/mgmt', () => {
  it('.show tables lists name, database, folder and a DocString saying the data is synthetic', async () => {
    const { body } = await mgmt('.show tables');
    const table = body.Tables[0]!;
    expect(table.Columns.map((c) => c.ColumnName)).toEqual([
      'TableName',
      'DatabaseName',
      'Folder',
      'DocString',
    ]);
    const storm = table.Rows.find((r) => r[0] === 'StormEvents')!;
    expect(storm.slice(0, 3)).toEqual(['StormEvents', 'Samples', 'Storm_Events']);
    expect(storm[3]).toMatch(/synthetic replica.*not NOAA data/);
  });

  it('.show database X schema as json gives the document monaco-kusto reads', async () => {
    const { body } = await mgmt('.show database Samples schema as json');
    expect(body.Tables[0]!.Columns.map((c) => c.ColumnName)).toEqual(['DatabaseSchema']);
    const schema = JSON.parse(body.Tables[0]!.Rows[0]![0] as string) as {
      Plugins: unknown[];
      Databases: Record<
        string,
        {
          Name: string;
          Tables: Record<string, { OrderedColumns: unknown[]; Folder: string }>;
          MajorVersion: number;
        }
      >;
    };
    expect(schema.Plugins).toEqual([]);
    const storm = schema.Databases.Samples!.Tables.StormEvents!;
    expect(storm.OrderedColumns[0]).toEqual({
      Name: 'StartTime',
      Type: 'System.DateTime',
      CslType: 'datetime',
    });
    expect(storm.OrderedColumns.at(-1)).toEqual({
      Name: 'StormSummary',
      Type: 'System.Object',
      CslType: 'dynamic',
    });
    expect(storm.Folder).toBe('Storm_Events');
    expect(typeof schema.Databases.Samples!.MajorVersion).toBe('number');
  });

  it('lists a materialized view and an external table in their own schema sections', async () => {
    const { body } = await mgmt('.show database Samples schema as json');
    const db = (
      JSON.parse(body.Tables[0]!.Rows[0]![0] as string) as {
        Databases: Record<string, Record<string, Record<string, Record<string, unknown>>>>;
      }
    ).Databases.Samples!;
    const view = db.MaterializedViews!.StormsByState!;
    expect(view).toMatchObject({ Name: 'StormsByState', EntityType: 'MaterializedViewTable' });
    expect(view.Query).toMatch(/^StormEvents \| summarize/);
    expect((view.OrderedColumns as unknown[]).at(0)).toEqual({
      Name: 'State',
      Type: 'System.String',
      CslType: 'string',
    });
    expect(db.ExternalTables!.StormEventsArchive).toMatchObject({
      EntityType: 'ExternalTable',
      Folder: 'Archive',
    });
    // A view is not a table: `.show tables` leaves it out, as clusters do.
    const tables = (await mgmt('.show tables')).body.Tables[0]!.Rows.map((r) => r[0]);
    expect(tables).not.toContain('StormsByState');
    expect(tables).not.toContain('StormEventsArchive');
    const views = (await mgmt('.show materialized-views')).body.Tables[0]!.Rows;
    expect(views.map((r) => r.slice(0, 2))).toEqual([['StormsByState', 'StormEvents']]);
  });

  it('a materialized view is queried by name and agrees with its source', async () => {
    const { frames } = await v2('StormsByState | where State == "TEXAS" | project Storms');
    expect(primary(frames).Rows).toEqual([[4701]]);
  });

  it('refuses the schema of a database the caller may not read', async () => {
    const { response } = await mgmt('.show database ContosoSales schema as json');
    expect(response.status).toBe(403);
  });

  it('.show version answers one row', async () => {
    const { body } = await mgmt('.show version');
    expect(body.Tables[0]!.Columns.map((c) => c.ColumnName).slice(0, 4)).toEqual([
      'BuildVersion',
      'BuildTime',
      'ServiceType',
      'ProductVersion',
    ]);
    expect(body.Tables[0]!.Rows).toHaveLength(1);
  });

  it('answers an unknown command with 400', async () => {
    const { response, body } = await mgmt('.drop table StormEvents');
    expect(response.status).toBe(400);
    expect((body as unknown as { error: Record<string, unknown> }).error['@message']).toMatch(
      /not supported/,
    );
  });
});

describe('headers and CORS', () => {
  it('echoes x-ms-client-request-id and sends a new x-ms-activity-id every time', async () => {
    const a = await call(
      '/v2/rest/query',
      { db: 'Samples', csl: 'StormEvents | count' },
      { headers: { 'x-ms-client-request-id': 'Test;1' } },
    );
    const b = await call('/v2/rest/query', { db: 'Samples', csl: 'StormEvents | count' });
    await Promise.all([a.text(), b.text()]);
    expect(a.headers.get('x-ms-client-request-id')).toBe('Test;1');
    expect(b.headers.get('x-ms-client-request-id')).toMatch(/^unspecified;[0-9a-f-]{36}$/);
    expect(a.headers.get('x-ms-activity-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-ms-activity-id')).not.toBe(b.headers.get('x-ms-activity-id'));
  });

  it('answers preflights and exposes the Kusto headers to the calling origin', async () => {
    const preflight = await fetch(`${fixture.url}/v2/rest/query`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization,content-type,x-ms-client-request-id,x-ms-app',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = preflight.headers.get('access-control-allow-headers')!;
    for (const h of [
      'authorization',
      'content-type',
      'accept',
      'x-ms-app',
      'x-ms-user',
      'x-ms-user-id',
      'x-ms-client-version',
      'x-ms-client-request-id',
      'x-ms-version',
      'x-ms-readonly',
    ]) {
      expect(allowed).toContain(h);
    }
    const actual = await call(
      '/v2/rest/query',
      { db: 'Samples', csl: 'StormEvents | count' },
      { headers: { origin: 'http://localhost:5173' } },
    );
    await actual.text();
    expect(actual.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(actual.headers.get('access-control-expose-headers')).toMatch(
      /x-ms-client-request-id.*x-ms-activity-id/,
    );
  });
});

describe('test controls and cancellation', () => {
  const admin = (path: string, body?: unknown) =>
    fetch(`${fixture.url}/__admin/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-quarry-admin-token': fixture.standIn.adminToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('refuses /__admin without the per-start token and sends web pages no CORS headers', async () => {
    const forged = await fetch(`${fixture.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('x-quarry-admin-token');
    expect(forged.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${fixture.url}/__admin/requests`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('cut-next drops the connection after N bytes of the next query body, then serves normally', async () => {
    const whole = await v2('StormEvents | take 50');
    expect((await admin('cut-next', { bytes: 700 })).status).toBe(200);
    const cut = await call('/v2/rest/query', { db: 'Samples', csl: 'StormEvents | take 50' });
    expect(cut.status).toBe(200);
    const reader = cut.body!.getReader();
    let received = 0;
    const failure = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return null;
          received += value.length;
        }
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(Error);
    expect(received).toBe(700);
    expect(whole.text.length).toBeGreaterThan(700);
    // Served normally again: the same rows (the statistics differ from run to run: they are
    // measured, and the second read of an extent is a cache hit).
    const again = await v2('StormEvents | take 50');
    expect(primary(again.frames).Rows).toEqual(primary(whole.frames).Rows);
  });

  it('fails the next requests with 429 and Retry-After, then recovers', async () => {
    expect((await admin('fail-next', { status: 429, retryAfterSeconds: 7, times: 2 })).status).toBe(
      200,
    );
    const first = await v2('StormEvents | count');
    const second = await v2('StormEvents | count');
    const third = await v2('StormEvents | count');
    expect([first.response.status, second.response.status, third.response.status]).toEqual([
      429, 429, 200,
    ]);
    expect(first.response.headers.get('retry-after')).toBe('7');
    expect((JSON.parse(first.text) as { error: { code: string } }).error.code).toBe(
      'TooManyRequests',
    );
  });

  it('logs requests with path, csl, db, client request id, user and status', async () => {
    await v2('StormEvents | count', 'Samples', undefined, {
      headers: { 'x-ms-client-request-id': 'Log;1' },
    });
    await v2('Sales | count', 'ContosoSales');
    const { requests } = (await (await admin('requests')).json()) as {
      requests: Array<Record<string, unknown>>;
    };
    expect(requests.map((r) => [r.path, r.db, r.csl, r.user, r.status])).toEqual([
      ['/v2/rest/query', 'Samples', 'StormEvents | count', 'viewer@contoso.com', 200],
      ['/v2/rest/query', 'ContosoSales', 'Sales | count', 'viewer@contoso.com', 403],
    ]);
    expect(requests[0]!.clientRequestId).toBe('Log;1');
    await admin('reset', {});
    expect(((await (await admin('requests')).json()) as { requests: unknown[] }).requests).toEqual(
      [],
    );
  });

  it('.cancel query ends a delayed query with DataSetCompletion.Cancelled', async () => {
    await admin('delay-next', { ms: 10_000 });
    const pending = v2('StormEvents | count', 'Samples', undefined, {
      headers: { 'x-ms-client-request-id': 'Slow;1' },
    });
    await waitFor(() =>
      fixture.standIn.controls.runningQueries().some((q) => q.clientRequestId === 'Slow;1'),
    );
    const queries = await mgmt('.show queries');
    expect(queries.body.Tables[0]!.Rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['Slow;1', 'StormEvents | count', 'Samples'],
    ]);
    const { body } = await mgmt('.cancel query "Slow;1" with (reason="user pressed Cancel")');
    expect(body.Tables[0]!.Rows).toEqual([['Slow;1', 'user pressed Cancel', true]]);
    const { response, frames } = await pending;
    expect(response.status).toBe(200);
    expect(frames.at(-1)).toMatchObject({
      FrameType: 'DataSetCompletion',
      Cancelled: true,
      HasErrors: true,
    });
    const unknown = await mgmt('.cancel query "NotRunning;1"');
    expect(unknown.body.Tables[0]!.Rows).toEqual([['NotRunning;1', '', false]]);
  });

  it('.cancel query stops a result that is being streamed', async () => {
    const response = await call(
      '/v2/rest/query',
      { db: 'Samples', csl: 'StormEvents' },
      { headers: { 'x-ms-client-request-id': 'Stream;1' } },
    );
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [(await reader.read()).value!];
    const { body } = await mgmt('.cancel query "Stream;1"');
    expect(body.Tables[0]!.Rows[0]![2]).toBe(true);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    const frames = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Frame[];
    expect(rowsOf(frames).length).toBeLessThan(59066);
    expect(frames.at(-1)).toMatchObject({ FrameType: 'DataSetCompletion', Cancelled: true });
  });

  it('stops producing rows when the client aborts the request', async () => {
    const controller = new AbortController();
    const response = await call(
      '/v2/rest/query',
      { db: 'Samples', csl: 'StormEvents' },
      { headers: { 'x-ms-client-request-id': 'Abort;1' }, signal: controller.signal },
    );
    const running = fixture.standIn.controls
      .runningQueries()
      .find((q) => q.clientRequestId === 'Abort;1')!;
    expect(running).toBeDefined();
    await response.body!.getReader().read();
    controller.abort();
    await waitFor(() => !fixture.standIn.controls.runningQueries().includes(running));
    expect(running.sentRows).toBeLessThan(59066);
  });

  it('streams while it evaluates: a pipeline too big to compute whole starts at once and stops with the client', async () => {
    // 5.2M rows: computed whole first, this query would fail with E_RUNAWAY_QUERY before a byte.
    const controller = new AbortController();
    const response = await call(
      '/v2/rest/query',
      {
        db: 'Samples',
        csl: 'set notruncation; range i from 1 to 2600000 step 1 | mv-expand x = pack_array(1, 2)',
      },
      { headers: { 'x-ms-client-request-id': 'Lazy;1' }, signal: controller.signal },
    );
    expect(response.status).toBe(200);
    const running = fixture.standIn.controls
      .runningQueries()
      .find((q) => q.clientRequestId === 'Lazy;1')!;
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"PrimaryResult"'))
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await waitFor(() => !fixture.standIn.controls.runningQueries().includes(running));
    expect(running.sentRows).toBeGreaterThan(0);
    expect(running.sentRows).toBeLessThan(5_200_000);
  });

  it('reports a failure found while streaming in DataSetCompletion, after the rows sent', async () => {
    const { response, frames } = await v2(
      'set notruncation; range i from 1 to 2600000 step 1 | mv-expand x = pack_array(1, 2) | where i < 3',
    );
    expect(response.status).toBe(200);
    expect(rowsOf(frames).filter(Array.isArray)).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
    const completion = frames.at(-1) as unknown as {
      HasErrors: boolean;
      OneApiErrors: Array<{ error: { message: string } }>;
    };
    expect(completion.HasErrors).toBe(true);
    expect(completion.OneApiErrors[0]!.error.message).toMatch(/E_RUNAWAY_QUERY/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition not met');
}
