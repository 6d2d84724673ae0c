import { describe, expect, it } from 'vitest';
import { asciiString, isAscii } from './ascii-string';

const decoder = new TextDecoder();

function ascii(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = 0x20 + ((i * 31 + seed) % 95);
  return bytes;
}

describe('asciiString', () => {
  it('equals TextDecoder for ASCII at every alignment and length, across piece boundaries', () => {
    const bytes = ascii(70_000, 7);
    for (const [start, end] of [
      [0, 0],
      [0, 1],
      [1, 4],
      [3, 11],
      [5, 16_389],
      [2, 40_000],
      [0, 70_000],
    ] as const) {
      expect(asciiString(bytes, start, end)).toBe(decoder.decode(bytes.subarray(start, end)));
    }
  });

  it('works on a view that starts inside its buffer', () => {
    const whole = ascii(1_000, 3);
    const view = whole.subarray(3, 998);
    expect(asciiString(view, 1, 990)).toBe(decoder.decode(view.subarray(1, 990)));
  });

  it('returns null when a byte is not ASCII, wherever it is, so UTF-8 is never read as Latin-1', () => {
    const text = new TextEncoder().encode('{"State":"TEXAS","Note":"café"}');
    expect(asciiString(text, 0, text.length)).toBeNull();
    const bytes = ascii(100, 1);
    for (const at of [0, 1, 2, 3, 4, 50, 97, 98, 99]) {
      const copy = bytes.slice();
      copy[at] = 0xc3;
      expect(isAscii(copy, 0, copy.length)).toBe(false);
      expect(isAscii(copy, 0, at)).toBe(true);
      expect(isAscii(copy, at + 1, copy.length)).toBe(true);
    }
  });
});
