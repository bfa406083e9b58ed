/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // email-reply-parser ships ES modules only; jest's CommonJS loader needs them transpiled.
    '/node_modules/email-reply-parser/.+\\.js$': [
      '<rootDir>/test/support/esm-transformer.js',
      { tsconfig: { allowJs: true, isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!email-reply-parser/)'],
  // One worker per core (jest's default leaves one free): on the two cores of CI, the suites take about half
  // as long. The timeout is a guard against a hung test, not a measure of speed: on a fresh clone, with the
  // compile caches cold and the type check beside, the slowest integration tests take over 30 s.
  maxWorkers: '100%',
  testTimeout: 60000,
};
