/**
 * The Finance tab. The panel (variance, earned value, the S-curve) is a chunk
 * of its own, fetched the first time the tab is opened, so the pane's first
 * download does not carry it.
 */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import type { PanelProps } from "../types";

const LazyFinancePanel = React.lazy(() => import(/* webpackChunkName: "finance-panel" */ "./FinancePanel"));

export function FinancePanel(props: PanelProps): React.JSX.Element {
  return React.createElement(React.Suspense, { fallback: React.createElement(Spinner, { size: "small", label: "Opening Finance…" }) }, React.createElement(LazyFinancePanel, props));
}
