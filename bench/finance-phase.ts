/**
 * The finance benchmark's phases, each in its own Node process (its own heap
 * and peak memory). Prints one JSON line on stdout.
 *
 *   generate <file> <lines>   a budget tracker of <lines> lines in blocks of 100 with subtotal rows, and an earned value sheet of <lines> rows (work package × month)
 *   read <file>               the baseline: open the package read-only and read both sheets' used ranges
 *   variance <file>           pmo variance's work: open read-only, find the trackers, compute variance and earned value, plan the summary sheet
 */
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { openWorkbookForReading } from "../src/hosts/xlsx/workbook-file";
import { planVariance } from "../src/jobs/finance/variance";
import type { PhaseResult } from "./xlsx-phase";

const BLOCK = 100;

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function generate(file: string, lines: number): Promise<PhaseResult> {
  const t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const budget = wb.addWorksheet("Budget");
  budget.addRow(["Cost Code", "Description", "Category", "Budget", "Actual", "Forecast at Completion", "Variance Explanation"]).commit();
  let row = 2;
  for (let b = 0; b * BLOCK < lines; b++) {
    const first = row;
    const n = Math.min(BLOCK, lines - b * BLOCK);
    for (let i = 0; i < n; i++) {
      const k = b * BLOCK + i;
      const bud = 1000 + ((k * 7919) % 90000);
      budget.addRow([`CC-${k}`, `Line ${k}`, `Category ${b % 12}`, bud, Math.round(bud * (0.5 + ((k * 31) % 70) / 100)), Math.round(bud * (0.9 + ((k * 17) % 30) / 100)), k % 9 ? null : "Re-phased"]).commit();
      row++;
    }
    budget.addRow([null, `Subtotal block ${b + 1}`, null, { formula: `SUM(D${first}:D${row - 1})` }, { formula: `SUM(E${first}:E${row - 1})` }, { formula: `SUM(F${first}:F${row - 1})` }]).commit();
    row++;
  }
  budget.commit();
  const evm = wb.addWorksheet("EVM");
  evm.addRow(["Work Package", "Period", "BAC", "PV", "EV", "AC", "ETC"]).commit();
  const months = 12;
  for (let k = 0; k < lines; k++) {
    const wp = Math.floor(k / months);
    const m = k % months;
    const bac = 50000 + ((wp * 7919) % 200000);
    const pv = Math.round(bac / months);
    const reported = m < 8;
    evm.addRow([`WP-${wp}`, `2025-${String(m + 1).padStart(2, "0")}`, bac, pv, reported ? Math.round(pv * (0.7 + ((k * 13) % 50) / 100)) : null, reported ? Math.round(pv * (0.8 + ((k * 29) % 50) / 100)) : null, reported ? Math.round(bac * 0.3) : null]).commit();
  }
  evm.commit();
  await wb.commit();
  return { phase: "generate", ms: { total: performance.now() - t0 }, peakRssBytes: peakRss() };
}

async function read(file: string): Promise<PhaseResult & { cells: number }> {
  const t0 = performance.now();
  const host = await openWorkbookForReading(file);
  const outline = await host.outline({ previewRows: 60 });
  let cells = 0;
  for (const s of outline.sheets) {
    if (!s.usedRange) continue;
    const g = await host.read(s.name, s.usedRange);
    cells += g.values.length * (g.values[0]?.length ?? 0);
  }
  return { phase: "read", ms: { total: performance.now() - t0 }, peakRssBytes: peakRss(), cells };
}

async function variance(file: string): Promise<PhaseResult & { lines: number; workPackages: number; subtotals: number; summaryCells: number }> {
  const t0 = performance.now();
  const host = await openWorkbookForReading(file);
  const t1 = performance.now();
  const report = await planVariance(host);
  const t2 = performance.now();
  const lines = report.trackers.reduce((n, t) => n + t.tracker.lines.length, 0);
  return {
    phase: "variance",
    ms: { open: t1 - t0, compute: t2 - t1, total: t2 - t0 },
    peakRssBytes: peakRss(),
    lines,
    workPackages: report.trackers.reduce((n, t) => n + (t.ev?.groups.length ?? 0), 0),
    subtotals: report.trackers.reduce((n, t) => n + t.tracker.subtotalRows.length, 0),
    summaryCells: report.layout.rows.reduce((n, r) => n + r.length, 0),
  };
}

async function main(): Promise<void> {
  const [phase, file, count] = process.argv.slice(2);
  const result = phase === "generate" ? await generate(file, Number(count)) : phase === "read" ? await read(file) : phase === "variance" ? await variance(file) : null;
  if (!result) throw new Error(`unknown phase ${phase}`);
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
