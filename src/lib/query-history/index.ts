export {
  DEFAULT_HISTORY_CAP,
  QueryHistory,
  historyDatabaseName,
  openQueryHistory,
  recordRun,
  sharedQueryHistory,
  type OpenedQueryHistory,
  type QueryHistoryOptions,
} from './query-history-store';
export {
  RUN_OUTCOMES,
  historyEntryMatches,
  historyEntrySchema,
  type HistoryEntry,
  type NewHistoryEntry,
  type PromqlRunSettings,
  type RunOutcome,
} from './history-entry';
