import { describe, expect, it } from 'vitest';
import {
  formatUtc,
  isDateTimeType,
  isNumericType,
  toEpochMs,
  toLabel,
  toNumber,
} from './chart-values';

describe('column types', () => {
  it('knows Kusto and CLR names of numeric types', () => {
    for (const type of ['int', 'long', 'real', 'decimal', 'double', 'Int64', 'System.Double']) {
      expect(isNumericType(type)).toBe(true);
    }
    for (const type of ['string', 'datetime', 'timespan', 'bool', 'dynamic']) {
      expect(isNumericType(type)).toBe(false);
    }
    expect(isDateTimeType('datetime')).toBe(true);
    expect(isDateTimeType('System.DateTime')).toBe(true);
  });
});

describe('toNumber', () => {
  it('reads numbers, bigints and numeric strings; everything else is NaN', () => {
    expect(toNumber(3.5)).toBe(3.5);
    expect(toNumber(9007199254740993n)).toBe(9007199254740992);
    expect(toNumber('12.25')).toBe(12.25);
    expect(toNumber('\u00009007199254740993')).toBe(9007199254740992);
    expect(toNumber(null)).toBeNaN();
    expect(toNumber('')).toBeNaN();
    expect(toNumber('abc')).toBeNaN();
    expect(toNumber(true)).toBeNaN();
  });
});

describe('toEpochMs', () => {
  it('passes epoch milliseconds through', () => {
    expect(toEpochMs(1_167_609_600_000)).toBe(1_167_609_600_000);
  });

  it('parses Kusto ISO text with seven fractional digits as UTC', () => {
    expect(toEpochMs('2007-01-01T00:00:00.0000000Z')).toBe(Date.UTC(2007, 0, 1));
    expect(toEpochMs('2007-01-01T12:30:15.1234567Z')).toBeCloseTo(
      Date.UTC(2007, 0, 1, 12, 30, 15, 123) + 0.4567,
      6,
    );
  });

  it('reads times before 1970 and leap days', () => {
    expect(toEpochMs('1969-12-31T23:59:59.5000000Z')).toBe(-500);
    expect(toEpochMs('2008-02-29T06:00:00Z')).toBe(Date.UTC(2008, 1, 29, 6));
    expect(toEpochMs('2100-03-01T00:00:00.000Z')).toBe(Date.UTC(2100, 2, 1));
  });

  it('honours an explicit offset and treats a missing zone as UTC', () => {
    expect(toEpochMs('2007-01-01T02:00:00+02:00')).toBe(Date.UTC(2007, 0, 1));
    expect(toEpochMs('2007-01-01 00:00:00')).toBe(Date.UTC(2007, 0, 1));
    expect(toEpochMs('2007-01-01')).toBe(Date.UTC(2007, 0, 1));
  });

  it('gives NaN for null and text that is not a date', () => {
    expect(toEpochMs(null)).toBeNaN();
    expect(toEpochMs('yesterday')).toBeNaN();
  });
});

describe('toLabel', () => {
  it('writes datetimes in UTC and nulls as empty text', () => {
    expect(toLabel(Date.UTC(2007, 5, 1), 'datetime')).toBe('2007-06-01');
    expect(toLabel('2007-06-01T10:00:00Z', 'datetime')).toBe('2007-06-01T10:00:00Z');
    expect(toLabel(null, 'string')).toBe('');
    expect(toLabel(42n, 'long')).toBe('42');
    expect(toLabel({ a: 1 }, 'dynamic')).toBe('{"a":1}');
  });

  it('keeps milliseconds only when there are some', () => {
    expect(formatUtc(Date.UTC(2007, 0, 1, 1, 2, 3, 4))).toBe('2007-01-01T01:02:03.004Z');
  });
});
