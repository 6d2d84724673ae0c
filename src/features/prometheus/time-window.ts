import type { TimeRange } from '../../lib/appinsights';

/** A range query's window, in Unix seconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** The range a Prometheus tab uses when the picker has none. */
export const DEFAULT_PROMETHEUS_RANGE: TimeRange = { kind: 'relative', duration: 'PT1H' };

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in an ISO-8601 duration such as PT1H or P7D; null when it is not one. */
export function durationSeconds(duration: string): number | null {
  const text = duration.trim().toUpperCase();
  const match = DURATION.exec(text);
  if (!match || match.slice(1).every((v) => v === undefined)) return null;
  const [weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0] = match
    .slice(1)
    .map((v) => (v === undefined ? 0 : Number(v)));
  const total = weeks * 604800 + days * 86400 + hours * 3600 + minutes * 60 + seconds;
  return total > 0 ? total : null;
}

/**
 * The window a time range covers at `nowMs`: a relative range ends now. Throws RangeError with
 * words for the user when the range is not usable.
 */
export function timeWindow(range: TimeRange, nowMs: number): TimeWindow {
  const end = Math.floor(nowMs / 1000);
  if (range.kind === 'relative') {
    const seconds = durationSeconds(range.duration);
    if (seconds === null) {
      throw new RangeError(`"${range.duration}" is not a duration such as PT1H or P7D.`);
    }
    return { start: end - seconds, end };
  }
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw new RangeError('The custom time range needs a start and an end.');
  }
  if (from >= to) throw new RangeError('The start of the time range is not before its end.');
  return { start: Math.floor(from / 1000), end: Math.floor(to / 1000) };
}

/** How many seconds a range spans (the same at any moment); null when it is not usable. */
export function rangeSeconds(range: TimeRange): number | null {
  try {
    const window = timeWindow(range, 0);
    return window.end - window.start;
  } catch {
    return null;
  }
}
