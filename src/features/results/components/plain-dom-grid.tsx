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
  // Whether the `later` options were given: until then, changes wait for them.
  const readyRef = useRef(false);
  const latestRef = useRef(options);
  const appliedRef = useRef(options);
  const laterRef = useRef(later);
  useLayoutEffect(() => {
    latestRef.current = options;
  });

  /** Gives the grid the options whose value changed since it last got them. */
  const sync = (api: GridApi<T>) => {
    const latest = latestRef.current;
    const changed: Partial<GridOptions<T>> = {};
    let any = false;
    for (const key of Object.keys(latest) as (keyof GridOptions<T>)[]) {
      if (isHandlerKey(key) || latest[key] === appliedRef.current[key]) continue;
      (changed as Record<string, unknown>)[key] = latest[key];
      any = true;
    }
    appliedRef.current = latest;
    if (any) api.updateGridOptions(changed);
  };

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
      readyRef.current = true;
      sync(api);
    });
    return () => {
      window.clearTimeout(timer);
      readyRef.current = false;
      apiRef.current = null;
      api.destroy();
    };
    // Created once; `sync` reads only refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (apiRef.current && readyRef.current) sync(apiRef.current);
  });

  return <div ref={hostRef} className="plain-dom-grid" style={{ height: '100%', width: '100%' }} />;
}

function isHandlerKey(key: string): boolean {
  return /^on[A-Z]/.test(key);
}
