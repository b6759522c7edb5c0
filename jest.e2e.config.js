/**
 * Browser tests: `npm run test:e2e`. Builds the pages once with the project's
 * webpack config, serves them over http on a free port, and drives Debian's
 * Chromium with playwright-core (CHROMIUM_PATH overrides /usr/bin/chromium).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }] },
  testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
  globalSetup: "<rootDir>/test/e2e/global-setup.ts",
  globalTeardown: "<rootDir>/test/e2e/global-teardown.ts",
  // One browser at a time: these machines have two cores.
  maxWorkers: 1,
  testTimeout: 120000,
};
