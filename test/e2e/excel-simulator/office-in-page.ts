/**
 * Stands in for office.js inside Excel, in a plain browser page: `Office`
 * reports Excel as the host, with the theme and document settings the test
 * gives, and `Excel.run` runs against the in-memory fake of the Excel object
 * model (test/contract/fake-excel) seeded with the test's workbook. Served
 * in place of the office.js CDN URL, so the task pane page runs unchanged,
 * through its real start-up, Excel host and panels.
 *
 * The test passes its options as `window.__EXCEL_SIMULATOR__` (an init
 * script). Document settings persist in sessionStorage, so a reload of the
 * page is the same workbook opened again.
 */
import { FakeExcel } from "../../contract/fake-excel/fake-excel";

// The fake counts payload bytes with Node's Buffer.byteLength; a page has TextEncoder.
const utf8 = new TextEncoder();
(globalThis as { Buffer?: unknown }).Buffer ??= { byteLength: (text: string) => utf8.encode(text).length };
import type { SimulatorOptions } from "./options";

const SETTINGS_KEY = "excel-simulator:document-settings";

const options = (window as unknown as { __EXCEL_SIMULATOR__?: SimulatorOptions }).__EXCEL_SIMULATOR__;
if (!options) throw new Error("excel-simulator: no window.__EXCEL_SIMULATOR__ options were set before the page loaded");

const fake = FakeExcel.fromSeed(options.seed, "web");
const stored = JSON.parse(sessionStorage.getItem(SETTINGS_KEY) ?? "{}") as Record<string, unknown>;
const saved: Record<string, unknown> = { ...stored };
const settings = {
  get: (name: string) => (name in saved ? saved[name] : null),
  set: (name: string, value: unknown) => void (saved[name] = value),
  remove: (name: string) => void delete saved[name],
  saveAsync: (callback?: (result: { status: string }) => void) => {
    sessionStorage.setItem(SETTINGS_KEY, JSON.stringify(saved));
    setTimeout(() => callback?.({ status: "succeeded" }), 0);
  },
};
const info = { host: "Excel", platform: "OfficeOnline" };

const office = {
  HostType: { Excel: "Excel" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  onReady: (callback?: (i: typeof info) => void) =>
    new Promise<typeof info>((resolve) =>
      setTimeout(() => {
        callback?.(info);
        resolve(info);
      }, 0),
    ),
  context: {
    officeTheme: options.officeTheme,
    requirements: { isSetSupported: (set: string, version: string) => set === "ExcelApi" && Number(version.split(".")[1]) <= options.excelApiMinor },
    document: { settings },
  },
};
const excel = {
  run: (a: unknown, b?: unknown) => {
    const [opts, batch] = typeof a === "function" ? [{}, a] : [a, b];
    return fake.run(opts as { mergeUndoGroup?: boolean }, batch as Parameters<FakeExcel["run"]>[1]);
  },
};
// The workbook's state, for tests to look at what the pane did (charts have no other way out).
Object.assign(window, { Office: office, Excel: excel, __EXCEL_SIMULATOR_STATE__: () => fake.state });
