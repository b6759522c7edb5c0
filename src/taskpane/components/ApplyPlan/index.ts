export { ApplyPlan } from "./ApplyPlan";
export type { ApplyPlanProps, ApplyFn, ApplyStatus } from "./ApplyPlan.types";
export { useApplyPlan, type ApplyPlanState, type ApplyProgress } from "./useApplyPlan";
