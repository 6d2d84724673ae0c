import { describe, expect, it } from 'vitest';
import { BODY_BUFFER_BYTES, readBody } from './body-reader';
import { detachableBody } from './test-support/detachable-chunks';
import { byteStreamBody } from './test-support/fake-fetch';

// A body's bytes: not all alike, so a chunk read into the wrong place shows.
const bytes = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7) % 251);

/** Reads a body to the end as the parse worker does (use, then recycle); the bytes read. */
async function drain(reader: ReturnType<typeof readBody>) {
  const parts: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(...value);
    reader.recycle(value);
  }
  return Uint8Array.from(parts);
}

describe('readBody', () => {
  it('reads a byte stream into one buffer, reused for every chunk', async () => {
    const served = { intoReaderBuffer: 0, enqueued: 0 };
    let allocated = 0;
    const reader = readBody(byteStreamBody(bytes, 700, served), (n) => {
      allocated++;
      return new ArrayBuffer(n);
    });
    expect(await drain(reader)).toEqual(bytes);
    expect(served.intoReaderBuffer).toBeGreaterThan(10); // 700-byte pieces
    expect(served.enqueued).toBe(0);
    expect(allocated).toBe(1);
  });

  it('allocates again when a chunk was not given back', async () => {
    let allocated = 0;
    const reader = readBody(byteStreamBody(bytes, bytes.length), (n) => {
      allocated++;
      return new ArrayBuffer(n);
    });
    const first = await reader.read();
    expect(first.value?.buffer.byteLength).toBe(BODY_BUFFER_BYTES);
    await reader.read(); // the end: the first chunk was kept, not recycled
    expect(allocated).toBe(2);
  });

  it('reads other streams as they come and frees each chunk once used', async () => {
    const sent: Uint8Array[] = [];
    expect(await drain(readBody(detachableBody(bytes, 700, sent)))).toEqual(bytes);
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.every((chunk) => chunk.buffer.byteLength === 0)).toBe(true); // detached
  });
});
