import { describe, expect, it } from 'vitest';
import { isQueryFailure, type QueryError } from '../query-errors';
import { createTrustedHostPolicy } from '../trusted-hosts';
import { parseShowSchemaJson } from '../query/database-schema';
import { fetchDatabaseSchema, kustoEntityName } from './kusto-schema';
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

describe('kusto-schema', () => {
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
