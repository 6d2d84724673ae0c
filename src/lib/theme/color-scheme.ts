import { useSyncExternalStore } from 'react';

/** The user's theme choice: follow the OS, or force light/dark. Kept in localStorage. */
export type ThemePreference = 'system' | 'light' | 'dark';

const KEY = 'quarry.theme';
const listeners = new Set<() => void>();
const media =
  typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
let currentPreference: ThemePreference = 'system';

function resolveTheme(): void {
  const scheme =
    currentPreference === 'system' ? (media?.matches ? 'dark' : 'light') : currentPreference;
  document.documentElement.setAttribute('data-theme', scheme);
}

media?.addEventListener('change', () => {
  if (currentPreference === 'system') resolveTheme();
});

export function readThemePreference(): ThemePreference {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Sets `data-theme` on <html> to the scheme in effect ("system" resolves to the OS choice and
 * follows it), so the stylesheet needs one dark palette, not a media-query copy of it.
 */
export function applyThemePreference(preference: ThemePreference): void {
  currentPreference = preference;
  resolveTheme();
  try {
    if (preference === 'system') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, preference);
  } catch {
    // Storage denied (cross-site frame): the choice lasts for this page only.
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  media?.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', listener);
  };
}

function snapshot(): 'light' | 'dark' {
  return document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
}

/** The scheme in effect now (for components that draw their own colours: grid, charts, editor). */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, snapshot, () => 'light');
}

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(
    subscribe,
    () => currentPreference,
    () => 'system',
  );
}
