/**
 * The Rollup tab. The panel (project summaries, picked files, the Portfolio
 * sheet's plan) is a chunk of its own, fetched the first time the tab is
 * opened, so the pane's first download does not carry it.
 */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import type { PanelProps } from "../types";

const LazyRollupPanel = React.lazy(() => import(/* webpackChunkName: "rollup-panel" */ "./RollupPanel"));

export function RollupPanel(props: PanelProps): React.JSX.Element {
  return React.createElement(React.Suspense, { fallback: React.createElement(Spinner, { size: "small", label: "Opening Rollup…" }) }, React.createElement(LazyRollupPanel, props));
}
