import { describe, expect, it } from 'vitest';
import { widthToRemember } from './use-remembered-width';

describe('widthToRemember', () => {
  it('stores the rounded width of a pane the person can resize', () => {
    expect(widthToRemember('horizontal', 312.6)).toBe(313);
  });

  it('stores nothing for a stacked pane (narrow window) or a pane not laid out', () => {
    expect(widthToRemember('none', 420)).toBeNull();
    expect(widthToRemember('horizontal', 0)).toBeNull();
  });
});
