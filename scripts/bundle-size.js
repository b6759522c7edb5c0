#!/usr/bin/env node
/**
 * Reports what each built page downloads (its own scripts, gzipped) and checks
 * the task pane against its budget: it opens inside Excel on every click of
 * the ribbon button, so it must stay small. office.js comes from Microsoft's
 * CDN and is not counted.
 *
 * Usage: node scripts/bundle-size.js [distDir]   (after `npm run build`)
 * Exit 1 when the task pane is over budget, 2 when dist/ is missing.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const TASKPANE_BUDGET_BYTES = 250 * 1024;

/** Local script files a page loads, in order (absolute URLs such as the office.js CDN are skipped). */
function pageScripts(html) {
  const sources = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)) {
    const src = match[1];
    if (!/^[a-z]+:\/\//i.test(src) && !src.startsWith("//")) sources.push(src.replace(/^\.?\//, ""));
  }
  return sources;
}

function measurePage(distDir, page) {
  const html = fs.readFileSync(path.join(distDir, page), "utf8");
  const files = pageScripts(html).map((src) => {
    const bytes = fs.readFileSync(path.join(distDir, src));
    return { file: src, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  return {
    page,
    files,
    raw: files.reduce((sum, f) => sum + f.raw, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
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
  if (taskpane.gzip > TASKPANE_BUDGET_BYTES) {
    console.error(
      `taskpane.html loads ${kb(taskpane.gzip)} gzipped, over its ${kb(TASKPANE_BUDGET_BYTES)} budget. ` +
        "Look for a large import on the task pane's side (ExcelJS belongs to the playground only).",
    );
    process.exit(1);
  }
  console.log(`taskpane.html is within its ${kb(TASKPANE_BUDGET_BYTES)} budget.`);
}

module.exports = { pageScripts, measurePage, TASKPANE_BUDGET_BYTES };
if (require.main === module) main();
