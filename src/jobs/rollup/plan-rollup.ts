/**
 * The rollup job's plan: the Portfolio sheet for a set of project summaries,
 * written into a workbook through the host port. A second run finds the sheet
 * from the workbook's record and refreshes it in place, keeping the PMO's
 * notes beside it.
 */
import { formatRange, parseRange } from "../../core/grid/address";
import {
  planPortfolioSheet,
  projectFigures,
  ragRulesOfSettings,
  rollupRecordOf,
  ROLLUP_METADATA_KEY,
  type PortfolioPlan,
  type ProjectLink,
  type ProjectSummary,
} from "../../core/rollup";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { gridToCells } from "../registers/detect";
import { bandsOf, momentSerial } from "./read-projects";

export interface RollupInput {
  projects: { summary: ProjectSummary; link: ProjectLink }[];
  failed: { file: string; reason: string }[];
  /** When the rollup is made; defaults to now. */
  now?: Date;
}

export async function planRollup(host: WorkbookHost, input: RollupInput, knownOutline?: WorkbookOutline): Promise<PortfolioPlan> {
  const outline = knownOutline ?? (await host.outline({ previewRows: 0 }));
  const recorded = rollupRecordOf(outline.metadata[ROLLUP_METADATA_KEY]);
  const sheet = recorded ? outline.sheets.find((s) => s.name === recorded.sheet) : undefined;
  let existing = null;
  if (recorded && sheet) {
    const used = sheet.usedRange ? parseRange(sheet.usedRange) : undefined;
    const range = { top: 1, left: 1, bottom: Math.max(used?.bottom ?? 1, recorded.lastRow), right: Math.max(used?.right ?? 1, recorded.columns.length) };
    existing = { record: recorded, cells: gridToCells(await host.read(sheet.name, formatRange(range))) };
  }
  return planPortfolioSheet({
    projects: input.projects,
    failed: input.failed,
    refreshedAt: momentSerial(input.now ?? new Date()),
    bands: bandsOf(outline),
    rules: ragRulesOfSettings(outline.metadata.settings),
    sheetNames: outline.sheets.map((s) => s.name),
    // A record whose sheet was deleted starts afresh.
    existing,
  });
}

/** The `pmo rollup --json` document (CLI contract, DESIGN §7). */
export function rollupJson(result: PortfolioPlan, input: RollupInput): { projects: Record<string, unknown>[]; totals: Record<string, number | null>; failed: { file: string; reason: string }[] } {
  const byKey = new Map(result.rows.map((r) => [r.key, r]));
  const projects = input.projects.map((p) => {
    const row = [...byKey.values()].find((r) => r.file === p.summary.file && (r.key === p.summary.key || r.key.startsWith(`${p.summary.key} (`)));
    return { ...projectFigures(p.summary, row?.verdict ?? { rag: null, reasons: [], shown: null }), sheet: result.sheet, row: row?.row ?? null };
  });
  const sum = (id: string) => {
    const vals = projects.map((p) => (p as Record<string, unknown>)[id]).filter((v): v is number => typeof v === "number");
    return vals.length ? vals.reduce((a, b) => a + b, 0) : null;
  };
  return {
    projects,
    totals: { projects: projects.length, budget: sum("budget"), actual: sum("actual"), forecast: sum("forecast"), variance: sum("variance"), openRisks: sum("openRisks"), openIssues: sum("openIssues"), overdueItems: sum("overdueItems") },
    failed: input.failed,
  };
}
