import {
  PortResultEngine,
  createInProcessResultEngine as createEngineWithParsers,
  type EnginePort,
  type ResultEngine,
} from '../query/query-worker-client';
import type { ParseWorkerCoreOptions } from '../query/parse-worker-core';
import { resultParsers } from './result-parsers';

/** Parses in a Web Worker (the browser default). */
export function createWorkerResultEngine(): ResultEngine {
  const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), {
    type: 'module',
    name: 'quarry-parse',
  });
  // The worker fetches query responses itself (see query-worker-client.ts).
  return new PortResultEngine(worker as unknown as EnginePort, {
    transferStreams: true,
    workerFetch: true,
  });
}

/** Parses on the calling thread with every source's parsers (Node, tests, no workers). */
export function createInProcessResultEngine(
  options?: ParseWorkerCoreOptions,
  engineOptions?: { workerFetch?: boolean },
): ResultEngine {
  return createEngineWithParsers(resultParsers, options, engineOptions);
}

let sharedEngine: ResultEngine | null = null;

/** One engine for the page: a worker where available, else in-process. */
export function defaultResultEngine(): ResultEngine {
  sharedEngine ??=
    typeof Worker === 'undefined' ? createInProcessResultEngine() : createWorkerResultEngine();
  return sharedEngine;
}
