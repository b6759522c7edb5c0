export * from "./ApplyPlan";
export * from "./EmptyState";
export * from "./ErrorMessage";
export * from "./FilePickButton";
export * from "./PanelHeader";
export * from "./PlanPreview";
export * from "./PanelNavigation";
