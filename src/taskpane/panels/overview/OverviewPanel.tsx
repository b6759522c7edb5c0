import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import { DocumentTableRegular } from "@fluentui/react-icons";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useWorkbookHost } from "../../hostContext";
import { useWorkbookOutline } from "../../hooks/useWorkbookOutline";
import type { PanelProps } from "../types";
import { usePanelStyles } from "../panelStyles.styles";
import { summariseWorkbook } from "./sheetSummary";
import { WorkbookOverview } from "./WorkbookOverview";
import { PanelHeader } from "../../components/PanelHeader";

/** What is in the workbook: the first thing a PMO administrator checks. */
export function OverviewPanel({ onReady }: PanelProps): React.JSX.Element {
  const styles = usePanelStyles();
  const { host, revision } = useWorkbookHost();
  const outlineOf = React.useCallback((opts?: { previewRows?: number }) => host.outline(opts), [host]);
  const { outline, error, loading, reload } = useWorkbookOutline(outlineOf, revision, onReady);
  const summary = React.useMemo(() => (outline ? summariseWorkbook(outline) : null), [outline]);

  return (
    <div className={styles.root}>
      <PanelHeader title={summary?.name || "This workbook"} readAgain={{ onClick: reload, disabled: loading, label: "Refresh", size: "small" }} />
      {error ? <ErrorMessage error={error} doing="read the workbook" /> : null}
      {loading && !summary ? <Spinner size="small" label="Reading the workbook…" /> : null}
      {summary && summary.empty ? (
        <EmptyState
          icon={<DocumentTableRegular />}
          title="This workbook has no data yet"
          action="Open a workbook that holds your registers and trackers, or paste a register into a sheet, then choose Refresh."
        />
      ) : null}
      {summary && !summary.empty ? <WorkbookOverview summary={summary} /> : null}
    </div>
  );
}
