/**
 * Datetimes and timespans are held as JavaScript numbers of milliseconds (datetimes since the Unix
 * epoch, possibly fractional: Kusto's 100 ns ticks survive as fractions of a millisecond). These
 * functions read and write their Kusto text forms.
 */

export const MS_PER_TICK = 1e-4;
export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** Milliseconds from 0001-01-01 (Kusto's tick origin) to 1970-01-01. */
export const MS_FROM_YEAR_ONE_TO_UNIX_EPOCH = 62_135_596_800_000;

const ISO_DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses ISO-8601-like datetimes ('2007-09-29T08:11:00.0000000Z', '2015-12-31', '2015-12-31 10:00'). */
export function parseDatetimeText(text: string): number | null {
  const trimmed = text.trim();
  const match = ISO_DATETIME.exec(trimmed);
  if (match) {
    const [, y, mo, d, h, mi, s, frac, zone] = match;
    let ms = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
    );
    // Date.UTC maps years 0-99 to 1900-1999.
    if (Number(y) < 100) {
      const date = new Date(ms);
      date.setUTCFullYear(Number(y));
      ms = date.getTime();
    }
    if (frac) ms += Number(`0.${frac.slice(0, 7)}`) * 1000;
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -=
        sign *
        (Number(digits.slice(0, 2)) * MS_PER_HOUR + Number(digits.slice(2, 4)) * MS_PER_MINUTE);
    }
    return Number.isNaN(ms) ? null : ms;
  }
  // RFC 822/850-style texts; a missing zone means UTC, as in Kusto.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const hasZone = /(GMT|UTC|Z|[+-]\d{4})\s*$/i.test(trimmed);
  const ms = Date.parse(hasZone ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(ms) ? null : ms;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Splits a millisecond value into whole milliseconds and 0..9999 ticks of 100 ns. */
function splitTicks(ms: number): { whole: number; subTicks: number } {
  let whole = Math.floor(ms);
  let subTicks = Math.round((ms - whole) * 10_000);
  if (subTicks >= 10_000) {
    whole += 1;
    subTicks -= 10_000;
  }
  return { whole, subTicks };
}

/** '2007-09-29T08:11:00.0000000Z' — the v2 wire form, always seven fractional digits. */
export function formatDatetimeWire(ms: number): string {
  const { whole, subTicks } = splitTicks(ms);
  const date = new Date(whole);
  const year = date.getUTCFullYear();
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}${pad(subTicks, 4)}Z`
  );
}

/** tostring(datetime): like the wire form but without trailing fractional zeros. */
export function formatDatetimeString(ms: number): string {
  const wire = formatDatetimeWire(ms);
  const fraction = wire.slice(20, 27).replace(/0+$/, '');
  return `${wire.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** .NET TimeSpan "c" format, as Kusto writes timespans: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimespan(ms: number): string {
  const negative = ms < 0;
  const totalTicks = Math.round(Math.abs(ms) * 10_000);
  const ticksPerSecond = 10_000_000;
  const fraction = totalTicks % ticksPerSecond;
  const totalSeconds = Math.floor(totalTicks / ticksPerSecond);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return (
    `${negative ? '-' : ''}${days > 0 ? `${days}.` : ''}` +
    `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}` +
    (fraction > 0 ? `.${pad(fraction, 7)}` : '')
  );
}

const UNIT_MS: Record<string, number> = {
  d: MS_PER_DAY,
  day: MS_PER_DAY,
  days: MS_PER_DAY,
  h: MS_PER_HOUR,
  hr: MS_PER_HOUR,
  hrs: MS_PER_HOUR,
  hour: MS_PER_HOUR,
  hours: MS_PER_HOUR,
  m: MS_PER_MINUTE,
  min: MS_PER_MINUTE,
  minute: MS_PER_MINUTE,
  minutes: MS_PER_MINUTE,
  s: MS_PER_SECOND,
  sec: MS_PER_SECOND,
  second: MS_PER_SECOND,
  seconds: MS_PER_SECOND,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  microsecond: 0.001,
  microseconds: 0.001,
  tick: MS_PER_TICK,
  ticks: MS_PER_TICK,
};

const CLOCK_TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const UNIT_TIMESPAN = /^(-)?(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** Parses '1.02:03:04.5', '00:05:00', '02:03', '5m', '1.5h', '100ms', '2' (days). */
export function parseTimespanText(text: string): number | null {
  const trimmed = text.trim();
  const clock = CLOCK_TIMESPAN.exec(trimmed);
  if (clock) {
    const [, minus, d, h, mi, s, frac] = clock;
    const ms =
      Number(d ?? 0) * MS_PER_DAY +
      Number(h) * MS_PER_HOUR +
      Number(mi) * MS_PER_MINUTE +
      Number(s ?? 0) * MS_PER_SECOND +
      (frac ? Number(`0.${frac}`) * MS_PER_SECOND : 0);
    return minus ? -ms : ms;
  }
  const unit = UNIT_TIMESPAN.exec(trimmed);
  if (unit) {
    const [, minus, amount, name] = unit;
    const factor = UNIT_MS[(name ?? '').toLowerCase()];
    if (factor === undefined) return null;
    const ms = Number(amount) * factor;
    return minus ? -ms : ms;
  }
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * MS_PER_DAY;
  return null;
}
