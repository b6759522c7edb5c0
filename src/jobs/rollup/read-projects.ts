/**
 * Reading a workbook for the rollup: the registers the registers job finds
 * (risks, issues, RAID, milestones, budget, earned value), each one's mapped
 * rows read once, and each sheet's top rows (where project lists and
 * labelled facts are). Then core turns them into project summaries.
 */
import { dateToSerial } from "../../core/grid/cell";
import type { DetectedRegister } from "../../core/detect/detect";
import { METADATA_SHEET } from "../../core/metadata/schema";
import type { RiskBand } from "../../core/metadata/settings";
import { earnedValue } from "../../core/finance/earned-value";
import { rollupRecordOf, ROLLUP_METADATA_KEY, summariseWorkbook, type EarnedFigures, type ProjectSummary, type RegisterData, type WorkbookReading } from "../../core/rollup";
import { templateForKind } from "../../core/templates/catalogue";
import type { TemplateKind } from "../../core/templates/schema";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { trackerOf } from "../finance/variance";
import { detectRegisters, gridToCells, PREVIEW_ROWS } from "../registers/detect";
import { daySerial, readRegisterRows } from "../registers/register-rows";
import { rememberingReads } from "../registers/remembered-reads";
import { bandsOf } from "./bands";

/** The kinds of register a project summary reads. */
export const ROLLUP_KINDS: readonly TemplateKind[] = ["risk", "issue", "raid", "milestone", "budget", "evm"];

/** An Excel serial for a moment in local time, as a person reads a clock. */
export function momentSerial(d: Date): number {
  return dateToSerial(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes())));
}

export { bandsOf };

function sheetsOf(outline: WorkbookOutline, registers: readonly DetectedRegister[], skip: ReadonlySet<string>): WorkbookReading["sheets"] {
  const out: WorkbookReading["sheets"] = [];
  for (const sheet of outline.sheets) {
    if (!sheet.preview || skip.has(sheet.name)) continue;
    const own = registers.filter((r) => r.sheet === sheet.name);
    out.push({ cells: gridToCells(sheet.preview, sheet.merges), firstRegisterRow: own.length ? Math.min(...own.map((r) => r.headerTop ?? r.headerRow)) : null });
  }
  return out;
}

/**
 * The outline and registers of a workbook, reading whole only the sheets
 * whose registers the summary reads where the host can read sheet heads:
 * detection on each sheet's first rows says which kind of register a sheet
 * holds, and only a sheet that holds one the rollup reads, and goes on past
 * its head, is read whole and measured again.
 */
async function outlineAndRegisters(host: WorkbookHost): Promise<{ outline: WorkbookOutline; found: DetectedRegister[] }> {
  if (!host.outlineHeads) {
    const outline = await host.outline({ previewRows: PREVIEW_ROWS });
    return { outline, found: await detectRegisters(host, {}, outline) };
  }
  const heads = await host.outlineHeads({ previewRows: PREVIEW_ROWS });
  const onHeads = await detectRegisters(host, {}, heads.outline);
  const whole = heads.cut.filter((name) => onHeads.some((r) => r.sheet === name && ROLLUP_KINDS.includes(r.kind)));
  if (!whole.length) return { outline: heads.outline, found: onHeads };
  const { outline } = await host.outlineHeads({ previewRows: PREVIEW_ROWS, whole });
  const again = await detectRegisters(host, {}, { ...outline, sheets: outline.sheets.filter((s) => whole.includes(s.name)) });
  const order = new Map(outline.sheets.map((s, i) => [s.name, i]));
  const found = [...onHeads.filter((r) => !whole.includes(r.sheet)), ...again].sort((a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0));
  return { outline, found };
}

/** An EV table read as the finance engine reads it for the variance sheet, when it holds one project. */
async function earnedFigures(host: WorkbookHost, outline: WorkbookOutline, register: DetectedRegister): Promise<EarnedFigures | undefined> {
  const tracker = await trackerOf(host, outline, register);
  const ev = earnedValue(tracker, "cpi");
  if (ev.projects.length !== 1) return undefined;
  const { inputs, bacAbove } = ev.projects[0];
  return { ...inputs, bacCell: bacAbove && tracker.bacAbove ? tracker.bacAbove.cell : null, statusPeriod: ev.statusPeriod };
}

/** What the rollup reads of one workbook. `file` is how the summaries name it. */
export async function readForRollup(host: WorkbookHost, file: string, knownOutline?: WorkbookOutline): Promise<{ reading: WorkbookReading; outline: WorkbookOutline }> {
  const { outline, found: detected } = knownOutline ? { outline: knownOutline, found: await detectRegisters(host, {}, knownOutline) } : await outlineAndRegisters(host);
  const own = rollupRecordOf(outline.metadata[ROLLUP_METADATA_KEY]);
  const skip = new Set([METADATA_SHEET, ...(own ? [own.sheet] : [])]);
  const found = detected.filter((r) => !skip.has(r.sheet) && ROLLUP_KINDS.includes(r.kind));
  const registers: RegisterData[] = [];
  // An EV table's tracker read covers its register's rows: read first, it serves the rows' read too (in Excel, no second round trip).
  const reads = rememberingReads(host);
  for (const register of found) {
    const earned = register.kind === "evm" ? await earnedFigures(reads, outline, register) : undefined;
    const rows = await readRegisterRows(reads, register, templateForKind(register.kind), false);
    registers.push({ file, register, rows: rows.rows, ...(earned ? { earned } : {}) });
  }
  return { reading: { file, registers, sheets: sheetsOf(outline, found, skip) }, outline };
}

export interface SummariseOptions {
  /** Today, for overdue items and the next milestone; defaults to the machine's date. */
  today?: Date;
  /** The bands to count risks in; defaults to the workbook's own. */
  bands?: readonly RiskBand[];
}

/** The project summaries of one open workbook. */
export async function summariseHost(host: WorkbookHost, file: string, options: SummariseOptions = {}): Promise<ProjectSummary[]> {
  const { reading, outline } = await readForRollup(host, file);
  return summariseWorkbook(reading, { today: daySerial(options.today ?? new Date()), bands: options.bands ?? bandsOf(outline) });
}
