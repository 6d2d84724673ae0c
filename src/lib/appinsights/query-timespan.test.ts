import { describe, expect, it } from 'vitest';
import { describeTimespan, timeRangePresets, toTimespan } from './query-timespan';

describe('timespan helpers', () => {
  it('presets cover 30 minutes to 30 days and describe themselves', () => {
    expect(timeRangePresets.map((p) => p.duration)).toEqual([
      'PT30M',
      'PT1H',
      'PT4H',
      'P1D',
      'P7D',
      'P30D',
    ]);
    for (const preset of timeRangePresets) {
      expect(describeTimespan(preset.duration)).toBe(preset.label);
      expect(toTimespan({ kind: 'relative', duration: preset.duration })).toBe(preset.duration);
    }
    expect(describeTimespan('PT4H')).toBe('Last 4 hours');
  });

  it('absolute ranges become a UTC interval and read back as words', () => {
    const span = toTimespan({
      kind: 'absolute',
      from: '2024-01-01T00:00:00Z',
      to: '2024-01-02T00:00:00.000Z',
    });
    expect(span).toBe('2024-01-01T00:00:00Z/2024-01-02T00:00:00Z');
    expect(describeTimespan(span)).toBe('2024-01-01 00:00 – 2024-01-02 00:00 UTC');
    expect(describeTimespan('2024-01-01T00:00:00Z/PT6H')).toBe('6 hours from 2024-01-01 00:00 UTC');
  });

  it('other durations are described; junk is rejected or echoed', () => {
    expect(describeTimespan('PT12H')).toBe('Last 12 hours');
    expect(describeTimespan('P1DT2H')).toBe('Last 1 d 2 h');
    expect(describeTimespan('pt1m')).toBe('Last minute');
    expect(describeTimespan('whenever')).toBe('whenever');
    expect(() => toTimespan({ kind: 'relative', duration: '1 hour' })).toThrow(RangeError);
    expect(() => toTimespan({ kind: 'relative', duration: 'P' })).toThrow(RangeError);
    expect(() => toTimespan({ kind: 'absolute', from: 'x', to: '2024-01-01' })).toThrow(RangeError);
    expect(() => toTimespan({ kind: 'absolute', from: '2024-01-02', to: '2024-01-01' })).toThrow(
      /after its end/,
    );
  });
});
