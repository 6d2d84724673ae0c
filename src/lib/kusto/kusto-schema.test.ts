import { describe, expect, it } from 'vitest';
import { isQueryFailure, type QueryError } from '../query-errors';
import { createTrustedHostPolicy } from '../trusted-hosts';
import { parseShowSchemaJson } from '../query/database-schema';
import { fetchDatabaseSchema, fetchDatabases, kustoEntityName } from './kusto-schema';
import { fakeFetch, jsonResponse, type Answer } from '../query/test-support/fake-fetch';

const trustedHosts = createTrustedHostPolicy({ extraHosts: ['http://localhost:5181'] });

function v1Body(columns: [string, string][], rows: unknown[][]): Response {
  return jsonResponse(200, {
    Tables: [
      {
        TableName: 'Table_0',
        Columns: columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType })),
        Rows: rows,
      },
    ],
  });
}

const schemaDocument = {
  Plugins: [],
  Databases: {
    Samples: {
      Name: 'Samples',
      Tables: {
        StormEvents: {
          Name: 'StormEvents',
          EntityType: 'Table',
          OrderedColumns: [
            {
              Name: 'StartTime',
              Type: 'System.DateTime',
              CslType: 'datetime',
              DocString: 'When it began',
            },
            { Name: 'State', Type: 'System.String', CslType: 'string' },
            { Name: 'Legacy', Type: 'System.Int64' },
          ],
          Folder: 'Storm_Events',
          DocString: 'US storm events.',
        },
        Alpha: { Name: 'Alpha', OrderedColumns: [] },
      },
      MaterializedViews: {
        DailyCounts: {
          Name: 'DailyCounts',
          OrderedColumns: [{ Name: 'Day', CslType: 'datetime' }],
          Folder: '',
        },
      },
      ExternalTables: {},
      Functions: {
        TopStates: {
          Name: 'TopStates',
          InputParameters: [
            { Name: 'n', Type: 'System.Int64', CslType: 'long', CslDefaultValue: '10' },
            { Name: 'T', Columns: [{ Name: 'State', CslType: 'string' }] },
          ],
          Body: '{ StormEvents | summarize count() by State | top n by count_ }',
          Folder: 'Helpers',
          DocString: 'Top states by event count',
          FunctionKind: 'Unknown',
          OutputColumns: [],
        },
      },
      MajorVersion: 12,
      MinorVersion: 3,
    },
  },
};

function fetchWith(answers: Answer[]) {
  const fake = fakeFetch(answers);
  return {
    ...fake,
    target: {
      clusterUrl: 'http://localhost:5181',
      getToken: async () => 'token',
      signal: new AbortController().signal,
      trustedHosts,
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<QueryError> {
  try {
    await promise;
  } catch (error) {
    if (isQueryFailure(error)) return error.error;
    throw error;
  }
  throw new Error('expected a QueryFailure');
}

/**
 * `.show databases` in v1 as clusters answer it: the column set of the public result types
 * (KustoSchemaTools' ShowDatabase, Microsoft's sqltoolsservice ShowDatabasesResult), with v1's
 * ColumnType spellings. No recorded response of this command is public; the values are made up.
 */
const SHOW_DATABASES_COLUMNS: [string, string][] = [
  ['DatabaseName', 'string'],
  ['PersistentStorage', 'string'],
  ['Version', 'string'],
  ['IsCurrent', 'bool'],
  ['DatabaseAccessMode', 'string'],
  ['PrettyName', 'string'],
  ['ReservedSlot1', 'bool'],
  ['DatabaseId', 'guid'],
  ['InTransitionTo', 'string'],
  ['SuspensionState', 'dynamic'],
];

describe('kusto-schema', () => {
  it('fetchDatabases sends .show databases to /v1/rest/mgmt and lists names', async () => {
    const { fetch, calls, target } = fetchWith([
      v1Body(SHOW_DATABASES_COLUMNS, [
        [
          'Samples',
          'https://x.blob.core.windows.net/samples',
          'v1.0',
          true,
          'ReadOnly',
          '',
          false,
          'a4f2c7d1-6b3e-4c8a-9f0d-2e1b5a7c3d90',
          '',
          null,
        ],
        [
          'ContosoSales',
          'https://x.blob.core.windows.net/contoso',
          'v7.2',
          false,
          'ReadWrite',
          'Contoso Sales',
          false,
          'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
          '',
          { State: 'None' },
        ],
      ]),
    ]);
    const databases = await fetchDatabases(target, { fetch, randomUUID: () => 'u' });
    expect(databases).toEqual([
      { name: 'ContosoSales', prettyName: 'Contoso Sales', accessMode: 'ReadWrite' },
      { name: 'Samples', prettyName: null, accessMode: 'ReadOnly' },
    ]);
    expect(calls[0]).toMatchObject({
      url: 'http://localhost:5181/v1/rest/mgmt',
      body: { db: 'NetDefaultDB', csl: '.show databases' },
      headers: { 'x-ms-client-request-id': 'Quarry.Schema;u' },
    });
  });

  it('fetchDatabases finds the columns by name, whatever their order', async () => {
    const { fetch, target } = fetchWith([
      v1Body(
        [
          ['PrettyName', 'string'],
          ['DatabaseName', 'string'],
        ],
        [
          ['', 'Samples'],
          ['', ''],
        ],
      ),
    ]);
    expect(await fetchDatabases(target, { fetch })).toEqual([
      { name: 'Samples', prettyName: null, accessMode: null },
    ]);
  });

  it('fetchDatabaseSchema parses tables, views, functions and keeps the document for the editor', async () => {
    const json = JSON.stringify(schemaDocument);
    const { fetch, calls, target } = fetchWith([v1Body([['DatabaseSchema', 'string']], [[json]])]);
    const schema = await fetchDatabaseSchema({ ...target, database: 'Samples' }, { fetch });
    expect((calls[0]!.body as { csl: string }).csl).toBe('.show database Samples schema as json');
    expect(schema.showSchemaJson).toBe(json);
    expect(schema.tables.map((t) => t.name)).toEqual(['Alpha', 'StormEvents']);
    const storm = schema.tables[1]!;
    expect(storm).toMatchObject({
      folder: 'Storm_Events',
      docString: 'US storm events.',
      entityType: 'Table',
    });
    expect(storm.columns).toEqual([
      { name: 'StartTime', type: 'datetime', cslType: 'datetime', docString: 'When it began' },
      { name: 'State', type: 'string', cslType: 'string', docString: null },
      { name: 'Legacy', type: 'long', cslType: 'long', docString: null },
    ]);
    expect(schema.materializedViews).toMatchObject([
      { name: 'DailyCounts', entityType: 'MaterializedView', folder: null },
    ]);
    expect(schema.functions).toEqual([
      {
        name: 'TopStates',
        folder: 'Helpers',
        docString: 'Top states by event count',
        body: '{ StormEvents | summarize count() by State | top n by count_ }',
        parameters: [
          { name: 'n', cslType: 'long', defaultValue: '10' },
          { name: 'T', cslType: '(State:string)', defaultValue: null },
        ],
      },
    ]);
    expect([schema.majorVersion, schema.minorVersion]).toEqual([12, 3]);
  });

  it('reads the MaterializedViews and ExternalTables sections as clusters write them', () => {
    // Each section is name-keyed with the table's entity shape; EntityType tells them apart
    // (monaco-kusto's showSchema types), and a view carries its Query.
    const document = {
      Plugins: [],
      Databases: {
        Samples: {
          Name: 'Samples',
          Tables: {},
          MaterializedViews: {
            StormsByState: {
              Name: 'StormsByState',
              EntityType: 'MaterializedViewTable',
              OrderedColumns: [
                { Name: 'State', Type: 'System.String', CslType: 'string' },
                { Name: 'Storms', Type: 'System.Int64', CslType: 'long' },
              ],
              Folder: 'Storm_Events',
              DocString: 'Storms per state',
              Query: 'StormEvents | summarize Storms = count() by State',
            },
          },
          ExternalTables: {
            StormEventsArchive: {
              Name: 'StormEventsArchive',
              EntityType: 'ExternalTable',
              OrderedColumns: [{ Name: 'StartTime', Type: 'System.DateTime', CslType: 'datetime' }],
              Folder: 'Archive',
              DocString: '',
            },
          },
          Functions: {},
          EntityGroups: {},
          DatabaseAccessMode: 'ReadOnly',
          MajorVersion: 1,
          MinorVersion: 0,
        },
      },
    };
    const schema = parseShowSchemaJson(JSON.stringify(document), 'Samples');
    expect(schema.tables).toEqual([]);
    expect(schema.materializedViews).toEqual([
      {
        name: 'StormsByState',
        entityType: 'MaterializedView',
        folder: 'Storm_Events',
        docString: 'Storms per state',
        columns: [
          { name: 'State', type: 'string', cslType: 'string', docString: null },
          { name: 'Storms', type: 'long', cslType: 'long', docString: null },
        ],
      },
    ]);
    expect(schema.externalTables).toEqual([
      {
        name: 'StormEventsArchive',
        entityType: 'ExternalTable',
        folder: 'Archive',
        docString: null,
        columns: [{ name: 'StartTime', type: 'datetime', cslType: 'datetime', docString: null }],
      },
    ]);
  });

  it('quotes database names that are not plain identifiers', () => {
    expect(kustoEntityName('Samples')).toBe('Samples');
    expect(kustoEntityName('My DB')).toBe("['My DB']");
    expect(kustoEntityName("it's")).toBe("['it\\'s']");
  });

  it('finds the database in the document case-insensitively', () => {
    expect(parseShowSchemaJson(JSON.stringify(schemaDocument), 'samples').name).toBe('Samples');
  });

  it('throws QueryFailure carrying the mapped error', async () => {
    const { fetch, target } = fetchWith([
      jsonResponse(403, {
        error: {
          code: 'Forbidden',
          '@message': "Principal 'p' is not authorized to read database 'Samples'.",
        },
      }),
    ]);
    const error = await failure(fetchDatabaseSchema({ ...target, database: 'Samples' }, { fetch }));
    expect(error).toMatchObject({ kind: 'forbidden', database: 'Samples', principal: 'p' });

    const untrusted = await failure(
      fetchDatabaseSchema(
        { ...target, clusterUrl: 'http://localhost:9999', database: 'Samples' },
        { fetch: fakeFetch([]).fetch },
      ),
    );
    expect(untrusted.kind).toBe('untrusted-host');
  });

  it('reports a schema cell that is not JSON as bad-response', async () => {
    const { fetch, target } = fetchWith([v1Body([['DatabaseSchema', 'string']], [['{not json']])]);
    const error = await failure(fetchDatabaseSchema({ ...target, database: 'Samples' }, { fetch }));
    expect(error.kind).toBe('bad-response');
  });
});
