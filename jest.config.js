// One jest run, several projects: pure unit tests beside the code, integration suites against
// services the setup starts itself, and end-to-end suites in Chromium against the whole local stack.
// Node 20 is this project's runtime (as on the machine and in Lambda's nodejs20.x); the AWS SDK's
// notice about its future Node 22 requirement would otherwise repeat in every suite's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }];
const base = { transform: { '^.+\\.(t|j)sx?$': swc }, testEnvironment: 'node' };

module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{shared,functions,models}/**/*.test.ts', '<rootDir>/test/setup/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    '<rootDir>/miniapp/jest.config.js',
    {
      ...base,
      // The CloudFormation template `npm run package` produces, and the mini-program's package sizes.
      displayName: 'deploy',
      testMatch: ['<rootDir>/test/deploy/**/*.test.ts'],
    },
    {
      ...base,
      // Crash tests: each starts its own stack, kills parts of it and brings them back.
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
    },
  ],
};
