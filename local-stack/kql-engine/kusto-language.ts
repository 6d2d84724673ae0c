/// <reference types="@kusto/language-service-next" />
/**
 * Loads the official Kusto parser/binder (@kusto/language-service-next, a Bridge.NET build that
 * defines the globals `Bridge` and `Kusto`) and offers small typed helpers for walking its trees.
 */
import { createRequire } from 'node:module';

export type SyntaxElement = Kusto.Language.Syntax.SyntaxElement;
export type SyntaxNode = Kusto.Language.Syntax.SyntaxNode;
export type SyntaxToken = Kusto.Language.Syntax.SyntaxToken;
export type Expression = Kusto.Language.Syntax.Expression;
export type KustoSymbol = Kusto.Language.Symbols.Symbol;
export type TypeSymbol = Kusto.Language.Symbols.TypeSymbol;
export type KustoCode = Kusto.Language.KustoCode;
export type Diagnostic = Kusto.Language.Diagnostic;

let language: typeof Kusto.Language | undefined;
let kindNames: Map<number, string> | undefined;

/** The `Kusto.Language` namespace, loaded on first use (~0.3 s). */
export function kustoLanguage(): typeof Kusto.Language {
  if (!language) {
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    language = (globalThis as unknown as { Kusto: typeof Kusto }).Kusto.Language;
  }
  return language;
}

/** The SyntaxKind enum member name of a node or token, e.g. 'FilterOperator', 'HasExpression'. */
export function kindOf(element: SyntaxElement): string {
  if (!kindNames) {
    kindNames = new Map();
    const kinds = kustoLanguage().Syntax.SyntaxKind as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(kinds)) {
      if (typeof value === 'number') kindNames.set(value, name);
    }
  }
  return kindNames.get(element.Kind) ?? 'Unknown';
}

/** Bridge IReadOnlyList -> array. */
export function listToArray<T>(
  list: System.Collections.Generic.IReadOnlyList$1<T> | T[] | null,
): T[] {
  if (!list) return [];
  // Some Bridge lists are plain JavaScript arrays at run time.
  if (Array.isArray(list)) return list;
  const out: T[] = [];
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

/** The children of a node (tokens included), in source order. */
export function childrenOf(node: SyntaxElement): SyntaxElement[] {
  const out: SyntaxElement[] = [];
  for (let i = 0; i < node.ChildCount; i++) {
    const child = node.GetChild(i);
    if (child) out.push(child);
  }
  return out;
}

/** The named child of a node (the C# property name), or null. */
export function childNamed(node: SyntaxElement, name: string): SyntaxElement | null {
  for (let i = 0; i < node.ChildCount; i++) {
    if (node.GetName(i) === name) return node.GetChild(i);
  }
  return null;
}

/**
 * The elements of a SyntaxList: separated lists (`a, b, c`) are unwrapped to their elements,
 * separators dropped.
 */
export function listElements<T extends SyntaxElement = SyntaxNode>(
  list: SyntaxElement | null,
): T[] {
  if (!list) return [];
  const out: T[] = [];
  for (const child of childrenOf(list)) {
    if (child.IsToken) continue;
    if (kindOf(child) === 'SeparatedElement') {
      const element = child.GetChild(0);
      if (element && !element.IsMissing) out.push(element as T);
    } else {
      out.push(child as T);
    }
  }
  return out;
}

/** The source text of a node without surrounding trivia. */
export function textOf(element: SyntaxElement): string {
  return (element as unknown as { ToString(trivia: number): string }).ToString(
    kustoLanguage().Syntax.IncludeTrivia.Interior,
  );
}
