import { z } from 'zod';
import { SavedQueryStoreError } from './saved-query-store-error';
import { savedQueryIdentity, savedQuerySchema, type SavedQuery } from './saved-query-types';

/**
 * The export file (`quarry.saved-queries`, version 1) and the checks an import goes through
 * before anything is written. A file is validated as a whole: one bad record rejects the file,
 * so an import never leaves half of it behind.
 */

export const SAVED_QUERIES_FILE_FORMAT = 'quarry.saved-queries';
export const SAVED_QUERIES_FILE_VERSION = 1;
const BACKUP_FORMAT = 'quarry.saved-queries.backup';
/** Generous: 50 MB of JSON is tens of thousands of queries. */
export const MAX_IMPORT_FILE_CHARS = 50_000_000;

export const savedQueriesFileSchema = z.object({
  format: z.literal(SAVED_QUERIES_FILE_FORMAT),
  version: z.literal(SAVED_QUERIES_FILE_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  queries: z.array(savedQuerySchema),
});

export type SavedQueriesFile = z.infer<typeof savedQueriesFileSchema>;

export function buildSavedQueriesFile(queries: readonly SavedQuery[], now: Date): SavedQueriesFile {
  return {
    format: SAVED_QUERIES_FILE_FORMAT,
    version: SAVED_QUERIES_FILE_VERSION,
    exportedAt: now.toISOString(),
    queries: [...queries],
  };
}

export interface ParsedImport {
  queries: SavedQuery[];
  /** Records of a backup file that failed validation (an export file never has any). */
  invalid: number;
  source: 'export' | 'backup';
}

const NOTHING_IMPORTED = 'Nothing was imported.';

/**
 * Parses and validates an import. Accepts an export file, or a backup Quarry kept when it set a
 * damaged store aside; from a backup only the records that still validate are taken.
 */
export function parseImportFile(text: string): ParsedImport {
  if (text.length > MAX_IMPORT_FILE_CHARS) {
    throw invalidFile(
      `The file is too large (${Math.round(text.length / 1e6)} MB; the limit is ${MAX_IMPORT_FILE_CHARS / 1e6} MB).`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalidFile(`The file is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidFile('The file is not a Quarry saved-queries export.');
  }
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format === BACKUP_FORMAT) return parseBackup(raw);
  if (format !== SAVED_QUERIES_FILE_FORMAT) {
    throw invalidFile(
      `The file is not a Quarry saved-queries export (its "format" should be "${SAVED_QUERIES_FILE_FORMAT}").`,
    );
  }
  if (typeof version === 'number' && version > SAVED_QUERIES_FILE_VERSION) {
    throw invalidFile(
      `The file was made by a newer version of Quarry (file version ${version}; this version reads ${SAVED_QUERIES_FILE_VERSION}). Update Quarry and try again.`,
    );
  }
  const result = savedQueriesFileSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues;
    const shown = issues
      .slice(0, 3)
      .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 3 ? ` and ${issues.length - 3} more` : '';
    throw invalidFile(
      `The file has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${shown}${more}.`,
    );
  }
  return { queries: result.data.queries, invalid: 0, source: 'export' };
}

function parseBackup(raw: object): ParsedImport {
  const records = (raw as { stores?: { queries?: unknown } }).stores?.queries;
  if (!Array.isArray(records)) {
    throw invalidFile('The backup file holds no saved queries.');
  }
  const queries: SavedQuery[] = [];
  let invalid = 0;
  for (const record of records) {
    const parsed = savedQuerySchema.safeParse(record);
    if (parsed.success) queries.push(parsed.data);
    else invalid++;
  }
  return { queries, invalid, source: 'backup' };
}

export interface ImportPlan {
  toAdd: SavedQuery[];
  skipped: number;
}

/**
 * Which incoming queries to add: those not already present (same name, text and connection),
 * also among themselves. An incoming id that is taken gets a new one.
 */
export function planImport(
  existing: readonly SavedQuery[],
  incoming: readonly SavedQuery[],
  newId: () => string,
): ImportPlan {
  const identities = new Set(existing.map(savedQueryIdentity));
  const ids = new Set(existing.map((query) => query.id));
  const toAdd: SavedQuery[] = [];
  let skipped = 0;
  for (const query of incoming) {
    const identity = savedQueryIdentity(query);
    if (identities.has(identity)) {
      skipped++;
      continue;
    }
    identities.add(identity);
    const id = ids.has(query.id) ? newId() : query.id;
    ids.add(id);
    toAdd.push({ ...query, id });
  }
  return { toAdd, skipped };
}

function invalidFile(reason: string): SavedQueryStoreError {
  return new SavedQueryStoreError('invalid-file', `${reason} ${NOTHING_IMPORTED}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole file)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
