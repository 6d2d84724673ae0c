import { releaseChunk } from './release-chunk';

/** The buffer a byte stream is read into: about the parser's batch (parse-v2-frames.ts). */
export const BODY_BUFFER_BYTES = 1024 * 1024;

/**
 * Reads a response body chunk by chunk for the parser. When the body is a readable byte stream
 * (a fetch body in current browsers), every read fills the same buffer (a BYOB reader): the
 * stream copies the network's bytes into it, so a download of hundreds of megabytes allocates
 * one buffer instead of one per chunk, and leaves no freed chunks in the allocator afterwards.
 * Other streams (a stream transferred from the page, a test's) are read as they come, and each
 * chunk's memory is freed once used (releaseChunk).
 *
 * After `read()`, the caller uses the chunk, then calls `recycle(chunk)` before the next read:
 * the chunk's memory is then reused or freed, so nothing may keep a view on it.
 */
export interface BodyReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  recycle(chunk: Uint8Array): void;
  cancel(): Promise<void>;
}

export function readBody(
  body: ReadableStream<Uint8Array>,
  // Injectable for tests, which count the buffers a read of a whole body allocates.
  allocate: (bytes: number) => ArrayBuffer = (bytes) => new ArrayBuffer(bytes),
): BodyReader {
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: a default reader below.
  }
  if (!byob) {
    const reader = body.getReader();
    return {
      read: () => reader.read(),
      recycle: (chunk) => void releaseChunk(chunk),
      cancel: () => reader.cancel(),
    };
  }
  const reader = byob;
  let spare: ArrayBuffer | null = null;
  return {
    read: () => {
      const buffer = spare ?? allocate(BODY_BUFFER_BYTES);
      spare = null;
      return reader.read(new Uint8Array(buffer, 0, buffer.byteLength));
    },
    recycle: (chunk) => {
      // The read moved the buffer into this chunk's (its own ArrayBuffer object, same memory).
      if (chunk.buffer.byteLength === BODY_BUFFER_BYTES) spare = chunk.buffer as ArrayBuffer;
    },
    cancel: () => reader.cancel(),
  };
}
