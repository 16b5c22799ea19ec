/** @type {import('jest').Config} */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } }];
module.exports = {
  // Two projects: node for the domain, CLI, adapter and browser tests; jsdom for the task pane.
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/taskpane/'],
    },
    {
      displayName: 'taskpane',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/tests/taskpane/**/*.test.ts?(x)'],
    },
  ],
};
