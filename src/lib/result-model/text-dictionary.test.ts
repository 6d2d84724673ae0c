import { describe, expect, it } from 'vitest';
import { appendColumnValues, createColumnData, type TextColumnData } from './column-data';
import { DICTIONARY_MAX_VALUES, TextDictionary } from './text-dictionary';

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

  it('shares values that first repeat long after the first rows (a union of a table with itself)', () => {
    const dictionary = new TextDictionary();
    const copy = Array.from({ length: 20_000 }, (_, i) => `narrative ${i}`);
    for (const text of copy) dictionary.intern(text);
    // The second copy: equal strings, new objects (as JSON.parse makes them). JS cannot tell two
    // equal strings apart, so the dictionary's state is what shows they are shared.
    const second = copy.map((text) => dictionary.intern(` ${text}`.slice(1)));
    expect(dictionary.active).toBe(true);
    expect(dictionary.size).toBe(20_000);
    expect(second).toEqual(copy);
  });

  it('gives up once a column has more distinct values than it holds, and still returns every value', () => {
    const dictionary = new TextDictionary();
    const out: string[] = [];
    for (let i = 0; i <= DICTIONARY_MAX_VALUES + 10; i++) {
      out.push(dictionary.intern(`id ${i}`));
      if (i === DICTIONARY_MAX_VALUES - 1) expect(dictionary.active).toBe(true);
    }
    expect(dictionary.active).toBe(false);
    expect(dictionary.size).toBe(0);
    expect(out.at(-1)).toBe(`id ${DICTIONARY_MAX_VALUES + 10}`);
    expect(new Set(out).size).toBe(DICTIONARY_MAX_VALUES + 11);
  });

  it('keeps strings longer than it hashes as they are, without counting them', () => {
    const dictionary = new TextDictionary();
    const long = 'x'.repeat(2_000);
    expect(dictionary.intern(long)).toBe(long);
    expect(dictionary.size).toBe(0);
    expect(dictionary.active).toBe(true);
  });
});
