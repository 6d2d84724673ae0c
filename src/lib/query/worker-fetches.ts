import type { ParseWorkerResponse, WorkerFetchRequest } from './parse-worker-protocol';
import { ownsWholeBuffer } from '../result-model/owned-buffer';

/**
 * The worker's side of "fetch in the worker": sends a request the page built in full, reports
 * status and headers, and keeps the body here until the page says what to do with it: parse it
 * (`take`, straight into a session, so result bytes never cross the page's thread), read it back
 * (an error answer, a few KB), or drop it. Why: a response stream transferred from the page is
 * still read on the page's thread in Chromium, which showed as 50-380 ms native tasks per load.
 */

interface PendingFetch {
  controller: AbortController;
  /** The response whose body nobody has claimed yet. */
  response: Response | null;
}

function errorParts(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

export class WorkerFetches {
  private readonly pending = new Map<number, PendingFetch>();

  constructor(
    private readonly post: (message: ParseWorkerResponse, transfer?: Transferable[]) => void,
    private readonly fetchImpl: typeof fetch,
  ) {}

  start(fetchId: number, request: WorkerFetchRequest): void {
    const controller = new AbortController();
    const entry: PendingFetch = { controller, response: null };
    this.pending.set(fetchId, entry);
    // Only the fields the page decided; nothing here adds to or changes the request.
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: controller.signal,
      redirect: request.redirect,
      credentials: request.credentials,
      cache: request.cache,
      ...(request.body === null ? {} : { body: request.body }),
    };
    this.fetchImpl(request.url, init).then(
      (response) => {
        if (!this.pending.has(fetchId)) {
          response.body?.cancel().catch(() => undefined);
          return;
        }
        entry.response = response;
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => headers.push([name, value]));
        this.post({
          type: 'fetched',
          fetchId,
          status: response.status,
          statusText: response.statusText,
          responseType: response.type,
          headers,
        });
      },
      (error: unknown) => {
        this.pending.delete(fetchId);
        this.post({ type: 'fetchFailed', fetchId, ...errorParts(error) });
      },
    );
  }

  abort(fetchId: number): void {
    const entry = this.pending.get(fetchId);
    if (!entry) return;
    this.pending.delete(fetchId);
    entry.controller.abort();
  }

  /**
   * The body for a parse session, or null when there is none (unknown id, no body, claimed).
   * The entry stays until `forget`, so an abort from the page still reaches the fetch.
   */
  take(fetchId: number): ReadableStream<Uint8Array> | null {
    const entry = this.pending.get(fetchId);
    const body = entry?.response?.body ?? null;
    if (entry) entry.response = null;
    return body;
  }

  forget(fetchId: number): void {
    this.pending.delete(fetchId);
  }

  cancel(fetchId: number): void {
    const entry = this.pending.get(fetchId);
    this.pending.delete(fetchId);
    entry?.response?.body?.cancel().catch(() => undefined);
  }

  /** Streams the body back to the page (error answers; the page caps what it reads). */
  async read(fetchId: number): Promise<void> {
    const body = this.take(fetchId);
    if (!body) {
      this.forget(fetchId);
      this.post({ type: 'fetchEnd', fetchId });
      return;
    }
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (!this.pending.has(fetchId)) {
          reader.cancel().catch(() => undefined);
          return;
        }
        if (done) break;
        const chunk = ownsWholeBuffer(value) ? value : value.slice();
        this.post({ type: 'fetchChunk', fetchId, chunk }, [chunk.buffer as ArrayBuffer]);
      }
      this.post({ type: 'fetchEnd', fetchId });
    } catch (error) {
      this.post({ type: 'fetchError', fetchId, ...errorParts(error) });
    } finally {
      this.forget(fetchId);
    }
  }
}
