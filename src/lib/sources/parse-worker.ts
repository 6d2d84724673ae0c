/**
 * The parse worker: a thin wrapper around ParseWorkerCore with every source's parsers. Started by
 * result-engine.ts with
 * `new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' })`.
 * It fetches the query response itself from a request the page built in full (trusted host
 * checked, token in the headers) so result bytes never cross the page's thread; it never posts
 * the token back or logs it. Its fetch is bound by the CSP of this script's own response (see
 * README, "Content Security Policy"), not by the page's meta tag.
 */
import { ParseWorkerCore } from '../query/parse-worker-core';
import type { ParseWorkerRequest, ParseWorkerResponse } from '../query/parse-worker-protocol';
import { resultParsers } from './result-parsers';

// The app tsconfig types `self` as a Window; a dedicated worker scope has this shape.
interface WorkerScope {
  postMessage(message: ParseWorkerResponse, transfer?: Transferable[]): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<ParseWorkerRequest>) => void,
  ): void;
}

const scope = self as unknown as WorkerScope;
const core = new ParseWorkerCore(
  (message, transfer) => scope.postMessage(message, transfer ?? []),
  resultParsers,
);
scope.addEventListener('message', (event) => core.handle(event.data));
