/**
 * office.js in the browser tests, two ways:
 * - the genuine library from the @microsoft/office-js package, served for the
 *   CDN address the pages name, so a page meets the real Office.onReady
 *   (outside Excel it reports no host);
 * - a simulated Excel (excel-simulator/), served at the same address, so the
 *   task pane runs its real start-up, Excel host and panels on a seeded
 *   in-memory workbook.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page, Route } from "playwright-core";
import { samplePortfolioBytes } from "../../src/sample/portfolioWorkbook";
import { seedFromXlsx } from "../contract/register-seeds";
import type { WorkbookSeed } from "../contract/workbook-seed";
import type { SimulatorOptions } from "./excel-simulator/options";
import { EXCEL_SIMULATOR } from "./paths";

/** Where Office requires add-ins to load office.js from (the pages' <script src>). */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** The library's files as the package ships them (office.js, its locale strings, host scripts). */
export const OFFICE_JS_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");

function packagedFile(url: string): string | null {
  const rest = decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_JS_CDN).pathname.length));
  const file = path.resolve(OFFICE_JS_DIST, rest);
  return file.startsWith(OFFICE_JS_DIST + path.sep) && existsSync(file) ? file : null;
}

/** Serves the CDN's office.js files from the package; anything the package lacks is refused (nothing leaves the machine). */
export async function serveOfficeJsFromPackage(page: Page): Promise<string[]> {
  const served: string[] = [];
  await page.route(`${OFFICE_JS_CDN}**`, (route: Route) => {
    const file = packagedFile(route.request().url());
    if (!file) return route.abort();
    served.push(path.relative(OFFICE_JS_DIST, file));
    return route.fulfill({ path: file, contentType: "text/javascript; charset=utf-8" });
  });
  return served;
}

let sampleSeed: Promise<WorkbookSeed> | null = null;
/** The playground's sample portfolio as a seed for the simulated Excel. */
export function samplePortfolioSeed(): Promise<WorkbookSeed> {
  sampleSeed ??= samplePortfolioBytes().then(seedFromXlsx);
  return sampleSeed;
}

/** Makes the page's office.js a simulated Excel with `options` (call before page.goto). */
export async function simulateExcel(page: Page, options: Partial<SimulatorOptions> = {}, simulatorFile = EXCEL_SIMULATOR): Promise<void> {
  if (!existsSync(simulatorFile)) throw new Error(`no Excel simulator at ${simulatorFile}: the e2e global setup builds it`);
  const full: SimulatorOptions = { seed: options.seed ?? (await samplePortfolioSeed()), excelApiMinor: 20, ...options };
  await page.addInitScript((o) => Object.assign(window, { __EXCEL_SIMULATOR__: o }), full);
  await page.route(`${OFFICE_JS_CDN}office.js`, (route) => route.fulfill({ path: simulatorFile, contentType: "text/javascript; charset=utf-8" }));
}
