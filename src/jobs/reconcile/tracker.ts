/**
 * Finding the budget tracker in the workbook (through the registers job's
 * detection) and reading its actuals: only the tracker's own columns and rows.
 */
import { columnIndex, formatRange } from "../../core/grid/address";
import type { DetectedRegister } from "../../core/detect/detect";
import { trackerActuals, type TrackerActuals } from "../../core/reconcile";
import { WorkbookError, type WorkbookHost, type WorkbookOutline } from "../../hosts/host";
import { detectRegisters, gridToCells } from "../registers/detect";
import { sheetNamed } from "../../core/sheet-names";

export interface FoundTracker {
  register: DetectedRegister;
  actuals: TrackerActuals;
}

/** Rows above the header read too: group headers ("Actual", "Budget") over monthly columns. */
const GROUP_ROWS = 2;

async function actualsOf(host: WorkbookHost, outline: WorkbookOutline, reg: DetectedRegister): Promise<TrackerActuals> {
  const top = Math.max(1, Math.min(reg.headerTop ?? reg.headerRow, reg.headerRow - GROUP_ROWS));
  const left = columnIndex(reg.firstColumn) ?? 1;
  const right = columnIndex(reg.lastColumn) ?? left;
  const grid = await host.read(reg.sheet, formatRange({ top, bottom: Math.max(reg.lastRow, reg.headerRow), left, right }));
  const merges = grid.merges ?? outline.sheets.find((s) => s.name === reg.sheet)?.merges ?? [];
  return trackerActuals(reg, gridToCells(grid, merges));
}

/** The budget tracker with actuals: the one on `sheet` when given, else the most certain one that has actuals (earned-value tables after budget trackers). */
export async function findTracker(host: WorkbookHost, outline: WorkbookOutline, fileName: string, sheet?: string): Promise<FoundTracker> {
  const registers = await detectRegisters(host, {}, outline);
  const wanted = sheet === undefined ? undefined : (sheetNamed(outline.sheets.map((s) => s.name), sheet) ?? sheet).toLowerCase();
  // A budget tracker first; an earned-value table's actual cost serves where there is none.
  const rank = (kind: string) => (kind === "budget" ? 1 : 0);
  const budgets = registers
    .filter((r) => (r.kind === "budget" || r.kind === "evm") && (!wanted || r.sheet.toLowerCase() === wanted))
    .sort((a, b) => rank(b.kind) - rank(a.kind) || b.confidence - a.confidence);
  // Actuals with no project or cost code beside them cannot be matched: such a table is the last resort.
  let keyless: FoundTracker | null = null;
  for (const register of budgets) {
    const actuals = await actualsOf(host, outline, register);
    if (!actuals.lines.length && !actuals.findings.length) continue;
    if (actuals.has.project || actuals.has.costCode) return { register, actuals };
    keyless ??= { register, actuals };
  }
  if (keyless) return keyless;
  const where = sheet ? `on sheet “${sheet}” of ${fileName}` : `in ${fileName}`;
  const found = registers.map((r) => `${r.kind} on “${r.sheet}”`).join(", ");
  throw new WorkbookError(
    budgets.length
      ? `the budget tracker ${where} has no actuals to reconcile (no Actual column and no monthly actual columns with amounts)`
      : `no budget tracker found ${where}${found ? ` (found: ${found})` : ""}; mark the tracker in the Registers panel, or run pmo inspect to see what was found`,
    { file: fileName, ...(sheet ? { sheet } : {}) },
  );
}
