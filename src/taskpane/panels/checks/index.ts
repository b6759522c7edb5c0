/**
 * The Checks tab. The panel itself (validation rules, findings, fixes) is a
 * chunk of its own, fetched the first time the tab is opened, so the pane's
 * first download does not carry it.
 */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import type { PanelProps } from "../types";

const LazyChecksPanel = React.lazy(() => import(/* webpackChunkName: "checks-panel" */ "./ChecksPanel"));

export function ChecksPanel(props: PanelProps): React.JSX.Element {
  return React.createElement(React.Suspense, { fallback: React.createElement(Spinner, { size: "small", label: "Opening Checks…" }) }, React.createElement(LazyChecksPanel, props));
}
