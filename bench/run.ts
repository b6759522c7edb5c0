/**
 * `npm run bench`: the figures the design is held to, measured in one run
 * and written to bench/results.json (a short summary goes to stderr).
 *
 *   npm run bench                 full run: 100,000-row register; builds dist/ if missing
 *   npm run bench -- --smoke      quick run for CI: 2,000 rows, no build
 *   PMO_BENCH_ROWS=N              register size for the xlsx host
 *   PMO_BENCH_EXCEL_ROWS=1000,... row counts for the Excel host on the fake
 *
 * Ratios are always against a baseline measured in the same run, on the same machine.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { taskpaneBundleSize } from "./bundle-size";
import { TASKPANE_BUDGET_BYTES } from "../scripts/bundle-size";
import { measureExcelHostOnFake } from "./excel-fake";
import { measurePaneStartup } from "./pane-startup";
import { benchValidation } from "./validation";
import { benchFinance } from "./finance";
import { benchRollup } from "./rollup";
import { benchHeatMap } from "./heatmap";
import { benchReconcile } from "./reconcile";
import { figure, kibibytes, LOAD_NOTE, loadAverages, mebibytes, round, seconds, type Figure } from "./figures";
import { runPhase } from "./phase";
import type { PhaseResult } from "./xlsx-phase";

const REPO = path.resolve(__dirname, "..");
const RATIO_GOAL = 1.3;
/** The register job against ExcelJS load + save; inspect against ExcelJS's full load, in time and in peak memory. */
const REGISTER_JOB_GOAL = 0.5;
const INSPECT_TIME_GOAL = 0.35;
const INSPECT_MEMORY_GOAL = 0.5;
/** The task pane start budget, from the same constant as npm run size. */
const BUNDLE_GOAL_KB = TASKPANE_BUDGET_BYTES / 1024;

interface Settings {
  smoke: boolean;
  rows: number;
  excelRows: number[];
}

function settings(argv: string[]): Settings {
  const unknown = argv.filter((a) => a !== "--smoke");
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(" ")}; the only flag is --smoke (sizes come from PMO_BENCH_ROWS and PMO_BENCH_EXCEL_ROWS)`);
  const smoke = argv.includes("--smoke");
  const count = (name: string, text: string): number => {
    const n = Number(text.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 1 || n > 1_048_575) throw new Error(`${name}=${text} is not a row count between 1 and 1,048,575`);
    return n;
  };
  const rows = process.env.PMO_BENCH_ROWS ? count("PMO_BENCH_ROWS", process.env.PMO_BENCH_ROWS) : smoke ? 2_000 : 100_000;
  const excelRows = process.env.PMO_BENCH_EXCEL_ROWS
    ? process.env.PMO_BENCH_EXCEL_ROWS.split(",").map((t) => count("PMO_BENCH_EXCEL_ROWS", t.trim()))
    : smoke
      ? [1_000]
      : [1_000, 10_000, 100_000];
  return { smoke, rows, excelRows };
}

/** Runs one xlsx phase in a fresh Node process (its own heap and its own peak RSS). */
const xlsxPhase = (args: string[]) => runPhase<PhaseResult>("xlsx-phase.ts", args);

async function benchXlsxHost(rows: number, onFailure: (what: string) => void) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-"));
  try {
    // The job: open a project workbook, write a whole register onto a new sheet, save. The baseline is
    // ExcelJS's own load + save of the workbook that job produces, so the ratio is the host's cost of
    // building the register against the cost of merely round-tripping it.
    const source = path.join(dir, "start.xlsx");
    const output = path.join(dir, "measured.xlsx");
    xlsxPhase(["start", source]);
    progress(`xlsx host: XlsxHost open + apply (${rows.toLocaleString("en-GB")}-row register) + save...`);
    let measured: PhaseResult;
    try {
      measured = xlsxPhase(["measured", source, output, String(rows)]);
    } catch (e) {
      onFailure(`xlsx host: ${(e as Error).message}`);
      throw e;
    }
    progress(`xlsx host: baseline, ExcelJS load + save of the same workbook...`);
    const baseline = xlsxPhase(["baseline", output, path.join(dir, "baseline.xlsx")]);
    progress(`xlsx host: the same job in plain ExcelJS calls...`);
    let sameWork: PhaseResult;
    try {
      sameWork = xlsxPhase(["samework", source, path.join(dir, "samework.xlsx"), String(rows)]);
    } catch (e) {
      onFailure(`xlsx host: ${(e as Error).message}`);
      sameWork = { phase: "samework", ms: {}, peakRssBytes: NaN, failed: (e as Error).message };
    }
    const s = (ms: number | undefined): Figure => figure(ms === undefined ? null : seconds(ms), "s");
    const ratio = measured.ms.total === undefined || baseline.ms.total === undefined ? null : round(measured.ms.total / baseline.ms.total, 2);
    return {
      workload: {
        rows,
        columns: 15,
        description: "risk register: text, whole numbers, money and dates, one header row",
        outputFile: figure(mebibytes(measured.fileBytes ?? 0), "MiB"),
      },
      baseline: {
        what: "ExcelJS Workbook.xlsx.readFile + writeFile of the workbook the measured job wrote (cover sheet + the register)",
        load: s(baseline.ms.load),
        save: s(baseline.ms.save),
        total: s(baseline.ms.total),
        peakRss: figure(mebibytes(baseline.peakRssBytes), "MiB"),
      },
      measured: {
        ...(measured.failed ? { failed: measured.failed } : {}),
        what: `XlsxHost.open of a one-sheet project workbook + apply (addSheet, setCells in blocks of 5,000 rows, createTable, setNumberFormat on date, money and number columns: a ${rows.toLocaleString("en-GB")} x 15 register onto a new sheet) + save`,
        open: s(measured.ms.open),
        apply: s(measured.ms.apply),
        save: s(measured.ms.save),
        total: s(measured.ms.total),
        peakRss: figure(measured.failed ? null : mebibytes(measured.peakRssBytes), "MiB"),
      },
      ratio: figure(ratio, "x baseline", {
        goalMax: RATIO_GOAL,
        note: "measured total / baseline total, both timed in this run",
      }),
      sameWorkInExcelJS: {
        ...(sameWork.failed ? { failed: sameWork.failed } : {}),
        what: "for context, no goal: ExcelJS readFile + addTable with the same rows on a new sheet + the same column formats + writeFile",
        load: s(sameWork.ms.load),
        write: s(sameWork.ms.write),
        save: s(sameWork.ms.save),
        total: s(sameWork.ms.total),
        peakRss: figure(sameWork.failed ? null : mebibytes(sameWork.peakRssBytes), "MiB"),
        measuredToSameWork: figure(
          measured.ms.total === undefined || sameWork.ms.total === undefined ? null : round(measured.ms.total / sameWork.ms.total, 2),
          "x",
          { note: "measured total / this total: the host's own overhead over plain ExcelJS doing the same job" },
        ),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The register job on a file that already holds a big register: find it, apply the risk template, save. */
async function benchRegisterJob(rows: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-"));
  try {
    const source = path.join(dir, "register.xlsx");
    progress(`register job: writing a ${rows.toLocaleString("en-GB")}-row register with ExcelJS...`);
    const generated = xlsxPhase(["generate", source, String(rows)]);
    progress("register job: baseline, ExcelJS load + save of that file...");
    const baseline = xlsxPhase(["baseline", source, path.join(dir, "baseline.xlsx")]);
    progress("register job: pmo apply's host (the package as the truth) open + detect + plan + apply + save...");
    const measured = xlsxPhase(["registers", source, path.join(dir, "applied.xlsx")]);
    progress("inspect: ExcelJS full load of that file, then pmo inspect's reading from the package...");
    const load = xlsxPhase(["load", source]);
    const inspect = xlsxPhase(["inspect", source]);
    const s = (ms: number | undefined): Figure => figure(ms === undefined ? null : seconds(ms), "s");
    const ratioOf = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? null : round(a / b, 2));
    return {
      inspect: {
        what: "pmo inspect (outline, detection, drift) read from the package, against ExcelJS loading the whole file",
        excelJsLoad: s(load.ms.total),
        excelJsLoadPeakRss: figure(mebibytes(load.peakRssBytes), "MiB"),
        measured: s(inspect.ms.total),
        peakRss: figure(mebibytes(inspect.peakRssBytes), "MiB"),
        timeRatio: figure(ratioOf(inspect.ms.total, load.ms.total), "x ExcelJS load", { goalMax: INSPECT_TIME_GOAL, note: "inspect total / ExcelJS load, both timed in this run" }),
        memoryRatio: figure(ratioOf(inspect.peakRssBytes, load.peakRssBytes), "x ExcelJS load peak", { goalMax: INSPECT_MEMORY_GOAL, note: "peak RSS of each in its own process" }),
      },
      workload: { rows, columns: 15, sourceFile: figure(mebibytes(generated.fileBytes ?? 0), "MiB"), planEdits: measured.edits ?? null },
      baseline: { what: "ExcelJS readFile + writeFile of the same file", total: s(baseline.ms.total), peakRss: figure(mebibytes(baseline.peakRssBytes), "MiB") },
      measured: {
        what: "openWorkbookForChange (package host: reads from the package, a model of only the cells the plan needs, package save) + detectRegisters + planTemplateApplication(risk) + apply + save, as pmo apply risk runs it",
        open: s(measured.ms.open),
        detectAndPlan: s(measured.ms.detectAndPlan),
        apply: s(measured.ms.apply),
        save: s(measured.ms.save),
        total: s(measured.ms.total),
        peakRss: figure(mebibytes(measured.peakRssBytes), "MiB"),
      },
      ratio: figure(round(measured.ms.total / baseline.ms.total, 2), "x baseline", { goalMax: REGISTER_JOB_GOAL, note: "measured total / baseline total, both timed in this run" }),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchBundle(smoke: boolean) {
  const dist = path.join(REPO, "dist");
  let size = await taskpaneBundleSize(dist);
  if ("missing" in size && !smoke) {
    progress(`task pane bundle: ${size.missing}; running npm run build...`);
    const build = spawnSync("npm", ["run", "build"], { cwd: REPO, stdio: ["ignore", process.stderr, "inherit"] });
    if (build.status !== 0) return { gzip: figure(null, "KiB", { goalMax: BUNDLE_GOAL_KB, note: `npm run build failed (exit ${build.status ?? build.signal})` }) };
    size = await taskpaneBundleSize(dist);
  }
  if ("missing" in size) {
    return { gzip: figure(null, "KiB", { goalMax: BUNDLE_GOAL_KB, note: `${size.missing}${smoke ? "; --smoke does not build (run npm run build first)" : ""}` }) };
  }
  const { start, later } = size;
  const withLargestPanel = later?.largestPanel ? start.gzip + later.excelHost.gzip + later.largestPanel.gzip : null;
  return {
    // KiB, as scripts/bundle-size.js (npm run size, CI) counts the same budget.
    gzip: figure(kibibytes(start.gzip), "KiB", { goalMax: BUNDLE_GOAL_KB, note: "gzip -9 of every script taskpane.html fetches as it opens: its own and the Excel host and first panel it preloads (what Excel needs before the pane is usable); office.js (CDN) excluded; the other panels load later" }),
    raw: figure(kibibytes(start.raw), "KiB"),
    excelHostGzip: figure(later ? kibibytes(later.excelHost.gzip) : null, "KiB", { note: "what the Excel host adds beyond the page's start; 0 when the page preloads it (then counted in gzip)" }),
    withLargestPanelGzip: figure(withLargestPanel === null ? null : kibibytes(withLargestPanel), "KiB", {
      note: `inside Excel once the largest panel is open too: start + Excel host + that panel${later?.largestPanel ? ` (${later.largestPanel.panel})` : ""}`,
    }),
    panels: (later?.panels ?? []).map((p) => ({ panel: p.panel, gzip: figure(kibibytes(p.gzip), "KiB", { note: "added when first opened" }) })),
    allPanelsGzip: figure(later ? kibibytes(start.gzip + later.everything.gzip) : null, "KiB", { note: "the start plus the host and every panel's chunks" }),
    builtAt: size.builtAt,
    files: start.files.map((f) => ({ file: f.file, raw: figure(kibibytes(f.raw), "KiB"), gzip: figure(kibibytes(f.gzip), "KiB") })),
  };
}

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

async function main(): Promise<void> {
  const opts = settings(process.argv.slice(2));
  const started = Date.now();
  // Other work on the machine skews every timing; recorded so a reader can judge the figures.
  const loadAtStart = loadAverages();
  const failures: string[] = [];
  // A section that fails is recorded as failed and the others still run, so one broken piece does not hide the rest.
  const section = async <T>(name: string, measure: () => Promise<T>): Promise<T | { failed: string }> => {
    try {
      return await measure();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      failures.push(`${name}: ${reason}`);
      return { failed: reason };
    }
  };
  const xlsxHost = await section("xlsx host", () => benchXlsxHost(opts.rows, (what) => failures.push(what)));
  const registerJob = await section("register job", () => benchRegisterJob(opts.rows));
  const excelHostOnFake = await section("Excel host on the fake", () => measureExcelHostOnFake(opts.excelRows, progress));
  const validation = await section("validation", () => benchValidation(opts.rows, opts.excelRows, progress));
  const finance = await section("finance", () => benchFinance(opts.rows, progress));
  const portfolioRollup = await section("portfolio rollup", () => benchRollup(opts.smoke, progress));
  const heatMap = await section("heat map", () => benchHeatMap(opts.rows, opts.excelRows, progress));
  const reconcile = await section("reconcile", () => benchReconcile(opts.smoke, progress));
  progress("task pane bundle...");
  const taskpaneBundle = await section("task pane bundle", () => benchBundle(opts.smoke));

  progress("pane start-up in Chromium...");
  const dist = path.join(REPO, "dist");
  const paneStartup =
    opts.smoke && !existsSync(path.join(dist, "taskpane.html"))
      ? { skipped: "no production build in dist/; --smoke does not build (run npm run build first)" }
      : await section("pane start-up", () => measurePaneStartup(dist, opts.smoke ? 3 : 7, progress));

  const results = {
    generatedAt: new Date().toISOString(),
    mode: opts.smoke ? "smoke" : "full",
    environment: {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      totalMemory: figure(mebibytes(os.totalmem()), "MiB"),
      loadAverage: { atStart: loadAtStart, atEnd: loadAverages(), note: LOAD_NOTE },
    },
    xlsxHost,
    registerJob,
    excelHostOnFake,
    validation,
    finance,
    portfolioRollup,
    heatMap,
    reconcile,
    taskpaneBundle,
    paneStartup,
    benchDuration: figure(seconds(Date.now() - started), "s"),
  };
  await writeFile(path.join(REPO, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");

  const fmt = (f: Figure | undefined) => (f?.value === null || f === undefined ? `n/a${f?.note ? ` (${f.note})` : ""}` : `${f.value} ${f.unit}`);
  const verdict = (f: Figure) => (f.goal ? (f.goal.met === null ? "" : f.goal.met ? `  [goal <= ${f.goal.max}: met]` : `  [goal <= ${f.goal.max}: NOT met]`) : "");
  const lines = [`xlsx host, ${opts.rows.toLocaleString("en-GB")} x 15 register:`];
  if ("failed" in xlsxHost) lines.push(`  FAILED: ${xlsxHost.failed}`);
  else {
    lines.push(
      `  workbook written              ${fmt(xlsxHost.workload.outputFile)}`,
      `  baseline ExcelJS load + save  ${fmt(xlsxHost.baseline.total)} (load ${fmt(xlsxHost.baseline.load)}, save ${fmt(xlsxHost.baseline.save)}), peak RSS ${fmt(xlsxHost.baseline.peakRss)}`,
      xlsxHost.measured.failed
        ? `  XlsxHost open + apply + save  FAILED: ${xlsxHost.measured.failed}`
        : `  XlsxHost open + apply + save  ${fmt(xlsxHost.measured.total)} (open ${fmt(xlsxHost.measured.open)}, apply ${fmt(xlsxHost.measured.apply)}, save ${fmt(xlsxHost.measured.save)}), peak RSS ${fmt(xlsxHost.measured.peakRss)}`,
      `  ratio ${fmt(xlsxHost.ratio)}${verdict(xlsxHost.ratio)}`,
      xlsxHost.sameWorkInExcelJS.failed
        ? `  same job in plain ExcelJS     FAILED: ${xlsxHost.sameWorkInExcelJS.failed}`
        : `  same job in plain ExcelJS     ${fmt(xlsxHost.sameWorkInExcelJS.total)} (save ${fmt(xlsxHost.sameWorkInExcelJS.save)}), peak RSS ${fmt(xlsxHost.sameWorkInExcelJS.peakRss)}; host / plain ExcelJS ${fmt(xlsxHost.sameWorkInExcelJS.measuredToSameWork)}`,
    );
  }
  if ("failed" in registerJob) lines.push(`Register job: FAILED: ${registerJob.failed}`);
  else
    lines.push(
      `Register job (find + apply risk template + save), ${opts.rows.toLocaleString("en-GB")} rows, ${registerJob.workload.planEdits} edits:`,
      `  baseline ExcelJS load + save  ${fmt(registerJob.baseline.total)}`,
      `  measured                      ${fmt(registerJob.measured.total)} (open ${fmt(registerJob.measured.open)}, detect + plan ${fmt(registerJob.measured.detectAndPlan)}, apply ${fmt(registerJob.measured.apply)}, save ${fmt(registerJob.measured.save)})`,
      `  ratio ${fmt(registerJob.ratio)}${verdict(registerJob.ratio)}`,
      `Inspect, ${opts.rows.toLocaleString("en-GB")} rows: ${fmt(registerJob.inspect.measured)}, peak RSS ${fmt(registerJob.inspect.peakRss)}; ExcelJS full load ${fmt(registerJob.inspect.excelJsLoad)}, peak RSS ${fmt(registerJob.inspect.excelJsLoadPeakRss)}`,
      `  time ${fmt(registerJob.inspect.timeRatio)}${verdict(registerJob.inspect.timeRatio)}`,
      `  memory ${fmt(registerJob.inspect.memoryRatio)}${verdict(registerJob.inspect.memoryRatio)}`,
    );
  lines.push("Excel host on the fake:");
  if ("failed" in excelHostOnFake) lines.push(`  FAILED: ${excelHostOnFake.failed}`);
  else {
    for (const r of excelHostOnFake.runs) {
      lines.push(`  ${r.rows.toLocaleString("en-GB")} rows: ${fmt(r.syncs)}, largest payload per sync ${fmt(r.largestPayloadPerSync)}${verdict(r.largestPayloadPerSync)}`);
    }
    lines.push("Excel host on the fake, register job (detect + plan + apply):");
    for (const r of excelHostOnFake.registerJob.runs) {
      lines.push(`  ${r.rows.toLocaleString("en-GB")} rows: ${fmt(r.syncs)} (apply ${fmt(r.applySyncs)}), largest payload per sync ${fmt(r.largestPayloadPerSync)}${verdict(r.largestPayloadPerSync)}`);
    }
  }
  if ("failed" in validation) lines.push(`Validation: FAILED: ${validation.failed}`);
  else
    lines.push(
      `Validation (pmo validate's work), ${opts.rows.toLocaleString("en-GB")} rows, ${validation.workload.findings} findings:`,
      `  baseline ExcelJS full load    ${fmt(validation.baseline.total)}`,
      `  measured                      ${fmt(validation.measured.total)} (open ${fmt(validation.measured.open)}, check ${fmt(validation.measured.check)})`,
      `  ratio ${fmt(validation.ratio)}${verdict(validation.ratio)}`,
      `  Excel host on the fake: ${validation.excelFakeSyncs.map((r) => `${r.rows.toLocaleString("en-GB")} rows ${fmt(r.syncs)}`).join(", ")}`,
    );
  if ("failed" in heatMap) lines.push(`Heat map: FAILED: ${heatMap.failed}`);
  else
    lines.push(
      `Heat map (pmo heatmap --out), ${opts.rows.toLocaleString("en-GB")} rows, ${heatMap.workload.placedRisks} risks placed:`,
      `  baseline ExcelJS load + save  ${fmt(heatMap.baseline.total)}`,
      `  measured                      ${fmt(heatMap.measured.total)} (open ${fmt(heatMap.measured.open)}, plan ${fmt(heatMap.measured.plan)}, apply + save ${fmt(heatMap.measured.applySave)})`,
      `  ratio ${fmt(heatMap.ratio)}${verdict(heatMap.ratio)}`,
      `  Excel host on the fake: ${heatMap.excelFakeSyncs.map((r) => `${r.rows.toLocaleString("en-GB")} rows ${fmt(r.syncs)}`).join(", ")}`,
      `  Second draw on the fake: ${heatMap.excelFakeSyncs.map((r) => `${r.rows.toLocaleString("en-GB")} rows ${fmt(r.secondDraw.syncs)} (reading the old cells: ${fmt(r.secondDrawReadingOldCells.syncs)})`).join(", ")}`,
    );
  if ("failed" in reconcile) lines.push(`Reconcile: FAILED: ${reconcile.failed}`);
  else
    lines.push(
      `Reconcile, ${reconcile.workload.ledgerLines.toLocaleString("en-GB")} ledger lines against ${reconcile.workload.budgetLines.toLocaleString("en-GB")} budget lines:`,
      `  baseline reading the inputs   ${fmt(reconcile.baseline.total)}, peak ${fmt(reconcile.baseline.peakRss)}`,
      `  reconcile                     ${fmt(reconcile.reconcile.total)} (${fmt(reconcile.ratios.reconcileTime)}), peak ${fmt(reconcile.reconcile.peakRss)} (${fmt(reconcile.ratios.reconcileMemory)})`,
      `  reconcile + write + save      ${fmt(reconcile.reconcileAndSave.total)} (${fmt(reconcile.ratios.reconcileAndSaveTime)}), peak ${fmt(reconcile.reconcileAndSave.peakRss)} (${fmt(reconcile.ratios.reconcileAndSaveMemory)})`,
    );
  if ("failed" in taskpaneBundle) lines.push(`Task pane bundle: FAILED: ${taskpaneBundle.failed}`);
  else {
    lines.push(`Task pane start (gzip): ${fmt(taskpaneBundle.gzip)}${verdict(taskpaneBundle.gzip)}`);
    if ("withLargestPanelGzip" in taskpaneBundle) lines.push(`  in Excel with the largest panel open too ${fmt(taskpaneBundle.withLargestPanelGzip)}; with every panel ${fmt(taskpaneBundle.allPanelsGzip)}`);
  }
  if ("skipped" in paneStartup) lines.push(`Pane start-up: skipped: ${paneStartup.skipped}`);
  else if ("failed" in paneStartup) lines.push(`Pane start-up: FAILED: ${paneStartup.failed}`);
  else for (const p of paneStartup.pages) lines.push(`Pane start-up, ${p.page}: ${fmt(p.medianMs)} (median of ${paneStartup.runs})${verdict(p.medianMs)}`);
  lines.push(`Written to bench/results.json in ${fmt(results.benchDuration)}.`);
  if (failures.length > 0) lines.push(`${failures.length} section(s) failed; exit code 1.`);
  process.stderr.write(lines.join("\n") + "\n");
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
