export { openSavedQueryStore } from './open-saved-query-store';
export type {
  OpenSavedQueryStoreOptions,
  OpenedSavedQueryStore,
  StoreWarning,
} from './open-saved-query-store';
export { SavedQueryStore, savedQueriesChannelName } from './saved-query-store';
export type { ImportResult, SavedQueryStoreOptions } from './saved-query-store';
export type { ChangeListener, ChangeSource } from './change-broadcast';
export {
  SavedQueryStoreError,
  isQuotaError,
  type SavedQueryStoreErrorKind,
} from './saved-query-store-error';
export {
  connectionKey,
  describeConnection,
  normalizeTags,
  savedQuerySchema,
  type NewSavedQuery,
  type SavedQuery,
  type SavedQuerySort,
} from './saved-query-types';
export {
  filterAndSort,
  groupByFolder,
  matchesSearch,
  type FolderGroup,
} from './saved-query-search';
export {
  SAVED_QUERIES_FILE_FORMAT,
  parseImportFile,
  type SavedQueriesFile,
} from './saved-queries-file';
export {
  backupFile,
  describeBackupLocation,
  readBackup,
  type BackupLocation,
  type StoreBackup,
} from './store-backup';
export { savedQueryDatabaseName, SAVED_QUERY_DB_VERSION } from './saved-query-database';
