/**
 * Highlighting invalid cells: a fill on each finding's cell (errors red,
 * warnings amber, as the risk bands colour them), applied as a plan. Its
 * inverse, kept by the pane, puts every cell's own fill back, so removing the
 * highlight leaves nothing behind.
 */
import { columnIndex, formatRange } from "../../core/grid/address";
import type { Edit } from "../../core/plan/edits";
import { plan, type Plan } from "../../core/plan/plan";
import type { Finding, Severity } from "../../core/validate";
import { runs } from "./fixes";

export const HIGHLIGHT_FILLS: Record<Severity, string> = { error: "#FFC7CE", warning: "#FFEB9C", info: "#DDEBF7" };

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function highlightPlan(findings: readonly Finding[]): Plan {
  // One fill per cell: its worst finding's.
  const worst = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.sheet}!${f.cell}`;
    const seen = worst.get(key);
    if (!seen || RANK[f.severity] < RANK[seen.severity]) worst.set(key, f);
  }
  const edits: Edit[] = [];
  for (const severity of ["error", "warning", "info"] as const) {
    for (const run of runs([...worst.values()].filter((f) => f.severity === severity))) {
      const col = columnIndex(run[0].column) ?? 1;
      const address = formatRange({ top: run[0].row, bottom: run[run.length - 1].row, left: col, right: col });
      edits.push({ type: "setStyle", sheet: run[0].sheet, address, style: { fill: HIGHLIGHT_FILLS[severity] } });
    }
  }
  return plan(`Highlight ${worst.size} ${worst.size === 1 ? "cell" : "cells"} with findings`, edits);
}
