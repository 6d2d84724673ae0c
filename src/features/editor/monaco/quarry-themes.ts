import { monaco } from './monaco-setup';

// Token colours as monaco-kusto's own kusto-light / kusto-dark themes have them (its Monarch
// tokens). The editor background is transparent: the container paints var(--surface), so the
// editor follows app.css's light and dark palettes without copying them here.
const lightRules: monaco.editor.ITokenThemeRule[] = [
  { token: 'comment', foreground: '008000' },
  { token: 'variable.predefined', foreground: '800080' },
  { token: 'function', foreground: '0000FF' },
  { token: 'operator.sql', foreground: 'CC3700' },
  { token: 'string', foreground: 'B22222' },
  { token: 'operator.scss', foreground: '0000FF' },
  { token: 'variable', foreground: 'C71585' },
  { token: 'variable.parameter', foreground: '9932CC' },
  { token: 'type', foreground: '0000FF' },
  { token: 'tag', foreground: '0000FF' },
  { token: 'keyword', foreground: '0000FF' },
  { token: 'number', foreground: '191970' },
  { token: 'annotation', foreground: '9400D3' },
];

const darkRules: monaco.editor.ITokenThemeRule[] = [
  { token: 'comment', foreground: '608B4E' },
  { token: 'variable.predefined', foreground: '4EC9B0' },
  { token: 'function', foreground: 'DCDCAA' },
  { token: 'operator.sql', foreground: '9CDCFE' },
  { token: 'string', foreground: 'CE9178' },
  { token: 'operator.scss', foreground: '569CD6' },
  { token: 'variable', foreground: '4EC9B0' },
  { token: 'variable.parameter', foreground: 'C586C0' },
  { token: '', foreground: 'D4D4D4' },
  { token: 'type', foreground: '569CD6' },
  { token: 'tag', foreground: '569CD6' },
  { token: 'keyword', foreground: '569CD6' },
  { token: 'number', foreground: 'D7BA7D' },
  { token: 'annotation', foreground: 'B5CEA8' },
];

const transparent = '#00000000';

let defined = false;

export function defineQuarryThemes(): void {
  if (defined) return;
  defined = true;
  monaco.editor.defineTheme('quarry-light', {
    base: 'vs',
    inherit: true,
    rules: lightRules,
    colors: {
      'editor.background': transparent,
      'editorGutter.background': transparent,
      'editorLineNumber.foreground': '#8a93a3',
    },
  });
  monaco.editor.defineTheme('quarry-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: darkRules,
    colors: {
      'editor.background': transparent,
      'editorGutter.background': transparent,
      'editorLineNumber.foreground': '#6b7385',
    },
  });
}

export function quarryThemeName(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'quarry-dark' : 'quarry-light';
}
