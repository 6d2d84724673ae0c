import { chunkedBody } from './fake-fetch';

/**
 * Gives a chunk's buffer `ArrayBuffer.prototype.transfer` where the test runtime lacks it
 * (Node 20): detaching through a transferring structuredClone, as browsers' transfer does.
 */
export function withTransfer(chunk: Uint8Array): Uint8Array {
  if (typeof (chunk.buffer as { transfer?: unknown }).transfer === 'function') return chunk;
  Object.defineProperty(chunk.buffer, 'transfer', {
    value(this: ArrayBuffer, newByteLength = this.byteLength): ArrayBuffer {
      const kept = this.slice(0, newByteLength);
      structuredClone(this, { transfer: [this] });
      return kept;
    },
  });
  return chunk;
}

/** `chunkedBody`, with chunks that can be detached; `sent` collects them as they go. */
export function detachableBody(
  bytes: Uint8Array,
  size: number,
  sent: Uint8Array[],
): ReadableStream<Uint8Array> {
  return chunkedBody(bytes, size).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent.push(withTransfer(chunk));
        controller.enqueue(chunk);
      },
    }),
  );
}
