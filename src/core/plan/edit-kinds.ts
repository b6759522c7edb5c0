/**
 * Which kind an edit is, without the plan's schemas: hosts ask this on their
 * start path (what Ctrl+Z will not cover, what a host cannot draw), where
 * loading zod for it would weigh on the task pane's first download.
 */
import type { ChartEdit, Edit } from "./edits";

export function isChartEdit(e: Edit): e is ChartEdit {
  return e.type === "setChart" || e.type === "removeChart";
}
