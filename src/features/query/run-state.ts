import type { QueryHandle } from '../../lib/query/query-run';
import type { QueryError } from '../../lib/query-errors';
import type { DataSetSummary } from '../../lib/result-model';

/** Where the grid gets its rows: the running query's handle (the worker owns the data). */
export type RowSource = Pick<QueryHandle, 'getRows'>;

/** One query run as the workspace shows it. */
export type RunState =
  | { status: 'idle' }
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
