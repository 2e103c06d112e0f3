// Lint enforces the architecture: where a file lives says what it may import.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'stream',
  'url',
  'util',
  'events',
  'zlib',
  'worker_threads',
];

const restrict = (message, ...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'native/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      'shared/ runs everywhere: it may import neither Node, Electron, the DOM side nor the main process.',
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', '**/electron/**', '**/renderer/**'],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict('The renderer talks to the station only through the contract (shared/contract) and the bridge.', [
      ...nodeBuiltins,
      'electron',
      'better-sqlite3',
      '**/electron/**',
    ]),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict('The station core runs in plain Node: no Electron, no shell, no UI code.', [
      'electron',
      '**/shell/**',
      '**/renderer/**',
    ]),
  },
  {
    // The sandbox stands in for TikTok: sharing code with the client or the station would make it agree with them by
    // construction and hide their mistakes. It may import only its own folder (and npm packages).
    files: ['electron/core/sandbox/**/*.ts'],
    rules: restrict(
      "The sandbox marketplace is built from TikTok's reference alone: no station, client or shared/ code in it.",
      ['electron', '**/shell/**', '**/renderer/**', '../**', '**/electron/core/**', '**/shared/**'],
    ),
  },
  {
    // The client must work against any server that follows the reference, so it may not lean on the sandbox.
    // station-connection.ts starts the embedded sandbox for the station: it is the one place that wires both.
    files: ['electron/core/marketplace/**/*.ts'],
    ignores: ['electron/core/marketplace/station-connection.ts'],
    rules: restrict('The marketplace client may not import the sandbox marketplace.', [
      'electron',
      '**/shell/**',
      '**/renderer/**',
      '**/sandbox/**',
    ]),
  },
  {
    // The warehouse hub is a Node process of its own: it shares shared/, the marketplace client, the pure mapping
    // and the sync's failure rules with the station, never Electron, the shell, the UI or the station's SQLite stores.
    files: ['hub/**/*.ts'],
    // Its imports climb through electron/, so Electron itself is named as a package, not as a path pattern.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3'].map((name) => ({
            name,
            message: 'The hub runs in plain Node on PostgreSQL.',
          })),
          patterns: [
            {
              group: [
                '**/shell/**',
                '**/renderer/**',
                '**/electron/core/db/**',
                '**/electron/core/orders/**',
                '**/electron/core/outbox/**',
                '**/electron/core/station/**',
                '**/electron/core/server/**',
              ],
              message:
                'The hub may import shared/, the marketplace client and pure station logic: no shell, UI or station SQLite stores.',
            },
          ],
        },
      ],
    },
  },
  {
    // The desk's link speaks the hub's protocol over HTTP; it never reaches into the hub's process code.
    files: ['electron/core/hub-link/**/*.ts'],
    rules: restrict('The desk reaches the hub only over HTTP (electron/core/hub-link/api.ts is the protocol).', [
      'electron',
      '**/shell/**',
      '**/renderer/**',
      '**/hub/src/**',
    ]),
  },
  {
    files: ['electron/shell/**/*.ts'],
    rules: restrict('The shell wires Electron to the core; it never imports UI code.', ['**/renderer/**']),
  },
);
