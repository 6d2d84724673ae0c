import { describe, expect, it } from 'vitest';
import { defaultChartPalette, samePalette } from './chart-palette';

describe('samePalette', () => {
  it('is true for palettes that draw the same chart, false when any colour or the font differs', () => {
    const light = defaultChartPalette('light');
    expect(samePalette(light, defaultChartPalette('light'))).toBe(true);
    expect(samePalette(light, { ...light, series: [...light.series] })).toBe(true);
    expect(samePalette(light, defaultChartPalette('dark'))).toBe(false);
    expect(samePalette(light, { ...light, fontFamily: 'serif' })).toBe(false);
    expect(samePalette(light, { ...light, textMuted: '#000000' })).toBe(false);
    expect(samePalette(light, { ...light, series: light.series.slice(1) })).toBe(false);
  });
});
