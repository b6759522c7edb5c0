import path from "node:path";

export const REPO = path.resolve(__dirname, "../..");
/** Where the e2e build goes: not dist/, so a test run never replaces a real build. */
export const E2E_DIST = path.join(REPO, "test-results", "e2e-dist");
export const SCREENSHOTS = path.join(REPO, "test-results", "screenshots");
/** The running server's address, written by global setup for the test files. */
export const SERVER_FILE = path.join(REPO, "test-results", "e2e-server.json");
/** The simulated Excel's script (excel-simulator/), built by global setup. */
export const EXCEL_SIMULATOR = path.join(REPO, "test-results", "excel-simulator", "excel-simulator.js");
