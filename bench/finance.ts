/**
 * Budget variance and earned value at scale: pmo variance's work (open,
 * find the trackers, compute, plan the summary sheet) over a budget tracker
 * of N lines in blocks with subtotals and an earned value sheet of N rows, as
 * ratios in time and peak memory to reading the same input in the same run.
 *
 *   npx tsx bench/finance.ts [--smoke]    prints its figures as JSON (100,000 lines; 2,000 with --smoke)
 */
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { figure, mebibytes, round, seconds, type Figure } from "./figures";
import { runPhase } from "./phase";
import type { PhaseResult } from "./xlsx-phase";


type FinancePhase = PhaseResult & { cells?: number; lines?: number; workPackages?: number; subtotals?: number; summaryCells?: number };

const phase = (args: string[]) => runPhase<FinancePhase>("finance-phase.ts", args);

export async function benchFinance(lines: number, progress: (text: string) => void) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-finance-"));
  try {
    const file = path.join(dir, "trackers.xlsx");
    progress(`finance: writing a ${lines.toLocaleString("en-GB")}-line budget tracker and earned value sheet...`);
    phase(["generate", file, String(lines)]);
    progress("finance: baseline, reading the input...");
    const baseline = phase(["read", file]);
    progress("finance: variance and earned value, as pmo variance plans them...");
    const measured = phase(["variance", file]);
    const s = (ms: number | undefined): Figure => figure(ms === undefined ? null : seconds(ms), "s");
    return {
      workload: { budgetLines: lines, evmRows: lines, linesComputed: measured.lines ?? null, workPackages: measured.workPackages ?? null, subtotalRowsLeftOut: measured.subtotals ?? null, summaryCells: measured.summaryCells ?? null },
      baseline: { what: "open the package read-only and read every used cell of both sheets", cells: baseline.cells ?? null, total: s(baseline.ms.total), peakRss: figure(mebibytes(baseline.peakRssBytes), "MiB") },
      measured: {
        what: "open read-only + planVariance (detect, read the trackers, classify rows, compute variance and EV, lay out and plan the summary sheet)",
        open: s(measured.ms.open),
        compute: s(measured.ms.compute),
        total: s(measured.ms.total),
        peakRss: figure(mebibytes(measured.peakRssBytes), "MiB"),
      },
      timeRatio: figure(round(measured.ms.total / baseline.ms.total, 2), "x baseline"),
      memoryRatio: figure(round(measured.peakRssBytes / baseline.peakRssBytes, 2), "x baseline"),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const smoke = process.argv.includes("--smoke");
  benchFinance(smoke ? 2_000 : 100_000, (t) => process.stderr.write(`${t}\n`))
    .then((r) => process.stdout.write(JSON.stringify(r, null, 2) + "\n"))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
