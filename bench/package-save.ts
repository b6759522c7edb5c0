/**
 * The package host's two figures on one big register, runnable alone:
 * `pmo apply`'s register job (open, detect, plan, apply, save) against
 * ExcelJS load + save, and `pmo inspect` against ExcelJS's full load, each
 * phase in its own process, with the load average beside each round since
 * other work on the machine inflates wall times. Processor time (every
 * thread) is given too: it moves far less with that other work.
 *
 *   npx tsx bench/package-save.ts [--smoke] [--rounds N]
 *
 * Rows come from PMO_BENCH_ROWS (default 100,000; 2,000 with --smoke).
 */
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { figure, loadAverages, mebibytes, round, seconds, type Figure } from "./figures";
import { runPhase } from "./phase";
import type { PhaseResult } from "./xlsx-phase";

const REGISTER_JOB_GOAL = 0.5;
const INSPECT_TIME_GOAL = 0.35;
const INSPECT_MEMORY_GOAL = 0.5;

const phase = (args: string[]) => runPhase<PhaseResult>("xlsx-phase.ts", args);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? null : round(a / b, 2));

/** One round over a file that holds the register: each phase measured once, in its own process. */
function measureRound(source: string, dir: string) {
  const loadBefore = loadAverages();
  const baseline = phase(["baseline", source, path.join(dir, "baseline.xlsx")]);
  const registers = phase(["registers", source, path.join(dir, "applied.xlsx")]);
  const excelJsLoad = phase(["load", source]);
  const inspect = phase(["inspect", source]);
  const s = (ms: number | undefined): Figure => figure(ms === undefined ? null : seconds(ms), "s");
  return {
    loadAverage: { before: loadBefore, after: loadAverages() },
    registerJob: {
      baseline: { total: s(baseline.ms.total), cpu: s(baseline.cpuMs), fileSize: figure(mebibytes(baseline.fileBytes ?? 0), "MiB") },
      measured: {
        open: s(registers.ms.open),
        detectAndPlan: s(registers.ms.detectAndPlan),
        apply: s(registers.ms.apply),
        save: s(registers.ms.save),
        total: s(registers.ms.total),
        cpu: s(registers.cpuMs),
        peakRss: figure(mebibytes(registers.peakRssBytes), "MiB"),
        fileSize: figure(mebibytes(registers.fileBytes ?? 0), "MiB"),
      },
      ratio: figure(ratio(registers.ms.total, baseline.ms.total), "x baseline", { goalMax: REGISTER_JOB_GOAL, note: "wall time" }),
      cpuRatio: figure(ratio(registers.cpuMs, baseline.cpuMs), "x baseline", { note: "processor time, every thread" }),
    },
    inspect: {
      excelJsLoad: s(excelJsLoad.ms.total),
      measured: s(inspect.ms.total),
      timeRatio: figure(ratio(inspect.ms.total, excelJsLoad.ms.total), "x ExcelJS load", { goalMax: INSPECT_TIME_GOAL, note: "wall time" }),
      cpuRatio: figure(ratio(inspect.cpuMs, excelJsLoad.cpuMs), "x ExcelJS load", { note: "processor time, every thread" }),
      memoryRatio: figure(ratio(inspect.peakRssBytes, excelJsLoad.peakRssBytes), "x ExcelJS load peak", { goalMax: INSPECT_MEMORY_GOAL }),
    },
  };
}

export async function benchPackageSave(rows: number, rounds: number, progress: (text: string) => void) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-"));
  try {
    const source = path.join(dir, "register.xlsx");
    progress(`writing a ${rows.toLocaleString("en-GB")}-row register with ExcelJS...`);
    const generated = phase(["generate", source, String(rows)]);
    const results = [];
    for (let i = 1; i <= rounds; i++) {
      progress(`round ${i} of ${rounds}: ExcelJS load + save, pmo apply's register job, ExcelJS load, pmo inspect...`);
      results.push(measureRound(source, dir));
    }
    return { rows, columns: 15, sourceFile: figure(mebibytes(generated.fileBytes ?? 0), "MiB"), rounds: results };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes("--smoke");
  const at = args.indexOf("--rounds");
  const rounds = at >= 0 ? Number(args[at + 1]) : 1;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a whole number of rounds, not ${args[at + 1]}`);
  const rows = process.env.PMO_BENCH_ROWS ? Number(process.env.PMO_BENCH_ROWS) : smoke ? 2_000 : 100_000;
  const result = await benchPackageSave(rows, rounds, (text) => process.stderr.write(`bench: ${text}\n`));
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
