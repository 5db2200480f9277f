// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import directions (DESIGN.md "The parts"). Do not relax these: they are what keeps shared/
 * pure, the renderer free of Node, and the Node services runnable without Electron.
 */
const importZones = [
  {
    target: './shared',
    from: ['./renderer', './electron', './test'],
    message: 'shared/ is pure: it imports nothing of ours outside shared/.',
  },
  {
    target: './renderer',
    from: ['./electron', './test'],
    message: 'The renderer reaches the Node side only through the contract (renderer/transport).',
  },
  {
    target: './electron/node',
    from: ['./electron/main', './electron/preload', './electron/server', './renderer', './test'],
    message: 'electron/node holds plain Node services used by both hosts and the tests.',
  },
  {
    target: './electron/main',
    from: ['./electron/server', './renderer', './test'],
    message: 'The Electron host and the browser-mode host do not import each other.',
  },
  {
    target: './electron/server',
    from: ['./electron/main', './electron/preload', './renderer', './test'],
    message: 'The Electron host and the browser-mode host do not import each other.',
  },
  {
    target: './electron/preload',
    from: ['./electron/node', './electron/main', './electron/server', './renderer', './test'],
    message: 'The preload sees only contract names and types.',
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
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: importZones }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Only the two Electron entry points may load Electron; everything else must run in plain Node or a browser.
    files: ['**/*.{ts,tsx}'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only electron/main and electron/preload import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'shared/ is pure: no Node.' },
            {
              group: [
                'fs',
                'path',
                'os',
                'child_process',
                'crypto',
                'electron',
                'react',
                'react-dom',
                'ssh2',
                'ws',
                '@xterm/*',
              ],
              message: 'shared/ is pure: no Node, DOM, Electron or UI libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'The renderer never touches Node.' },
            { group: ['electron', 'ssh2', 'ws'], message: 'The renderer never touches Node.' },
          ],
        },
      ],
    },
  },
);
