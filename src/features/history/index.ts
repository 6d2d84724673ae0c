export { HistoryPanel, type HistoryPanelProps } from './components/history-panel';
export { useQueryHistory } from './hooks/use-query-history';
export { recordRun, type HistoryEntry, type NewHistoryEntry } from '../../lib/query-history';
export { runFacts, type RunFacts } from './run-facts';
