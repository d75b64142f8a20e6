import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Layer rule: the renderer never sees Electron or Node, and takes from main/ only the contract, by its alias.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'The renderer must not use Electron or Node.' },
            {
              group: ['**/main/**'],
              message: "The renderer may import from main/ only the contract, as '#contract'.",
              allowTypeImports: false,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: {
      // Layer rule: the contract is pure, shared by main, preload and renderer.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\.).*', message: 'The contract imports only zod and itself.' }] },
      ],
    },
  },
  {
    files: ['main/services/**/*.ts', 'main/ipc/**/*.ts', 'main/transport/**/*.ts', 'main/cli/**/*.ts'],
    rules: {
      // Layer rule: services are plain Node; only the shell touches Electron, only the keychain adapter keytar.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only main/shell and main/index.ts may import electron.' },
            { name: 'keytar', message: 'Only the keytar secret store may import keytar.' },
          ],
        },
      ],
    },
  },
  {
    // The one type-aware rule: a promise nobody awaits loses its error (an unhandled rejection in
    // main, a silent failure in the page). Only on the app's sources, so linting stays quick; write
    // `void promise` where fire-and-forget is meant.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['main/services/credentials/keytar-secret-store.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
)
