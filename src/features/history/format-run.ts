/** "850 ms", "1.2 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 60
    ? `${minutes + 1} min 00 s`
    : `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Time only for today's runs, date and time otherwise (in the user's locale and zone). */
export function formatRunTime(
  startedAt: number,
  now: number = Date.now(),
  locale?: string,
): string {
  const started = new Date(startedAt);
  const sameDay = started.toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(started);
}

/** "1 row", "12,345 rows", or "no rows" when the run returned none. */
export function formatRowCount(rowCount: number | null, locale?: string): string {
  if (rowCount === null) return 'no rows';
  return `${rowCount.toLocaleString(locale)} ${rowCount === 1 ? 'row' : 'rows'}`;
}

export const OUTCOME_LABELS = {
  ok: 'Completed',
  error: 'Failed',
  cancelled: 'Cancelled',
  partial: 'Partial',
} as const;

/** The first non-empty line of the query, for a one-line summary. */
export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find(Boolean) ?? ''
  );
}
