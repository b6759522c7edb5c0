import * as React from "react";
import { previewPlan, type PlanPreview } from "../../../core/plan/describe";
import type { EditType } from "../../../core/plan/edits";
import type { Plan } from "../../../core/plan/plan";

const COUNT_WORDS: Record<EditType, [string, string]> = {
  addSheet: ["new sheet", "new sheets"],
  deleteSheet: ["sheet removed", "sheets removed"],
  setCells: ["cell write", "cell writes"],
  fillFormula: ["formula fill", "formula fills"],
  copyCells: ["cell range put back", "cell ranges put back"],
  createTable: ["new table", "new tables"],
  removeTable: ["table removed", "tables removed"],
  addTableColumns: ["column addition", "column additions"],
  removeTableColumns: ["column removal", "column removals"],
  resizeTable: ["table resize", "table resizes"],
  unmergeCells: ["merged area split", "merged areas split"],
  mergeCells: ["area merged", "areas merged"],
  setNumberFormat: ["number format", "number formats"],
  setStyle: ["style change", "style changes"],
  setColumnWidths: ["column width change", "column width changes"],
  setDataValidation: ["drop-down or rule", "drop-downs or rules"],
  replaceConditionalFormats: ["colour rule set", "colour rule sets"],
  setMetadata: ["workbook setting", "workbook settings"],
  setChart: ["chart drawn", "charts drawn"],
  removeChart: ["chart removed", "charts removed"],
};

export interface PlanCount {
  type: EditType;
  count: number;
  /** "3 cell writes" */
  text: string;
}

export interface PlanPreviewState {
  preview: PlanPreview;
  total: number;
  counts: PlanCount[];
  /** Sheet names whose groups are expanded past the line limit. */
  expanded: ReadonlySet<string>;
  toggle: (groupKey: string) => void;
}

/** Group key for the workbook-wide group (sheet null) cannot clash with a sheet name: sheet names cannot contain "[". */
export const WORKBOOK_GROUP_KEY = "[workbook]";

export function usePlanPreview(plan: Plan): PlanPreviewState {
  const preview = React.useMemo(() => previewPlan(plan), [plan]);
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  const toggle = React.useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  const counts = React.useMemo(
    () =>
      (Object.entries(preview.counts) as [EditType, number][]).map(([type, count]) => {
        const [one, many] = COUNT_WORDS[type];
        return { type, count, text: `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}` };
      }),
    [preview],
  );
  return { preview, total: plan.edits.length, counts, expanded, toggle };
}
