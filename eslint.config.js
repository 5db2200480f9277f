// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import directions (README "Repository map"). Do not relax these: they keep shared/ pure, the
 * renderer free of Node, and the Node services runnable without Electron.
 *
 * Checked on the import specifier itself (all our imports are relative paths), with ESLint's own
 * no-restricted-imports: eslint-plugin-import-x needs native resolver bindings that this
 * project's npm registry does not carry for every platform, which breaks `npm ci`.
 */
const segment = (...folders) => `(^|/)(${folders.join('|')})/`;
const NODE_BUILTINS = { regex: '^node:', message: 'No Node here.' };
const NO_TEST = { regex: segment('test'), message: 'Nothing imports test/.' };
const NO_ELECTRON_PACKAGE = {
  regex: '^electron$',
  message: 'Only electron/main and electron/preload import electron.',
};

/** One rule entry per folder: ESLint replaces, not merges, a rule set twice for the same file. */
const zones = [
  {
    files: ['shared/**/*.ts'],
    patterns: [
      {
        regex: segment('renderer', 'electron'),
        message: 'shared/ is pure: it imports nothing of ours outside shared/.',
      },
      NO_TEST,
      NODE_BUILTINS,
      {
        regex: '^(fs|path|os|child_process|crypto|electron|react|react-dom|ssh2|ws|@xterm/.*)$',
        message: 'shared/ is pure: no Node, DOM, Electron or UI libraries.',
      },
    ],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    patterns: [
      {
        regex: segment('electron'),
        message:
          'The renderer reaches the Node side only through the contract (renderer/transport).',
      },
      NO_TEST,
      NODE_BUILTINS,
      { regex: '^(electron|ssh2|ws)$', message: 'The renderer never touches Node.' },
    ],
  },
  {
    // Later than renderer/**: for these files this entry replaces that one, so it repeats it.
    files: ['renderer/workers/**/*.ts'],
    patterns: [
      {
        regex: '^\\.\\./(features|state|captures|ui|app|transport)/|(^|/)electron/',
        message:
          'The parse worker runs apart from the page: it imports shared/ and its own folder only.',
      },
      NO_TEST,
      NODE_BUILTINS,
      {
        regex: '^(electron|ssh2|ws|react|react-dom|zustand|@xterm/xterm)$',
        message: 'The parse worker has no UI: no React, no store, no on-screen terminal.',
      },
    ],
  },
  {
    files: ['electron/node/**/*.ts'],
    patterns: [
      {
        regex: segment('main', 'preload', 'server', 'renderer'),
        message: 'electron/node holds plain Node services used by both hosts and the tests.',
      },
      NO_TEST,
      NO_ELECTRON_PACKAGE,
    ],
  },
  {
    files: ['electron/main/**/*.ts'],
    patterns: [
      {
        regex: segment('server', 'renderer'),
        message: 'The Electron host and the browser-mode host do not import each other.',
      },
      NO_TEST,
    ],
  },
  {
    files: ['electron/server/**/*.ts'],
    patterns: [
      {
        regex: segment('main', 'preload', 'renderer'),
        message: 'The Electron host and the browser-mode host do not import each other.',
      },
      NO_TEST,
      NO_ELECTRON_PACKAGE,
    ],
  },
  {
    files: ['electron/preload/**/*.ts'],
    patterns: [
      {
        regex: segment('node', 'main', 'server', 'renderer'),
        message: 'The preload sees only contract names and types.',
      },
      NO_TEST,
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      'test-results/**',
      'playwright-report/**',
      '.lab/**',
      // AssemblyScript (u64 literals, load<T>): compiled and checked by asc (npm run build:wasm).
      'scripts/wasm/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...zones.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
);
