import type { TimeRange } from '../query/time-range';

/**
 * The `timespan` the query API applies on top of the query's own filters: an ISO-8601 duration
 * (`PT1H`, `P7D`) or an interval (`<start>/<end>`).
 */

export interface TimeRangePreset {
  id: string;
  label: string;
  duration: string;
}

export const timeRangePresets: TimeRangePreset[] = [
  { id: 'last-30m', label: 'Last 30 minutes', duration: 'PT30M' },
  { id: 'last-1h', label: 'Last hour', duration: 'PT1H' },
  { id: 'last-4h', label: 'Last 4 hours', duration: 'PT4H' },
  { id: 'last-1d', label: 'Last day', duration: 'P1D' },
  { id: 'last-7d', label: 'Last 7 days', duration: 'P7D' },
  { id: 'last-30d', label: 'Last 30 days', duration: 'P30D' },
];

export type { TimeRange };

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

interface DurationParts {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

function parseDuration(text: string): DurationParts | null {
  const match = DURATION.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === 'P' || /T$/.test(text.trim().toUpperCase())) {
    return null;
  }
  const parts = match.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const [weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0] = parts;
  if (match.slice(1).every((v) => v === undefined)) return null;
  return { weeks, days, hours, minutes, seconds };
}

function isoInstant(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`"${text}" is not a date and time.`);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The request's `timespan` for a range. Throws RangeError on an invalid duration or date. */
export function toTimespan(range: TimeRange): string {
  if (range.kind === 'relative') {
    const duration = range.duration.trim().toUpperCase();
    if (!parseDuration(duration)) {
      throw new RangeError(`"${range.duration}" is not an ISO-8601 duration such as PT1H or P7D.`);
    }
    return duration;
  }
  const from = isoInstant(range.from);
  const to = isoInstant(range.to);
  if (Date.parse(from) > Date.parse(to)) {
    throw new RangeError('The start of the time range is after its end.');
  }
  return `${from}/${to}`;
}

function plural(n: number, unit: string): string {
  return n === 1 ? unit : `${n} ${unit}s`;
}

function describeDuration(parts: DurationParts): string {
  const { weeks, days, hours, minutes, seconds } = parts;
  const nonZero = [weeks, days, hours, minutes, seconds].filter((n) => n > 0).length;
  if (nonZero === 1) {
    if (weeks) return `Last ${plural(weeks, 'week')}`;
    if (days) return `Last ${plural(days, 'day')}`;
    if (hours) return `Last ${plural(hours, 'hour')}`;
    if (minutes) return `Last ${plural(minutes, 'minute')}`;
    return `Last ${plural(seconds, 'second')}`;
  }
  const labels = [
    weeks ? `${weeks} w` : '',
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    minutes ? `${minutes} min` : '',
    seconds ? `${seconds} s` : '',
  ].filter(Boolean);
  return `Last ${labels.join(' ')}`;
}

function describeInstant(text: string): string | null {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** Words for a timespan: "Last 4 hours", "2024-01-01 00:00 – 2024-01-02 00:00 UTC". */
export function describeTimespan(timespan: string): string {
  const text = timespan.trim();
  const preset = timeRangePresets.find((p) => p.duration === text.toUpperCase());
  if (preset) return preset.label;
  const duration = parseDuration(text);
  if (duration) return describeDuration(duration);
  const [start, end] = text.split('/');
  if (start !== undefined && end !== undefined) {
    const from = describeInstant(start);
    const toDuration = parseDuration(end);
    if (from && toDuration) {
      return `${describeDuration(toDuration).replace(/^Last /, '')} from ${from} UTC`;
    }
    const to = describeInstant(end);
    if (from && to) return `${from} – ${to} UTC`;
  }
  return text;
}
