import type { RunState } from '../query/run-state';
import type { NewHistoryEntry } from '../../lib/query-history';

/** What every source's history entry says about how a finished run went. */
export type RunFacts = Pick<
  NewHistoryEntry,
  'startedAt' | 'durationMs' | 'rowCount' | 'outcome' | 'errorMessage' | 'requestId'
>;

/**
 * The facts of a finished run (done, failed or cancelled); null while it is idle or running.
 * Rows are counted over the primary tables; a sign-in failure keeps no message (nothing ran).
 */
export function runFacts(run: RunState): RunFacts | null {
  if (run.status === 'idle' || run.status === 'running') return null;
  const rowCount =
    run.status === 'done'
      ? run.summary.tables
          .filter((t) => run.summary.primaryTableIds.includes(t.id))
          .reduce((sum, t) => sum + t.rowCount, 0)
      : null;
  return {
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    rowCount,
    outcome:
      run.status === 'done'
        ? run.problem
          ? 'partial'
          : 'ok'
        : run.status === 'cancelled'
          ? 'cancelled'
          : 'error',
    errorMessage:
      run.status === 'failed' && run.error.kind !== 'sign-in' ? run.error.title : undefined,
    requestId: run.requestId ?? '',
  };
}
