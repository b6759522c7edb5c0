/**
 * `pmo variance <workbook> (--out FILE | --in-place) [--json]`: budget
 * variance and earned value of every budget tracker and earned-value sheet,
 * written as a summary sheet of live formulas; the figures by project on
 * stdout (DESIGN §7).
 */
import * as path from "node:path";
import { describe } from "../../core/plan/describe";
import { openWorkbookForChange, saveWorkbookFile } from "../../hosts/xlsx/workbook-file";
import { planVariance, type VarianceReport } from "../../jobs/finance/variance";
import { EXIT, ExitError } from "../errors";
import type { CliIo } from "../io";
import type { OutputTarget } from "../options";
import { alignColumns } from "../format";

export interface VarianceOptions {
  workbook: string;
  target: OutputTarget;
  json: boolean;
}

const FIGURES = ["bac", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "etc", "vac", "tcpi"] as const;

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 1e6) / 1e6;
}

export function toVarianceJson(file: string, report: VarianceReport, written: { path: string; backup?: string } | null): Record<string, unknown> {
  return {
    file,
    projects: report.projects.map((p) => ({ ...p, ...Object.fromEntries(FIGURES.map((f) => [f, round(p[f])])) })),
    sheet: report.sheet,
    eacMethod: report.eacMethod,
    thresholds: report.thresholds,
    trackers: report.trackers.map((t) => ({ sheet: t.tracker.sheet, kind: t.tracker.kind, firstRow: t.tracker.firstRow, lastRow: t.tracker.lastRow, lines: t.tracker.lines.length, subtotalRows: t.tracker.subtotalRows, notes: t.tracker.notes })),
    problems: report.problems,
    skipped: report.skipped,
    warnings: report.settingsIssues,
    edits: report.plan.edits.length,
    output: written?.path ?? null,
    backup: written?.backup ?? null,
  };
}

function figure(n: number | null, ratio = false): string {
  if (n === null) return "–";
  return ratio ? n.toFixed(2) : n.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export async function variance(options: VarianceOptions, io: CliIo): Promise<void> {
  const source = path.resolve(io.cwd, options.workbook);
  if (options.target.kind === "file" && path.resolve(io.cwd, options.target.path) === source) {
    io.err(`pmo variance: --out ${options.target.path} is the input workbook; use --in-place to change it (a backup is kept) or choose another file name`);
    throw new ExitError(EXIT.usage);
  }
  io.progress(`Reading ${options.workbook}...`);
  const host = await openWorkbookForChange(source);
  const report = await planVariance(host);
  if (!report.trackers.length) {
    io.err(`pmo variance: ${options.workbook}: no budget tracker or earned value sheet with figures was found${report.skipped.length ? ` (${report.skipped.map((s) => `${s.sheet}: ${s.reason}`).join("; ")})` : ""}; run pmo inspect to see what was found`);
    throw new ExitError(EXIT.usage);
  }
  let written: { path: string; backup?: string } | null = null;
  if (report.plan.edits.length || options.target.kind === "file") {
    await host.apply(report.plan, (done, total) => io.progress(`Applying ${done}/${total}...`));
    written = await saveWorkbookFile(host, options.target.kind === "inPlace" ? { inPlace: true, source } : { out: path.resolve(io.cwd, options.target.path), source });
  }
  if (options.json) {
    io.out(JSON.stringify(toVarianceJson(options.workbook, report, written), null, 2));
    return;
  }
  const lines = [`${options.workbook}: ${report.trackers.length} tracker(s), summary on sheet “${report.sheet}”`, ""];
  lines.push(
    ...alignColumns([
      ["  Project", "Sheet", "BAC", "PV", "EV", "AC", "CPI", "SPI", "EAC", "VAC", "RAG"],
      ...report.projects.map((p) => [`  ${p.project}`, p.sheet, figure(p.bac), figure(p.pv), figure(p.ev), figure(p.ac), figure(p.cpi, true), figure(p.spi, true), figure(p.eac), figure(p.vac), p.rag ?? "–"]),
    ]),
  );
  for (const t of report.trackers) for (const n of t.tracker.notes) lines.push(`  ${t.tracker.sheet}: ${n}`);
  for (const p of report.problems) lines.push(`  Warning: ${p.message}`);
  for (const s of report.skipped) lines.push(`  Not computed: ${s.sheet}: ${s.reason}`);
  for (const w of report.settingsIssues) lines.push(`  Warning: ${w}`);
  lines.push("", ...describe(report.plan));
  lines.push(written ? `Wrote ${written.path}${written.backup ? ` (backup of the original: ${written.backup})` : ""}.` : `${options.workbook} is up to date; it was not changed.`);
  io.out(lines.join("\n"));
}
