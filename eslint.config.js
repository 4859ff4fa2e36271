// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries are law (see docs/ARCHITECTURE.md): shared/ is isomorphic, the renderer never
 * reaches Node or the Electron side, and only electron/main and electron/preload touch Electron.
 */
const NODE_BUILTINS = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'util',
  'stream',
  'worker_threads',
];
const nodePaths = NODE_BUILTINS.map((name) => ({ name, message: 'This layer runs outside Node: no Node built-ins.' }));
// The electron package and its subpaths only: a relative path into this project's electron/ folder is not Electron.
const noElectron = { regex: '^electron(/|$)', message: 'Only electron/main and electron/preload may import electron.' };
const noNode = { group: ['node:*'], message: 'This layer runs outside Node: no Node built-ins.' };
const noReact = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*', 'i18next', 'react-i18next'],
  message: 'shared/ is UI-free.',
};
const noElectronSide = {
  group: ['**/electron/**', '../electron/*', '../../electron/*'],
  message: 'The renderer reaches the host only through renderer/src/bridge.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.peers/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='sendSync']", message: 'Never block the renderer with sendSync.' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodePaths,
          patterns: [
            noElectron,
            noNode,
            noReact,
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing but itself and zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/host/**/*.ts', 'electron/providers/**/*.ts', 'electron/web/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'The engine never depends on a shell or the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/host/**/*.ts'],
    ignores: ['electron/host/**/*.test.ts', 'electron/host/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              group: ['**/providers/**', '**/renderer/**', '**/main/**', '**/preload/**', '**/web/**'],
              message: 'The host knows providers only through the registry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'The shell never imports the UI.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Hostdeck does not use the React Compiler, so libraries it cannot memoize are fine.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': ['error', { paths: nodePaths, patterns: [noElectron, noNode, noElectronSide] }],
    },
  },
  {
    // Renderer tests drive the store against a real in-process host instead of a mock.
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/src/testing/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['e2e/**/*.ts', '*.config.ts', '*.config.js', 'scripts/**/*.{ts,mjs}', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests, tools and benchmarks drive the app from outside; Electron is launched through
    // Playwright's _electron, never imported (requiring it would try to download the binary).
    files: [
      'e2e/**/*.ts',
      '*.config.ts',
      'scripts/**/*.{ts,mjs}',
      'bench/**/*.ts',
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'renderer/src/testing/**',
    ],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] },
  },
);
