/**
 * Reading result cells as chart values. Rows may hold numbers, bigints or numeric strings for
 * longs and decimals, epoch milliseconds or ISO-8601 text for datetimes, strings, and null.
 */

const NUMERIC_TYPES = new Set([
  'int',
  'long',
  'real',
  'double',
  'decimal',
  'int32',
  'int64',
  'float',
  'single',
]);
const DATETIME_TYPES = new Set(['datetime', 'date']);
const TEXT_TYPES = new Set(['string']);

function normalType(type: string): string {
  const lower = type.toLowerCase();
  return lower.startsWith('system.') ? lower.slice('system.'.length) : lower;
}

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPES.has(normalType(type));
}

export function isDateTimeType(type: string): boolean {
  return DATETIME_TYPES.has(normalType(type));
}

export function isTextType(type: string): boolean {
  return TEXT_TYPES.has(normalType(type));
}

/** A number, or NaN for null and anything that is not one. */
export function toNumber(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    case 'string': {
      // An exact long may arrive as its JSON text behind a U+0000 mark (result-model's
      // EXACT_NUMBER_MARK); a chart only needs the nearest double.
      const text = value.charCodeAt(0) === 0 ? value.slice(1) : value;
      if (text.trim() === '') return NaN;
      return Number(text);
    }
    default:
      return NaN;
  }
}

// ISO-8601 with any number of fractional digits (Kusto writes 7) and Z or an offset.
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Kusto's own form, `2007-01-01T00:00:00.0000000Z`, read without a regular expression: a
 * result holds hundreds of thousands of them and this is several times faster. NaN for any
 * other form.
 */
function parseKustoUtc(text: string): number {
  const n = text.length;
  if (n < 20 || text.charCodeAt(n - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) {
    return NaN;
  }
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) {
    return NaN;
  }
  let ms = 0;
  if (n > 20) {
    if (text.charCodeAt(19) !== 46 /* . */) return NaN;
    let scale = 100;
    for (let i = 20; i < n - 1; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return NaN;
      ms += digit * scale;
      scale /= 10;
    }
  }
  const days = daysFromCivil(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
  const seconds = (digits(text, 11, 2) * 60 + digits(text, 14, 2)) * 60 + digits(text, 17, 2);
  return days * 86_400_000 + seconds * 1000 + ms;
}

/** Epoch milliseconds of a datetime cell (epoch ms number, ISO text, or Date), else NaN. */
export function toEpochMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return NaN;
  const fast = parseKustoUtc(value);
  if (!Number.isNaN(fast)) return fast;
  const match = ISO_DATETIME.exec(value.trim());
  if (!match) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const ms = Number((fraction + '000').slice(0, 3)) + Number(`0.${fraction.slice(3) || '0'}`);
  let epoch = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), 0);
  epoch += ms;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const zoneDigits = zone.slice(1).replace(':', '');
    epoch -= sign * (Number(zoneDigits.slice(0, 2)) * 60 + Number(zoneDigits.slice(2))) * 60_000;
  }
  return epoch;
}

/** A reader of a column's cells as axis values, chosen once per column. */
export function axisReader(type: string): (value: unknown) => number {
  return isDateTimeType(type) ? toEpochMs : toNumber;
}

function plainLabel(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function dateTimeLabel(value: unknown): string {
  const ms = toEpochMs(value);
  return Number.isFinite(ms) ? formatUtc(ms) : plainLabel(value);
}

/** A reader of a column's cells as labels, chosen once per column. */
export function labelReader(type: string): (value: unknown) => string {
  return isDateTimeType(type) ? dateTimeLabel : plainLabel;
}

/** Text for a category, slice or series name. Kusto shows a null as an empty cell. */
export function toLabel(value: unknown, type: string): string {
  return labelReader(type)(value);
}

/** UTC ISO text without a trailing `.000` or midnight time, the way Kusto users read dates. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
