import type { DataSetSummary } from '../result-model';
import type { ResponseFormat, RowsRequest, RowsResult } from './query-result-session';
import type { WorkerJob, WorkerJobResult } from './worker-jobs';
import type { KeepOutcome, KeptResultInfo } from './result-store';

/** This tab's kept results (Recall), or why they cannot be listed. */
export type KeptList = { ok: true; kept: KeptResultInfo[] } | { ok: false; message: string };

/**
 * A request the page built in full (URL checked against the trusted hosts, token, headers, body):
 * the worker only sends it. Plain data, structured-cloned; the token travels only inside
 * `headers` and the worker never posts it back or logs it.
 */
export interface WorkerFetchRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: [string, string][];
  body: string | null;
  redirect: RequestRedirect;
  credentials: RequestCredentials;
  cache: RequestCache;
}

/** Messages from the page to the parse worker. */
export type ParseWorkerRequest =
  /**
   * Start a session. `body` is the response stream (transferred); `fetchId` names a response the
   * worker fetched itself (its body goes straight into the parser); neither when chunks follow.
   */
  | {
      type: 'open';
      sessionId: number;
      format: ResponseFormat;
      body: ReadableStream<Uint8Array> | null;
      fetchId?: number;
    }
  /** Send this request from the worker; the answer is `fetched` or `fetchFailed`. */
  | { type: 'fetch'; fetchId: number; request: WorkerFetchRequest }
  /** The page's signal aborted: abort the fetch (also a body being parsed). */
  | { type: 'abortFetch'; fetchId: number }
  /** The page reads the body itself (an error answer): stream it back as `fetchChunk`s. */
  | { type: 'readFetched'; fetchId: number }
  /** The page does not want the body (retry, redirect, no body): drop it. */
  | { type: 'cancelFetched'; fetchId: number }
  | { type: 'chunk'; sessionId: number; chunk: Uint8Array }
  | { type: 'end'; sessionId: number }
  /** The page could not read the body (fallback mode): the stream failed or was aborted. */
  | { type: 'fail'; sessionId: number; message: string }
  | { type: 'getRows'; sessionId: number; callId: number; request: RowsRequest }
  /** Whole-result work (pivot, Excel file): see worker-jobs.ts. */
  | { type: 'job'; sessionId: number; callId: number; job: WorkerJob }
  | { type: 'dispose'; sessionId: number }
  /** Keep the session's (finished) result in the workspace's result store. */
  | {
      type: 'keep';
      sessionId: number;
      callId: number;
      workspace: string;
      info: Omit<KeptResultInfo, 'bytes'>;
    }
  /** Start a session from a kept result instead of a body (no request is sent). */
  | { type: 'restore'; sessionId: number; workspace: string; id: string }
  | { type: 'listKept'; callId: number; workspace: string; tabId: string };

/** Why a session ended without a complete result. */
export type SessionFailure =
  /** Reading the body failed (network drop, abort), or a kept result could not be restored. */
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
  | { type: 'jobFailed'; callId: number; message: string }
  | { type: 'keepDone'; callId: number; outcome: KeepOutcome }
  | { type: 'keptList'; callId: number; list: KeptList }
  /** A fetched response's status and headers; the body waits in the worker. */
  | {
      type: 'fetched';
      fetchId: number;
      status: number;
      statusText: string;
      responseType: ResponseType;
      headers: [string, string][];
    }
  /** The fetch itself failed (network, CSP, abort): the error's name and message. */
  | { type: 'fetchFailed'; fetchId: number; name: string; message: string }
  | { type: 'fetchChunk'; fetchId: number; chunk: Uint8Array }
  | { type: 'fetchEnd'; fetchId: number }
  | { type: 'fetchError'; fetchId: number; name: string; message: string };
