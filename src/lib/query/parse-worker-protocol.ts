import type { DataSetSummary } from '../result-model';
import type { ResponseFormat, RowsRequest, RowsResult } from './query-result-session';
import type { WorkerJob, WorkerJobResult } from './worker-jobs';

/** Messages from the page to the parse worker. */
export type ParseWorkerRequest =
  /** Start a session. `body` is the response stream (transferred), or absent when chunks follow. */
  | {
      type: 'open';
      sessionId: number;
      format: ResponseFormat;
      body: ReadableStream<Uint8Array> | null;
    }
  | { type: 'chunk'; sessionId: number; chunk: Uint8Array }
  | { type: 'end'; sessionId: number }
  /** The page could not read the body (fallback mode): the stream failed or was aborted. */
  | { type: 'fail'; sessionId: number; message: string }
  | { type: 'getRows'; sessionId: number; callId: number; request: RowsRequest }
  /** Whole-result work (pivot, Excel file): see worker-jobs.ts. */
  | { type: 'job'; sessionId: number; callId: number; job: WorkerJob }
  | { type: 'dispose'; sessionId: number };

/** Why a session ended without a complete result. */
export type SessionFailure =
  /** Reading the body failed (network drop, abort). */
  | { reason: 'stream'; message: string }
  /** The body was not a (complete) result in its format. */
  | { reason: 'format'; message: string; sample: string | null; body?: unknown };

/** Messages from the parse worker to the page. */
export type ParseWorkerResponse =
  | { type: 'update'; sessionId: number; summary: DataSetSummary }
  | { type: 'done'; sessionId: number; summary: DataSetSummary }
  | { type: 'failed'; sessionId: number; failure: SessionFailure; summary: DataSetSummary | null }
  | { type: 'rows'; callId: number; result: RowsResult }
  | { type: 'rowsFailed'; callId: number; message: string }
  | { type: 'jobDone'; callId: number; result: WorkerJobResult }
  | { type: 'jobFailed'; callId: number; message: string };
