import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';
import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * AG Grid drawn by its own DOM code instead of ag-grid-react's React view, which builds every cell
 * as React components with a dozen hooks. Scrolling the result grid at 1,004,122 rows allocated
 * ~7 KB a cell on the page that way (212 MB in 90 frames, HeapProfiler sampling), and the young
 * generation's scavenges that followed (27–63 ms under a trace) pushed frames over 50 ms.
 *
 * Options are read as props: the grid is created once, options whose value changes later go to
 * `updateGridOptions`, and every `on…` handler is called through a ref, so a handler that closes
 * over new state is never stale.
 */
export function PlainDomGrid<T>({
  options,
  later = [],
}: {
  options: GridOptions<T>;
  /**
   * Options given to the grid one task after it is created rather than at creation (its columns
   * and rows): creating the grid and building its headers and first rows in one task took
   * 163–241 ms under a CPU profile while 1,004,122 rows loaded, split 85 + 83 ms (a profile runs
   * code 2–3× slower than the bench, which saw no task over 50 ms at that size either way).
   */
  later?: readonly (keyof GridOptions<T>)[];
}) {
  const hostRef = useRef<HTMLDivElement | null>(null);
  const apiRef = useRef<GridApi<T> | null>(null);
  const latestRef = useRef(options);
  const appliedRef = useRef(options);
  const laterRef = useRef(later);
  useLayoutEffect(() => {
    latestRef.current = options;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const initial: GridOptions<T> = { ...latestRef.current };
    for (const key of laterRef.current) delete initial[key];
    const wired: GridOptions<T> = { ...initial };
    for (const key of Object.keys(initial) as (keyof GridOptions<T>)[]) {
      if (!isHandlerKey(key)) continue;
      // Only the handlers given at creation are wired: callers pass theirs every render.
      const forward = (event: unknown) => {
        const handler = latestRef.current[key] as ((event: unknown) => void) | undefined;
        handler?.(event);
      };
      (wired as Record<string, unknown>)[key] = forward;
    }
    const api = createGrid(host, wired);
    apiRef.current = api;
    appliedRef.current = initial;
    const timer = window.setTimeout(() => {
      const now: Partial<GridOptions<T>> = {};
      for (const key of laterRef.current)
        (now as Record<string, unknown>)[key] = latestRef.current[key];
      appliedRef.current = { ...appliedRef.current, ...now };
      api.updateGridOptions(now);
    });
    return () => {
      window.clearTimeout(timer);
      apiRef.current = null;
      api.destroy();
    };
  }, []);

  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    const before = appliedRef.current;
    // Not yet given to the grid: the timer above gives them, as they are then.
    const pending = laterRef.current.some((key) => !(key in before));
    const changed: Partial<GridOptions<T>> = {};
    let any = false;
    for (const key of Object.keys(options) as (keyof GridOptions<T>)[]) {
      if (isHandlerKey(key) || options[key] === before[key]) continue;
      if (pending && laterRef.current.includes(key)) continue;
      (changed as Record<string, unknown>)[key] = options[key];
      any = true;
    }
    const applied: GridOptions<T> = { ...options };
    if (pending) for (const key of laterRef.current) delete applied[key];
    appliedRef.current = applied;
    if (any) api.updateGridOptions(changed);
  });

  return <div ref={hostRef} className="plain-dom-grid" style={{ height: '100%', width: '100%' }} />;
}

function isHandlerKey(key: string): boolean {
  return /^on[A-Z]/.test(key);
}
