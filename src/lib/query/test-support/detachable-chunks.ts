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

/** A body in `size`-byte chunks that can be detached; `sent` collects them as they go. */
export function detachableBody(
  bytes: Uint8Array,
  size: number,
  sent: Uint8Array[],
): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const chunk = withTransfer(bytes.slice(at, at + size));
      sent.push(chunk);
      controller.enqueue(chunk);
      at += size;
    },
  });
}
