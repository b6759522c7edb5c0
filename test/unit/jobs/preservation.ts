/**
 * The guarantee of DESIGN §4 as a check: every cell that held something
 * before an apply holds the same value (or formula) at the same address
 * after it, unless the plan wrote that cell and so the preview named it.
 */
import { formatCell, parseRange } from "../../../src/core/grid/address";
import type { CellValue } from "../../../src/core/grid/cell";
import type { Plan } from "../../../src/core/plan/plan";
import type { WorkbookHost } from "../../../src/hosts/host";

export type CellMap = Map<string, { value: CellValue; formula: string | null }>;

/** Every non-empty cell of every sheet, keyed "Sheet!B4". */
export async function nonEmptyCells(host: WorkbookHost): Promise<CellMap> {
  const out: CellMap = new Map();
  const outline = await host.outline({ previewRows: 0 });
  for (const s of outline.sheets) {
    if (!s.usedRange) continue;
    const grid = await host.read(s.name, s.usedRange);
    const r = parseRange(grid.address);
    if (!r) continue;
    grid.values.forEach((row, i) =>
      row.forEach((value, j) => {
        const formula = grid.formulas[i][j];
        if (value === null && formula === null) return;
        if (typeof value === "string" && value === "" && formula === null) return;
        out.set(`${s.name}!${formatCell({ row: r.top + i, col: r.left + j })}`, { value, formula });
      }),
    );
  }
  return out;
}

/** Cells the plan says it writes (setCells), keyed like nonEmptyCells. */
export function cellsThePlanWrites(plan: Plan): Set<string> {
  const out = new Set<string>();
  for (const e of plan.edits) {
    if (e.type !== "setCells" && e.type !== "fillFormula") continue;
    const r = parseRange(e.address);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.add(`${e.sheet}!${formatCell({ row, col })}`);
  }
  return out;
}

/** The cells that changed though the plan did not say it would write them. */
export function unannouncedChanges(before: CellMap, after: CellMap, plan: Plan): string[] {
  const allowed = cellsThePlanWrites(plan);
  const problems: string[] = [];
  for (const [key, was] of before) {
    if (allowed.has(key)) continue;
    const now = after.get(key);
    const same = now && (was.formula !== null ? now.formula === was.formula : now.formula === null && JSON.stringify(now.value) === JSON.stringify(was.value));
    if (!same) problems.push(`${key}: ${JSON.stringify(was)} → ${JSON.stringify(now ?? null)}`);
  }
  return problems;
}

/**
 * Cells an unmerge should have left empty (every cell of a merged area but
 * its top-left one) that hold something after the apply though the plan did
 * not write them: an unmerge never fills values down.
 */
export function filledAfterUnmerge(after: CellMap, plan: Plan): string[] {
  const allowed = cellsThePlanWrites(plan);
  const problems: string[] = [];
  for (const e of plan.edits) {
    if (e.type !== "unmergeCells") continue;
    const r = parseRange(e.address);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        if (row === r.top && col === r.left) continue;
        const key = `${e.sheet}!${formatCell({ row, col })}`;
        const now = after.get(key);
        if (now && !allowed.has(key)) problems.push(`${key}: ${JSON.stringify(now)} after unmerging ${e.address}`);
      }
    }
  }
  return problems;
}
