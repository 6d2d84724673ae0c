import { z } from 'zod';
import { timeRangeSchema } from '../query/time-range';
import { queryTargetSchema } from '../sources/query-target';

export const RUN_OUTCOMES = ['ok', 'error', 'cancelled', 'partial'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** One run of a query, as recorded after it finished (or failed, or was cancelled). */
export const historyEntrySchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  connection: queryTargetSchema,
  /** The database the run used (Kusto); null for App Insights. */
  database: z.string().nullable(),
  /** Epoch ms. */
  startedAt: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** Rows received (all tables' primary results); null when the run produced none. */
  rowCount: z.number().int().nonnegative().nullable(),
  outcome: z.enum(RUN_OUTCOMES),
  errorMessage: z.string().optional(),
  /** The x-ms-client-request-id sent with the run, to find it in server logs. */
  requestId: z.string(),
  /**
   * The time range the run applied on top of the query: App Insights (null = the query's own) and
   * Prometheus. Absent in entries recorded before it was kept, and for Kusto.
   */
  timeRange: timeRangeSchema.nullable().optional(),
  /** Prometheus runs: how the PromQL was evaluated. Absent for other sources. */
  promql: z
    .object({
      type: z.enum(['instant', 'range']),
      /** The Step field as the user left it; empty = chosen from the range. */
      step: z.string().max(100),
      /** The step the range query used (typed or chosen), e.g. "15s". */
      ranStep: z.string().max(100).optional(),
    })
    .optional(),
});

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
/** What the caller records; the id is the store's unless given. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id'> & { id?: string };
export type PromqlRunSettings = NonNullable<HistoryEntry['promql']>;

/** Every word must occur in the text, database, connection, error or request id. */
export function historyEntryMatches(entry: HistoryEntry, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const connection =
    entry.connection.kind === 'kusto'
      ? `${entry.connection.clusterUrl} ${entry.connection.database}`
      : entry.connection.kind === 'prometheus'
        ? `${entry.connection.endpoint} prometheus ${entry.connection.auth}`
        : `${entry.connection.endpoint} ${entry.connection.appId}`;
  const haystack = [
    entry.text,
    entry.database ?? '',
    connection,
    entry.promql?.type ?? '',
    entry.outcome,
    entry.errorMessage ?? '',
    entry.requestId,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}
