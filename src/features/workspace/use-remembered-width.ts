import { useCallback, useRef } from 'react';

/**
 * Remembers a resizable pane's width (CSS `resize: horizontal`) in localStorage and restores it,
 * so the layout a person set up survives a reload. A callback ref, so a pane that opens later
 * (the saved-queries side panel) is restored too.
 */
export function useRememberedWidth<T extends HTMLElement>(key: string) {
  const cleanup = useRef<(() => void) | null>(null);
  return useCallback(
    (element: T | null) => {
      cleanup.current?.();
      cleanup.current = null;
      if (!element) return;
      try {
        const saved = Number(window.localStorage.getItem(key));
        if (saved > 0) element.style.width = `${saved}px`;
      } catch {
        // no storage: the default width applies
      }
      let timer = 0;
      const observer = new ResizeObserver(() => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          try {
            const width = widthToRemember(
              getComputedStyle(element).resize,
              element.getBoundingClientRect().width,
            );
            if (width !== null) window.localStorage.setItem(key, String(width));
          } catch {
            // the width then lasts for this page only
          }
        }, 200);
      });
      observer.observe(element);
      cleanup.current = () => {
        observer.disconnect();
        window.clearTimeout(timer);
      };
    },
    [key],
  );
}

/**
 * The width worth storing for a pane, or null. A stacked (narrow-window) pane is not resizable
 * (`resize: none`): its width is the window's, not one the person chose.
 */
export function widthToRemember(resize: string, width: number): number | null {
  if (resize === 'none') return null;
  const rounded = Math.round(width);
  return rounded > 0 ? rounded : null;
}
