/**
 * Time from navigation to an interactive task pane, in headless Chromium
 * against the production build: the pane marks `pmo:pane-ready` once its first
 * panel has its data (src/taskpane/paneReady.ts). Median of several fresh page
 * loads, so one slow start does not decide the figure.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serveFolder } from "../test/e2e/server";
import { figure, round, type Figure } from "./figures";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface PaneStartup {
  what: string;
  runs: number;
  pages: { page: string; medianMs: Figure; samplesMs: number[] }[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function measurePaneStartup(dist: string, runs: number, progress: (t: string) => void): Promise<PaneStartup> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!existsSync(path.join(dist, "playground.html"))) throw new Error(`no production build in ${dist} (run npm run build)`);
  const { server, url } = await serveFolder(dist);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const pages: PaneStartup["pages"] = [];
    for (const page of ["playground.html", "taskpane.html"]) {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        progress(`pane start-up: ${page} run ${i + 1} of ${runs}...`);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const tab = await context.newPage();
        // Offline, as in Excel's sandbox for our code: office.js from the CDN is refused, the page must not wait for it.
        await tab.route("**/*", (route) => (route.request().url().startsWith(url) || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort()));
        await tab.goto(`${url}/${page}`);
        await tab.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
        const ms = await tab.evaluate(() => performance.getEntriesByName("pmo:pane-ready")[0]?.startTime ?? -1);
        if (ms < 0) throw new Error(`${page} set paneReady but recorded no pmo:pane-ready mark`);
        samples.push(round(ms, 1));
        await context.close();
      }
      pages.push({
        page,
        medianMs: figure(round(median(samples), 1), "ms", { note: "navigation start to the pmo:pane-ready mark, median" }),
        samplesMs: samples,
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
  }
}
