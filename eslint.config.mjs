// Lint rules, including the folder boundaries of design.md: the folder tells what a file may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noOffice = { group: ['@microsoft/office-js', 'office-js'], message: 'Office.js is used only in src/excel.' };
const noUi = { group: ['react', 'react-dom', '@fluentui/*', 'echarts', 'echarts/*'], message: 'UI libraries belong in src/taskpane or src/sandbox.' };
const noNode = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'exceljs', 'jszip', 'commander'], message: 'Node and file libraries belong in src/cli or src/xlsx.' };
const shells = (...names) => names.map((n) => ({ group: [`**/${n}`, `**/${n}/*`], message: `The domain must not import src/${n}.` }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'test-artifacts/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [noOffice, noUi, noNode, ...shells('excel', 'cli', 'taskpane', 'sandbox', 'xlsx')] }],
      'no-restricted-globals': ['error', 'window', 'document', 'Office', 'Excel', 'process'],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/xlsx/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noOffice, noUi, ...shells('excel', 'taskpane', 'sandbox')] }] },
  },
  {
    files: ['src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noOffice, noNode, ...shells('cli', 'sandbox', 'xlsx')] }] },
  },
  {
    files: ['src/excel/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi, noNode, ...shells('cli', 'taskpane', 'sandbox', 'xlsx')] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
