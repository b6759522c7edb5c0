export { PlanPreview } from "./PlanPreview";
export type { PlanPreviewProps } from "./PlanPreview.types";
export { usePlanPreview, type PlanCount, type PlanPreviewState } from "./usePlanPreview";
