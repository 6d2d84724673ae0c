/** Colours and font of a chart; text colours come from app.css so charts follow the theme. */
export interface ChartPalette {
  text: string;
  textMuted: string;
  border: string;
  surface: string;
  fontFamily: string;
  series: readonly string[];
  /** anomalychart's markers: apart from every series colour. */
  anomaly: string;
}

// Tableau 10: distinct hues that stay apart for most colour-vision deficiencies. The dark set
// is lifted so lines keep their contrast on the dark surface.
const LIGHT_SERIES = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;
const DARK_SERIES = [
  '#7aa6d6',
  '#ffab5c',
  '#ff8587',
  '#8fd4cf',
  '#7fc873',
  '#f5d86b',
  '#d09dc4',
  '#ffb8c0',
  '#c49a82',
  '#d4ccc8',
] as const;

const FALLBACK = {
  light: { text: '#1d2330', textMuted: '#5b6475', border: '#d9dde3', surface: '#ffffff' },
  dark: { text: '#e6e9ef', textMuted: '#a0a8b8', border: '#343b48', surface: '#1b1f27' },
} as const;

/** The palette for `theme`, reading app.css's variables where `element` can see them. */
function readChartPalette(element: Element | null, theme: 'light' | 'dark'): ChartPalette {
  const style = element ? getComputedStyle(element) : null;
  const read = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback;
  const fallback = FALLBACK[theme];
  return {
    text: read('--text', fallback.text),
    textMuted: read('--text-muted', fallback.textMuted),
    border: read('--border', fallback.border),
    surface: read('--surface', fallback.surface),
    fontFamily: read('--font-ui', 'system-ui, sans-serif'),
    series: theme === 'dark' ? DARK_SERIES : LIGHT_SERIES,
    anomaly: theme === 'dark' ? '#ff79c6' : '#c2185b',
  };
}

/** The palette of the page's theme variables (defined on :root, app.css). */
export function pagePalette(theme: 'light' | 'dark'): ChartPalette {
  return readChartPalette(typeof document === 'undefined' ? null : document.documentElement, theme);
}

/** A palette without the DOM (tests, server rendering). */
export function defaultChartPalette(theme: 'light' | 'dark'): ChartPalette {
  return readChartPalette(null, theme);
}

/** Whether two palettes draw the same chart. */
export function samePalette(a: ChartPalette, b: ChartPalette): boolean {
  return (
    a.text === b.text &&
    a.textMuted === b.textMuted &&
    a.border === b.border &&
    a.surface === b.surface &&
    a.fontFamily === b.fontFamily &&
    a.anomaly === b.anomaly &&
    a.series.length === b.series.length &&
    a.series.every((colour, i) => colour === b.series[i])
  );
}
