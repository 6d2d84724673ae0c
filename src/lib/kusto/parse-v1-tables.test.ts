import { describe, expect, it } from 'vitest';
import { getCell, getCellText, type DataSet, type ResultTable } from '../result-model';
import { ResponseFormatError } from '../query/response-format-error';
import { parseV1Bytes } from './parse-v1-tables';
import { fixture, snapshot, v1Fixtures } from './test-support/fixtures';

function v1(name: string): DataSet {
  return parseV1Bytes(fixture(v1Fixtures, name));
}

function table(dataSet: DataSet, id: number): ResultTable {
  const found = dataSet.tables[id];
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

function columnValues(t: ResultTable, col: number): unknown[] {
  return Array.from({ length: t.rowCount }, (_, r) => getCell(t, r, col));
}

describe('parse-v1-tables: every recorded fixture', () => {
  it('covers all 12 v1 fixtures; the 11 results parse and the error body is refused', () => {
    expect(v1Fixtures.size).toBe(12);
    for (const [name, bytes] of v1Fixtures) {
      if (name === 'grafana-error-response.json') {
        expect(() => parseV1Bytes(bytes)).toThrow(ResponseFormatError);
      } else {
        const ds = parseV1Bytes(bytes);
        expect(ds.complete, name).toBe(true);
        expect(ds.tables.length, name).toBeGreaterThan(0);
        expect(snapshot(ds)).toEqual(snapshot(parseV1Bytes(bytes)));
      }
    }
  });

  it('renames tables from the table of contents (go-success: two results + properties + status)', () => {
    const ds = v1('go-success.json');
    expect(ds.tables.map((t) => `${t.name}:${t.kind}`)).toEqual([
      'PrimaryResult:PrimaryResult',
      'PrimaryResult:PrimaryResult',
      '@ExtendedProperties:QueryProperties',
      'QueryStatus:QueryStatus',
      'TableOfContents:TableOfContents',
    ]);
    expect(columnValues(table(ds, 0), 0)).toEqual([1, 2, 3]);
    expect(columnValues(table(ds, 1), 0)).toEqual(['a', 'b', 'c']);
    // One visualization row per primary result, in order.
    expect(Object.keys(ds.visualizations)).toEqual(['0', '1']);
    expect(ds.visualizations[1]?.yMax).toBeNull();
    expect(ds.stats?.executionTimeSec).toBe(0);
  });

  it('maps .NET DataType names when ColumnType is absent (node-v1_2-multitable)', () => {
    const ds = v1('node-v1_2-multitable.json');
    expect(table(ds, 0).columns).toEqual([{ name: 'Count', type: 'long', wireType: 'Int64' }]);
    expect(getCell(table(ds, 0), 0, 0)).toBe(0);
    expect(ds.stats?.executionTimeSec).toBe(0.2187526);
    expect(ds.issues).toEqual([]);
  });

  it('reads bools sent as 0/1 (go-booleanInt)', () => {
    expect(columnValues(table(v1('go-booleanInt.json'), 0), 0)).toEqual([
      false,
      false,
      true,
      true,
      null,
    ]);
  });

  it('keeps rows before an {"Exceptions": [...]} row and reports it once (go-partialError)', () => {
    const ds = v1('go-partialError.json');
    expect(columnValues(table(ds, 0), 0)).toEqual([1]);
    expect(ds.issues).toHaveLength(1);
    expect(ds.issues[0]).toMatchObject({
      source: 'v1-exceptions',
      code: 'E_QUERY_RESULT_SET_TOO_LARGE',
    });
    expect(ds.issues[0]?.message).toMatch(/^Query execution has exceeded the allowed limits/);
    expect(ds.completion?.hasErrors).toBe(true);
  });

  it('reports E_LOW_MEMORY_CONDITION (grafana-query_with_exceptions) with no rows', () => {
    const ds = v1('grafana-query_with_exceptions.json');
    expect(table(ds, 0).rowCount).toBe(0);
    expect(ds.issues.map((i) => i.code)).toEqual(['E_LOW_MEMORY_CONDITION']);
  });

  it('parses every scalar type with values (grafana-supported_types_with_vals)', () => {
    const t = table(v1('grafana-supported_types_with_vals.json'), 0);
    const byName = (name: string) => t.columns.findIndex((c) => c.name === name);
    expect(getCell(t, 0, byName('XBool'))).toBe(true);
    expect(getCellText(t, 0, byName('XDateTime'))).toBe('2006-01-02T22:04:05.100Z');
    expect(getCell(t, 0, byName('XDynamic'))).toEqual([
      { person: 'Daniel' },
      { cats: 23 },
      { diagnosis: 'cat problem' },
    ]);
    expect(getCell(t, 0, byName('XInt'))).toBe(2147483647);
    expect(getCell(t, 0, byName('XLong'))).toBe(9223372036854775807n);
    expect(getCell(t, 0, byName('XReal'))).toBe(1.7976931348623157e308);
    expect(getCell(t, 0, byName('XTimeSpan'))).toBe('00:00:00.0000001');
    expect(getCell(t, 0, byName('XDecimal'))).toBe('4.52686980609418');
  });

  it('reads a row shorter than its columns as nulls (grafana-nulls_in_table)', () => {
    const t = table(v1('grafana-nulls_in_table.json'), 0);
    expect(t.columns.map((_, c) => getCell(t, 0, c))).toEqual(new Array(9).fill(null));
  });

  it('parses JSON text in v1 dynamic columns and status payload objects (python-adminthenquery)', () => {
    const ds = v1('python-adminthenquery.json');
    expect(columnValues(table(ds, 0), 1)).toEqual(['KustoLogs', 'LiorTmp']);
    expect(ds.stats?.resultDataset).toEqual([{ rowCount: 2, size: 46 }]);
    expect(ds.visualizations[0]?.visualization).toBeNull();
  });

  it('treats single-table command results as primary (.show version)', () => {
    const t = table(v1('python-versionshowcommandresult.json'), 0);
    expect(t.kind).toBe('PrimaryResult');
    expect(getCellText(t, 0, 1)).toBe('2018-04-29T08:05:54.000Z');
  });

  it('keeps longs beyond 2^53 exact', () => {
    const bytes = new TextEncoder().encode(
      '{"Tables":[{"TableName":"Table_0","Columns":[{"ColumnName":"x","DataType":"Int64","ColumnType":"long"},{"ColumnName":"s","ColumnType":"string"}],"Rows":[[-9223372036854775808,"12345678901234567890"]]}]}',
    );
    const t = table(parseV1Bytes(bytes), 0);
    expect(getCell(t, 0, 0)).toBe(-9223372036854775808n);
    expect(getCell(t, 0, 1)).toBe('12345678901234567890');
  });
});
