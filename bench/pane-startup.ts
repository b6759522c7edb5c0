/**
 * Time from navigation to an interactive task pane, in headless Chromium
 * against the production build: the pane marks `pmo:pane-ready` once its first
 * panel has its data (src/taskpane/paneReady.ts). Median of several fresh page
 * loads (a new browser context each, so nothing is cached), so one slow start
 * does not decide the figure.
 *
 * taskpane.html runs as in Excel: office.js is the simulated Excel of the
 * browser tests (test/e2e/excel-simulator: the in-memory Excel object model
 * holding the sample portfolio), so the figure covers the page's scripts, the
 * Excel host's chunk, the first panel's chunk and its read of the workbook.
 * What it cannot cover is Excel itself: office.js's own start-up and the
 * round trips to the workbook. The playground is measured beside it.
 *
 * Alone: npx tsx bench/pane-startup.ts [--smoke]  (after npm run build)
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { buildExcelSimulator } from "../test/e2e/excel-simulator/build";
import { simulateExcel } from "../test/e2e/office";
import { serveFolder } from "../test/e2e/server";
import { figure, round, type Figure } from "./figures";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Interactive (the first panel with its data) within a second, median. */
export const INTERACTIVE_GOAL_MS = 1000;

export interface PaneStartup {
  what: string;
  runs: number;
  pages: { page: string; medianMs: Figure; samplesMs: number[]; scriptsAtReady?: number }[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function measurePaneStartup(dist: string, runs: number, progress: (t: string) => void): Promise<PaneStartup> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!existsSync(path.join(dist, "taskpane.html"))) throw new Error(`no production build in ${dist} (run npm run build)`);
  const simulatorDir = mkdtempSync(path.join(os.tmpdir(), "pmo-excel-simulator-"));
  progress("pane start-up: building the simulated Excel...");
  const simulator = await buildExcelSimulator(simulatorDir);
  const { server, url } = await serveFolder(dist);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const setups: Record<string, (tab: Page) => Promise<void>> = {
    "taskpane.html": (tab) => simulateExcel(tab, {}, simulator),
    "playground.html": async () => {},
  };
  try {
    const pages: PaneStartup["pages"] = [];
    for (const page of ["taskpane.html", "playground.html"]) {
      if (!existsSync(path.join(dist, page))) continue;
      const samples: number[] = [];
      let scripts = 0;
      for (let i = 0; i < runs; i++) {
        progress(`pane start-up: ${page} run ${i + 1} of ${runs}...`);
        const context = await browser.newContext({ viewport: { width: page === "taskpane.html" ? 350 : 1280, height: 800 } });
        const tab = await context.newPage();
        // Nothing leaves the machine; office.js is either refused (the playground needs none) or the simulated Excel.
        await tab.route("**/*", (route) => (route.request().url().startsWith(url) || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort()));
        await setups[page](tab);
        const fetched: string[] = [];
        tab.on("request", (r) => {
          if (r.resourceType() === "script" && r.url().startsWith(url)) fetched.push(r.url());
        });
        await tab.goto(`${url}/${page}`);
        await tab.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
        const ms = await tab.evaluate(() => performance.getEntriesByName("pmo:pane-ready")[0]?.startTime ?? -1);
        if (ms < 0) throw new Error(`${page} set paneReady but recorded no pmo:pane-ready mark`);
        if (page === "taskpane.html" && (await tab.locator('[role="tabpanel"]').count()) === 0) throw new Error("taskpane.html became ready without a panel: the simulated Excel did not start the pane");
        samples.push(round(ms, 1));
        scripts = fetched.length;
        await context.close();
      }
      const med = round(median(samples), 1);
      pages.push({
        page,
        medianMs: figure(
          med,
          "ms",
          page === "taskpane.html"
            ? { goalMax: INTERACTIVE_GOAL_MS, note: "navigation start to the pmo:pane-ready mark (first panel with its data), median; in the simulated Excel, office.js's own start-up not included" }
            : { note: "navigation start to the pmo:pane-ready mark, median; includes building the sample workbook with ExcelJS" },
        ),
        samplesMs: samples,
        scriptsAtReady: scripts,
      });
    }
    return {
      what: "production build served on localhost; headless Debian Chromium; a fresh browser context per run (cold cache)",
      runs,
      pages,
    };
  } finally {
    await browser.close();
    server.close();
    rmSync(simulatorDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const smoke = process.argv.includes("--smoke");
  measurePaneStartup(path.resolve(__dirname, "..", "dist"), smoke ? 3 : 7, (t) => process.stderr.write(`${t}\n`)).then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + "\n"),
    (e: unknown) => {
      process.stderr.write(`pane start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
