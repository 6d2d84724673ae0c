/**
 * "Network cut mid-stream" for tests: the body of one response is cut after a number of bytes,
 * the connection dropped as a failing proxy or a lost Wi-Fi would. It works on the HTTP
 * response only, so it holds whatever produces the body (buffered or streamed).
 */
import type { ServerResponse } from 'node:http';

export function cutResponseAfter(response: ServerResponse, limit: number): void {
  let sent = 0;
  let cut = false;
  const write = response.write.bind(response) as (chunk: Buffer, done?: () => void) => boolean;
  const end = response.end.bind(response) as (done?: () => void) => ServerResponse;

  const pass = (chunk: unknown): void => {
    if (cut || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const bytes =
      typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    const room = limit - sent;
    if (bytes.length < room) {
      sent += bytes.length;
      write(bytes);
      return;
    }
    cut = true;
    sent = limit;
    // Flush what fits, then drop the connection without ending the body.
    write(bytes.subarray(0, room), () => response.socket?.destroy());
  };

  // Node's write/end have several overloads; these replacements take the chunk and ignore the
  // encoding and callback (every caller here writes strings or buffers and awaits 'drain'/'close').
  response.write = ((chunk: unknown) => {
    pass(chunk);
    return true;
  }) as ServerResponse['write'];
  response.end = ((chunk?: unknown) => {
    pass(chunk);
    if (!cut) end();
    return response;
  }) as ServerResponse['end'];
}
