import { describe, expect, it } from 'vitest';
import { evaluateStreaming } from './evaluate-query';
import { prepareDatabase } from './prepare-database';
import { rows } from './engine-test-support';

/** 2,600,000 × 2 = 5.2M rows: past the 5M rows one operator may make (E_RUNAWAY_QUERY). */
const RUNAWAY = 'range i from 1 to 2600000 step 1 | mv-expand x = pack_array(1, 2)';

describe('streaming evaluation', () => {
  const db = prepareDatabase({
    name: 'Db',
    tables: [
      {
        name: 'T',
        columns: [
          { name: 'n', type: 'long' },
          { name: 's', type: 'string' },
        ],
        rows: Array.from({ length: 3000 }, (_, i) => [i, `row ${i}`]),
      },
    ],
  });

  it('row-by-row operators compute only the rows pulled: take stops a runaway pipeline', () => {
    expect(rows(`${RUNAWAY} | take 3`)).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
    expect(rows(`${RUNAWAY} | where x == 2 | project i | take 2`)).toEqual([[1], [2]]);
  });

  it('hands rows out in batches and reports a failure found while pulling as a KqlError', () => {
    const [table] = evaluateStreaming(RUNAWAY, db).tables;
    const iterator = table!.batches()[Symbol.iterator]();
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect((first.value as unknown[]).length).toBeGreaterThan(0);
    expect(() => {
      for (let step = iterator.next(); !step.done; step = iterator.next());
    }).toThrow(/E_RUNAWAY_QUERY/);
  });

  it('gives the same rows as JSON text, union of a table with itself included', () => {
    const query = 'union T, T | where n % 1000 == 0';
    const [table] = evaluateStreaming(query, db).tables;
    const wire = [...table!.batches()].flat();
    const text = [...table!.jsonBatches()]
      .flat()
      .map((row) => (typeof row === 'string' ? row : new TextDecoder().decode(row)));
    expect(wire).toEqual([
      [0, 'row 0'],
      [1000, 'row 1000'],
      [2000, 'row 2000'],
      [0, 'row 0'],
      [1000, 'row 1000'],
      [2000, 'row 2000'],
    ]);
    expect(text).toEqual(wire.map((row) => JSON.stringify(row)));
    // A stored row's text is cached per column types: a rename keeps it, a new type does not.
    const [renamed] = evaluateStreaming('T | project-rename m = n | take 1', db).tables;
    expect([...renamed!.jsonBatches()].flat().map(String)).not.toContain('undefined');
    const [typed] = evaluateStreaming('T | extend n = tostring(n) | take 1', db).tables;
    expect([...typed!.jsonBatches()].flat()).toEqual(['["0","row 0"]']);
  });

  it('count and a let used twice read their input once each', () => {
    expect(rows(`${RUNAWAY} | take 5000 | count`)).toEqual([[5000]]);
    expect(
      rows(
        'let N = range i from 1 to 3 step 1 | serialize r = row_number(); union N, N | project r',
      ),
    ).toEqual([[1], [2], [3], [1], [2], [3]]);
  });
});
