/**
 * Kusto's string operators. `has` matches whole terms: maximal runs of alphanumeric characters
 * (https://learn.microsoft.com/kusto/query/datatypes-string-operators). The *_cs variants are
 * case-sensitive; the others compare case-insensitively.
 */

const ALNUM = /[\p{L}\p{N}]/u;

function isTermChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const code = ch.charCodeAt(0);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  return ALNUM.test(ch);
}

type Boundary = 'both' | 'start' | 'end';

function termMatch(haystack: string, needle: string, boundary: Boundary): boolean {
  if (needle.length === 0) return true;
  const needStart = boundary !== 'end' && isTermChar(needle[0]);
  const needEnd = boundary !== 'start' && isTermChar(needle[needle.length - 1]);
  let index = haystack.indexOf(needle);
  while (index >= 0) {
    const startOk = !needStart || index === 0 || !isTermChar(haystack[index - 1]);
    const endIndex = index + needle.length;
    const endOk = !needEnd || endIndex === haystack.length || !isTermChar(haystack[endIndex]);
    if (startOk && endOk) return true;
    index = haystack.indexOf(needle, index + 1);
  }
  return false;
}

export type StringPredicate = (haystack: string, needle: string) => boolean;

const lower = (s: string): string => s.toLowerCase();

/** Predicates by operator text (without a leading '!': negation is applied by the caller). */
export const stringPredicates: Record<string, StringPredicate> = {
  has: (h, n) => termMatch(lower(h), lower(n), 'both'),
  has_cs: (h, n) => termMatch(h, n, 'both'),
  hasprefix: (h, n) => termMatch(lower(h), lower(n), 'start'),
  hasprefix_cs: (h, n) => termMatch(h, n, 'start'),
  hassuffix: (h, n) => termMatch(lower(h), lower(n), 'end'),
  hassuffix_cs: (h, n) => termMatch(h, n, 'end'),
  contains: (h, n) => lower(h).includes(lower(n)),
  contains_cs: (h, n) => h.includes(n),
  startswith: (h, n) => lower(h).startsWith(lower(n)),
  startswith_cs: (h, n) => h.startsWith(n),
  endswith: (h, n) => lower(h).endsWith(lower(n)),
  endswith_cs: (h, n) => h.endsWith(n),
  '=~': (h, n) => lower(h) === lower(n),
};

export function hasTerm(haystack: string, needle: string, caseSensitive: boolean): boolean {
  return caseSensitive
    ? termMatch(haystack, needle, 'both')
    : termMatch(lower(haystack), lower(needle), 'both');
}
