import type * as React from "react";

export interface PanelProps {
  /** Call once the panel has its data and its controls work (the pane-ready signal). */
  onReady?: () => void;
}

/** One job in the pane. Registered in panels/index.ts, the only list of panels. */
export interface PanelDefinition {
  /** Stable id, used in element ids and tests: "overview". */
  id: string;
  /** Tab text: short, so the tab bar fits a 320 px pane. */
  label: string;
  /** A Fluent icon element. */
  icon: React.ReactElement;
  component: React.ComponentType<PanelProps>;
}
