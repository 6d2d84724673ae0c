/**
 * A buffer can be moved (transferred to a worker, or detached to give its memory back at once)
 * only through a view that spans all of it: other views may share the rest.
 */

/** Whether `view` spans its whole buffer. */
export function ownsWholeBuffer(view: ArrayBufferView): boolean {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
}

/** ES2024 `ArrayBuffer.prototype.transfer` (Chromium 114, Firefox 122, Safari 17.4); the lib is ES2023. */
type MovableBuffer = ArrayBuffer & { transfer(newByteLength?: number): ArrayBuffer };

/** `view`'s buffer when the view owns it whole and the runtime has `transfer`; else null. */
export function movableBuffer(view: ArrayBufferView): MovableBuffer | null {
  const buffer = view.buffer as ArrayBuffer & { transfer?: unknown };
  return typeof buffer.transfer === 'function' && ownsWholeBuffer(view)
    ? (buffer as MovableBuffer)
    : null;
}
