#!/usr/bin/env node
/**
 * Reports what each built page downloads (its own scripts, gzipped) and checks
 * the task pane against its budget: it opens inside Excel on every click of
 * the ribbon button, so it must stay small. office.js comes from Microsoft's
 * CDN and is not counted.
 *
 * The budget is on every script taskpane.html fetches as it opens: its
 * <script src> files and the ones it preloads, which are what Excel needs
 * before the first panel can be used (the Excel host and the first panel;
 * webpack.config.js, EXCEL_START_GROUPS). Every other panel is a chunk loaded
 * when first opened; their sizes are read from dist/chunk-groups.json (written
 * by the build) and reported beside the budget, as what each adds.
 *
 * Usage: node scripts/bundle-size.js [distDir]   (after `npm run build`; `npm run size`)
 * Exit 1 when the task pane is over budget, 2 when dist/ is missing.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const TASKPANE_BUDGET_BYTES = 200 * 1024;
/** Written by the build: named chunk group → its script files (webpack.config.js, ChunkGroupsManifest). */
const CHUNK_GROUPS_FILE = "chunk-groups.json";
/** The chunk group the start-up loads inside Excel. */
const EXCEL_HOST_GROUP = "excel-host";
/** Panel chunks are named "<id>-panel" (webpackChunkName), as src/taskpane/panels/index.ts names each lazyPanel. */
const isPanelGroup = (name) => /-panel$/.test(name);

/** An attribute's value in one tag, quoted or not; undefined when absent. */
function attribute(tag, name) {
  const m = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * Local script files a page fetches as it opens, in order: its <script src>
 * and the scripts it preloads (<link rel="preload" as="script">, the Excel
 * start of taskpane.html). Absolute URLs such as the office.js CDN are skipped.
 */
function pageScripts(html) {
  const sources = [];
  for (const [tag, name] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const isScript = name.toLowerCase() === "script";
    const preload = !isScript && /^preload$/i.test(attribute(tag, "rel") ?? "") && /^script$/i.test(attribute(tag, "as") ?? "");
    const src = isScript ? attribute(tag, "src") : preload ? attribute(tag, "href") : undefined;
    if (src && !/^[a-z]+:\/\//i.test(src) && !src.startsWith("//")) sources.push(src.replace(/^\.?\//, ""));
  }
  return [...new Set(sources)];
}

function fileSize(distDir, file) {
  const bytes = fs.readFileSync(path.join(distDir, file));
  return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

function total(files) {
  return { raw: files.reduce((sum, f) => sum + f.raw, 0), gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

function measurePage(distDir, page) {
  const html = fs.readFileSync(path.join(distDir, page), "utf8");
  const files = pageScripts(html).map((src) => fileSize(distDir, src));
  return { page, files, ...total(files) };
}

/**
 * The task pane's later downloads: the Excel host, and per panel the chunks it
 * adds to what is already loaded (start + host). Null without chunk-groups.json.
 */
function measureLaterChunks(distDir, startFiles) {
  const manifest = path.join(distDir, CHUNK_GROUPS_FILE);
  if (!fs.existsSync(manifest)) return null;
  const groups = JSON.parse(fs.readFileSync(manifest, "utf8"));
  const loaded = new Set(startFiles);
  const extra = (files, already) => files.filter((f) => !already.has(f)).map((f) => fileSize(distDir, f));
  const host = extra(groups[EXCEL_HOST_GROUP] ?? [], loaded);
  const withHost = new Set([...loaded, ...host.map((f) => f.file)]);
  const panels = Object.keys(groups)
    .filter(isPanelGroup)
    .sort()
    .map((name) => {
      const files = extra(groups[name], withHost);
      return { panel: name.replace(/-panel$/, ""), files, ...total(files) };
    });
  const every = new Set([...withHost, ...Object.values(groups).flat()]);
  return {
    excelHost: { files: host, ...total(host) },
    panels,
    largestPanel: panels.reduce((a, b) => (b.gzip > (a?.gzip ?? -1) ? b : a), null),
    everything: total([...every].filter((f) => !loaded.has(f)).map((f) => fileSize(distDir, f))),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function main() {
  const distDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "dist"));
  if (!fs.existsSync(path.join(distDir, "taskpane.html"))) {
    console.error(`No taskpane.html in ${distDir}: run npm run build first.`);
    process.exit(2);
  }
  const pages = ["taskpane.html", "commands.html", "playground.html"].filter((p) => fs.existsSync(path.join(distDir, p)));
  const results = pages.map((p) => measurePage(distDir, p));
  for (const r of results) {
    console.log(`${r.page}: ${kb(r.gzip)} gzipped (${kb(r.raw)} raw)`);
    for (const f of r.files) console.log(`  ${f.file.padEnd(36)} ${kb(f.gzip).padStart(10)} gz ${kb(f.raw).padStart(10)} raw`);
  }
  const taskpane = results.find((r) => r.page === "taskpane.html");
  const later = measureLaterChunks(distDir, taskpane.files.map((f) => f.file));
  if (later) {
    const host = later.excelHost.gzip ? `${kb(later.excelHost.gzip)} gzipped, not preloaded` : "preloaded with the page";
    console.log(`Task pane inside Excel: the Excel host is ${host}; each other panel adds, when first opened:`);
    for (const p of later.panels) console.log(`  panel ${p.panel.padEnd(28)} ${kb(p.gzip).padStart(10)} gz`);
    if (later.largestPanel) {
      console.log(`At most ${kb(taskpane.gzip + later.excelHost.gzip + later.largestPanel.gzip)} gzipped once the largest panel (${later.largestPanel.panel}) is open too.`);
    }
  } else {
    console.log(`(No ${CHUNK_GROUPS_FILE} in ${distDir}: panel chunks not reported.)`);
  }
  if (taskpane.gzip > TASKPANE_BUDGET_BYTES) {
    console.error(
      `taskpane.html fetches ${kb(taskpane.gzip)} gzipped as it opens (its scripts, the Excel host and the first panel), over its ${kb(TASKPANE_BUDGET_BYTES)} budget. ` +
        "Look for a large import on the start-up side, in the Excel host's read path or in the first panel: the other panels and writing must stay lazy (dynamic import), and ExcelJS belongs to the playground only.",
    );
    process.exit(1);
  }
  console.log(`taskpane.html is within its ${kb(TASKPANE_BUDGET_BYTES)} budget as it opens inside Excel (${kb(TASKPANE_BUDGET_BYTES - taskpane.gzip)} to spare).`);
}

module.exports = { pageScripts, measurePage, measureLaterChunks, TASKPANE_BUDGET_BYTES, CHUNK_GROUPS_FILE };
if (require.main === module) main();
