import { describe, expect, it } from 'vitest';
import { mergeShowSchemaDocuments } from './merge-schema-documents';

const doc = (name: string, tables: string[]) =>
  JSON.stringify({
    Plugins: [],
    Databases: {
      [name]: {
        Name: name,
        Tables: Object.fromEntries(tables.map((t) => [t, { Name: t, OrderedColumns: [] }])),
        Functions: {},
      },
    },
  });

describe('mergeShowSchemaDocuments', () => {
  it('adds the other databases beside the tab’s, which keeps its own entry', () => {
    const merged = JSON.parse(
      mergeShowSchemaDocuments(doc('Samples', ['StormEvents']), [
        doc('ContosoSales', ['Sales']),
        doc('Samples', ['Stale']),
      ]),
    ) as { Plugins: unknown[]; Databases: Record<string, { Tables: Record<string, unknown> }> };
    expect(Object.keys(merged.Databases)).toEqual(['Samples', 'ContosoSales']);
    expect(Object.keys(merged.Databases.Samples!.Tables)).toEqual(['StormEvents']);
    expect(Object.keys(merged.Databases.ContosoSales!.Tables)).toEqual(['Sales']);
    expect(merged.Plugins).toEqual([]);
  });

  it('leaves the tab’s document as it was when there is nothing to add or a document is broken', () => {
    const samples = doc('Samples', ['StormEvents']);
    expect(mergeShowSchemaDocuments(samples, [])).toBe(samples);
    expect(mergeShowSchemaDocuments(samples, ['{not json'])).toBe(samples);
  });
});
