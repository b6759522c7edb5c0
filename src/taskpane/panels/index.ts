/**
 * The one list of panels. A job's panel is added here and nowhere else; the
 * navigation, the keyboard order and the browser tests all follow this list.
 * Each panel's code is loaded when it is first opened (lazyPanel), never with
 * the pane.
 */
import * as React from "react";
// Each icon from its own module: an icon taken from the package's index shares a module with
// hundreds of others, and whichever of those a panel uses would then load with the pane's start.
import { ArrowSwapRegular } from "@fluentui/react-icons/lib/atoms/svg/arrow-swap";
import { CheckmarkCircleRegular } from "@fluentui/react-icons/lib/atoms/svg/checkmark-circle";
import { DataPieRegular } from "@fluentui/react-icons/lib/atoms/svg/data-pie";
import { DataTrendingRegular } from "@fluentui/react-icons/lib/atoms/svg/data-trending";
import { DocumentTableRegular } from "@fluentui/react-icons/lib/atoms/svg/document-table";
import { GridRegular } from "@fluentui/react-icons/lib/atoms/svg/grid";
import { SettingsRegular } from "@fluentui/react-icons/lib/atoms/svg/settings";
import { TableSettingsRegular } from "@fluentui/react-icons/lib/atoms/svg/table-settings";
import { lazyPanel } from "./lazyPanel";
import type { PanelDefinition } from "./types";

const OverviewPanel = lazyPanel(() => import(/* webpackChunkName: "overview-panel" */ "./overview/OverviewPanel"), "OverviewPanel");
const RegistersPanel = lazyPanel(() => import(/* webpackChunkName: "registers-panel" */ "./registers/RegistersPanel"), "RegistersPanel");
const ChecksPanel = lazyPanel(() => import(/* webpackChunkName: "checks-panel" */ "./checks/ChecksPanel"), "ChecksPanel");
const HeatMapPanel = lazyPanel(() => import(/* webpackChunkName: "heatmap-panel" */ "./heatmap/HeatMapPanel"), "HeatMapPanel");
const FinancePanel = lazyPanel(() => import(/* webpackChunkName: "finance-panel" */ "./finance/FinancePanel"), "FinancePanel");
const ReconcilePanel = lazyPanel(() => import(/* webpackChunkName: "reconcile-panel" */ "./reconcile/ReconcilePanel"), "ReconcilePanel");
const RollupPanel = lazyPanel(() => import(/* webpackChunkName: "rollup-panel" */ "./rollup/RollupPanel"), "RollupPanel");
const SettingsPanel = lazyPanel(() => import(/* webpackChunkName: "settings-panel" */ "./settings/SettingsPanel"), "SettingsPanel");

export const PANELS: readonly PanelDefinition[] = [
  { id: "overview", label: "Workbook", purpose: "Sheets, tables and registers found in the workbook.", icon: React.createElement(DocumentTableRegular), component: OverviewPanel },
  { id: "registers", label: "Registers", purpose: "Find registers and bring them to your templates.", icon: React.createElement(TableSettingsRegular), component: RegistersPanel },
  { id: "checks", label: "Checks", purpose: "Check every register against its template’s rules.", icon: React.createElement(CheckmarkCircleRegular), component: ChecksPanel },
  { id: "heatmap", label: "Heat Map", purpose: "Risks on their probability × impact matrix, live.", icon: React.createElement(GridRegular), component: HeatMapPanel },
  { id: "finance", label: "Finance", purpose: "Budget variance and earned value, with RAG and S-curve.", icon: React.createElement(DataTrendingRegular), component: FinancePanel },
  { id: "reconcile", label: "Reconcile", purpose: "Match the tracker's actuals to a finance export.", icon: React.createElement(ArrowSwapRegular), component: ReconcilePanel },
  { id: "rollup", label: "Rollup", purpose: "Roll projects up into one Portfolio sheet.", icon: React.createElement(DataPieRegular), component: RollupPanel },
  { id: "settings", label: "Settings", purpose: "Currency, risk bands and thresholds every job uses.", icon: React.createElement(SettingsRegular), component: SettingsPanel },
];

export { lazyPanel, preloadPanel, type LazyPanel } from "./lazyPanel";
export type { PanelDefinition, PanelProps } from "./types";
