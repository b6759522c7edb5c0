/**
 * The validation benchmark's phases, each in its own Node process (its own
 * heap and peak memory). Prints one JSON line on stdout.
 *
 *   load <file>       ExcelJS Workbook.xlsx.readFile: the whole workbook loaded into ExcelJS's model
 *   validate <file>   pmo validate's work: open the package read-only (no workbook model), find the registers, check them
 */
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { openWorkbookForReading } from "../src/hosts/xlsx/workbook-file";
import { validateWorkbook } from "../src/jobs/validation/validate";
import type { PhaseResult } from "./xlsx-phase";

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function load(file: string): Promise<PhaseResult> {
  const t0 = performance.now();
  await new ExcelJS.Workbook().xlsx.readFile(file);
  return { phase: "load", ms: { total: performance.now() - t0 }, peakRssBytes: peakRss() };
}

async function validate(file: string): Promise<PhaseResult & { findings: number; rows: number }> {
  const t0 = performance.now();
  const host = await openWorkbookForReading(file);
  const t1 = performance.now();
  const report = await validateWorkbook(host, { today: new Date(2026, 0, 1) });
  const t2 = performance.now();
  return {
    phase: "validate",
    ms: { open: t1 - t0, check: t2 - t1, total: t2 - t0 },
    peakRssBytes: peakRss(),
    findings: report.findings.length,
    rows: report.registers.reduce((n, r) => n + r.rows, 0),
  };
}

async function main(): Promise<void> {
  const [phase, file] = process.argv.slice(2);
  const result = phase === "load" ? await load(file) : phase === "validate" ? await validate(file) : null;
  if (!result) throw new Error(`unknown phase ${phase}`);
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
