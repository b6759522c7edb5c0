/** Recalculation suite: formulas we write, recalculated by LibreOffice, compared with core. Needs soffice. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/test/recalc/**/*.test.ts"],
  testTimeout: 180000,
  maxWorkers: 1,
};
