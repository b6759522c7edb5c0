export { PanelNavigation } from "./PanelNavigation";
export { panelId, tabId, type NavigationEntry, type PanelNavigationProps } from "./PanelNavigation.types";
export { PanelBoundary, type PanelBoundaryProps } from "./PanelBoundary";
