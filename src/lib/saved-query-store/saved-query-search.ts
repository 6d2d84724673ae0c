import type { SavedQuery, SavedQuerySort } from './saved-query-types';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Case-insensitive search over name, folder, tags and text. Every word of the search must occur
 * somewhere (in any of those fields), so "storm state" finds a query named "Storms" whose text
 * mentions State.
 */
export function matchesSearch(query: SavedQuery, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [query.name, query.folder ?? '', ...query.tags, query.text]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function compareByName(a: SavedQuery, b: SavedQuery): number {
  return collator.compare(a.name, b.name) || a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** Most recently used first; never-used queries after them, by name. */
export function compareByLastUsed(a: SavedQuery, b: SavedQuery): number {
  const byUse = (b.lastUsedAt ?? -1) - (a.lastUsedAt ?? -1);
  return byUse || compareByName(a, b);
}

export function filterAndSort(
  queries: readonly SavedQuery[],
  options: { search?: string; sort?: SavedQuerySort } = {},
): SavedQuery[] {
  const search = options.search ?? '';
  const compare = options.sort === 'lastUsed' ? compareByLastUsed : compareByName;
  return queries.filter((query) => matchesSearch(query, search)).sort(compare);
}

export interface FolderGroup {
  /** null: queries without a folder. */
  folder: string | null;
  queries: SavedQuery[];
}

/**
 * Groups already-sorted queries by folder, keeping their order inside each group. Unfiled
 * queries come first, then folders by name.
 */
export function groupByFolder(queries: readonly SavedQuery[]): FolderGroup[] {
  const groups = new Map<string | null, SavedQuery[]>();
  for (const query of queries) {
    const folder = query.folder ?? null;
    let group = groups.get(folder);
    if (!group) groups.set(folder, (group = []));
    group.push(query);
  }
  return [...groups.entries()]
    .map(([folder, items]) => ({ folder, queries: items }))
    .sort((a, b) =>
      a.folder === null ? -1 : b.folder === null ? 1 : collator.compare(a.folder, b.folder),
    );
}
