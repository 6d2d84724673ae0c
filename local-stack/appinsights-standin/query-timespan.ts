/**
 * The query API's `timespan` parameter (ISO-8601): a duration ending now (`PT30M`, `P7D`),
 * `start/end`, `start/duration` or `duration/end`. The API applies it on top of the query by
 * restricting every table to its time column.
 */

export interface TimeWindow {
  from: Date;
  to: Date;
}

export class TimespanError extends Error {}

const DURATION =
  /^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Applies an ISO-8601 duration to `anchor`, forwards (sign 1) or backwards (-1). */
function shift(anchor: Date, duration: string, sign: 1 | -1): Date | null {
  const m = DURATION.exec(duration);
  if (!m) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = m
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (!Number.isInteger(years) || !Number.isInteger(months)) return null;
  const date = new Date(anchor.getTime());
  // Calendar parts first (UTC, clamping the day like .NET's AddMonths), then the fixed-length ones.
  if (years || months) {
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + sign * (years! * 12 + months!));
    const lastDay = new Date(
      Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0),
    ).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  }
  const ms = ((((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!) * 1000;
  return new Date(date.getTime() + sign * ms);
}

/** A date or date-time; a value without a zone is UTC, as in the service. */
function parseInstant(text: string): Date | null {
  if (
    !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(
      text,
    )
  ) {
    return null;
  }
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.length > 10;
  const normalized =
    text.replace(' ', 'T') + (hasZone ? '' : text.length === 10 ? 'T00:00:00Z' : 'Z');
  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function parseTimespan(text: string, now: Date): TimeWindow {
  const value = text.trim();
  const invalid = () =>
    new TimespanError(
      `The timespan '${text}' is not valid. Use an ISO-8601 duration (PT12H, P7D), start/end or start/duration.`,
    );
  const parts = value.split('/');
  if (parts.length === 1) {
    const from = shift(now, value, -1);
    if (!from) throw invalid();
    return { from, to: now };
  }
  if (parts.length !== 2) throw invalid();
  const [left, right] = parts as [string, string];
  const start = parseInstant(left);
  const end = parseInstant(right);
  let window: TimeWindow | null = null;
  if (start && end) window = { from: start, to: end };
  else if (start) {
    const to = shift(start, right, 1);
    if (to) window = { from: start, to };
  } else if (end) {
    const from = shift(end, left, -1);
    if (from) window = { from, to: end };
  }
  if (!window) throw invalid();
  if (window.from.getTime() > window.to.getTime()) {
    throw new TimespanError(`The timespan '${text}' ends before it starts.`);
  }
  return window;
}

/** Both the URL and the body may carry a timespan; like Log Analytics, use their intersection. */
export function intersectWindows(a: TimeWindow | null, b: TimeWindow | null): TimeWindow | null {
  if (!a) return b;
  if (!b) return a;
  const from = Math.max(a.from.getTime(), b.from.getTime());
  const to = Math.min(a.to.getTime(), b.to.getTime());
  // Disjoint windows come out with `to` before `from`, which selects nothing.
  return { from: new Date(from), to: new Date(to) };
}
