import { describe, expect, it } from 'vitest';
import {
  formatDatetimeString,
  formatDatetimeWire,
  formatTimespan,
  parseDatetimeText,
  parseTimespanText,
  TICKS_PER_DAY,
  TICKS_PER_SECOND,
} from './datetime-text';

describe('datetime text', () => {
  it('round-trips seven fractional digits exactly', () => {
    for (const text of [
      '2007-09-29T08:11:00.0000000Z',
      '2024-05-01T10:00:00.1234567Z',
      '2026-12-31T23:59:59.9999999Z',
      '1995-02-03T04:05:06.0000001Z',
    ]) {
      expect(formatDatetimeWire(parseDatetimeText(text)!)).toBe(text);
    }
  });

  it('reads the forms Kusto accepts', () => {
    expect(formatDatetimeWire(parseDatetimeText('2015-12-31')!)).toBe(
      '2015-12-31T00:00:00.0000000Z',
    );
    expect(formatDatetimeWire(parseDatetimeText('2015-12-31 10:30')!)).toBe(
      '2015-12-31T10:30:00.0000000Z',
    );
    expect(formatDatetimeWire(parseDatetimeText('2015-12-31T10:30:00+02:00')!)).toBe(
      '2015-12-31T08:30:00.0000000Z',
    );
    expect(formatDatetimeWire(parseDatetimeText('Sat, 8 Nov 2014 15:05:02 GMT')!)).toBe(
      '2014-11-08T15:05:02.0000000Z',
    );
    expect(formatDatetimeWire(parseDatetimeText('0099-01-01')!)).toBe(
      '0099-01-01T00:00:00.0000000Z',
    );
    expect(parseDatetimeText('2015-13-01')).toBeNull();
    expect(parseDatetimeText('yesterday')).toBeNull();
  });

  it('drops trailing fractional zeros in tostring()', () => {
    expect(formatDatetimeString(parseDatetimeText('2020-01-01T00:00:00Z')!)).toBe(
      '2020-01-01T00:00:00Z',
    );
    expect(formatDatetimeString(parseDatetimeText('2020-01-01T00:00:00.25Z')!)).toBe(
      '2020-01-01T00:00:00.25Z',
    );
  });
});

describe('timespan text', () => {
  it('writes the .NET "c" format', () => {
    expect(formatTimespan(5 * 60 * TICKS_PER_SECOND)).toBe('00:05:00');
    expect(
      formatTimespan(
        TICKS_PER_DAY +
          2 * 3600 * TICKS_PER_SECOND +
          3 * 60 * TICKS_PER_SECOND +
          4.5 * TICKS_PER_SECOND,
      ),
    ).toBe('1.02:03:04.5000000');
    expect(formatTimespan(-TICKS_PER_SECOND)).toBe('-00:00:01');
    expect(formatTimespan(1)).toBe('00:00:00.0000001');
  });

  it('reads clock forms, unit forms and bare day counts', () => {
    expect(parseTimespanText('1.02:03:04.5')).toBe(TICKS_PER_DAY + 7384.5 * TICKS_PER_SECOND);
    expect(parseTimespanText('02:03')).toBe(7380 * TICKS_PER_SECOND);
    expect(parseTimespanText('1.5h')).toBe(5400 * TICKS_PER_SECOND);
    expect(parseTimespanText('100ms')).toBe(TICKS_PER_SECOND / 10);
    expect(parseTimespanText('10tick')).toBe(10);
    expect(parseTimespanText('2')).toBe(2 * TICKS_PER_DAY);
    expect(parseTimespanText('-5m')).toBe(-300 * TICKS_PER_SECOND);
    expect(parseTimespanText('5 fortnights')).toBeNull();
  });
});
