import { useEffect, useState } from 'react';
import { RefreshGate } from './refresh-gate';

/**
 * The grid's refresh gate, asked to refresh at each new `revision` (rows streamed in). The grid
 * attaches its refresh when it is ready and reads its rows through `gate.read`. A `paused` grid
 * (kept hidden) refreshes once it shows again.
 */
export function useRefreshGate(revision: number, paused = false): RefreshGate {
  const [gate] = useState(() => new RefreshGate());
  useEffect(() => gate.setPaused(paused), [paused, gate]);
  useEffect(() => {
    gate.request();
  }, [revision, gate]);
  return gate;
}
