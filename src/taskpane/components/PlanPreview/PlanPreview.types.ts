import type { Plan } from "../../../core/plan/plan";

export interface PlanPreviewProps {
  /** The plan to describe before it is applied. */
  plan: Plan;
  /**
   * How many lines a sheet's group shows before a "Show all" button.
   * @default 8
   */
  maxLinesPerGroup?: number;
  /**
   * What to say when the plan changes nothing.
   * @default "Nothing to change: the workbook already matches."
   */
  emptyMessage?: string;
}
