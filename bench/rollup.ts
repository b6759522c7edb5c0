/**
 * Portfolio rollup over generated project workbooks: `pmo rollup` (its
 * default readers: see defaultPoolSize) against the sum of plain ExcelJS loads of the same
 * files in the same run, and, outside --smoke, 5,000 files to show memory
 * stays bounded. Two workloads: typical project workbooks (the registers at
 * their usual length beside the schedule, resource plan, logs and lists a
 * project keeps, which the summary does not need; the goal is measured on
 * these) and registers-only workbooks, where every sheet is one the summary
 * reads, so the fixed costs per file and per run show. Runs alone: `npx tsx bench/rollup.ts [--smoke]` prints JSON.
 * The full run measures the compiled CLI (`node build/cli/main.js`, built
 * first), as users run it; --smoke runs the command in this process, where
 * each worker thread first compiles the TypeScript sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { rollup } from "../src/cli/commands/rollup";
import type { CliIo } from "../src/cli/io";
import { availableCores, defaultPoolSize } from "../src/cli/rollup/pool";
import { totalBytes } from "../src/cli/rollup/walk";
import { projectWorkbook, TYPICAL_PROJECT, type ProjectWorkbookOptions } from "../test/rollup-fixtures/project-workbook";
import { TYPICAL_WORKING_SHEETS } from "../test/rollup-fixtures/working-sheets";
import { benchRollupCorpus } from "./rollup-corpus";
import { figure, LOAD_NOTE, loadAverages, mebibytes, round, seconds } from "./figures";

const RATIO_GOAL = 0.25;

/** Peak resident memory of the whole process (main thread and workers) while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - start, peakRss: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** `distinct` different project files, copied under new names up to `count`. */
async function makeFolder(dir: string, count: number, distinct: number, shape: ProjectWorkbookOptions): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `project-${String(i).padStart(5, "0")}.xlsx`);
    if (i < distinct) await writeFile(file, (await projectWorkbook(i, shape)).bytes);
    else await copyFile(files[i % distinct], file);
    files.push(file);
  }
  return files;
}

const quiet: Omit<CliIo, "cwd"> = { out: () => undefined, err: () => undefined, progress: () => undefined };

const REPO = path.resolve(__dirname, "..");
const BUILT_CLI = path.join(REPO, "build", "cli", "main.js");

function buildCli(): void {
  const r = spawnSync(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"], { cwd: REPO, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`building the CLI failed: ${r.stdout}${r.stderr}`.slice(0, 500));
}

/** Processor time of this process so far (all its threads), in ms. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function rollupRun(dir: string, compiled: boolean): Promise<{ ms: number; peakRss: number; cpuMs: number }> {
  const out = path.join(dir, "..", `${path.basename(dir)}-portfolio.xlsx`);
  if (!compiled) {
    const cpuStart = cpuMs();
    const run = await withPeakRss(() => rollup({ inputs: [dir], out, json: false, asOf: "2025-06-15" }, { ...quiet, cwd: dir }));
    return { ...run, cpuMs: cpuMs() - cpuStart };
  }
  // GNU time reports the child's peak resident memory (main thread and workers) in KiB, and its user and system seconds.
  const start = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M %U %S", process.execPath, BUILT_CLI, "rollup", dir, "--out", out, "--as-of", "2025-06-15"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`pmo rollup failed (exit ${r.status}): ${r.stderr.slice(0, 300)}`);
  const [kib, user, system] = (r.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
  return { ms, peakRss: kib * 1024, cpuMs: (user + system) * 1000 };
}

const WORKLOADS: { name: string; what: string; shape: ProjectWorkbookOptions; goal: boolean }[] = [
  {
    name: "typical",
    what: "typical project workbooks: project sheet, risks (30), issues (15), milestones (12), budget (20 lines), and the status report, schedule (180 tasks), resource plan, stakeholders, change, decision and lessons logs and lists a project keeps (13 sheets, ~32 KB)",
    shape: { ...TYPICAL_PROJECT, workingSheets: TYPICAL_WORKING_SHEETS },
    goal: true,
  },
  {
    name: "registersOnly",
    what: "registers-only workbooks: project sheet, risks (12), issues (6), milestones (6), budget (8 lines); every sheet is one the summary reads (5 sheets, ~11 KB)",
    shape: {},
    goal: false,
  },
];

interface Loads {
  ms: number;
  cpuMs: number;
  bytes: number;
  peakRss: number;
}

/** The ExcelJS loads of `paths` in this process. */
async function excelJsLoadsHere(paths: readonly string[]): Promise<Loads> {
  let ms = 0;
  let cpu = 0;
  let bytes = 0;
  const { peakRss } = await withPeakRss(async () => {
    for (const p of paths) {
      const data = await readFile(p);
      bytes += data.length;
      const start = performance.now();
      const cpuStart = cpuMs();
      await new ExcelJS.Workbook().xlsx.load(data as unknown as ArrayBuffer);
      cpu += cpuMs() - cpuStart;
      ms += performance.now() - start;
    }
  });
  return { ms, cpuMs: cpu, bytes, peakRss };
}

/** The same loads timed the same way in a fresh Node process, whose peak memory GNU time reports. */
const LOADS_APART = `
const ExcelJS = require("exceljs");
const { readFileSync } = require("node:fs");
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
(async () => {
  let ms = 0, cpuMs = 0, bytes = 0;
  for (const p of readFileSync(process.argv[1], "utf8").split("\\n").filter(Boolean)) {
    const data = readFileSync(p);
    bytes += data.length;
    const start = performance.now(), cpuStart = cpu();
    await new ExcelJS.Workbook().xlsx.load(data);
    cpuMs += cpu() - cpuStart;
    ms += performance.now() - start;
  }
  process.stdout.write(JSON.stringify({ ms, cpuMs, bytes }));
})();
`;

async function excelJsLoadsApart(paths: readonly string[]): Promise<Loads> {
  const list = path.join(path.dirname(paths[0]), "..", "exceljs-loads.txt");
  await writeFile(list, paths.join("\n"));
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, "-e", LOADS_APART, list], { cwd: REPO, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`the ExcelJS loads failed (exit ${r.status}): ${r.stderr.slice(0, 300)}`);
  const kib = Number(r.stderr.trim().split("\n").pop());
  return { ...(JSON.parse(r.stdout) as Omit<Loads, "peakRss">), peakRss: kib * 1024 };
}

/** One workload: the rollup of `files` generated workbooks against ExcelJS loads of the same files. */
async function measureWorkload(root: string, w: (typeof WORKLOADS)[number], files: number, compiled: boolean, progress: (what: string) => void): Promise<Record<string, unknown>> {
  const loadAtStart = loadAverages();
  const dir = path.join(root, w.name);
  await mkdir(dir);
  progress(`rollup (${w.name}): generating ${files} project workbooks...`);
  const paths = await makeFolder(dir, files, files, w.shape);
  progress(`rollup (${w.name}): pmo rollup...`);
  const run = await rollupRun(dir, compiled);
  progress(`rollup (${w.name}): ExcelJS loads of the same files...`);
  const { ms: excelJsMs, cpuMs: excelJsCpuMs, bytes, peakRss: baselinePeakRss } = compiled ? await excelJsLoadsApart(paths) : await excelJsLoadsHere(paths);
  const ratio = round(run.ms / excelJsMs, 3);
  return {
    what: w.what,
    files,
    readers: defaultPoolSize(availableCores(), bytes),
    averageFileSize: figure(round(bytes / files / 1024, 1), "KiB"),
    wall: figure(seconds(run.ms), "s"),
    perFile: figure(round(run.ms / files, 1), "ms"),
    peakRss: figure(mebibytes(run.peakRss), "MiB"),
    baseline: {
      what: compiled
        ? "sum of ExcelJS Workbook.xlsx.load of each file, one after another, in a fresh Node process (as the rollup runs), so this one's heap, full from generating the files, slows neither"
        : "sum of ExcelJS Workbook.xlsx.load of each file, one after another, in this process",
      total: figure(seconds(excelJsMs), "s"),
      peakRss: figure(mebibytes(baselinePeakRss), "MiB"),
    },
    ratioToExcelJsLoads: w.goal ? figure(ratio, "x", { goalMax: RATIO_GOAL }) : figure(ratio, "x", { note: "no goal: context for the fixed costs" }),
    // Processor time suffers less than wall time from other work on a shared machine: the rollup's (every thread, startup
    // and output included) against the ExcelJS loads' (one thread). Two cores busy throughout would make the wall ratio half this.
    processorTime: { rollup: figure(seconds(run.cpuMs), "s"), excelJsLoads: figure(seconds(excelJsCpuMs), "s"), ratio: figure(round(run.cpuMs / excelJsCpuMs, 3), "x") },
    loadAverage: { atStart: loadAtStart, afterRatio: loadAverages(), note: LOAD_NOTE },
  };
}

export async function benchRollup(smoke: boolean, progress: (what: string) => void = () => undefined): Promise<Record<string, unknown>> {
  const files = smoke ? 30 : 500;
  const root = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-rollup-"));
  try {
    const compiled = !smoke && existsSync("/usr/bin/time");
    if (compiled) {
      progress("rollup: building the CLI...");
      buildCli();
    }
    const out: Record<string, unknown> = {
      cores: availableCores(),
      how: compiled ? "node build/cli/main.js rollup (compiled CLI, a separate process)" : "the rollup command in this process (worker threads compile the TypeScript sources first)",
    };
    for (const w of WORKLOADS) out[w.name] = await measureWorkload(root, w, files, compiled, progress);
    progress("rollup: the real workbooks beside the project, one at a time...");
    out.corpus = (await benchRollupCorpus(smoke)) ?? { note: "../shared/corpus is not beside the project" };
    if (!smoke) {
      const big = path.join(root, "five-thousand");
      await mkdir(big);
      progress("rollup: 5,000 typical files...");
      const bigFiles = await makeFolder(big, 5000, 100, (WORKLOADS[0] as (typeof WORKLOADS)[number]).shape);
      const many = await rollupRun(big, compiled);
      out.fiveThousand = { files: 5000, readers: defaultPoolSize(availableCores(), await totalBytes(bigFiles.map((p) => ({ path: p })))), what: "typical project workbooks, 100 distinct ones copied under new names", wall: figure(seconds(many.ms), "s"), processorTime: figure(seconds(many.cpuMs), "s"), peakRss: figure(mebibytes(many.peakRss), "MiB") };
    }
    return out;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchRollup(process.argv.includes("--smoke"), (w) => process.stderr.write(`${w}\n`))
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    });
}
