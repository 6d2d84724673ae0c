/**
 * Datetimes and timespans are held as JavaScript numbers of 100 ns ticks, Kusto's own unit.
 * Datetimes count ticks from 2020-01-01T00:00:00Z: a double holds integers exactly up to 2^53,
 * so every tick between 1991 and 2048 is exact (a Unix-epoch origin would already lose ticks
 * in 1998). Further away the precision degrades gracefully to a few ticks.
 */

export const TICKS_PER_MILLISECOND = 10_000;
export const TICKS_PER_SECOND = 10_000_000;
export const TICKS_PER_MINUTE = 600_000_000;
export const TICKS_PER_HOUR = 36_000_000_000;
export const TICKS_PER_DAY = 864_000_000_000;

/** The internal datetime origin, as milliseconds since the Unix epoch. */
export const ORIGIN_UNIX_MS = Date.UTC(2020, 0, 1);
/** Milliseconds from 0001-01-01 (the .NET and Kusto tick origin) to the internal origin. */
const YEAR_ONE_TO_ORIGIN_MS = 62_135_596_800_000 + ORIGIN_UNIX_MS;

/** a mod b with a non-negative result. */
export function floorMod(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + b : r;
}

export function ticksFromUnixMs(ms: number): number {
  return (ms - ORIGIN_UNIX_MS) * TICKS_PER_MILLISECOND;
}

/** Whole milliseconds since the Unix epoch (floored), for JavaScript Date arithmetic. */
export function unixMsFromTicks(ticks: number): number {
  return (ticks - floorMod(ticks, TICKS_PER_MILLISECOND)) / TICKS_PER_MILLISECOND + ORIGIN_UNIX_MS;
}

/** Ticks since 0001-01-01, as .NET DateTime.Ticks (a double: exact only to a few hundred ticks). */
export function ticksSinceYearOne(ticks: number): number {
  return YEAR_ONE_TO_ORIGIN_MS * TICKS_PER_MILLISECOND + ticks;
}

/**
 * The offset that aligns bins of `size` ticks to 0001-01-01 as Kusto does (so 7d bins start on
 * Mondays): (ticks from year one to the origin) mod size, computed exactly.
 */
export function yearOneAlignment(size: number): number {
  if (Number.isInteger(size)) {
    return Number((BigInt(YEAR_ONE_TO_ORIGIN_MS) * BigInt(TICKS_PER_MILLISECOND)) % BigInt(size));
  }
  return floorMod(YEAR_ONE_TO_ORIGIN_MS * TICKS_PER_MILLISECOND, size);
}

const ISO_DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999.
  return date.getTime();
}

/** Parses ISO-8601-like datetimes ('2007-09-29T08:11:00.0000000Z', '2015-12-31', '2015-12-31 10:00'). */
export function parseDatetimeText(text: string): number | null {
  const trimmed = text.trim();
  const match = ISO_DATETIME.exec(trimmed);
  if (match) {
    const [, y, mo, d, h, mi, s, frac, zone] = match;
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    let ms = utcMs(Number(y), month, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2, 4)) * 60_000);
    }
    if (Number.isNaN(ms)) return null;
    const fractionTicks = frac ? Number(frac.slice(0, 7).padEnd(7, '0')) : 0;
    return ticksFromUnixMs(ms) + fractionTicks;
  }
  // RFC 822/850-style texts; a missing zone means UTC, as in Kusto.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const hasZone = /(GMT|UTC|Z|[+-]\d{4})\s*$/i.test(trimmed);
  const ms = Date.parse(hasZone ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(ms) ? null : ticksFromUnixMs(ms);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** '2007-09-29T08:11:00.0000000Z' — the v2 wire form, always seven fractional digits. */
export function formatDatetimeWire(ticks: number): string {
  const whole = Math.round(ticks);
  const date = new Date(unixMsFromTicks(whole));
  const subTicks = floorMod(whole, TICKS_PER_MILLISECOND);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}${pad(subTicks, 4)}Z`
  );
}

/** tostring(datetime): like the wire form but without trailing fractional zeros. */
export function formatDatetimeString(ticks: number): string {
  const wire = formatDatetimeWire(ticks);
  const fraction = wire.slice(20, 27).replace(/0+$/, '');
  return `${wire.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** .NET TimeSpan "c" format, as Kusto writes timespans: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimespan(ticks: number): string {
  const negative = ticks < 0;
  const total = Math.round(Math.abs(ticks));
  const fraction = total % TICKS_PER_SECOND;
  const totalSeconds = (total - fraction) / TICKS_PER_SECOND;
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

const UNIT_TICKS: Record<string, number> = {
  d: TICKS_PER_DAY,
  day: TICKS_PER_DAY,
  days: TICKS_PER_DAY,
  h: TICKS_PER_HOUR,
  hr: TICKS_PER_HOUR,
  hrs: TICKS_PER_HOUR,
  hour: TICKS_PER_HOUR,
  hours: TICKS_PER_HOUR,
  m: TICKS_PER_MINUTE,
  min: TICKS_PER_MINUTE,
  minute: TICKS_PER_MINUTE,
  minutes: TICKS_PER_MINUTE,
  s: TICKS_PER_SECOND,
  sec: TICKS_PER_SECOND,
  second: TICKS_PER_SECOND,
  seconds: TICKS_PER_SECOND,
  ms: TICKS_PER_MILLISECOND,
  milli: TICKS_PER_MILLISECOND,
  millis: TICKS_PER_MILLISECOND,
  millisecond: TICKS_PER_MILLISECOND,
  milliseconds: TICKS_PER_MILLISECOND,
  microsecond: 10,
  microseconds: 10,
  tick: 1,
  ticks: 1,
};

const CLOCK_TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const UNIT_TIMESPAN = /^(-)?(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** Parses '1.02:03:04.5', '00:05:00', '02:03', '5m', '1.5h', '100ms', '2' (days). */
export function parseTimespanText(text: string): number | null {
  const trimmed = text.trim();
  const clock = CLOCK_TIMESPAN.exec(trimmed);
  if (clock) {
    const [, minus, d, h, mi, s, frac] = clock;
    const ticks =
      Number(d ?? 0) * TICKS_PER_DAY +
      Number(h) * TICKS_PER_HOUR +
      Number(mi) * TICKS_PER_MINUTE +
      Number(s ?? 0) * TICKS_PER_SECOND +
      (frac ? Number(frac.padEnd(7, '0')) : 0);
    return minus ? -ticks : ticks;
  }
  const unit = UNIT_TIMESPAN.exec(trimmed);
  if (unit) {
    const [, minus, amount, name] = unit;
    const factor = UNIT_TICKS[(name ?? '').toLowerCase()];
    if (factor === undefined) return null;
    const ticks = Math.round(Number(amount) * factor);
    return minus ? -ticks : ticks;
  }
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * TICKS_PER_DAY);
  return null;
}
