/** Real public PMO workbooks in ../shared/corpus: `npm run test:corpus`. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }] },
  testMatch: ["<rootDir>/test/corpus/**/*.test.ts"],
  testTimeout: 180000,
};
