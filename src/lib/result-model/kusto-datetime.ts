/**
 * Kusto datetimes are UTC with 100 ns ticks (`2020-03-04T14:05:01.3109965Z`). We keep epoch
 * milliseconds in a Float64Array (sortable, chartable, what `Date` wants) plus, only when the
 * source had more than 3 fractional digits, the 0–9999 ticks below the millisecond. That is exact
 * and costs 2 bytes a row instead of keeping every original string alive.
 */

/** A datetime cell as `getCell` returns it. */
export interface KustoDateTime {
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  readonly epochMs: number;
  /** 100 ns ticks beyond `epochMs` (0–9999) when the source had more than 3 fractional digits. */
  readonly subMsTicks: number | null;
}

/** Out-parameter of `parseKustoDateTime`, to avoid an allocation per cell. */
export const parsedDateTime = { subMsTicks: -1 };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/**
 * Parses a Kusto datetime string to epoch ms (NaN when it is not a date). Sets
 * `parsedDateTime.subMsTicks` to the sub-millisecond ticks, or -1 when the text had at most 3
 * fractional digits.
 */
export function parseKustoDateTime(s: string): number {
  parsedDateTime.subMsTicks = -1;
  const fast = parseCanonical(s);
  if (fast === fast) return fast; // not NaN
  return parseLoose(s);
}

// yyyy-MM-ddTHH:mm:ss[.f…]Z, the only shape Kusto emits; hand-rolled because Date.parse is slower
// and cannot see past milliseconds.
function parseCanonical(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) {
    return NaN;
  }
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(n - 1) !== 90) return NaN;
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  const year = y1 * 100 + y2;
  const monthDays = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays) return NaN;

  let ticks = 0; // 100 ns units below the second
  let fractionDigits = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46) return NaN;
    for (let i = 20; i < n - 1; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      if (fractionDigits < 7) ticks = ticks * 10 + d;
      fractionDigits++;
    }
    if (fractionDigits === 0) return NaN;
    for (let k = fractionDigits; k < 7; k++) ticks *= 10;
  }
  const ms = Math.floor(ticks / 10_000);
  if (fractionDigits > 3) parsedDateTime.subMsTicks = ticks - ms * 10_000;
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

// Anything else ISO-like (offsets, date only). A missing offset means UTC, as in Kusto.
function parseLoose(s: string): number {
  const text = s.trim();
  const date = /^([+-]?\d{4,6})-(\d{2})-(\d{2})/.exec(text);
  if (!date) return NaN;
  // Date.parse would roll an invalid day (Feb 29, 2019) over into the next month.
  const year = Number(date[1]);
  const month = Number(date[2]);
  const day = Number(date[3]);
  const monthDays = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day < 1 || day > monthDays) return NaN;
  if (/^[+-]?\d{4,6}-\d{2}-\d{2}$/.test(text)) return Date.parse(text);
  const hasZone = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(text);
  return Date.parse(hasZone ? text : `${text}Z`);
}

/** UTC ISO text: 3 fractional digits, or all 7 when the value carries sub-ms ticks. */
export function formatKustoDateTime(epochMs: number, subMsTicks: number | null): string {
  if (!Number.isFinite(epochMs)) return '';
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  if (subMsTicks === null) return iso;
  return `${iso.slice(0, -1)}${String(subMsTicks).padStart(4, '0')}Z`;
}
