/**
 * Whether this Excel draws charts, and what a plan's charts leave out where
 * it does not: on the host's start path, so without the chart apply code or
 * the plan's schemas.
 */
import { describeEdit } from "../../core/plan/describe";
import { isChartEdit } from "../../core/plan/edit-kinds";
import type { Plan } from "../../core/plan/plan";

/** Charts need ChartSeriesCollection.add, setValues and setXAxisValues (charts.ts lists every member and its set). */
export const CHART_API_SET = "1.7";

/** The plan's chart edits a host without the chart API leaves out, in words. */
export function chartsNotDrawn(plan: Plan): string[] {
  return plan.edits.filter(isChartEdit).map((e) => `${describeEdit(e).replace(/, replacing.*$/, "")}: not done, as this version of Excel has no chart API (ExcelApi ${CHART_API_SET}); the figures it would show are on the sheet`);
}
