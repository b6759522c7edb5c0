/**
 * The Checks panel: runs validation on every register the workbook holds,
 * lists the findings by rule with counts, takes the user to a finding's cell,
 * and offers the safe fixes as one previewed, undoable plan. Loaded the first
 * time the tab is opened (see index.ts), so it costs the pane's start nothing.
 */
import * as React from "react";
import { Body1, Button, Caption1, Spinner, Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Finding } from "../../../core/validate";
import { applySafeFixes, safeFixPlan } from "../../../jobs/validation/fixes";
import { plan } from "../../../core/plan/plan";
import { highlightPlan } from "../../../jobs/validation/highlight";
import { validateWorkbook } from "../../../jobs/validation/validate";
import type { ApplyResult } from "../../../hosts/host";
import { ApplyPlan, ErrorMessage, PanelHeader, PlanPreview } from "../../components";
import { useWorkbookHost } from "../../hostContext";
import { useHostRead } from "../../hooks/useHostRead";
import { usePanelStyles } from "../panelStyles.styles";
import type { PanelProps } from "../types";
import { countWords, groupFindings, type FindingGroup } from "./findingGroups";
import { useCheckAfterEdits } from "./useCheckAfterEdits";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  finding: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXXS,
    width: "100%",
    height: "auto",
    minWidth: 0,
    textAlign: "left",
    justifyContent: "flex-start",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
  },
  where: { fontWeight: tokens.fontWeightSemibold },
  message: { overflowWrap: "anywhere", whiteSpace: "normal" },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground2 },
  groupHeading: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Rows of a group shown before "Show all"; a register with thousands of findings stays usable. */
const SHOWN = 20;

interface GroupProps {
  group: FindingGroup;
  onChoose?: (f: Finding) => void;
}

function FindingGroupSection({ group, onChoose }: GroupProps): React.JSX.Element {
  const styles = useStyles();
  const panel = usePanelStyles();
  const headingId = React.useId();
  const [all, setAll] = React.useState(false);
  const shown = all ? group.findings : group.findings.slice(0, SHOWN);
  return (
    <section className={panel.section} aria-labelledby={headingId} data-rule={group.rule}>
      <div className={styles.groupHeading}>
        <Subtitle2 as="h3" id={headingId} className={panel.sectionTitle}>
          {group.title} ({group.findings.length})
        </Subtitle2>
        <Caption1 className={panel.subtle}>{countWords(group.counts)}</Caption1>
      </div>
      <ul className={styles.list} aria-labelledby={headingId}>
        {shown.map((f) => (
          <li key={`${f.sheet}!${f.cell}:${f.rule}`}>
            <Button
              appearance="subtle"
              className={styles.finding}
              disabled={!onChoose}
              onClick={onChoose ? () => onChoose(f) : undefined}
              title={onChoose ? "Select the cell" : undefined}
            >
              <span>
                <span className={mergeClasses(styles.where, styles[f.severity])}>{f.severity === "error" ? "Error" : f.severity === "warning" ? "Warning" : "Note"}</span>{" "}
                <span className={styles.where}>
                  {f.sheet}!{f.cell}
                </span>
              </span>{" "}
              <span className={styles.message}>{f.message}</span>
            </Button>
          </li>
        ))}
      </ul>
      {group.findings.length > SHOWN ? (
        <Button appearance="transparent" size="small" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? "Show fewer" : `Show all ${group.findings.length}`}
        </Button>
      ) : null}
    </section>
  );
}

export interface ChecksPanelProps extends PanelProps {
  /**
   * The day overdue and review rules count from.
   * @default today
   */
  today?: Date;
}

export function ChecksPanel({ onReady, today }: ChecksPanelProps): React.JSX.Element {
  const panel = usePanelStyles();
  const { host, revision, notifyChanged, importedTemplates } = useWorkbookHost();
  // The PMO's own templates imported in the Registers panel check their registers here too.
  const options = React.useMemo(() => ({ ...(today ? { today } : {}), ...(importedTemplates.length ? { templates: importedTemplates } : {}) }), [today, importedTemplates]);
  const read = React.useCallback(() => validateWorkbook(host, options), [host, options]);
  const { value: report, error, loading, reload } = useHostRead(read, revision, onReady);
  const registerSheets = React.useMemo(() => [...new Set((report?.registers ?? []).map((r) => r.sheet))], [report]);
  useCheckAfterEdits(host, registerSheets, reload);
  const [fixing, setFixing] = React.useState(false);
  const [chooseError, setChooseError] = React.useState<unknown>(null);
  const groups = React.useMemo(() => groupFindings(report?.findings ?? []), [report]);
  const fixPlan = React.useMemo(() => safeFixPlan(report?.findings ?? []), [report]);
  const fixable = report?.findings.filter((f) => f.fix).length ?? 0;
  const selectCell = host.selectCell?.bind(host);
  const choose = React.useCallback(
    (f: Finding) => {
      setChooseError(null);
      selectCell?.(f.sheet, f.cell).catch(setChooseError);
    },
    [selectCell],
  );
  // Fixes are applied from a fresh read: a fix the person saw whose cell changed since is left out.
  const shownFindings = report?.findings;
  const applyFixes = React.useCallback<typeof host.apply>(
    async (given, progress) => {
      // The Undo after it applies its inverse as it is.
      if (given !== fixPlan) return host.apply(given, progress);
      const { result } = await applySafeFixes(host, options, progress, shownFindings ?? []);
      return result ?? { editsApplied: 0, undo: { excelUndoGroup: false, inverse: plan(`Undo ${given.title}`, []) } };
    },
    [host, options, shownFindings, fixPlan],
  );
  // The highlight's own undo: applying it back puts every cell's previous fill in place.
  const [highlight, setHighlight] = React.useState<ApplyResult | null>(null);
  const [highlightBusy, setHighlightBusy] = React.useState(false);
  const [highlightError, setHighlightError] = React.useState<unknown>(null);
  const toggleHighlight = React.useCallback(async () => {
    setHighlightBusy(true);
    setHighlightError(null);
    try {
      if (highlight) {
        await host.apply(highlight.undo.inverse);
        setHighlight(null);
      } else if (report) {
        setHighlight(await host.apply(highlightPlan(report.findings)));
      }
      notifyChanged();
    } catch (e) {
      setHighlightError(e);
    } finally {
      setHighlightBusy(false);
    }
  }, [highlight, host, notifyChanged, report]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report?.findings ?? []) counts[f.severity]++;
  const checked = report?.registers.filter((r) => !r.skipped) ?? [];

  return (
    <div className={panel.root}>
      <PanelHeader title="Checks" readAgain={{ onClick: reload, disabled: loading, label: "Check again" }} />
      {loading && !report ? <Spinner size="small" label="Checking the registers…" /> : null}
      {error ? <ErrorMessage error={error} doing="check the registers" /> : null}
      {report ? (
        <>
          <Body1 role="status" aria-live="polite">
            {report.registers.length === 0
              ? "No registers found in this workbook. Mark one in the Registers panel to check it."
              : `${checked.length} ${checked.length === 1 ? "register" : "registers"} checked: ${countWords(counts)}.`}
          </Body1>
          {report.registers
            .filter((r) => r.skipped)
            .map((r) => (
              <Caption1 key={`${r.sheet}-${r.range}`} className={panel.subtle}>
                {r.sheet}: {r.skipped}
              </Caption1>
            ))}
          {fixable > 0 || fixing ? (
            <section className={panel.section} aria-label="Safe fixes">
              {!fixing ? (
                <Button appearance="primary" onClick={() => setFixing(true)}>
                  Fix {fixable} safely…
                </Button>
              ) : (
                <>
                  <Body1>These values say one thing but are stored as another (a number or date typed as text, a list value in another case), or their column lost its drop-down to a paste. Fixing stores them as what they say and puts the column's drop-down back; nothing else changes.</Body1>
                  <PlanPreview plan={fixPlan} emptyMessage="Nothing left to fix safely." />
                  <ApplyPlan plan={fixPlan} apply={applyFixes} onChanged={notifyChanged} applyLabel="Fix them" />
                  <Button appearance="secondary" onClick={() => setFixing(false)}>
                    Close
                  </Button>
                </>
              )}
            </section>
          ) : null}
          {report.findings.length > 0 || highlight ? (
            <Button appearance="secondary" onClick={() => void toggleHighlight()} disabled={highlightBusy} aria-pressed={highlight !== null}>
              {highlight ? "Remove the highlight" : "Highlight the cells"}
            </Button>
          ) : null}
          {highlightError ? <ErrorMessage error={highlightError} doing="highlight the cells" /> : null}
          {chooseError ? <ErrorMessage error={chooseError} doing="select the cell" /> : null}
          {groups.map((g) => (
            <FindingGroupSection key={g.rule} group={g} onChoose={selectCell ? choose : undefined} />
          ))}
        </>
      ) : null}
    </div>
  );
}

export default ChecksPanel;
