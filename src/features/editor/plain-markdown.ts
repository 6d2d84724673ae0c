/**
 * Monaco shows hovers and completion documentation as Markdown (monaco-kusto even marks its
 * completion docs trusted). Text from a server — error messages, schema docstrings written by
 * whoever owns the database — is escaped so it shows as the plain text it is: no links, no
 * images fetched from elsewhere, no command links, no layout.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~:&]/g, '\\$&');
}

const MAX_DEPTH = 12;

/**
 * A `.show database schema as json` value with every `DocString` escaped, for the language
 * worker (which puts docstrings into hover and completion Markdown).
 */
export function withPlainDocStrings(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withPlainDocStrings(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      key === 'DocString' && typeof item === 'string'
        ? escapeMarkdown(item)
        : withPlainDocStrings(item, depth + 1),
    ]),
  );
}
