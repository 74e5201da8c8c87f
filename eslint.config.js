// Layers (../shared/STYLE.md #1), enforced here:
//   shared/        imports nothing from electron/ or renderer/, and no Node-only module
//   renderer/      imports only shared/ (and browser packages), never Node or electron/
//   electron/core  never imports 'electron' nor electron/{main,preload,cli,bridge}
//   electron/main  is imported by nobody
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'fs', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto', 'worker_threads',
  'better-sqlite3', 'ssh2', 'pdfkit', 'exceljs', 'ping', 'drizzle-orm', 'drizzle-orm/*',
];
const noNode = [
  { group: ['node:*'], message: 'Node modules are not allowed in this layer.' },
  ...nodeBuiltins.map((g) => ({ group: [g, `${g}/*`], message: 'Node-only module: not allowed in this layer.' })),
];
const noElectronPkg = { name: 'electron', message: 'electron/core is plain Node: never import electron.' };
const noMain = { group: ['**/electron/main', '**/electron/main/*', '**/main/*'], message: 'Nothing imports electron/main.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tmp/**', '.tmp*/**', 'out/**', 'release/**', 'electron/core/db/migrations/**', 'test-results/**', 'playwright-report/**', 'bench/.cache/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...noNode,
          { group: ['**/electron/*', '**/electron', '**/renderer/*', '**/renderer'], message: 'shared/ imports neither side.' },
        ],
        paths: [{ name: 'electron', message: 'shared/ never imports electron.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', {
        patterns: [
          ...noNode,
          { group: ['**/electron/*', '**/electron'], message: 'renderer/ imports only shared/.' },
        ],
        paths: [{ name: 'electron', message: 'renderer/ never imports electron.' }],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectronPkg, { name: 'electron-updater', message: 'electron/core is plain Node.' }],
        patterns: [
          { group: ['electron/*', 'electron-updater/*'], message: 'electron/core is plain Node: never import electron.' },
          { group: ['**/main/*', '**/preload/*', '**/cli/*', '**/bridge/*', '**/renderer/*'], message: 'core points to shared only.' },
        ],
      }],
    },
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/bridge/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectronPkg], patterns: [noMain] }] },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMain, { group: ['**/core/*'], message: 'preload stays tiny.' }] }] },
  },
);
