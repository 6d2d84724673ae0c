import { describe, expect, it } from 'vitest';
import { hasTerm, stringPredicates } from './string-predicates';

describe('has: whole-term matching', () => {
  it.each([
    ['North America', 'america', true],
    ['North America', 'americ', false],
    ['Kusto: ad67d136-c1db-4f9f', 'c1db', true],
    ['Kusto: ad67d136-c1db-4f9f', '67d1', false],
    ['KustoExplorerQueryRun', 'Explorer', false],
    ['New York City', 'new york', true],
    ['New Yorker', 'new york', false],
    ['café au lait', 'CAFÉ', true],
    ['anything', '', true],
  ])('%s has %s -> %s', (haystack, needle, expected) => {
    expect(hasTerm(haystack, needle, false)).toBe(expected);
  });

  it('is case-sensitive only in the _cs form', () => {
    expect(hasTerm('North America', 'america', true)).toBe(false);
    expect(stringPredicates.has_cs!('North America', 'America')).toBe(true);
  });

  it('hasprefix and hassuffix anchor one side of a term', () => {
    expect(stringPredicates.hasprefix!('North America', 'amer')).toBe(true);
    expect(stringPredicates.hasprefix!('North America', 'meric')).toBe(false);
    expect(stringPredicates.hassuffix!('North America', 'rica')).toBe(true);
    expect(stringPredicates.hassuffix!('North America', 'ameri')).toBe(false);
  });
});

describe('substring operators', () => {
  it('contains, startswith and endswith ignore case unless _cs', () => {
    expect(stringPredicates.contains!('FabriKam', 'BRik')).toBe(true);
    expect(stringPredicates.contains_cs!('FabriKam', 'BRik')).toBe(false);
    expect(stringPredicates.startswith!('Fabrikam', 'fab')).toBe(true);
    expect(stringPredicates.endswith!('Fabrikam', 'KAM')).toBe(true);
    expect(stringPredicates.endswith_cs!('Fabrikam', 'KAM')).toBe(false);
    expect(stringPredicates['=~']!('abc', 'ABC')).toBe(true);
  });
});
