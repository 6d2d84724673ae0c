/**
 * JSON.parse rounds integers beyond 2^53 (Kusto longs up to 9223372036854775807 arrive as bare
 * numbers). Scanners note where a number's integer part reaches 16 digits; before parsing, those
 * numbers are rewritten as strings "\u0000<digits>" (EXACT_NUMBER_MARK), which the column writers
 * turn into exact values. Numbers below 16 integer digits are always safe and stay untouched.
 */

export const LONG_DIGIT_RUN = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;

function isNumberByte(c: number): boolean {
  // digits . - + e E
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === MINUS || c === 0x2b || c === 0x65 || c === 0x45
  );
}

/** Start offset of the number whose integer digit at `digitAt` completed a long run. */
export function numberStartBefore(bytes: Uint8Array, digitAt: number): number {
  let j = digitAt;
  while (j > 0) {
    const prev = bytes[j - 1] as number;
    if (prev < 0x30 || prev > 0x39) break;
    j--;
  }
  if (j > 0 && bytes[j - 1] === MINUS) j--;
  return j;
}

/** Starts of numbers with ≥ 16 integer digits in `bytes[start, end)`, strings skipped. */
export function findLongNumberStarts(bytes: Uint8Array, start = 0, end = bytes.length): number[] {
  const starts: number[] = [];
  let run = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      // Skip the string: find the closing quote not preceded by an odd run of backslashes.
      let q = i;
      for (;;) {
        q = bytes.indexOf(QUOTE, q + 1);
        if (q < 0 || q >= end) return starts;
        let k = q - 1;
        while (bytes[k] === BACKSLASH) k--;
        if ((q - 1 - k) % 2 === 0) break;
      }
      i = q;
      run = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (++run === LONG_DIGIT_RUN) starts.push(numberStartBefore(bytes, i));
    } else {
      run = c === 0x2e || c === 0x65 || c === 0x45 ? -Infinity : 0;
    }
  }
  return starts;
}

/**
 * Decodes `bytes[start, end)` as UTF-8, turning each number that begins at one of `numberStarts`
 * (ascending, inside the range) into the string "\u0000<number text>".
 */
export function decodeWithExactNumbers(
  decoder: TextDecoder,
  bytes: Uint8Array,
  start: number,
  end: number,
  numberStarts: readonly number[],
): string {
  if (numberStarts.length === 0) return decoder.decode(bytes.subarray(start, end));
  const parts: string[] = [];
  let from = start;
  for (const at of numberStarts) {
    if (at < from || at >= end) continue;
    let stop = at;
    while (stop < end && isNumberByte(bytes[stop] as number)) stop++;
    parts.push(decoder.decode(bytes.subarray(from, at)));
    // Number bytes are ASCII: one char per byte.
    parts.push('"\\u0000', String.fromCharCode(...bytes.subarray(at, stop)), '"');
    from = stop;
  }
  parts.push(decoder.decode(bytes.subarray(from, end)));
  return parts.join('');
}
