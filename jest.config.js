/** @type {import('jest').Config} */
// ts-jest in transpile-only mode (isolatedModules): types are checked once by `npm run typecheck`.
// (jest 29 + ts-jest rather than @swc/jest or jest 30: their native optional packages for other
// platforms are not on this project's registry, which makes `npm ci` refuse the lock file.)
const tsJest = [
  'ts-jest',
  {
    isolatedModules: true,
    tsconfig: { jsx: 'react-jsx', module: 'commonjs', target: 'es2022', esModuleInterop: true, allowJs: true },
    diagnostics: false,
  },
];
module.exports = {
  // Two projects: node for the domain, CLI, adapter and browser tests; jsdom for the task pane.
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': tsJest },
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/taskpane/'],
    },
    {
      displayName: 'taskpane',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': tsJest },
      testMatch: ['<rootDir>/tests/taskpane/**/*.test.ts?(x)'],
    },
  ],
};
