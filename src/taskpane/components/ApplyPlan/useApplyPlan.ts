import * as React from "react";
import type { ApplyResult } from "../../../hosts/host";
import type { Plan } from "../../../core/plan/plan";
import type { ApplyFn, ApplyStatus } from "./ApplyPlan.types";

export interface ApplyProgress {
  done: number;
  total: number;
}

export interface ApplyPlanState {
  status: ApplyStatus;
  progress: ApplyProgress | null;
  /** The last successful apply, kept until it is undone or replaced, whatever plan is shown now. */
  lastApplied: ApplyResult | null;
  error: unknown;
  /** What failed, as a verb phrase for the error message. */
  failedDoing: string;
  busy: boolean;
  canApply: boolean;
  canUndo: boolean;
  runApply: () => Promise<void>;
  runUndo: () => Promise<void>;
}

/**
 * Apply, progress and undo as state. Undo applies the inverse plan the host
 * returned; Excel's own Ctrl+Z may also work (excelUndoGroup), which the
 * component tells the user.
 */
export function useApplyPlan(plan: Plan, apply: ApplyFn, onChanged?: () => void): ApplyPlanState {
  const [status, setStatus] = React.useState<ApplyStatus>("idle");
  const [progress, setProgress] = React.useState<ApplyProgress | null>(null);
  const [lastApplied, setLastApplied] = React.useState<ApplyResult | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [failedDoing, setFailedDoing] = React.useState("apply the changes");
  const busy = status === "applying" || status === "undoing";

  const run = React.useCallback(
    async (which: "apply" | "undo", p: Plan) => {
      setStatus(which === "apply" ? "applying" : "undoing");
      setError(null);
      setProgress({ done: 0, total: p.edits.length });
      try {
        const result = await apply(p, (done, total) => setProgress({ done, total }));
        if (which === "apply") {
          setLastApplied(result);
          setStatus("applied");
        } else {
          setLastApplied(null);
          setStatus("undone");
        }
        onChanged?.();
      } catch (e) {
        setError(e);
        setFailedDoing(which === "apply" ? "apply the changes" : "undo the last change");
        setStatus("failed");
        // A failed apply may have changed part of the workbook in the xlsx host; views re-read.
        onChanged?.();
      } finally {
        setProgress(null);
      }
    },
    [apply, onChanged],
  );

  const runApply = React.useCallback(() => run("apply", plan), [run, plan]);
  const runUndo = React.useCallback(async () => {
    if (lastApplied) await run("undo", lastApplied.undo.inverse);
  }, [run, lastApplied]);

  return {
    status,
    progress,
    lastApplied,
    error,
    failedDoing,
    busy,
    canApply: !busy && plan.edits.length > 0,
    canUndo: !busy && lastApplied !== null,
    runApply,
    runUndo,
  };
}
