/**
 * Chart edits in the file host. ExcelJS has no charts, so the host keeps
 * them beside its model (file-charts.ts) and the save draws them into the
 * package; here an edit is checked, recorded, and its undo built.
 */
import type { Edit } from "../../core/plan/edits";
import { restoreChart } from "../../core/plan/inverse";
import type { Plan } from "../../core/plan/plan";
import { isChartEdit, type ChartEdit } from "./package/sheet-charts";
import type { FileCharts } from "./file-charts";

/**
 * Why the plan's chart edits cannot be applied, or null. A chart of the same
 * name that the toolkit cannot draw again (the user's own, of another kind)
 * is not replaced: its undo could not bring it back.
 */
export async function chartRefusal(charts: FileCharts, plan: Plan): Promise<{ index: number; sheet: string; message: string } | null> {
  const edits = plan.edits.map((e, index) => ({ e, index })).filter((x): x is { e: ChartEdit; index: number } => isChartEdit(x.e));
  if (!edits.length) return null;
  await charts.load();
  const seen = new Set<string>();
  for (const { e, index } of edits) {
    const key = `${e.sheet.toLowerCase()}\u0000${e.name.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (charts.get(e.sheet, e.name) === null) {
      return { index, sheet: e.sheet, message: `the sheet already has a chart named “${e.name}” that is not one the toolkit draws; rename that chart and run again` };
    }
  }
  return null;
}

/** Records a chart edit; returns its undo (the chart as it was, or none of that name). */
export function applyChartEdit(charts: FileCharts, e: ChartEdit): Edit[] {
  const before = charts.get(e.sheet, e.name);
  charts.record(e);
  if (before === undefined) return e.type === "setChart" ? [restoreChart(e.sheet, e.name, null)] : [];
  return [restoreChart(e.sheet, e.name, before)];
}
