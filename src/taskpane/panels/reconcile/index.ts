/**
 * The Reconcile tab. The panel (ledger reading, matching, the results) is a
 * chunk of its own, fetched the first time the tab is opened, so the pane's
 * first download does not carry it.
 */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import type { PanelProps } from "../types";

const LazyReconcilePanel = React.lazy(() => import(/* webpackChunkName: "reconcile-panel" */ "./ReconcilePanel"));

export function ReconcilePanel(props: PanelProps): React.JSX.Element {
  return React.createElement(React.Suspense, { fallback: React.createElement(Spinner, { size: "small", label: "Opening Reconcile…" }) }, React.createElement(LazyReconcilePanel, props));
}
