import { describe, expect, it } from 'vitest';
import { addFilterToQuery } from './add-filter-to-query';

const texas = [{ column: 'State', type: 'string' as const, values: ['TEXAS'] }];

describe('addFilterToQuery', () => {
  it('appends to the statement at the cursor and returns it, ready to run', () => {
    const text = 'StormEvents | count\n\nStormEvents\n| summarize count() by State\n';
    const outcome = addFilterToQuery(
      text,
      { offset: text.indexOf('summarize'), selection: null },
      texas,
      false,
    );
    expect(outcome).toMatchObject({
      ok: true,
      text: 'StormEvents | count\n\nStormEvents\n| summarize count() by State\n| where State == "TEXAS"\n',
      clause: '| where State == "TEXAS"',
      statement: {
        text: 'StormEvents\n| summarize count() by State\n| where State == "TEXAS"',
        startLine: 3,
        startColumn: 1,
      },
    });
  });

  it('says why when there is no query or the values cannot be written', () => {
    expect(addFilterToQuery('  \n', { offset: 0, selection: null }, texas, false)).toEqual({
      ok: false,
      message: 'Could not add the filter: the editor holds no query to add it to.',
    });
    const outcome = addFilterToQuery(
      'T',
      { offset: 0, selection: null },
      [{ column: 'n', type: 'long', values: ['x1'] }],
      false,
    );
    expect(outcome.ok).toBe(false);
  });
});
