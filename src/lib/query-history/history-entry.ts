import { z } from 'zod';
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
});

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
/** What the caller records; the id is the store's unless given. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id'> & { id?: string };

/** Every word must occur in the text, database, connection, error or request id. */
export function historyEntryMatches(entry: HistoryEntry, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const connection =
    entry.connection.kind === 'kusto'
      ? `${entry.connection.clusterUrl} ${entry.connection.database}`
      : `${entry.connection.endpoint} ${entry.connection.appId}`;
  const haystack = [
    entry.text,
    entry.database ?? '',
    connection,
    entry.outcome,
    entry.errorMessage ?? '',
    entry.requestId,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}
