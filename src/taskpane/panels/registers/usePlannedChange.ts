import * as React from "react";
import type { RegisterPlan } from "./registerJobs";

export interface PlannedChange {
  /** The plan for the current inputs; null while planning or when there is nothing to plan. */
  result: RegisterPlan | null;
  planning: boolean;
  error: unknown;
}

/**
 * Runs the planner whenever it changes (its identity carries the inputs) and
 * keeps only the answer for the latest inputs: a plan for an earlier template
 * or mapping is never shown, so it can never be applied by mistake.
 */
export function usePlannedChange(planner: (() => Promise<RegisterPlan>) | null): PlannedChange {
  const [state, setState] = React.useState<{ for: unknown; result: RegisterPlan | null; error: unknown }>({ for: null, result: null, error: null });
  React.useEffect(() => {
    if (!planner) return;
    let current = true;
    planner().then(
      (result) => current && setState({ for: planner, result, error: null }),
      (error: unknown) => current && setState({ for: planner, result: null, error }),
    );
    return () => {
      current = false;
    };
  }, [planner]);
  if (!planner) return { result: null, planning: false, error: null };
  const fresh = state.for === planner;
  return { result: fresh ? state.result : null, planning: !fresh, error: fresh ? state.error : null };
}
