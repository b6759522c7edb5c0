/**
 * The variance job: find the budget trackers and earned-value sheets (the
 * registers job's detection), read each from its header to the end of the
 * used range (blocks with subtotals go on past the first total), compute
 * budget variance and earned value in core, and plan the summary sheet of
 * live formulas. Nothing is written here; the caller previews and applies.
 */
import { columnIndex, formatRange, parseRange } from "../../core/grid/address";
import type { DetectedRegister } from "../../core/detect/detect";
import {
  budgetVariance,
  earnedValue,
  FINANCE_METADATA_KEY,
  planSummary,
  ragOf,
  readTracker,
  recordedCharts,
  summaryLayout,
  summarySheetName,
  type BudgetVariance,
  type EarnedValue,
  type FinanceBlock,
  type SummaryLayout,
  type Tracker,
  type TrackerProblem,
  type VarianceThresholds,
} from "../../core/finance";
import type { EacMethod } from "../../core/finance/measures";
import { readSettings } from "../../core/metadata/settings";
import type { Plan } from "../../core/plan/plan";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { detectRegisters, gridToCells, PREVIEW_ROWS } from "../registers/detect";

/** One row of the `pmo variance --json` document (DESIGN §7); null where a measure has no value. */
export interface ProjectFigures {
  project: string;
  sheet: string;
  kind: "budget" | "evm";
  bac: number | null;
  pv: number | null;
  ev: number | null;
  ac: number | null;
  cv: number | null;
  sv: number | null;
  cpi: number | null;
  spi: number | null;
  eac: number | null;
  etc: number | null;
  vac: number | null;
  tcpi: number | null;
  cvPercent: number | null;
  svPercent: number | null;
  tcpiEac: number | null;
  percentComplete: number | null;
  rag: string | null;
}

export interface FinanceTracker {
  register: DetectedRegister;
  tracker: Tracker;
  budget?: BudgetVariance;
  ev?: EarnedValue;
}

export interface VarianceReport {
  sheet: string;
  trackers: FinanceTracker[];
  projects: ProjectFigures[];
  layout: SummaryLayout;
  plan: Plan;
  thresholds: VarianceThresholds;
  eacMethod: EacMethod;
  problems: (TrackerProblem & { sheet: string })[];
  /** Trackers found but not computed, and why. */
  skipped: { sheet: string; reason: string }[];
  settingsIssues: string[];
}

const FIGURE_FIELDS = ["actual", "eac", "forecast", "ev", "ac", "pv"];

/** Something to compare the budget with: a figure column, or months that hold actuals, forecasts or earned value (or an earned value table's planned value). */
function hasFigures(t: Tracker): boolean {
  if (FIGURE_FIELDS.some((f) => t.columns[f] !== undefined)) return true;
  return t.monthColumns.some((m) => m.measure === "actual" || m.measure === "forecast" || m.measure === "earned" || (t.kind === "evm" && m.measure === "budget"));
}

export async function trackerOf(host: WorkbookHost, outline: WorkbookOutline, register: DetectedRegister): Promise<Tracker> {
  const sheet = outline.sheets.find((s) => s.name === register.sheet);
  const used = sheet?.usedRange ? parseRange(sheet.usedRange) : undefined;
  const left = columnIndex(register.firstColumn) ?? 1;
  const right = columnIndex(register.lastColumn) ?? left;
  const top = Math.max(1, register.headerRow - 6);
  const bottom = Math.max(register.lastRow, used?.bottom ?? register.lastRow);
  const grid = await host.read(register.sheet, formatRange({ top, bottom, left, right }));
  // Group headers over month columns ("Budget" over Jan..Dec) are often merged cells.
  const { merges } = gridToCells(grid, grid.merges ?? sheet?.merges ?? []);
  const columns: Record<string, number> = {};
  const headers: Record<string, string> = {};
  for (const [field, mapped] of Object.entries(register.columns)) {
    columns[field] = columnIndex(mapped.column) ?? left;
    headers[field] = mapped.header.replace(/\s+/g, " ").trim();
  }
  return readTracker({
    sheet: register.sheet,
    kind: register.kind === "evm" ? "evm" : "budget",
    headerRow: register.headerRow,
    ...(register.headerTop !== undefined ? { headerTop: register.headerTop } : {}),
    firstRow: register.firstRow,
    lastRow: register.lastRow,
    columns,
    headers,
    cells: { top, left, values: grid.values, formulas: grid.formulas, numberFormats: grid.numberFormats, merges },
    lastColumn: right,
  });
}

function evmProjects(t: Tracker, ev: EarnedValue, thresholds: VarianceThresholds): ProjectFigures[] {
  return ev.projects.map((p) => ({
    project: p.project,
    sheet: t.sheet,
    kind: "evm",
    bac: p.values.bac,
    pv: p.values.pv,
    ev: p.values.ev,
    ac: p.values.ac,
    cv: p.values.cv,
    sv: p.values.sv,
    cpi: p.values.cpi,
    spi: p.values.spi,
    eac: p.values.eac,
    etc: p.values.etc,
    vac: p.values.vac,
    tcpi: p.values.tcpiBac,
    cvPercent: p.values.cvPercent,
    svPercent: p.values.svPercent,
    tcpiEac: p.values.tcpiEac,
    percentComplete: p.values.percentComplete,
    rag: ragOf(p.values.vac, p.values.bac, thresholds),
  }));
}

function budgetProjects(t: Tracker, v: BudgetVariance): ProjectFigures[] {
  const projects = v.groups.filter((g) => g.by === "project");
  const rows = projects.length ? projects : [{ ...v.total, name: t.sheet.trim() }];
  return rows.map((g) => ({
    project: g.name,
    sheet: t.sheet,
    kind: "budget",
    bac: g.values.budget,
    pv: null,
    ev: null,
    ac: g.values.actual,
    cv: null,
    sv: null,
    cpi: null,
    spi: null,
    eac: g.values.fac,
    etc: g.values.fac !== null && g.values.actual !== null ? g.values.fac - g.values.actual : null,
    vac: g.values.varianceAtCompletion,
    tcpi: null,
    cvPercent: null,
    svPercent: null,
    tcpiEac: null,
    percentComplete: null,
    rag: g.rag,
  }));
}

export async function planVariance(host: WorkbookHost, knownOutline?: WorkbookOutline): Promise<VarianceReport> {
  const outline = knownOutline ?? (await host.outline({ previewRows: PREVIEW_ROWS }));
  const { settings, issues } = readSettings(outline.metadata.settings);
  const thresholds: VarianceThresholds = { amberPercent: settings.varianceAmberPercent, redPercent: settings.varianceRedPercent, amberAmount: settings.varianceAmberAmount, redAmount: settings.varianceRedAmount };
  const record = outline.metadata[FINANCE_METADATA_KEY] as { sheet?: unknown } | undefined;
  const recorded = record?.sheet;
  const sheet = summarySheetName(outline.sheets.map((s) => s.name), typeof recorded === "string" ? recorded : null);
  const registers = (await detectRegisters(host, {}, outline)).filter((r) => (r.kind === "budget" || r.kind === "evm") && r.sheet !== sheet);
  const trackers: FinanceTracker[] = [];
  const skipped: VarianceReport["skipped"] = [];
  const blocks: FinanceBlock[] = [];
  for (const register of registers) {
    const nothingToCompare = { sheet: register.sheet, reason: `no actual, forecast or earned value column was found (columns: ${Object.keys(register.columns).join(", ")}); nothing to compare the budget with` };
    // Unmapped columns may be months ("Actual" over Jan..Dec): only a register with neither is passed over unread.
    if (!FIGURE_FIELDS.some((f) => register.columns[f]) && !register.unmapped.length) {
      skipped.push(nothingToCompare);
      continue;
    }
    const tracker = await trackerOf(host, outline, register);
    if (!hasFigures(tracker)) {
      skipped.push(nothingToCompare);
      continue;
    }
    if (!tracker.lines.length) {
      skipped.push({ sheet: register.sheet, reason: "no lines with amounts below the header" });
      continue;
    }
    if (tracker.kind === "evm") {
      const ev = earnedValue(tracker, settings.eacMethod);
      trackers.push({ register, tracker, ev });
      blocks.push({ kind: "evm", tracker, ev });
    } else {
      const budget = budgetVariance(tracker, thresholds);
      trackers.push({ register, tracker, budget });
      blocks.push({ kind: "budget", tracker, variance: budget });
    }
  }
  const layout = summaryLayout(blocks, thresholds, settings.eacMethod);
  const existingSheet = outline.sheets.find((s) => s.name === sheet);
  const existingGrid = existingSheet?.usedRange ? await host.read(sheet, formatRange({ ...(parseRange(existingSheet.usedRange) as NonNullable<ReturnType<typeof parseRange>>), top: 1, left: 1 })) : null;
  const plan = blocks.length
    ? planSummary(layout, sheet, { grid: existingGrid ?? (existingSheet ? { address: "A1", values: [[null]], formulas: [[null]], numberFormats: [["General"]] } : null), ours: recorded === sheet, charts: recordedCharts(record) })
    : { title: "Budget variance and earned value", edits: [] };
  const projects = trackers.flatMap((t) => (t.ev ? evmProjects(t.tracker, t.ev, thresholds) : t.budget ? budgetProjects(t.tracker, t.budget) : []));
  return {
    sheet,
    trackers,
    projects,
    layout,
    plan,
    thresholds,
    eacMethod: settings.eacMethod,
    problems: trackers.flatMap((t) => t.tracker.problems.map((p) => ({ ...p, sheet: t.tracker.sheet }))),
    skipped,
    settingsIssues: issues.map((i) => i.message),
  };
}
