import type { QueryHandle } from '../../lib/query/query-run';
import type { QueryError } from '../../lib/query-errors';
import type { DataSetSummary } from '../../lib/result-model';
import type { KeepOutcome } from '../../lib/query/result-store';

/** Where the grid gets its rows: the running query's handle (the worker owns the data). */
export type RowSource = Pick<QueryHandle, 'getRows' | 'runJob'>;

/** One query run as the workspace shows it. */
/** A result shown from the result store rather than from a run just now. */
export interface KeptOrigin {
  /** `reload`: the tab's last result, after a reload; `recall`: picked with Recall (F8). */
  reason: 'reload' | 'recall';
  /** When that run finished (epoch ms). */
  savedAt: number;
  /** The statement that ran. */
  text: string;
}

export type RunState =
  /** `note`: why the tab's last result is not shown (it could not be restored). */
  | { status: 'idle'; note?: string }
  | {
      status: 'running';
      requestId: string;
      startedAt: number;
      summary: DataSetSummary | null;
      session: RowSource | null;
    }
  | {
      status: 'done';
      requestId: string;
      startedAt: number;
      durationMs: number;
      summary: DataSetSummary;
      session: RowSource;
      /** Partial failure or truncation: the rows shown are what arrived. */
      problem: QueryError | null;
      /** Run with Preview's 50-row cap. */
      preview?: boolean;
      /** Shown from the result store (after a reload, or recalled), not from a run just now. */
      kept?: KeptOrigin;
      /** Whether the result could be kept across reloads (absent until the worker answers). */
      keepOutcome?: KeepOutcome;
    }
  | {
      status: 'failed';
      requestId: string | null;
      startedAt: number;
      durationMs: number;
      /** Kind `sign-in` when no token could be had (it carries the token broker's error). */
      error: QueryError;
    }
  | { status: 'cancelled'; requestId: string; startedAt: number; durationMs: number };
