/** Kusto regular expressions are RE2; most translate directly to JavaScript RegExp. */
import { EvaluationError } from './query-scope';

const cache = new Map<string, RegExp>();

export function kustoRegex(pattern: string, flags = ''): RegExp {
  const key = `${flags}/${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = pattern;
  let allFlags = flags;
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1] ?? '') if ('ims'.includes(f) && !allFlags.includes(f)) allFlags += f;
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  let regex: RegExp;
  try {
    regex = new RegExp(source, allFlags);
  } catch (error) {
    throw new EvaluationError(
      `Invalid regular expression '${pattern}': ${(error as Error).message}`,
      null,
    );
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, regex);
  return regex;
}

/** RE2 rewrite strings use \1 for groups; JavaScript uses $1. */
export function translateRewrite(rewrite: string): string {
  return rewrite.replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
}
