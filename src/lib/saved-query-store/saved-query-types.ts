import { z } from 'zod';
import { timeRangeSchema, type TimeRange } from '../query/time-range';
import { queryTargetSchema, type QueryTarget } from '../sources/query-target';

/**
 * The shape of a saved query, as stored and as exported. Every record read from IndexedDB or an
 * imported file goes through these schemas: storage written by another version, a browser
 * extension or a disk error is data we did not write, so it is checked, not trusted.
 */

export const MAX_NAME_LENGTH = 200;
export const MAX_FOLDER_LENGTH = 200;
export const MAX_TAG_LENGTH = 60;
export const MAX_TAGS = 30;
/** Far above any real query; keeps a pasted log file from filling the store. */
export const MAX_QUERY_TEXT_LENGTH = 1_000_000;

const epochMs = z.number().int().nonnegative();

export const savedQuerySchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  folder: z.string().trim().min(1).max(MAX_FOLDER_LENGTH).optional(),
  tags: z.array(z.string().trim().min(1).max(MAX_TAG_LENGTH)).max(MAX_TAGS),
  text: z.string().min(1).max(MAX_QUERY_TEXT_LENGTH),
  connection: queryTargetSchema,
  timeRange: timeRangeSchema.optional(),
  createdAt: epochMs,
  updatedAt: epochMs,
  lastUsedAt: epochMs.optional(),
});

export type SavedQuery = z.infer<typeof savedQuerySchema>;

/** What the caller supplies for a new saved query; ids and timestamps are the store's. */
export interface NewSavedQuery {
  name: string;
  folder?: string;
  tags?: readonly string[];
  text: string;
  connection: QueryTarget;
  timeRange?: TimeRange;
}

export type SavedQuerySort = 'name' | 'lastUsed';

/** A stable identity for "the same query": name + text + connection (used by import). */
export function savedQueryIdentity(
  query: Pick<SavedQuery, 'name' | 'text' | 'connection'>,
): string {
  return JSON.stringify([query.name.trim(), query.text, connectionKey(query.connection)]);
}

export function connectionKey(connection: QueryTarget): string {
  return connection.kind === 'kusto'
    ? `kusto|${normalizeOrigin(connection.clusterUrl)}|${connection.database}`
    : `appinsights|${normalizeOrigin(connection.endpoint)}|${connection.appId}`;
}

/** A short human label: "help.kusto.windows.net · Samples" or "App Insights · <appId>". */
export function describeConnection(connection: QueryTarget): string {
  if (connection.kind === 'kusto') {
    return `${hostOf(connection.clusterUrl)} · ${connection.database}`;
  }
  return `App Insights · ${connection.appId}`;
}

function normalizeOrigin(url: string): string {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Trims, drops empties and duplicates (case-insensitive), keeps the first spelling. */
export function normalizeTags(tags: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags ?? []) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}
