import { describe, expect, it } from 'vitest';
import { intersectWindows, parseTimespan, TimespanError } from './query-timespan.ts';

const now = new Date('2026-03-31T12:00:00.000Z');
const iso = (window: { from: Date; to: Date }) => [
  window.from.toISOString(),
  window.to.toISOString(),
];

describe('parseTimespan', () => {
  it.each([
    ['PT30M', '2026-03-31T11:30:00.000Z'],
    ['PT1H', '2026-03-31T11:00:00.000Z'],
    ['PT12H', '2026-03-31T00:00:00.000Z'],
    ['P1D', '2026-03-30T12:00:00.000Z'],
    ['P7D', '2026-03-24T12:00:00.000Z'],
    ['P1W', '2026-03-24T12:00:00.000Z'],
    ['P1DT6H', '2026-03-30T06:00:00.000Z'],
    ['PT1.5S', '2026-03-31T11:59:58.500Z'],
    // Calendar months clamp to the month's last day, as .NET's DateTime.AddMonths does.
    ['P1M', '2026-02-28T12:00:00.000Z'],
    ['P1Y', '2025-03-31T12:00:00.000Z'],
  ])('reads the duration %s as ending now', (text, from) => {
    expect(iso(parseTimespan(text, now))).toEqual([from, now.toISOString()]);
  });

  it('reads start/end, with dates alone as UTC midnight', () => {
    expect(iso(parseTimespan('2026-03-01/2026-03-02', now))).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
    expect(iso(parseTimespan('2026-03-01T10:00:00Z/2026-03-01T12:30:00+02:00', now))).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:30:00.000Z',
    ]);
  });

  it('reads start/duration and duration/end', () => {
    expect(iso(parseTimespan('2026-03-01T00:00:00Z/PT6H', now))).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-01T06:00:00.000Z',
    ]);
    expect(iso(parseTimespan('P1D/2026-03-02T00:00:00Z', now))).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });

  it.each([
    '',
    'P',
    'PT',
    '1h',
    'P1H',
    'yesterday',
    '2026-03-01',
    '2026-03-02/2026-03-01',
    'a/b/c',
    'P1.5M',
  ])('rejects %j', (text) => {
    expect(() => parseTimespan(text, now)).toThrow(TimespanError);
  });
});

describe('intersectWindows', () => {
  const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

  it('keeps the overlap of two windows, or either one alone', () => {
    const a = window('2026-03-01T00:00:00Z', '2026-03-01T12:00:00Z');
    const b = window('2026-03-01T06:00:00Z', '2026-03-02T00:00:00Z');
    expect(iso(intersectWindows(a, b)!)).toEqual([
      '2026-03-01T06:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
    ]);
    expect(intersectWindows(a, null)).toBe(a);
    expect(intersectWindows(null, null)).toBeNull();
  });

  it('makes disjoint windows select nothing (to before from)', () => {
    const result = intersectWindows(
      window('2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'),
      window('2026-03-02T00:00:00Z', '2026-03-02T01:00:00Z'),
    )!;
    expect(result.to.getTime()).toBeLessThan(result.from.getTime());
  });
});
