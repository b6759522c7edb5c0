import type * as React from "react";

export interface PanelProps {
  /** Call once the panel has its data and its controls work (the pane-ready signal). */
  onReady?: () => void;
}

/** One job in the pane. Registered in panels/index.ts, the only list of panels. */
export interface PanelDefinition {
  /** Stable id, used in element ids and tests: "overview". */
  id: string;
  /** Tab text: one or two short words; tabs that do not fit go under More. */
  label: string;
  /** What the panel is for, in one line shown above it: "Check registers against their template's rules." */
  purpose: string;
  /** A Fluent icon element. */
  icon: React.ReactElement;
  /**
   * The panel. Make it lazy (React.lazy over a dynamic import, as
   * panels/index.ts does): the pane shows a spinner while its code arrives,
   * and the pane's first download stays small however many panels exist.
   */
  component: React.ComponentType<PanelProps>;
}
