import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';

/**
 * PromQL read with the Prometheus project's own grammar (`@prometheus-io/lezer-promql`, the
 * parser behind Prometheus's web UI): syntax errors with their position for editor markers, and
 * where the cursor stands for completion. No hand-written grammar here: only the words shown.
 */

export interface PromqlDiagnostic {
  /** Offsets in the text (`to` > `from`: an empty error is widened to one character). */
  from: number;
  to: number;
  /** 1-based, for editors and messages. */
  line: number;
  column: number;
  message: string;
}

/** What the grammar expected, by the node the parser was inside when it stopped. */
const EXPECTED: Record<string, string> = {
  AggregateModifier: 'by/without needs its labels in parentheses, e.g. by (job)',
  GroupingLabels: 'a label name or ")" is missing',
  LabelMatchers: 'a label matcher (label="value") or "}" is missing',
  UnquotedLabelMatcher: 'a matcher needs an operator (=, !=, =~, !~) and a quoted value',
  QuotedLabelMatcher: 'a matcher needs an operator (=, !=, =~, !~) and a quoted value',
  FunctionCallBody: 'an argument or ")" is missing',
  ParenExpr: '")" is missing',
  BinaryExpr: 'an operand is missing beside the operator',
  MatrixSelector: 'a range needs a duration and "]", e.g. [5m]',
  SubqueryExpr: 'a subquery needs [range:step], e.g. [1h:5m]',
  OffsetExpr: 'offset needs a duration, e.g. offset 5m',
  MatchingModifierClause: 'on/ignoring needs its labels in parentheses, e.g. on (job)',
};

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describe(text: string, node: SyntaxNode): string {
  const atEnd = text.slice(node.from).trim() === '';
  const context = node.parent ? EXPECTED[node.parent.name] : undefined;
  if (atEnd) return `Unexpected end of query${context ? `: ${context}` : ''}.`;
  const found = (
    node.to > node.from ? text.slice(node.from, node.to) : text.slice(node.from).trimStart()
  )
    .split(/\s/)[0]!
    .slice(0, 40);
  return `Unexpected "${found}"${context ? `: ${context}` : ''}.`;
}

/** Syntax errors of `text`, in order; empty when it parses. */
export function promqlDiagnostics(text: string): PromqlDiagnostic[] {
  const tree = parser.parse(text);
  const found: PromqlDiagnostic[] = [];
  tree.iterate({
    enter: (ref) => {
      if (!ref.type.isError) return;
      const node = ref.node;
      // An empty error node marks where input was missing: show it on the character before
      // (at the end of the text) or the one after.
      let from = node.from;
      let to = node.to;
      if (to === from) {
        if (from >= text.length) from = Math.max(0, text.length - 1);
        to = Math.min(text.length, from + 1);
      }
      const at = lineAndColumn(text, node.from);
      // One marker per place: a second error at the same offset adds nothing.
      if (found.some((d) => d.from === from)) return;
      found.push({ from, to, ...at, message: describe(text, node) });
    },
  });
  return found;
}

/** What to complete at the cursor. */
export type PromqlCompletionContext =
  /** Metric names, functions, aggregations and keywords. */
  | { kind: 'expression'; from: number }
  /** Label names, of `metric`'s series when known (inside {…}, by (…), on (…)). */
  | { kind: 'label-name'; from: number; metric: string | null }
  /** Values of `label` (inside a matcher's quotes); `from` is just after the opening quote. */
  | { kind: 'label-value'; from: number; label: string; metric: string | null }
  /** Inside a comment, a number or a duration: nothing to complete. */
  | { kind: 'none' };

/** The metric of the vector selector `node` sits in (`up{…}`, or `{__name__="up", …}`). */
function metricOf(text: string, node: SyntaxNode | null): string | null {
  for (let current = node; current; current = current.parent) {
    if (current.name !== 'VectorSelector') continue;
    const identifier = current.getChild('Identifier');
    if (identifier) return text.slice(identifier.from, identifier.to);
    const matchers = current.getChild('LabelMatchers');
    for (const matcher of matchers?.getChildren('UnquotedLabelMatcher') ?? []) {
      const name = matcher.getChild('LabelName');
      const value = matcher.getChild('StringLiteral');
      if (name && value && text.slice(name.from, name.to) === '__name__') {
        return text.slice(value.from + 1, value.to - 1) || null;
      }
    }
    return null;
  }
  return null;
}

function within(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let current: SyntaxNode | null = node; current; current = current.parent) {
    if (current.name === name) return current;
  }
  return null;
}

function firstDescendant(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === name) return child;
    const inner = firstDescendant(child, name);
    if (inner) return inner;
  }
  return null;
}

/** Where the word being typed at `offset` starts. */
function wordStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_:]/.test(text[start - 1]!)) start--;
  return start;
}

/** What the cursor at `offset` is completing, read from the grammar's tree of `text`. */
export function promqlCompletionContext(text: string, offset: number): PromqlCompletionContext {
  const tree = parser.parse(text);
  const node = tree.resolveInner(offset, -1);
  const from = wordStart(text, offset);

  const literal = within(node, 'StringLiteral');
  if (literal) {
    const matcher = literal.parent;
    const labelNode = matcher?.getChild('LabelName') ?? null;
    if (!matcher || !labelNode || !/LabelMatcher$/.test(matcher.name)) return { kind: 'none' };
    return {
      kind: 'label-value',
      from: literal.from + 1,
      label: text.slice(labelNode.from, labelNode.to),
      metric: metricOf(text, matcher),
    };
  }
  if (node.name === 'LineComment' || /Duration|NumberDuration/.test(node.name)) {
    return { kind: 'none' };
  }
  if (within(node, 'LabelMatchers')) {
    return { kind: 'label-name', from, metric: metricOf(text, node) };
  }
  if (within(node, 'GroupingLabels')) {
    // by (…) of an aggregation: the labels of the metric it aggregates, when there is one.
    const aggregate = within(node, 'AggregateExpr');
    const selector = aggregate ? firstDescendant(aggregate, 'VectorSelector') : null;
    const metric = selector ? metricOf(text, selector) : null;
    return { kind: 'label-name', from, metric };
  }
  return { kind: 'expression', from };
}

/** PromQL's aggregation operators, functions and keywords, for completion (prometheus.io docs). */
export const promqlAggregations = [
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
] as const;

export const promqlFunctions = [
  'abs',
  'absent',
  'absent_over_time',
  'ceil',
  'changes',
  'clamp',
  'clamp_max',
  'clamp_min',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'delta',
  'deriv',
  'exp',
  'floor',
  'histogram_avg',
  'histogram_count',
  'histogram_fraction',
  'histogram_quantile',
  'histogram_stddev',
  'histogram_stdvar',
  'histogram_sum',
  'holt_winters',
  'hour',
  'idelta',
  'increase',
  'irate',
  'label_join',
  'label_replace',
  'ln',
  'log2',
  'log10',
  'minute',
  'month',
  'predict_linear',
  'rate',
  'resets',
  'round',
  'scalar',
  'sgn',
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'sqrt',
  'time',
  'timestamp',
  'vector',
  'year',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'quantile_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'last_over_time',
  'present_over_time',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'cos',
  'cosh',
  'sin',
  'sinh',
  'tan',
  'tanh',
  'deg',
  'pi',
  'rad',
] as const;

export const promqlKeywords = [
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'and',
  'or',
  'unless',
] as const;
