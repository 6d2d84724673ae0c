/**
 * base64(gzip(UTF-8 text)) and back, the way ADX deep links carry a query. Encoding writes
 * standard base64 (as ADX does); decoding accepts standard base64 and base64url, with or
 * without padding.
 */

export class DecodeError extends Error {
  constructor(
    readonly reason: 'bad-base64' | 'not-gzip' | 'too-long' | 'not-utf8',
    message: string,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** base64(gzip(UTF-8 text)) in standard base64 (`+`, `/`, padded), as ADX writes links. */
export async function gzipToBase64(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return bytesToBase64(bytes);
}

/** Inflates at most `maxBytes` bytes of text; more is refused (a gzip bomb stops early). */
export async function base64UrlToGunzip(encoded: string, maxBytes: number): Promise<string> {
  const bytes = base64ToBytes(encoded);
  const reader = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel();
        throw new DecodeError('too-long', 'The shared query is too long to open.');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    throw new DecodeError('not-gzip', 'The query in the link is not gzip-compressed data.');
  }
  // Decoded separately so that bad gzip and bad UTF-8 are told apart whatever the browser's
  // error messages say.
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return (
      chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()
    );
  } catch {
    throw new DecodeError('not-utf8', 'The shared query is not valid UTF-8 text.');
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

function base64ToBytes(encoded: string): Uint8Array<ArrayBuffer> {
  const standard = encoded.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard) || standard.replace(/=+$/, '').length % 4 === 1) {
    throw new DecodeError('bad-base64', 'The query in the link is not valid base64.');
  }
  const bare = standard.replace(/=+$/, '');
  const padded = bare.padEnd(Math.ceil(bare.length / 4) * 4, '=');
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    throw new DecodeError('bad-base64', 'The query in the link is not valid base64.');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
