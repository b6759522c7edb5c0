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
  /**
   * What the panel is for, in one line shown above it (at most about 55
   * characters, so it stays one line at 320 px): "Check every register against its template’s rules."
   */
  purpose: string;
  /** A Fluent icon element. */
  icon: React.ReactElement;
  /**
   * The panel. Make it lazy (lazyPanel or React.lazy over a dynamic import
   * with webpackChunkName "<id>-panel", as panels/index.ts does): the pane
   * shows a spinner while its code arrives, the pane's first download stays
   * small however many panels exist, and `npm run size` reports the panel.
   */
  component: React.ComponentType<PanelProps>;
}
