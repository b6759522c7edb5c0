/**
 * The Heat Map tab. The panel is a chunk of its own, fetched the first time
 * the tab is opened, so the pane's first download does not carry it.
 */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import type { PanelProps } from "../types";

const LazyHeatMapPanel = React.lazy(() => import(/* webpackChunkName: "heatmap-panel" */ "./HeatMapPanel"));

export function HeatMapPanel(props: PanelProps): React.JSX.Element {
  return React.createElement(React.Suspense, { fallback: React.createElement(Spinner, { size: "small", label: "Opening Heat Map…" }) }, React.createElement(LazyHeatMapPanel, props));
}
