/**
 * The rollup's settings section (whose RAG the Portfolio sheet shows, and the
 * CPI/SPI lines). Its code is a chunk of its own, fetched when the Settings
 * panel first shows it, so the pane's first download does not carry it.
 */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";

const LazyRollupSettings = React.lazy(() => import(/* webpackChunkName: "rollup-settings" */ "./RollupSettings"));

export function RollupSettingsSection(props: { stored: Record<string, unknown> }): React.JSX.Element {
  return (
    <React.Suspense fallback={<Spinner size="tiny" label="Opening rollup settings…" />}>
      <LazyRollupSettings {...props} />
    </React.Suspense>
  );
}
