/**
 * One phase of the xlsx benchmark, run in its own Node process so each
 * phase's peak memory (maxRSS) is its own and one phase's garbage cannot slow
 * the next. Prints one JSON line on stdout.
 *
 *   start <file>                  write a small project workbook (a cover sheet) to start from
 *   generate <file> <rows>        write a workbook holding the register with ExcelJS (streaming)
 *   baseline <file> <out>         ExcelJS readFile + writeFile, nothing else
 *   measured <file> <out> <rows>  XlsxHost open + apply (the register written onto a new sheet) + save
 *   registers <file> <out>        pmo apply's host (package as the truth) open + find the register + plan the risk template + apply + save
 *   samework <file> <out> <rows>  the same job in plain ExcelJS calls (addTable with rows, column formats),
 *                                 to tell the host's own cost from ExcelJS's
 */
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { columnLetter } from "../src/core/grid/address";
import { dateToSerial } from "../src/core/grid/cell";
import type { CellInput, Edit } from "../src/core/plan/edits";
import { plan } from "../src/core/plan/plan";
import { XlsxHost } from "../src/hosts/xlsx/xlsx-host";
import { openWorkbookForChange, openWorkbookForReading } from "../src/hosts/xlsx/workbook-file";
import { inspectRegisters } from "../src/jobs/registers/drift";
import { builtInTemplate } from "../src/core/templates/catalogue";
import { planTemplateApplication } from "../src/jobs/registers/apply";
import {
  DATE_COLUMNS,
  DATE_FORMAT,
  MONEY_COLUMNS,
  MONEY_FORMAT,
  NUMBER_COLUMNS,
  NUMBER_FORMAT,
  REGISTER_HEADERS,
  lastColumnLetter,
  registerRow,
} from "./register-data";

export const SOURCE_SHEET = "Risk Register";
export const COPY_SHEET = "Register Copy";
/** Rows per setCells edit: big enough to keep the plan short, small enough to report progress. */
export const BLOCK_ROWS = 5_000;

export interface PhaseResult {
  phase: string;
  /** Milliseconds per step, and their total. */
  ms: Record<string, number>;
  /** Peak resident memory of this process, in bytes. */
  peakRssBytes: number;
  /** Processor time of this process (every thread: zlib's pool too) over the timed steps, in milliseconds; less swayed by other work on the machine than wall time. */
  cpuMs?: number;
  fileBytes?: number;
  /** Edits in the plan, where the phase plans one. */
  edits?: number;
  /** Set by the runner when the phase's process failed. */
  failed?: string;
}

async function generate(file: string, rows: number): Promise<PhaseResult> {
  const t0 = performance.now();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = writer.addWorksheet(SOURCE_SHEET);
  ws.addRow([...REGISTER_HEADERS]).commit();
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow(registerRow(i));
    for (const c of DATE_COLUMNS) row.getCell(c).numFmt = DATE_FORMAT;
    for (const c of MONEY_COLUMNS) row.getCell(c).numFmt = MONEY_FORMAT;
    row.commit();
  }
  await writer.commit();
  const total = performance.now() - t0;
  const fileBytes = (await readFile(file)).byteLength;
  return { phase: "generate", ms: { total }, peakRssBytes: peakRss(), fileBytes };
}

/** The workbook a job starts from: a project's cover sheet, no register yet. */
async function start(file: string): Promise<PhaseResult> {
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Cover");
  ws.getCell("A1").value = "Northgate Depot Upgrade";
  ws.getCell("A2").value = "Project manager";
  ws.getCell("B2").value = "J. Alvarez";
  ws.getCell("A3").value = "Last updated";
  ws.getCell("B3").value = new Date(Date.UTC(2026, 10, 1));
  ws.getCell("B3").numFmt = DATE_FORMAT;
  await wb.xlsx.writeFile(file);
  return { phase: "start", ms: { total: performance.now() - t0 }, peakRssBytes: peakRss(), fileBytes: (await readFile(file)).byteLength };
}

/** ExcelJS reading the whole workbook into its model: what a read-only job is measured against. */
async function load(file: string): Promise<PhaseResult> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  if (!wb.worksheets.length) throw new Error(`ExcelJS read no sheet from ${file}`);
  return { phase: "load", ms: { total: performance.now() - t0 }, cpuMs: cpuSince(c0), peakRssBytes: peakRss(), fileBytes: (await readFile(file)).byteLength };
}

/** `pmo inspect` as the CLI runs it: the outline, detection and drift, read from the package. */
async function inspectJob(file: string): Promise<PhaseResult> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const host = await openWorkbookForReading(file);
  const outline = await host.outline({ previewRows: 0 });
  const registers = await inspectRegisters(host, path.basename(file));
  if (!registers.length) throw new Error(`inspect found no register in ${file} (${outline.sheets.length} sheets)`);
  return { phase: "inspect", ms: { total: performance.now() - t0 }, cpuMs: cpuSince(c0), peakRssBytes: peakRss(), fileBytes: (await readFile(file)).byteLength };
}

async function baseline(file: string, out: string): Promise<PhaseResult> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const t1 = performance.now();
  await wb.xlsx.writeFile(out);
  const t2 = performance.now();
  return { phase: "baseline", ms: { load: t1 - t0, save: t2 - t1, total: t2 - t0 }, cpuMs: cpuSince(c0), peakRssBytes: peakRss(), fileBytes: (await readFile(out)).byteLength };
}

async function sameWork(file: string, out: string, rows: number): Promise<PhaseResult> {
  const data: (string | number | Date)[][] = [];
  for (let i = 0; i < rows; i++) data.push(registerRow(i));
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const t1 = performance.now();
  const ws = wb.addWorksheet(COPY_SHEET);
  ws.addTable({
    name: "RiskRegisterCopy",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: REGISTER_HEADERS.map((name) => ({ name, filterButton: true })),
    rows: data,
  });
  const formats: [number[], string][] = [
    [DATE_COLUMNS, DATE_FORMAT],
    [MONEY_COLUMNS, MONEY_FORMAT],
    [NUMBER_COLUMNS, NUMBER_FORMAT],
  ];
  for (const [columns, format] of formats) {
    for (const c of columns) for (let r = 2; r <= rows + 1; r++) ws.getCell(r, c).numFmt = format;
  }
  const t2 = performance.now();
  await wb.xlsx.writeFile(out);
  const t3 = performance.now();
  return { phase: "samework", ms: { load: t1 - t0, write: t2 - t1, save: t3 - t2, total: t3 - t0 }, peakRssBytes: peakRss(), fileBytes: (await readFile(out)).byteLength };
}

/** The edits a job would make to lay the register onto a new sheet, built before the clock starts. */
function copyPlanEdits(rows: number): Edit[] {
  const last = lastColumnLetter();
  const edits: Edit[] = [{ type: "addSheet", sheet: COPY_SHEET, hidden: "visible" }];
  const toInput = (v: string | number | Date): CellInput => (v instanceof Date ? dateToSerial(v) : v);
  edits.push({ type: "setCells", sheet: COPY_SHEET, address: `A1:${last}1`, cells: [[...REGISTER_HEADERS]] });
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const end = Math.min(rows, start + BLOCK_ROWS);
    const cells: CellInput[][] = [];
    for (let i = start; i < end; i++) cells.push(registerRow(i).map(toInput));
    edits.push({ type: "setCells", sheet: COPY_SHEET, address: `A${start + 2}:${last}${end + 1}`, cells });
  }
  edits.push({ type: "createTable", sheet: COPY_SHEET, address: `A1:${last}${rows + 1}`, name: "RiskRegisterCopy", style: "TableStyleMedium2" });
  const column = (c: number) => `${columnLetter(c)}2:${columnLetter(c)}${rows + 1}`;
  for (const c of DATE_COLUMNS) edits.push({ type: "setNumberFormat", sheet: COPY_SHEET, address: column(c), format: DATE_FORMAT });
  for (const c of MONEY_COLUMNS) edits.push({ type: "setNumberFormat", sheet: COPY_SHEET, address: column(c), format: MONEY_FORMAT });
  for (const c of NUMBER_COLUMNS) edits.push({ type: "setNumberFormat", sheet: COPY_SHEET, address: column(c), format: NUMBER_FORMAT });
  return edits;
}

async function measured(file: string, out: string, rows: number): Promise<PhaseResult> {
  const copy = plan(`Copy the ${rows}-row register onto '${COPY_SHEET}'`, copyPlanEdits(rows));
  const t0 = performance.now();
  const host = await XlsxHost.open(await readFile(file), path.basename(file));
  const t1 = performance.now();
  const result = await host.apply(copy);
  const t2 = performance.now();
  await writeFile(out, await host.save());
  const t3 = performance.now();
  if (result.editsApplied !== copy.edits.length) throw new Error(`applied ${result.editsApplied} of ${copy.edits.length} edits`);
  return {
    phase: "measured",
    ms: { open: t1 - t0, apply: t2 - t1, save: t3 - t2, total: t3 - t0 },
    peakRssBytes: peakRss(),
    fileBytes: (await readFile(out)).byteLength,
  };
}

/** The register job as `pmo apply risk` runs it: detection, planning, apply, save. */
async function registers(file: string, out: string): Promise<PhaseResult> {
  const template = builtInTemplate("risk");
  if (!template) throw new Error("the built-in risk template is missing");
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const host = await openWorkbookForChange(file);
  const t1 = performance.now();
  const application = await planTemplateApplication(host, template);
  const t2 = performance.now();
  if (application.kind !== "existing") throw new Error(`expected the register to be found, got ${application.kind}`);
  await host.apply(application.plan);
  const t3 = performance.now();
  await writeFile(out, await host.save());
  const t4 = performance.now();
  return {
    phase: "registers",
    ms: { open: t1 - t0, detectAndPlan: t2 - t1, apply: t3 - t2, save: t4 - t3, total: t4 - t0 },
    cpuMs: cpuSince(c0),
    peakRssBytes: peakRss(),
    fileBytes: (await readFile(out)).byteLength,
    edits: application.plan.edits.length,
  };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024; // maxRSS is in kilobytes
}

async function main(): Promise<void> {
  const [phase, file, third, fourth] = process.argv.slice(2);
  const rows = (text: string | undefined) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bad row count: ${text}`);
    return n;
  };
  let result: PhaseResult;
  switch (phase) {
    case "start":
      result = await start(file);
      break;
    case "generate":
      result = await generate(file, rows(third));
      break;
    case "baseline":
      result = await baseline(file, third);
      break;
    case "measured":
      result = await measured(file, third, rows(fourth));
      break;
    case "registers":
      result = await registers(file, third);
      break;
    case "load":
      result = await load(file);
      break;
    case "inspect":
      result = await inspectJob(file);
      break;
    case "samework":
      result = await sameWork(file, third, rows(fourth));
      break;
    default:
      throw new Error(`unknown phase ${phase}`);
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
