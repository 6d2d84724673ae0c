import {
  promqlAggregations,
  promqlCompletionContext,
  promqlFunctions,
  promqlKeywords,
} from '../../../lib/prometheus';
import type { PromqlCompletionSource } from '../promql-completion-source';
import { monaco } from './monaco-setup';

/**
 * The `promql` language in Monaco: colouring (Monarch, from PromQL's word lists), brackets and
 * comments, and completion whose context (metric, label name, label value) is read from the
 * Prometheus grammar's tree at the cursor, with names from the connection's endpoint.
 */

export const PROMQL_LANGUAGE = 'promql';

/** Completion sources by model URI: each editor registers its own connection's. */
const sources = new Map<string, PromqlCompletionSource>();

export function setPromqlCompletionSource(
  model: monaco.editor.ITextModel,
  source: PromqlCompletionSource | null,
): void {
  if (source) sources.set(model.uri.toString(), source);
  else sources.delete(model.uri.toString());
}

let registered = false;

/** Registers the language once per page. */
export function registerPromqlLanguage(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: PROMQL_LANGUAGE, aliases: ['PromQL'] });
  monaco.languages.setLanguageConfiguration(PROMQL_LANGUAGE, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '"', close: '"', notIn: ['string'] },
    ],
    wordPattern: /[A-Za-z_:][A-Za-z0-9_:]*/,
  });
  monaco.languages.setMonarchTokensProvider(PROMQL_LANGUAGE, {
    aggregations: [...promqlAggregations],
    functions: [...promqlFunctions],
    keywords: [...promqlKeywords, 'atan2', 'start', 'end'],
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/`[^`]*`/, 'string'],
        [/\d+(\.\d+)?(ms|[smhdwy])(\d+(ms|[smhdwy]))*/, 'number'],
        [/(0x[0-9a-fA-F]+|\d*\.?\d+([eE][+-]?\d+)?|Inf|NaN)\b/, 'number'],
        [
          /[A-Za-z_:][A-Za-z0-9_:]*(?=\s*\()/,
          {
            cases: {
              '@aggregations': 'keyword',
              '@functions': 'function',
              '@keywords': 'keyword',
              '@default': 'variable',
            },
          },
        ],
        [
          /[A-Za-z_:][A-Za-z0-9_:]*/,
          {
            cases: {
              '@aggregations': 'keyword',
              '@keywords': 'keyword',
              '@default': 'identifier',
            },
          },
        ],
        [/=~|!~|!=|==|>=|<=|[-+*/%^=<>]/, 'operator.sql'],
        [/[{}()[\]]/, '@brackets'],
      ],
    },
  } as monaco.languages.IMonarchLanguage);

  monaco.languages.registerCompletionItemProvider(PROMQL_LANGUAGE, {
    triggerCharacters: ['{', ',', '"', '(', '='],
    provideCompletionItems: async (model, position) => {
      const source = sources.get(model.uri.toString());
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const context = promqlCompletionContext(text, offset);
      if (context.kind === 'none') return { suggestions: [] };
      const start = model.getPositionAt(context.from);
      const range = new monaco.Range(
        start.lineNumber,
        start.column,
        position.lineNumber,
        position.column,
      );
      const Kind = monaco.languages.CompletionItemKind;
      const item = (
        label: string,
        kind: monaco.languages.CompletionItemKind,
        detail: string,
        sortPrefix: string,
        insertText = label,
      ): monaco.languages.CompletionItem => ({
        label,
        kind,
        detail,
        insertText,
        range,
        sortText: `${sortPrefix}${label}`,
      });
      try {
        if (context.kind === 'label-value') {
          const values = source ? await source.labelValues(context.label, context.metric) : [];
          // Inside the quotes: insert the value escaped as a PromQL string's contents.
          return {
            suggestions: values.map((value) =>
              item(
                value,
                Kind.Value,
                `${context.label} value`,
                '0',
                JSON.stringify(value).slice(1, -1),
              ),
            ),
          };
        }
        if (context.kind === 'label-name') {
          const names = source ? await source.labelNames(context.metric) : [];
          return {
            suggestions: names
              .filter((name) => name !== '__name__')
              .map((name) =>
                item(
                  name,
                  Kind.Field,
                  context.metric ? `label of ${context.metric}` : 'label',
                  '0',
                ),
              ),
          };
        }
        const metrics = source ? await source.metricNames() : [];
        return {
          suggestions: [
            ...metrics.map((name) => item(name, Kind.Variable, 'metric', '0')),
            ...promqlAggregations.map((name) => item(name, Kind.Operator, 'aggregation', '1')),
            ...promqlFunctions.map((name) => item(name, Kind.Function, 'function', '2')),
            ...promqlKeywords.map((name) => item(name, Kind.Keyword, 'keyword', '3')),
          ],
        };
      } catch {
        // The endpoint did not answer: complete the language's own words; the run shows why.
        return context.kind === 'expression'
          ? {
              suggestions: [
                ...promqlAggregations.map((name) => item(name, Kind.Operator, 'aggregation', '1')),
                ...promqlFunctions.map((name) => item(name, Kind.Function, 'function', '2')),
              ],
            }
          : { suggestions: [] };
      }
    },
  });
}
