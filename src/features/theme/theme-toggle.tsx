import {
  applyThemePreference,
  useThemePreference,
  type ThemePreference,
} from '../../lib/theme/color-scheme';
import './theme-toggle.css';

const next: Record<ThemePreference, ThemePreference> = {
  system: 'light',
  light: 'dark',
  dark: 'system',
};
const label: Record<ThemePreference, string> = {
  system: 'Theme: system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

/** Cycles system → light → dark; the choice is remembered. */
export function ThemeToggle() {
  const preference = useThemePreference();
  return (
    <button
      type="button"
      className="header-button"
      onClick={() => applyThemePreference(next[preference])}
      title="Switch between the system, light and dark themes"
    >
      {label[preference]}
    </button>
  );
}
