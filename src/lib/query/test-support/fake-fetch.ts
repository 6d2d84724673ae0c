/** A scripted `fetch` for client tests: records each call and answers from a queue. */

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | null;
  redirect: RequestRedirect | undefined;
  credentials: RequestCredentials | undefined;
}

export type Answer = Response | Error | ((call: RecordedCall) => Response | Promise<Response>);

/** JSON bodies are parsed; form bodies (Prometheus) stay text. */
function jsonOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export function fakeFetch(answers: Answer[]): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const queue = [...answers];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? jsonOrText(init.body) : null,
      signal: init?.signal ?? null,
      redirect: init?.redirect,
      credentials: init?.credentials,
    };
    calls.push(call);
    const answer = queue.shift();
    if (answer === undefined) throw new Error(`Unexpected fetch #${calls.length} to ${call.url}`);
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(call);
    return answer;
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/** A body that delivers `bytes` in chunks of `size`, then ends (or errors with `failWith`). */
export function chunkedBody(
  bytes: Uint8Array,
  size: number,
  failWith?: Error,
  failAfter?: number,
): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failWith && at >= (failAfter ?? bytes.length)) {
        controller.error(failWith);
        return;
      }
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** A body that sends `first` and then waits until the request's signal aborts. */
export function stallingBody(
  first: Uint8Array,
  signal: AbortSignal | null,
): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(first);
        return;
      }
      return new Promise<void>((resolve) => {
        const stop = () => {
          controller.error(new DOMException('The operation was aborted.', 'AbortError'));
          resolve();
        };
        if (signal?.aborted) stop();
        else signal?.addEventListener('abort', stop, { once: true });
      });
    },
  });
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function textResponse(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain', ...headers } });
}

export function streamResponse(
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * A body as a readable byte stream, like a fetch body in current browsers: a reader's own buffer
 * (BYOB) is filled with up to `size` bytes per pull; a default reader gets copies. `served`
 * counts the pulls answered into a reader's buffer and the chunks enqueued instead.
 */
export function byteStreamBody(
  bytes: Uint8Array,
  size: number,
  served = { intoReaderBuffer: 0, enqueued: 0 },
): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const request = controller.byobRequest;
      if (at >= bytes.length) {
        controller.close();
        request?.respond(0);
        return;
      }
      const view = request?.view;
      if (request && view) {
        const n = Math.min(size, bytes.length - at, view.byteLength);
        new Uint8Array(view.buffer, view.byteOffset, n).set(bytes.subarray(at, at + n));
        at += n;
        request.respond(n);
        served.intoReaderBuffer++;
      } else {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
        served.enqueued++;
      }
    },
  });
}
