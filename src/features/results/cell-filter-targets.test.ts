import { describe, expect, it } from 'vitest';
import {
  describePath,
  dynamicFields,
  MAX_DYNAMIC_FIELDS,
  targetsOfBlock,
} from './cell-filter-targets';

describe('targetsOfBlock', () => {
  it('gives one target per column with that column’s values', () => {
    const columns = [
      { name: 'State', type: 'string' as const, wireType: 'string' },
      { name: 'n', type: 'long' as const, wireType: 'long' },
    ];
    expect(
      targetsOfBlock(columns, [
        ['TEXAS', '1'],
        ['KANSAS', null],
      ]),
    ).toEqual([
      { column: 'State', type: 'string', values: ['TEXAS', 'KANSAS'] },
      { column: 'n', type: 'long', values: ['1', null] },
    ]);
  });
});

describe('dynamicFields', () => {
  it('lists the leaves of a bag with the text tostring() gives them', () => {
    expect(
      dynamicFields(
        '{"Details":{"Location":"TEXAS","Depth":2.5,"Ok":true,"Gone":null},"tags":["a"]}',
      ),
    ).toEqual([
      { path: ['Details', 'Location'], text: 'TEXAS' },
      { path: ['Details', 'Depth'], text: '2.5' },
      { path: ['Details', 'Ok'], text: 'true' },
      { path: ['Details', 'Gone'], text: null },
      { path: ['tags', 0], text: 'a' },
    ]);
  });

  it('has no fields for scalars, nulls and text that is not JSON', () => {
    expect(dynamicFields('"text"')).toEqual([]);
    expect(dynamicFields('5')).toEqual([]);
    expect(dynamicFields(null)).toEqual([]);
    expect(dynamicFields('{not json')).toEqual([]);
  });

  it('offers at most MAX_DYNAMIC_FIELDS fields', () => {
    const bag = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    expect(dynamicFields(JSON.stringify(bag))).toHaveLength(MAX_DYNAMIC_FIELDS);
  });
});

describe('describePath', () => {
  it('reads like the KQL path', () => {
    expect(describePath(['Details', 'Location'])).toBe('Details.Location');
    expect(describePath(['tags', 0, 'x'])).toBe('tags[0].x');
  });
});
