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
  testTimeout: 30000,
};
