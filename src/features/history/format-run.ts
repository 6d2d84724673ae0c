import { describeTimespan, toTimespan, type TimeRange } from '../../lib/appinsights';
import type { HistoryEntry } from '../../lib/query-history';

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

/**
 * How the run was evaluated, when that is more than its text: a Prometheus run's query type,
 * range and step ("Range query · Last hour · step 15s (auto)"), an App Insights run's time range.
 * Null for Kusto and for entries recorded before these were kept.
 */
export function formatRunSettings(entry: HistoryEntry): string | null {
  const range = entry.timeRange ? describeRange(entry.timeRange) : null;
  if (entry.promql) {
    const parts = [entry.promql.type === 'range' ? 'Range query' : 'Instant query'];
    if (range) parts.push(range);
    if (entry.promql.type === 'range' && entry.promql.ranStep) {
      parts.push(`step ${entry.promql.ranStep}${entry.promql.step ? '' : ' (auto)'}`);
    }
    return parts.join(' · ');
  }
  if (entry.timeRange === undefined) return null;
  return `Time range: ${range ?? 'set in query'}`;
}

function describeRange(range: TimeRange): string {
  try {
    return describeTimespan(toTimespan(range));
  } catch {
    return range.kind === 'relative' ? range.duration : `${range.from} – ${range.to}`;
  }
}
