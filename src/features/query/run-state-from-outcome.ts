import type { QueryOutcome } from '../../lib/query/query-run';
import type { RowSource, RunState } from './run-state';

/**
 * What the workspace shows once a run settles. Pure, so the mapping is tested on recorded
 * responses rather than only through the browser.
 *
 * - succeeded: the rows, with the first partial failure or truncation beside them;
 * - cancelled: a notice (whatever rows arrived are dropped with the run);
 * - failed before a token (kind `sign-in`): the sign-in panel, never stale rows;
 * - failed after rows arrived: the rows stay on screen with the error beside them;
 * - failed otherwise: the error panel.
 */
export function runStateFromOutcome(
  outcome: QueryOutcome,
  startedAt: number,
  session: RowSource,
): Exclude<RunState, { status: 'idle' } | { status: 'running' }> {
  const { requestId } = outcome;
  const durationMs = outcome.timing.finishedAt - outcome.timing.startedAt;
  if (outcome.status === 'succeeded') {
    return {
      status: 'done',
      requestId,
      startedAt,
      durationMs,
      summary: outcome.summary,
      session,
      problem: outcome.issues[0] ?? null,
    };
  }
  if (outcome.status === 'cancelled') {
    return { status: 'cancelled', requestId, startedAt, durationMs };
  }
  const rowsArrived =
    outcome.error.kind !== 'sign-in' &&
    outcome.summary !== null &&
    outcome.summary.primaryTableIds.length > 0;
  if (rowsArrived && outcome.summary) {
    return {
      status: 'done',
      requestId,
      startedAt,
      durationMs,
      summary: outcome.summary,
      session,
      problem: outcome.error,
    };
  }
  return { status: 'failed', requestId, startedAt, durationMs, error: outcome.error };
}
