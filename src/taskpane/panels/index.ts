/**
 * The one list of panels. A job's panel is added here and nowhere else; the
 * tab bar, the keyboard order and the browser tests all follow this list.
 */
import * as React from "react";
import { ArrowSwapRegular, CheckmarkCircleRegular, DocumentTableRegular, SettingsRegular, TableSettingsRegular } from "@fluentui/react-icons";
import { ChecksPanel } from "./checks";
import { OverviewPanel } from "./overview";
import { ReconcilePanel } from "./reconcile";
import { RegistersPanel } from "./registers";
import { SettingsPanel } from "./settings";
import type { PanelDefinition } from "./types";

export const PANELS: readonly PanelDefinition[] = [
  { id: "overview", label: "Workbook", icon: React.createElement(DocumentTableRegular), component: OverviewPanel },
  { id: "registers", label: "Registers", icon: React.createElement(TableSettingsRegular), component: RegistersPanel },
  { id: "checks", label: "Checks", icon: React.createElement(CheckmarkCircleRegular), component: ChecksPanel },
  { id: "reconcile", label: "Reconcile", icon: React.createElement(ArrowSwapRegular), component: ReconcilePanel },
  { id: "settings", label: "Settings", icon: React.createElement(SettingsRegular), component: SettingsPanel },
];

export type { PanelDefinition, PanelProps } from "./types";
