/**
 * Bytes of plain ASCII as a string made by the JS engine itself, or null when there is a byte
 * ≥ 0x80 (then use a TextDecoder).
 *
 * Why not TextDecoder for the row batches: in Chromium its result is a string owned by Blink
 * (PartitionAlloc's buffer partition) that V8 only points to. Those batch strings are dropped
 * right after JSON.parse, but their memory waited for V8 to collect the small objects pointing
 * to it: at completion of a 1,004,122-row load, 0.48–0.53× of the payload was still held there
 * (memory-infra `partition_alloc/partitions/buffer`, 4 of 5 runs; 0.00× in every run with this).
 */

/** Char codes per fromCharCode call: big enough to amortize the call, small enough for apply. */
const PIECE = 16 * 1024;

export function asciiString(bytes: Uint8Array, start: number, end: number): string | null {
  if (!isAscii(bytes, start, end)) return null;
  if (end - start <= PIECE) return piece(bytes, start, end);
  const pieces: string[] = [];
  for (let at = start; at < end; at += PIECE)
    pieces.push(piece(bytes, at, Math.min(end, at + PIECE)));
  return pieces.join('');
}

function piece(bytes: Uint8Array, start: number, end: number): string {
  // A Uint8Array is an array-like of char codes; apply's type wants number[].
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

/** No byte ≥ 0x80 in bytes[start, end); four at a time where they are aligned. */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  const firstAligned = ((bytes.byteOffset + i + 3) & ~3) - bytes.byteOffset;
  const head = Math.min(end, firstAligned);
  for (; i < head; i++) if ((bytes[i] as number) & 0x80) return false;
  const words = (end - i) >> 2;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let w = 0; w < words; w++) if ((view[w] as number) & 0x80808080) return false;
    i += words * 4;
  }
  for (; i < end; i++) if ((bytes[i] as number) & 0x80) return false;
  return true;
}
