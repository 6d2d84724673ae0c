import { base64UrlToGunzip, DecodeError } from './gzip-base64url';

/**
 * The `query` of a deep link, as the ADX deep-link doc defines it: either "standard HTTP query
 * parameter encoding" of the text, or base64(gzip(text)) — standard base64 with its literal `+`,
 * percent-encoded or not, or base64url.
 *
 * The value must be read from the RAW query string: URLSearchParams (and every
 * application/x-www-form-urlencoded reader) turns the `+` of standard base64 into a space.
 */

export type LinkQueryError = DecodeError['reason'] | 'bad-encoding';

export class LinkQueryDecodeError extends Error {
  constructor(
    readonly reason: LinkQueryError,
    message: string,
  ) {
    super(message);
    this.name = 'LinkQueryDecodeError';
  }
}

/**
 * The raw, still percent-encoded value of a query-string parameter (name compared
 * case-insensitively, as ADX does), or null. `search` may start with `?`.
 */
export function rawQueryParam(search: string, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    if (formDecode(key)?.toLowerCase() === wanted)
      return equals === -1 ? '' : pair.slice(equals + 1);
  }
  return null;
}

/** application/x-www-form-urlencoded decoding of one value (`+` is a space); null if malformed. */
export function formDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Every gzip stream starts 1F 8B 08, which base64 writes as "H4sI". */
const GZIP_BASE64 = /^H4sI[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes a raw `query` value to the query text; throws LinkQueryDecodeError. */
export async function decodeLinkQuery(raw: string, maxBytes: number): Promise<string> {
  let value: string;
  try {
    // Percent-decoding only: a `+` stays a `+` here.
    value = decodeURIComponent(raw).trim();
  } catch {
    throw new LinkQueryDecodeError(
      'bad-encoding',
      'The query in the link has a broken %-escape (a % not followed by two hex digits).',
    );
  }
  // A link that went through a form decoder on its way here has spaces for its `+`: put them back.
  const candidate = value.replace(/ /g, '+');
  if (candidate.startsWith('H4sI')) {
    if (!GZIP_BASE64.test(candidate)) {
      throw new LinkQueryDecodeError('bad-base64', 'The query in the link is not valid base64.');
    }
    try {
      return await base64UrlToGunzip(candidate, maxBytes);
    } catch (error) {
      if (error instanceof DecodeError) throw new LinkQueryDecodeError(error.reason, error.message);
      throw error;
    }
  }
  // Plain text in standard query-string encoding (`+` or %20 for a space).
  const text = formDecode(raw);
  if (text === null) {
    throw new LinkQueryDecodeError('bad-encoding', 'The query in the link is not valid text.');
  }
  if (new TextEncoder().encode(text).byteLength > maxBytes) {
    throw new LinkQueryDecodeError('too-long', 'The shared query is too long to open.');
  }
  return text;
}
