/**
 * Jest runs TypeScript through SWC. ESM-only packages are transformed too: jose 6, and node-fetch 3 with its
 * dependencies, which teeny-request (the BigQuery client's HTTP layer) loads with a dynamic import() that Jest's
 * CommonJS sandbox cannot run untransformed.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|teeny-request|node-fetch|fetch-blob|data-uri-to-buffer|formdata-polyfill)/)'],
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  testTimeout: 30000,
};
