// Lint enforces the architecture: where a file lives says what it may import.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { features, platform, roots, sharedRootFiles } from './electron/core/features.mjs';

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

// ---- the station core: features and the arrows between them (electron/core/features.mjs) -------------------------

const coreGroups = [
  {
    group: ['electron', '**/shell/**', '**/renderer/**'],
    message: 'The station core runs in plain Node: no Electron, no shell, no UI code.',
  },
];
const sandboxGroup = {
  group: ['**/sandbox/**'],
  message: 'Only the station and the marketplace connection boundary (station-connection.ts) reach the sandbox.',
};
/** Only the parts of a folder a rule must name: features in features.mjs, roots such as station/ and cli/. */
const rootFolders = roots.filter((root) => !root.endsWith('.ts'));

/** An import of electron/core/<folder> (`rest`: which part of it), from any depth inside another core folder. */
const into = (folder, rest = '(/.*)?') => `^(\\.\\./)+${folder}${rest}$`;

/**
 * What a core file inside `self` may not import: a feature it does not use at all, a feature it uses other than
 * through that feature's entry, the roots (except the station's services type), the handler registry. `uses` null:
 * a root, which may use every feature's entry and wire anything.
 */
function arrows(self, uses) {
  const patterns = [];
  for (const [name, feature] of Object.entries(features)) {
    if (name === self) continue;
    if (uses && !uses.includes(name)) {
      const message = `${self}/ does not use ${name}: declare the arrow in electron/core/features.mjs first.`;
      patterns.push({ regex: into(name), message });
      continue;
    }
    const entries = (feature.entries ?? ['index']).join('|');
    const message = `${name}/ is reached only through its public entry (import '../${name}'), never its files.`;
    patterns.push({ regex: into(name, `/(?!(${entries})$).+`), message });
  }
  if (!uses) return patterns;
  for (const root of rootFolders.filter((folder) => folder !== self)) {
    const open = sharedRootFiles
      .filter((file) => file.startsWith(`${root}/`))
      .map((file) => file.slice(root.length + 1));
    patterns.push({
      regex: open.length ? into(root, `(?!/(${open.join('|')})$)(/.*)?`) : into(root),
      message: `${root}/ wires the features together: a feature imports nothing of it but ${sharedRootFiles.join(', ')}.`,
    });
  }
  patterns.push({
    regex: into('contract/handlers'),
    message: 'contract/handlers.ts registers every feature: no feature imports it.',
  });
  return patterns;
}

const noImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [...coreGroups, ...patterns] }] });

/** One block per core folder: later blocks replace the rule for their files, so each block states all of it. */
function coreRules() {
  const blocks = [{ files: ['electron/core/**/*.ts'], rules: noImports(sandboxGroup, ...arrows(null, [])) }];
  for (const folder of platform) {
    blocks.push({ files: [`electron/core/${folder}/**/*.ts`], rules: noImports(sandboxGroup, ...arrows(folder, [])) });
  }
  const ownRules = {
    // The client must work against any server that follows the reference, so it may not lean on the sandbox.
    marketplace: [
      { group: ['**/sandbox/**'], message: 'The marketplace client may not import the sandbox marketplace.' },
    ],
    // The desk reaches the hub only over HTTP: hub-link/api.ts is the protocol both ends share.
    'hub-link': [
      sandboxGroup,
      {
        group: ['**/hub/src/**'],
        message: 'The desk reaches the hub only over HTTP (hub-link/api.ts is the protocol).',
      },
    ],
  };
  for (const [name, feature] of Object.entries(features)) {
    blocks.push({
      files: [`electron/core/${name}/**/*.ts`],
      rules: noImports(...(ownRules[name] ?? [sandboxGroup]), ...arrows(name, feature.uses)),
    });
  }
  // The connection boundary: it starts the embedded sandbox when no shop is configured.
  blocks.push({
    files: ['electron/core/marketplace/station-connection.ts'],
    rules: noImports(...arrows('marketplace', features.marketplace.uses)),
  });
  for (const root of roots) {
    blocks.push({
      files: [root.endsWith('.ts') ? `electron/core/${root}` : `electron/core/${root}/**/*.ts`],
      rules: noImports(...arrows(root.split('/')[0], null)),
    });
  }
  return blocks;
}

export default tseslint.config(
  { ignores: ['dist/**', 'native/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a dropped promise is a lost write or an unreported failure at the desk, and a switch over a
    // union that misses a member is a state the UI or the sync silently ignores.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
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
  ...coreRules(),
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
    files: ['electron/shell/**/*.ts'],
    rules: restrict('The shell wires Electron to the core; it never imports UI code.', ['**/renderer/**']),
  },
);
