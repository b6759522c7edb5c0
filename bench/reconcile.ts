/**
 * Reconciliation at scale: a 1,000,000-line ledger CSV against a tracker of
 * 100,000 budget lines (period rows). Each phase runs in a fresh Node process,
 * so its peak memory is its own. The baseline is reading the inputs in the
 * same run: opening the tracker and reading its register through the file
 * host, and streaming every CSV row through the same CSV reader. Measured:
 * the reconcile job (read, match, plan), and the whole `pmo reconcile` path
 * (the same, then writing the Reconciliation sheet and saving the workbook).
 *
 *   npx tsx bench/reconcile.ts [--smoke]     prints the figures as JSON
 *   PMO_BENCH_LEDGER_LINES, PMO_BENCH_BUDGET_LINES override the sizes
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { csvRowBlocks } from "../src/hosts/xlsx/csv";
import { openWorkbookFile, saveWorkbookFile } from "../src/hosts/xlsx/workbook-file";
import { planReconcile, type LedgerBlock } from "../src/jobs/reconcile";
import { detectRegisters } from "../src/jobs/registers/detect";
import { seededRandom } from "../test/unit/jobs/messy-register";
import { figure, mebibytes, round, seconds, type Figure } from "./figures";
import { runPhase } from "./phase";

interface Phase {
  phase: string;
  ms: number;
  peakRssBytes: number;
  detail?: Record<string, unknown>;
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

const MONTHS = 12;
const AMOUNT_FORMS = [(c: number) => (c / 100).toFixed(2), (c: number) => `£${(c / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 })}`, (c: number) => (c < 0 ? `(${(-c / 100).toFixed(2)})` : (c / 100).toFixed(2))];
const PERIOD_FORMS = [(m: number) => `2026-${String(m).padStart(2, "0")}`, (m: number) => `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]}-26`, (m: number) => `${String(m).padStart(2, "0")}/2026`];

function csvField(t: string): string {
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Writes the tracker (budget lines as period rows) and a ledger whose lines split, shift and miss its actuals. */
async function generate(dir: string, budgetLines: number, ledgerLines: number): Promise<Phase> {
  const t0 = performance.now();
  const rand = seededRandom(42);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, "tracker.xlsx"), useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("Budget");
  ws.addRow(["Programme budget tracker"]).commit();
  ws.addRow([]).commit();
  ws.addRow(["Project", "Cost Code", "Category", "Period", "Budget", "Actual"]).commit();
  const csv = createWriteStream(path.join(dir, "ledger.csv"));
  const write = (line: string) => (csv.write(line) ? Promise.resolve() : new Promise<void>((r) => csv.once("drain", () => r())));
  await write("Project Code,Cost Centre,Posting Period,Amount,Document No,Line Description\r\n");
  const perEntry = Math.max(1, Math.round(ledgerLines / budgetLines));
  let written = 0;
  let doc = 0;
  for (let i = 0; i < budgetLines; i++) {
    // Odd months only: a posting a month late lands where the tracker has nothing, a timing difference.
    const k = Math.floor(i / (MONTHS / 2));
    const month = 2 * (i % (MONTHS / 2)) + 1;
    const project = `PRJ-${String(Math.floor(k / 40)).padStart(4, "0")}`;
    const costCode = `CC${String(k % 40).padStart(3, "0")}`;
    const cents = 10_000 + Math.floor(rand() * 5_000_000);
    ws.addRow([project, costCode, i % 2 ? "Opex" : "Capex", PERIOD_FORMS[i % 3](month), Math.round(cents * 1.1) / 100, cents / 100]).commit();
    const roll = rand();
    const postMonth = roll < 0.05 ? month + 1 : month;
    const total = roll > 0.9 ? cents + 1 + Math.floor(rand() * 10_000) : cents;
    if (roll > 0.05 && roll < 0.08) continue; // tracker-only
    const parts = i === budgetLines - 1 ? Math.max(1, ledgerLines - written) : perEntry;
    let left = total;
    for (let p = 0; p < parts && written < ledgerLines; p++) {
      const part = p === parts - 1 ? left : Math.round(total / parts);
      left -= part;
      doc++;
      written++;
      await write(`${project},${costCode},${csvField(PERIOD_FORMS[doc % 3](postMonth))},${csvField(AMOUNT_FORMS[doc % 3](part))},INV-${doc},${doc % 50 === 0 ? "=HYPERLINK(x)" : "Supplier invoice"}\r\n`);
    }
  }
  await ws.commit();
  await wb.commit();
  await new Promise<void>((r) => csv.end(() => r()));
  return { phase: "generate", ms: performance.now() - t0, peakRssBytes: peakRss(), detail: { ledgerLines: written } };
}

async function* csvBlocks(file: string): AsyncGenerator<LedgerBlock> {
  for await (const values of csvRowBlocks(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>)) yield { values };
}

/** Reading the inputs and nothing more: the tracker's register through the file host, every CSV row through the CSV reader. */
async function readInputs(dir: string): Promise<Phase> {
  const t0 = performance.now();
  const host = await openWorkbookFile(path.join(dir, "tracker.xlsx"));
  const [register] = await detectRegisters(host);
  const grid = await host.read(register.sheet, `${register.firstColumn}${register.headerRow}:${register.lastColumn}${register.lastRow}`);
  let rows = 0;
  for await (const block of csvBlocks(path.join(dir, "ledger.csv"))) rows += block.values.length;
  return { phase: "read", ms: performance.now() - t0, peakRssBytes: peakRss(), detail: { trackerRows: grid.values.length, ledgerRows: rows } };
}

async function reconcileJob(dir: string, write: boolean): Promise<Phase> {
  const t0 = performance.now();
  const source = path.join(dir, "tracker.xlsx");
  const host = await openWorkbookFile(source);
  const job = await planReconcile(host, { file: "ledger.csv", sheet: "ledger", blocks: csvBlocks(path.join(dir, "ledger.csv")) }, { trackerName: "tracker.xlsx" });
  const planned = performance.now();
  let saved: number | null = null;
  if (write) {
    await host.apply(job.plan);
    const out = await saveWorkbookFile(host, { out: path.join(dir, "reconciled.xlsx"), source });
    saved = (await stat(out.path)).size;
  }
  const r = job.result;
  return {
    phase: write ? "write" : "reconcile",
    ms: performance.now() - t0,
    peakRssBytes: peakRss(),
    detail: {
      planMs: planned - t0,
      ledgerLines: r.ledgerLines,
      trackerLines: job.tracker.lines,
      counts: Object.fromEntries(Object.entries(r.sections).map(([k, v]) => [k, v.length])),
      tiesOut: r.tieOut.tracker.ties && r.tieOut.ledger.ties,
      outputBytes: saved,
    },
  };
}

const phase = (args: string[]) => runPhase<Phase>("reconcile.ts", ["--phase", ...args]);

function sizes(smoke: boolean): { budgetLines: number; ledgerLines: number } {
  const n = (name: string, fallback: number) => {
    const text = process.env[name];
    const v = text ? Number(text.replace(/_/g, "")) : fallback;
    if (!Number.isInteger(v) || v < 12) throw new Error(`${name}=${text} is not a whole number of lines of at least 12`);
    return v;
  };
  return { budgetLines: n("PMO_BENCH_BUDGET_LINES", smoke ? 1_000 : 100_000), ledgerLines: n("PMO_BENCH_LEDGER_LINES", smoke ? 10_000 : 1_000_000) };
}

export async function benchReconcile(smoke: boolean, progress: (text: string) => void) {
  const { budgetLines, ledgerLines } = sizes(smoke);
  const dir = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-reconcile-"));
  try {
    progress(`reconcile: writing a ${budgetLines.toLocaleString("en-GB")}-line tracker and a ${ledgerLines.toLocaleString("en-GB")}-line ledger...`);
    const gen = phase(["generate", dir, String(budgetLines), String(ledgerLines)]);
    progress("reconcile: baseline, reading the inputs...");
    const read = phase(["read", dir]);
    progress("reconcile: the job (read, match, plan)...");
    const job = phase(["reconcile", dir]);
    progress("reconcile: the job, then writing the sheet and saving...");
    const written = phase(["write", dir]);
    const s = (ms: number): Figure => figure(seconds(ms), "s");
    const ratio = (a: number, b: number, note: string) => figure(round(a / b, 2), "x baseline", { note });
    return {
      workload: {
        budgetLines,
        ledgerLines: Number(gen.detail?.ledgerLines ?? 0),
        trackerFile: figure(mebibytes((await stat(path.join(dir, "tracker.xlsx"))).size), "MiB"),
        ledgerFile: figure(mebibytes((await stat(path.join(dir, "ledger.csv"))).size), "MiB"),
        description: "tracker: period rows (project, cost code, period, budget, actual); ledger CSV: split postings, periods and amounts in three written forms, late postings, differences, missing lines",
      },
      baseline: { what: "reading the inputs: XlsxHost open + detect + one read of the tracker register, and every ledger row streamed through the CSV reader", total: s(read.ms), peakRss: figure(mebibytes(read.peakRssBytes), "MiB"), detail: read.detail },
      reconcile: { what: "planReconcile: the tracker's actuals, the ledger streamed and added up, matched, the sheet planned", total: s(job.ms), peakRss: figure(mebibytes(job.peakRssBytes), "MiB"), detail: job.detail },
      reconcileAndSave: { what: "as pmo reconcile --out: the job, then the Reconciliation sheet applied and the workbook saved", total: s(written.ms), peakRss: figure(mebibytes(written.peakRssBytes), "MiB"), detail: written.detail },
      ratios: {
        reconcileTime: ratio(job.ms, read.ms, "reconcile total / reading the inputs, same run"),
        reconcileMemory: ratio(job.peakRssBytes, read.peakRssBytes, "peak RSS / peak RSS of reading the inputs"),
        reconcileAndSaveTime: ratio(written.ms, read.ms, "pmo reconcile path / reading the inputs"),
        reconcileAndSaveMemory: ratio(written.peakRssBytes, read.peakRssBytes, "peak RSS / peak RSS of reading the inputs"),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function phaseMain(args: string[]): Promise<void> {
  const [name, dir, a, b] = args;
  const result =
    name === "generate" ? await generate(dir, Number(a), Number(b)) : name === "read" ? await readInputs(dir) : name === "reconcile" ? await reconcileJob(dir, false) : await reconcileJob(dir, true);
  process.stdout.write(JSON.stringify(result) + "\n");
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const run = argv[0] === "--phase" ? phaseMain(argv.slice(1)) : benchReconcile(argv.includes("--smoke"), (t) => process.stderr.write(`bench: ${t}\n`)).then((r) => void process.stdout.write(JSON.stringify(r, null, 2) + "\n"));
  run.catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}

