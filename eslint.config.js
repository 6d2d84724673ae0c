import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Source adapters under src/lib: one folder each; a new source adds its folder name here. */
const SOURCE_FOLDERS = ['kusto', 'appinsights', 'prometheus'];
/** lib may not import features or app. */
const layerPatterns = [
  {
    group: ['**/features/**', '**/app/**'],
    message: 'Imports flow one way: app -> features -> lib.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-swa-e2e',
      'node_modules',
      '.local-stack',
      'test-results',
      'playwright-report',
    ],
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Result data and names render as text only.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never render strings as HTML.',
        },
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Never render strings as HTML.',
        },
      ],
    },
  },
  // Imports flow one way: app -> features -> lib.
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: layerPatterns }],
    },
  },
  // Inside lib, the query pipeline (src/lib/query) knows no source, and no source knows another:
  // only src/lib/sources (the registry) lists them all.
  {
    files: ['src/lib/query/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...layerPatterns,
            {
              regex: `(^|/)(${[...SOURCE_FOLDERS, 'sources'].join('|')})(/|$)`,
              message:
                'src/lib/query is shared by every source: it may not import a source folder or the sources registry. Pass what differs in from the source instead.',
            },
          ],
        },
      ],
    },
  },
  ...SOURCE_FOLDERS.map((source) => ({
    files: [`src/lib/${source}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...layerPatterns,
            {
              regex: `(^|/)(${[...SOURCE_FOLDERS.filter((s) => s !== source), 'sources'].join('|')})(/|$)`,
              message: `src/lib/${source} is one source adapter: it may not import another source or the sources registry. Move what both need to src/lib/query.`,
            },
            {
              regex: '(^|/)query/parse-worker-(core|protocol)$',
              message:
                'The parse worker is the engine’s inside: a source registers its parsers in src/lib/sources/result-parsers.ts.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/app/**'] }],
    },
  },
  {
    files: [
      'local-stack/**/*.ts',
      'examples/**/*.ts',
      'scripts/**/*.{ts,mjs}',
      'bench/**/*.ts',
      'e2e/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
