import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';
import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * AG Grid without its React layer: `createGrid` on a div, its options kept in step with the
 * props. With `AgGridReact` every row and cell is a React component, and scrolling a page of new
 * rows into view costs a React render and commit per cell; in the grid's own DOM renderer the
 * same rows are plain elements (measured with `bench/profile-load.ts --operations`: scroll frames
 * of 50–190 ms with React cells). Our cells use AG Grid's default renderer (textContent), so
 * nothing here needs React.
 *
 * Options that change between renders are passed on with `setGridOption`; event handlers
 * (`on…`) are wrapped once and always call the latest handler, so a new closure per render does
 * not touch the grid. Options the grid only reads at creation (row model, block sizes) must not
 * change.
 */
export function DomGrid<T>({
  options,
  onApi,
}: {
  options: GridOptions<T>;
  /** The grid's API once created (and null when it is destroyed). */
  onApi?: (api: GridApi<T> | null) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<T> | null>(null);
  const latest = useRef(options);
  const applied = useRef<GridOptions<T>>({});

  useLayoutEffect(() => {
    latest.current = options;
    const api = apiRef.current;
    if (!api) return;
    for (const key of Object.keys(options) as (keyof GridOptions<T>)[]) {
      if (isHandler(key) || options[key] === applied.current[key]) continue;
      api.setGridOption(key as never, options[key] as never);
    }
    applied.current = options;
  });

  useEffect(() => {
    const initial: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(latest.current)) {
      initial[key] = isHandler(key)
        ? (event: unknown) =>
            (latest.current[key as keyof GridOptions<T>] as ((e: unknown) => void) | undefined)?.(
              event,
            )
        : value;
    }
    const api = createGrid(host.current!, initial as GridOptions<T>);
    apiRef.current = api;
    applied.current = latest.current;
    onApi?.(api);
    return () => {
      apiRef.current = null;
      onApi?.(null);
      api.destroy();
    };
    // Created once; later option changes go through setGridOption above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={host} style={{ height: '100%' }} />;
}

const isHandler = (key: string): boolean => /^on[A-Z]/.test(key);
