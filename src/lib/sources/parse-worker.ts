/**
 * The parse worker: a thin wrapper around ParseWorkerCore with every source's parsers. Started by
 * result-engine.ts with
 * `new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' })`.
 * It never sees a token: the page fetches and transfers the response body stream here.
 */
import { ParseWorkerCore } from '../query/parse-worker-core';
import type { ParseWorkerRequest, ParseWorkerResponse } from '../query/parse-worker-protocol';
import { resultParsers } from './result-parsers';

// The app tsconfig types `self` as a Window; a dedicated worker scope has this shape.
interface WorkerScope {
  postMessage(message: ParseWorkerResponse): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<ParseWorkerRequest>) => void,
  ): void;
}

const scope = self as unknown as WorkerScope;
const core = new ParseWorkerCore((message) => scope.postMessage(message), resultParsers);
scope.addEventListener('message', (event) => core.handle(event.data));
