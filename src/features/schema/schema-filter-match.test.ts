import { describe, expect, it } from 'vitest';
import type { FunctionSchema, TableSchema } from '../../lib/query/database-schema';
import { filterNeedle, matchFunctions, matchTables } from './schema-filter-match';

function table(name: string, columns: string[]): TableSchema {
  return {
    name,
    entityType: 'Table',
    folder: null,
    docString: null,
    columns: columns.map((c) => ({ name: c, type: 'string', cslType: 'string', docString: null })),
  };
}

function fn(name: string): FunctionSchema {
  return { name, folder: null, docString: null, body: null, parameters: [] };
}

const storm = table('StormEvents', ['State', 'EventType', 'DamageProperty']);
const pop = table('PopulationData', ['State', 'Population']);

describe('schema filter', () => {
  it('compares trimmed, lower-case text', () => {
    expect(filterNeedle('  StAtE ')).toBe('state');
  });

  it('keeps every table and column when the filter is empty', () => {
    expect(matchTables([storm, pop], '')).toEqual([
      { table: storm, columns: storm.columns },
      { table: pop, columns: pop.columns },
    ]);
  });

  it('keeps all columns of a table whose name matches', () => {
    expect(matchTables([storm, pop], 'storm')).toEqual([{ table: storm, columns: storm.columns }]);
  });

  it('keeps only the matching columns otherwise, and drops tables with none', () => {
    const matched = matchTables([storm, pop], 'damage');
    expect(matched).toHaveLength(1);
    expect(matched[0]!.table).toBe(storm);
    expect(matched[0]!.columns.map((c) => c.name)).toEqual(['DamageProperty']);
  });

  it('filters functions by name', () => {
    const functions = [fn('StormsInState'), fn('TopStates')];
    expect(matchFunctions(functions, '')).toBe(functions);
    expect(matchFunctions(functions, 'storms').map((f) => f.name)).toEqual(['StormsInState']);
  });
});
