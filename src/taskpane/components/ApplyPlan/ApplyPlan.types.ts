import type { ApplyResult, Progress } from "../../../hosts/host";
import type { Plan } from "../../../core/plan/plan";

/** The host's apply, passed in so the component runs against any host or a fake. */
export type ApplyFn = (plan: Plan, progress?: Progress) => Promise<ApplyResult>;

export interface ApplyPlanProps {
  /** The plan the Apply button applies (the one the preview shows). */
  plan: Plan;
  /** Applies a plan: `host.apply`. Undo goes through it too, with the inverse plan. */
  apply: ApplyFn;
  /** Told after the workbook changed (an apply or an undo), so views can read it again. */
  onChanged?: () => void;
  /**
   * The Apply button's text.
   * @default "Apply"
   */
  applyLabel?: string;
}

export type ApplyStatus = "idle" | "applying" | "applied" | "undoing" | "undone" | "failed";
