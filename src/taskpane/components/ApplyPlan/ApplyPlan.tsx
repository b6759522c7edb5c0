import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text } from "@fluentui/react-components";
import { useOptionalWorkbookHost } from "../../hostContext";
import { ErrorMessage } from "../ErrorMessage";
import type { ApplyPlanProps } from "./ApplyPlan.types";
import { useApplyPlan } from "./useApplyPlan";
import { useApplyPlanStyles } from "./useApplyPlanStyles.styles";

function changes(n: number): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? "change" : "changes"}`;
}

/** What Ctrl+Z in Excel leaves, in one sentence; the pane's Undo always reverses everything. */
function notCoveredByCtrlZ(changesLeft: string[]): string {
  return `Ctrl+Z in Excel will not reverse: ${changesLeft.map((c) => c.charAt(0).toLowerCase() + c.slice(1)).join("; ")}.`;
}

/**
 * The Apply button, a progress bar while the host works, and Undo of the
 * last apply. Errors appear as a message bar in plain words.
 */
export function ApplyPlan({ plan, apply, onChanged, applyLabel = "Apply" }: ApplyPlanProps): React.JSX.Element {
  const styles = useApplyPlanStyles();
  const state = useApplyPlan(plan, apply, onChanged);
  const coverage = useOptionalWorkbookHost()?.host.undoCoverage?.(plan);
  const undoRef = React.useRef<HTMLButtonElement>(null);
  const statusRef = React.useRef<HTMLDivElement>(null);

  // Keep keyboard users where the action is: after an apply, on Undo; after an undo, on the message.
  React.useEffect(() => {
    if (state.status === "applied") undoRef.current?.focus();
    if (state.status === "undone") statusRef.current?.focus();
  }, [state.status]);

  const excelUndo = state.lastApplied?.undo.excelUndoGroup === true;
  const leftByCtrlZ = state.lastApplied?.undo.notInExcelUndo ?? [];
  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!state.canApply} onClick={() => void state.runApply()}>
          {state.status === "applying" ? "Applying…" : applyLabel}
        </Button>
        {state.lastApplied ? (
          <Button ref={undoRef} disabled={!state.canUndo} onClick={() => void state.runUndo()}>
            {state.status === "undoing" ? "Undoing…" : "Undo"}
          </Button>
        ) : null}
      </div>
      {state.status === "idle" && coverage?.excelUndo && coverage.notInExcelUndo.length ? (
        <Text size={200}>{`${notCoveredByCtrlZ(coverage.notInExcelUndo)} Undo here reverses all of it.`}</Text>
      ) : null}
      {state.progress ? (
        <Field
          validationState="none"
          validationMessage={
            state.progress.total > 0 ? `${state.progress.done.toLocaleString("en-GB")} of ${changes(state.progress.total)}` : "Working…"
          }
        >
          <ProgressBar
            aria-label={state.status === "undoing" ? "Undo progress" : "Apply progress"}
            value={state.progress.total > 0 ? state.progress.done / state.progress.total : undefined}
          />
        </Field>
      ) : null}
      <div ref={statusRef} tabIndex={-1} className={styles.status} role="status">
        {state.status === "applied" && state.lastApplied ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Applied</MessageBarTitle>
              {changes(state.lastApplied.editsApplied)} made.{" "}
              {!excelUndo ? "Use Undo here to reverse them." : leftByCtrlZ.length ? `Use Undo here to reverse them all. ${notCoveredByCtrlZ(leftByCtrlZ)}` : "Use Undo here, or press Ctrl+Z in Excel."}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {state.status === "undone" ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Undone</MessageBarTitle>
              The workbook is back as it was before the last apply.
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {state.status === "failed" ? <ErrorMessage error={state.error} doing={state.failedDoing} /> : null}
    </div>
  );
}
