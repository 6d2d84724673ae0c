export {
  SavedQueriesSidebar,
  type CurrentQuery,
  type SavedQueriesSidebarProps,
} from './components/saved-queries-sidebar';
export { useSavedQueries } from './hooks/use-saved-queries';
export type { SavedQuery } from '../../lib/saved-query-store';
