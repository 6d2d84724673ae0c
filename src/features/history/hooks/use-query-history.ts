import { useEffect, useState, useSyncExternalStore } from 'react';
import { HistoryController, type HistoryState } from '../history-controller';

/** The run history of a workspace, newest first, following every recorded run. */
export function useQueryHistory(workspace: string): {
  state: HistoryState;
  controller: HistoryController;
} {
  const [controller, setController] = useState(() => new HistoryController(workspace));
  if (controller.workspace !== workspace) setController(new HistoryController(workspace));
  useEffect(() => {
    void controller.start();
    return () => controller.dispose();
  }, [controller]);
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return { state, controller };
}
