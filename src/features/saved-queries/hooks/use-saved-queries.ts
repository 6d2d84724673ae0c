import { useEffect, useState, useSyncExternalStore } from 'react';
import { SavedQueriesController, type SavedQueriesState } from '../saved-queries-controller';

/**
 * The saved queries of a workspace: state for rendering plus the controller for actions. The
 * list follows every change, including those made in other tabs.
 */
export function useSavedQueries(workspace: string): {
  state: SavedQueriesState;
  controller: SavedQueriesController;
} {
  const [controller, setController] = useState(() => new SavedQueriesController(workspace));
  if (controller.workspace !== workspace) {
    // A new workspace: switch controllers during render (React's "adjust state on prop change").
    setController(new SavedQueriesController(workspace));
  }
  useEffect(() => {
    void controller.start();
    return () => controller.dispose();
  }, [controller]);
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return { state, controller };
}
