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
  // How long a worker has to exit once its suites are done. No handle outlives a suite (checked suite by suite
  // with --detectOpenHandles and the worker's active handles), but a worker that ran the integration suites
  // holds 0.5-0.9 GB, and freeing it as the process ends took 0.4-0.7 s on two cores shared with other work:
  // past jest's 500 ms, it was killed and reported as a leak. A handle that is really left open still is,
  // after these 5 s.
  workerGracefulExitTimeout: 5000,
  testTimeout: 60000,
};
