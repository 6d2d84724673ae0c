/**
 * Kusto timespans travel as `[-][d.]hh:mm:ss[.fffffff]` text (some recordings send a number of
 * 100 ns ticks instead). Cells keep the canonical text; sorting and filtering parse it to ticks.
 */

const TICKS_PER_SECOND = 10_000_000;
const TICKS_PER_DAY = 86_400 * TICKS_PER_SECOND;

const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/** Ticks (100 ns) for a timespan text, NaN when it is not one. Beyond ~10,000 days precision drops. */
export function parseTimespanTicks(text: string): number {
  const m = TIMESPAN.exec(text);
  if (!m) return NaN;
  const days = m[2] ? Number(m[2]) : 0;
  const seconds = Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]);
  const fraction = m[6] ? Number(m[6].padEnd(7, '0')) : 0;
  const ticks = days * TICKS_PER_DAY + seconds * TICKS_PER_SECOND + fraction;
  return m[1] ? -ticks : ticks;
}

/** Canonical text for a number of ticks, as Kusto prints it (`1.01:02:03.0040000`, `00:01:00`). */
export function formatTimespanTicks(ticks: number): string {
  if (!Number.isFinite(ticks)) return '';
  const negative = ticks < 0;
  let rest = Math.abs(Math.trunc(ticks));
  const days = Math.floor(rest / TICKS_PER_DAY);
  rest -= days * TICKS_PER_DAY;
  const totalSeconds = Math.floor(rest / TICKS_PER_SECOND);
  const fraction = rest - totalSeconds * TICKS_PER_SECOND;
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor((totalSeconds % 3600) / 60);
  const ss = totalSeconds % 60;
  const pad = (v: number) => String(v).padStart(2, '0');
  let text = `${negative ? '-' : ''}${days > 0 ? `${days}.` : ''}${pad(hh)}:${pad(mm)}:${pad(ss)}`;
  if (fraction > 0) text += `.${String(fraction).padStart(7, '0')}`;
  return text;
}
