import { movableBuffer } from '../result-model/owned-buffer';

/**
 * Frees a response chunk's memory as soon as the parser has copied what it needs, instead of
 * at V8's next collection. V8 counts these buffers as external memory and collects them late:
 * a 59,066-row result (34 MiB) still held every one of its chunks when it completed.
 * Detaching with `transfer(0)` drops the backing store now. A chunk that is a view on part of a
 * larger buffer is left alone (the rest of the buffer may be someone else's), as is a buffer
 * that cannot be detached, or a runtime without `transfer`: the collector frees those later.
 */
export function releaseChunk(chunk: Uint8Array): boolean {
  const buffer = movableBuffer(chunk);
  if (!buffer) return false;
  try {
    buffer.transfer(0);
    return true;
  } catch {
    return false; // not detachable (e.g. a WebAssembly memory's buffer)
  }
}
