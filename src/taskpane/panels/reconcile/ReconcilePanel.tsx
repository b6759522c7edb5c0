/**
 * The Reconcile panel: the user picks a finance ledger export (.csv or
 * .xlsx) from disk; the workbook's budget tracker is matched against it and
 * the result is shown by section, with counts, totals and the tie-out in words
 * (readable without colour). Choosing a line selects its actual on the tracker
 * (or its row on the Reconciliation sheet once written). Writing the sheet is a
 * previewed plan with Undo. Loaded the first time the tab is opened.
 */
import * as React from "react";
import { Body1, Button, Caption1, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { DocumentArrowUpRegular } from "@fluentui/react-icons";
import { SECTION_IDS, SECTION_TITLES, type ReconcileLine, type SectionId } from "../../../core/reconcile";
import { lineAddress, planReconcile, type ReconcileJob } from "../../../jobs/reconcile";
import { ApplyPlan, ErrorMessage, FilePickButton, PanelHeader, PlanPreview } from "../../components";
import { useWorkbookHost } from "../../hostContext";
import { usePanelStyles } from "../panelStyles.styles";
import type { PanelProps } from "../types";
import { ledgerRowsFromFile } from "./ledgerFile";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: { textAlign: "right", paddingLeft: tokens.spacingHorizontalXS, paddingTop: "2px", paddingBottom: "2px", whiteSpace: "nowrap" },
  label: { textAlign: "left", paddingTop: "2px", paddingBottom: "2px", overflowWrap: "anywhere" },
  strong: { fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  line: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    width: "100%",
    height: "auto",
    minWidth: 0,
    textAlign: "left",
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  wrap: { overflowWrap: "anywhere", whiteSpace: "normal" },
});

/** Lines of a section shown before "Show all". */
const SHOWN = 20;

function money(n: number | null): string {
  return n === null ? "—" : n.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function lineName(l: ReconcileLine): string {
  const key = [l.project, l.costCode].filter(Boolean).join(" · ") || "(no key)";
  const period = l.ledgerPeriod ? `${l.period ?? "?"} → posted ${l.ledgerPeriod}` : (l.period ?? "");
  return period ? `${key} · ${period}` : key;
}

function lineFigures(l: ReconcileLine): string {
  return `Tracker ${money(l.tracker)}, ledger ${money(l.ledger)}, difference ${money(l.difference)}${l.ledgerLines ? ` (${l.ledgerLines} ${l.ledgerLines === 1 ? "line" : "lines"})` : ""}`;
}

interface SectionProps {
  id: SectionId;
  lines: ReconcileLine[];
  onChoose?: (index: number) => void;
}

function Section({ id, lines, onChoose }: SectionProps): React.JSX.Element {
  const styles = useStyles();
  const panel = usePanelStyles();
  const headingId = React.useId();
  const [all, setAll] = React.useState(false);
  const shown = all ? lines : lines.slice(0, SHOWN);
  return (
    <section className={panel.section} aria-labelledby={headingId} data-section={id}>
      <Subtitle2 as="h3" id={headingId} className={panel.sectionTitle}>
        {SECTION_TITLES[id]} ({lines.length})
      </Subtitle2>
      {lines.length === 0 ? <Caption1 className={panel.subtle}>None.</Caption1> : null}
      <ul className={styles.list} aria-labelledby={headingId}>
        {shown.map((l, i) => (
          <li key={`${lineName(l)}-${i}`}>
            <Button appearance="subtle" className={styles.line} disabled={!onChoose} onClick={onChoose ? () => onChoose(i) : undefined} title={onChoose ? "Select the cell" : undefined}>
              <span className={`${styles.strong} ${styles.wrap}`}>{lineName(l)}</span>
              <span className={styles.wrap}>{lineFigures(l)}</span>
            </Button>
          </li>
        ))}
      </ul>
      {lines.length > SHOWN ? (
        <Button appearance="transparent" size="small" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? "Show fewer" : `Show all ${lines.length}`}
        </Button>
      ) : null}
    </section>
  );
}

function TieOut({ job }: { job: ReconcileJob }): React.JSX.Element {
  const styles = useStyles();
  const panel = usePanelStyles();
  const r = job.result;
  const ties = (ok: boolean) => (ok ? "Yes" : "No");
  return (
    <section className={panel.section} aria-label="Tie-out">
      <Subtitle2 as="h3" className={panel.sectionTitle}>
        Tie-out
      </Subtitle2>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col" className={styles.label}>
              Section
            </th>
            <th scope="col" className={styles.cell}>
              Count
            </th>
            <th scope="col" className={styles.cell}>
              Tracker
            </th>
            <th scope="col" className={styles.cell}>
              Ledger
            </th>
          </tr>
        </thead>
        <tbody>
          {SECTION_IDS.map((id) => (
            <tr key={id}>
              <th scope="row" className={styles.label}>
                {SECTION_TITLES[id].replace(/ \(.*\)$/, "")}
              </th>
              <td className={styles.cell}>{r.sections[id].length}</td>
              <td className={styles.cell}>{money(r.sums[id].tracker)}</td>
              <td className={styles.cell}>{money(r.sums[id].ledger)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className={styles.label}>
              Sum of sections
            </th>
            <td />
            <td className={styles.cell}>{money(r.tieOut.tracker.sections)}</td>
            <td className={styles.cell}>{money(r.tieOut.ledger.sections)}</td>
          </tr>
          <tr>
            <th scope="row" className={styles.label}>
              Total read
            </th>
            <td />
            <td className={styles.cell}>{money(r.totals.tracker)}</td>
            <td className={styles.cell}>{money(r.totals.ledger)}</td>
          </tr>
          <tr className={styles.strong}>
            <th scope="row" className={styles.label}>
              Ties out
            </th>
            <td />
            <td className={styles.cell}>{ties(r.tieOut.tracker.ties)}</td>
            <td className={styles.cell}>{ties(r.tieOut.ledger.ties)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

export function ReconcilePanel({ onReady }: PanelProps): React.JSX.Element {
  const panel = usePanelStyles();
  const styles = useStyles();
  const { host, notifyChanged } = useWorkbookHost();
  const [file, setFile] = React.useState<File | null>(null);
  const [job, setJob] = React.useState<ReconcileJob | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<unknown>(null);
  const [written, setWritten] = React.useState(false);
  const [chooseError, setChooseError] = React.useState<unknown>(null);
  const [progress, setProgress] = React.useState("");

  React.useEffect(() => onReady?.(), [onReady]);

  const run = React.useCallback(
    async (picked: File) => {
      setBusy(true);
      setError(null);
      setJob(null);
      setWritten(false);
      try {
        setJob(await planReconcile(host, await ledgerRowsFromFile(picked), { trackerName: "this workbook", progress: setProgress }));
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
        setProgress("");
      }
    },
    [host],
  );

  const selectCell = host.selectCell?.bind(host);
  const choose = React.useCallback(
    (section: SectionId, index: number) => {
      if (!job || !selectCell) return;
      setChooseError(null);
      const line = job.result.sections[section][index];
      const target = written || !line.trackerCells.length ? lineAddress(job.layout, section, index) : { sheet: job.tracker.sheet, address: line.trackerCells[0] };
      selectCell(target.sheet, target.address).catch(setChooseError);
    },
    [job, selectCell, written],
  );
  const apply = React.useCallback<typeof host.apply>(
    async (p, progressOf) => {
      const result = await host.apply(p, progressOf);
      setWritten(true);
      return result;
    },
    [host],
  );
  // Ledger-only lines have no tracker cell: they are shown on the sheet once it is written.
  const canChoose = (section: SectionId) => Boolean(selectCell && job && (written || section !== "ledgerOnly"));
  const r = job?.result;

  return (
    <div className={panel.root}>
      <PanelHeader title="Reconcile" subtitle="The budget tracker's actuals against a finance ledger export, by project, cost code and period." />
      <FilePickButton
        accept=".csv,.xlsx,.xlsm,text/csv"
        inputLabel="Ledger file"
        inputTestId="ledger-file-input"
        onPick={([picked]) => {
          setFile(picked);
          void run(picked);
        }}
        appearance="primary"
        icon={<DocumentArrowUpRegular />}
        disabled={busy}
      >
        {file ? "Choose another ledger…" : "Choose the ledger file…"}
      </FilePickButton>
      {file ? <Caption1 className={panel.subtle}>Ledger: {file.name}</Caption1> : null}
      {busy ? <Spinner size="small" label={progress || "Reconciling…"} /> : null}
      {error ? <ErrorMessage error={error} doing="reconcile" /> : null}
      {job && r ? (
        <>
          <Body1 role="status" aria-live="polite">
            {`Actuals in ${job.tracker.where} against ${r.ledgerLines.toLocaleString("en-GB")} ledger lines: ${r.tieOut.tracker.ties && r.tieOut.ledger.ties ? "both sides tie out" : "does NOT tie out"}; ${SECTION_IDS.filter((id) => id !== "matched")
              .map((id) => `${r.sections[id].length} ${SECTION_TITLES[id].replace(/ \(.*\)$/, "").toLowerCase()}`)
              .join(", ")}.`}
          </Body1>
          {job.notes.map((n) => (
            <Caption1 key={n} className={panel.subtle}>
              {n}
            </Caption1>
          ))}
          <TieOut job={job} />
          <section className={panel.section} aria-label="Reconciliation sheet">
            <PlanPreview plan={job.plan} emptyMessage="The Reconciliation sheet is up to date." />
            <ApplyPlan plan={job.plan} apply={apply} onChanged={notifyChanged} applyLabel="Write the Reconciliation sheet" />
          </section>
          {chooseError ? <ErrorMessage error={chooseError} doing="select the cell" /> : null}
          {SECTION_IDS.map((id) => (
            <Section key={id} id={id} lines={r.sections[id]} onChoose={canChoose(id) ? (i) => choose(id, i) : undefined} />
          ))}
          {r.findingCount ? (
            <section className={panel.section} aria-label="Findings">
              <Subtitle2 as="h3" className={panel.sectionTitle}>
                Findings ({r.findingCount})
              </Subtitle2>
              <ul className={styles.list}>
                {r.findings.slice(0, SHOWN).map((f, i) => (
                  <li key={`${f.cell}-${i}`} className={styles.wrap}>
                    <Caption1>
                      {f.source === "ledger" ? f.file : f.sheet}!{f.cell}: {f.message}
                    </Caption1>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export default ReconcilePanel;
