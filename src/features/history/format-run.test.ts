import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../lib/query-history';
import {
  firstLine,
  formatDuration,
  formatRowCount,
  formatRunSettings,
  formatRunTime,
} from './format-run';

describe('run formatting', () => {
  it('formats durations across ms, seconds and minutes', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850.4)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(119_700)).toBe('2 min 00 s');
  });

  it('formats row counts, including runs without rows', () => {
    expect(formatRowCount(null)).toBe('no rows');
    expect(formatRowCount(1)).toBe('1 row');
    expect(formatRowCount(12345, 'en-US')).toBe('12,345 rows');
  });

  it('shows only the time for today and the date for older runs', () => {
    const now = new Date(2025, 4, 10, 15, 0, 0).getTime();
    const today = formatRunTime(new Date(2025, 4, 10, 9, 5, 7).getTime(), now, 'en-GB');
    const older = formatRunTime(new Date(2025, 3, 1, 9, 5, 7).getTime(), now, 'en-GB');
    expect(today).toBe('09:05:07');
    expect(older).toContain('2025');
  });

  it('summarises a query by its first non-empty line', () => {
    expect(firstLine('\n  \n  StormEvents\n| count')).toBe('StormEvents');
    expect(firstLine('')).toBe('');
  });

  it('says how a run was evaluated: Prometheus type, range and step; App Insights range', () => {
    const base: HistoryEntry = {
      id: 'e',
      text: 'up',
      connection: { kind: 'prometheus', endpoint: 'http://localhost:5184', auth: 'entra' },
      database: null,
      startedAt: 0,
      durationMs: 1,
      rowCount: 1,
      outcome: 'ok',
      requestId: 'r',
    };
    const lastHour = { kind: 'relative', duration: 'PT1H' } as const;
    expect(
      formatRunSettings({
        ...base,
        timeRange: lastHour,
        promql: { type: 'range', step: '1m', ranStep: '1m' },
      }),
    ).toBe('Range query · Last hour · step 1m');
    expect(
      formatRunSettings({ ...base, timeRange: lastHour, promql: { type: 'instant', step: '' } }),
    ).toBe('Instant query · Last hour');
    const app = {
      ...base,
      connection: { kind: 'appinsights', appId: 'DEMO_APP', endpoint: 'http://localhost:5182' },
    } as const;
    expect(formatRunSettings({ ...app, timeRange: { kind: 'relative', duration: 'P7D' } })).toBe(
      'Time range: Last 7 days',
    );
    expect(formatRunSettings({ ...app, timeRange: null })).toBe('Time range: set in query');
    // Kusto runs, and entries recorded before ranges were kept, say nothing more.
    expect(formatRunSettings(app)).toBeNull();
  });
});
