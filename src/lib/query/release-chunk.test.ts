import { describe, expect, it } from 'vitest';
import { releaseChunk } from './release-chunk';
import { withTransfer } from './test-support/detachable-chunks';

describe('releaseChunk', () => {
  it('detaches a chunk that owns its whole buffer', () => {
    const chunk = withTransfer(new Uint8Array([1, 2, 3]));
    expect(releaseChunk(chunk)).toBe(true);
    expect(chunk.buffer.byteLength).toBe(0);
    expect(chunk.length).toBe(0);
  });

  it('leaves a view on part of a larger buffer alone', () => {
    const whole = withTransfer(new Uint8Array([1, 2, 3, 4]));
    const part = whole.subarray(1, 3);
    expect(releaseChunk(part)).toBe(false);
    expect(Array.from(whole)).toEqual([1, 2, 3, 4]);
  });

  it('leaves the buffer to the collector where the runtime has no transfer', () => {
    const chunk = new Uint8Array([1, 2, 3]);
    Object.defineProperty(chunk.buffer, 'transfer', { value: undefined });
    expect(releaseChunk(chunk)).toBe(false);
    expect(Array.from(chunk)).toEqual([1, 2, 3]);
  });

  it('leaves a buffer that cannot be detached', () => {
    const chunk = new Uint8Array([1, 2, 3]);
    Object.defineProperty(chunk.buffer, 'transfer', {
      value: () => {
        throw new TypeError(
          'Cannot perform ArrayBuffer.prototype.transfer on a non-detachable buffer',
        );
      },
    });
    expect(releaseChunk(chunk)).toBe(false);
    expect(Array.from(chunk)).toEqual([1, 2, 3]);
  });
});
