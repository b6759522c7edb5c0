/** Unit and contract tests: `npm test`. Browser, LibreOffice and corpus suites have their own configs. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  setupFiles: ["<rootDir>/test/setup/text-codecs.ts", "<rootDir>/test/setup/resize-observer.ts"],
  testMatch: ["<rootDir>/test/unit/**/*.test.ts?(x)", "<rootDir>/test/contract/**/*.test.ts"],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  testTimeout: 120000,
};
