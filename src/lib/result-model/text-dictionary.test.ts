import { describe, expect, it } from 'vitest';
import { appendColumnValues, createColumnData, type TextColumnData } from './column-data';
import { TextDictionary } from './text-dictionary';

describe('text dictionary', () => {
  it('keeps one string per distinct value of a low-cardinality column', () => {
    const dictionary = new TextDictionary();
    const a = dictionary.intern(['TEX', 'AS'].join(''));
    const b = dictionary.intern(['TE', 'XAS'].join(''));
    expect(b).toBe(a);
    expect(dictionary.size).toBe(1);
    expect(dictionary.active).toBe(true);
  });

  it('string columns share repeated values; values and nulls read back unchanged', () => {
    const column = createColumnData('string') as TextColumnData;
    const rows = Array.from({ length: 3000 }, (_, i) => [i % 3 === 2 ? null : `state ${i % 3}`]);
    appendColumnValues(column, rows, 0, 0, { exactNumbers: false, dynamicTextIsJson: false });
    expect(column.values.toArray(4)).toEqual(['state 0', 'state 1', null, 'state 0']);
    expect(column.values.get(3)).toBe(column.values.get(0));
    expect(column.dictionary?.size).toBe(2);
  });

  it('gives up on a column whose values are mostly distinct, and still returns every value', () => {
    const dictionary = new TextDictionary();
    const out: string[] = [];
    for (let i = 0; i < 10_000; i++) out.push(dictionary.intern(`narrative ${i}`));
    expect(dictionary.active).toBe(false);
    expect(out[9_999]).toBe('narrative 9999');
    expect(new Set(out).size).toBe(10_000);
  });
});
