/**
 * Typed failures of the saved-query store. `message` is written for the user (the sidebar shows
 * it as is); `cause` keeps the original DOMException for the console.
 */
export type SavedQueryStoreErrorKind =
  /** The browser refused to store more (QuotaExceededError). */
  | 'quota'
  /** IndexedDB cannot be opened at all (private mode, disabled storage, blocked by another tab). */
  | 'unavailable'
  /** A newer Quarry in another tab upgraded the store; this tab must reload. */
  | 'version-changed'
  /** The store was written by a newer Quarry and is open only to read. */
  | 'read-only'
  | 'not-found'
  /** The caller's input (name, text, …) does not fit the saved-query schema. */
  | 'invalid-input'
  /** An import file that is not a valid Quarry export; nothing was changed. */
  | 'invalid-file'
  | 'unknown';

export class SavedQueryStoreError extends Error {
  constructor(
    readonly kind: SavedQueryStoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SavedQueryStoreError';
  }
}

/** Chromium and WebKit say QuotaExceededError; old Firefox said NS_ERROR_DOM_QUOTA_REACHED. */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !isDomExceptionLike(error)) return false;
  const { name } = error as { name?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function isDomExceptionLike(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error;
}

export const QUOTA_MESSAGE =
  "Your browser's storage for this site is full: the change was not saved. Delete saved queries or history you no longer need, or export your saved queries to a file, then try again.";

/** Maps anything thrown inside a store operation to a SavedQueryStoreError. */
export function toSavedQueryStoreError(error: unknown, action: string): SavedQueryStoreError {
  if (error instanceof SavedQueryStoreError) return error;
  if (isQuotaError(error))
    return new SavedQueryStoreError('quota', QUOTA_MESSAGE, { cause: error });
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'VersionError') {
    return new SavedQueryStoreError(
      'version-changed',
      'Saved queries were upgraded by a newer version of Quarry open in another tab. Reload this tab to keep working with them.',
      { cause: error },
    );
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return new SavedQueryStoreError(
      'unavailable',
      `The browser's storage could not ${action}. Reload the page; if it keeps happening, check that this site may store data.`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new SavedQueryStoreError('unknown', `Could not ${action}: ${detail}`, { cause: error });
}
