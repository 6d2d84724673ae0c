import { describe, expect, it } from 'vitest';
import { jsonObject, nonBlankString } from './json-fields';

describe('json fields', () => {
  it('takes objects only', () => {
    const value = { a: 1 };
    expect(jsonObject(value)).toBe(value);
    expect(jsonObject(null)).toBeNull();
    expect(jsonObject([1])).toBeNull();
    expect(jsonObject('text')).toBeNull();
  });

  it('takes strings with something besides white space', () => {
    expect(nonBlankString(' x ')).toBe(' x ');
    expect(nonBlankString('  ')).toBeNull();
    expect(nonBlankString('')).toBeNull();
    expect(nonBlankString(3)).toBeNull();
  });
});
