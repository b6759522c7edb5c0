/**
 * The Rollup panel: the projects of the open workbook (one, or each project
 * of a workbook that lists several), plus project workbooks the user picks
 * from disk, rolled up into one Portfolio sheet in this workbook. The sheet
 * is previewed before anything changes, applied as one step with Undo, and
 * refreshed in place on the next run (notes beside it kept per project).
 */
import * as React from "react";
import { Body1, Button, Caption1, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { DocumentAddRegular, DismissRegular } from "@fluentui/react-icons";
import { present, valueOf, type ProjectSummary } from "../../../core/rollup";
import { bandsOf, summariseHost } from "../../../jobs/rollup/read-projects";
import { planRollup, type RollupInput } from "../../../jobs/rollup/plan-rollup";
import { ApplyPlan, ErrorMessage, FilePickButton, PanelHeader, PlanPreview } from "../../components";
import { useWorkbookHost } from "../../hostContext";
import { useHostRead } from "../../hooks/useHostRead";
import { usePanelStyles } from "../panelStyles.styles";
import type { PanelProps } from "../types";
import { readPickedFile, type PickedFile } from "./projectFiles";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  project: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0, overflowWrap: "anywhere" },
  name: { fontWeight: tokens.fontWeightSemibold },
  fileRow: { display: "flex", alignItems: "flex-start", justifyContent: "space-between", gap: tokens.spacingHorizontalS, minWidth: 0 },
  failed: { color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
});

function money(n: number | undefined): string {
  return n === undefined ? "—" : n.toLocaleString("en-GB", { maximumFractionDigits: 0 });
}

function ProjectLine({ summary }: { summary: ProjectSummary }): React.JSX.Element {
  const styles = useStyles();
  const panel = usePanelStyles();
  const f = summary.fields;
  const missing = Object.values(f).filter((x) => !present(x)).length;
  const rag = valueOf(f.statedRag);
  return (
    <li className={styles.project}>
      <Body1 className={styles.name}>
        {valueOf(f.project) ?? summary.key} <Caption1 className={panel.subtle}>({summary.key})</Caption1>
      </Body1>
      <Caption1>
        Budget {money(valueOf(f.budget))} · Forecast {money(valueOf(f.forecast))} · Open risks {valueOf(f.openRisks) ?? "—"} · Open issues {valueOf(f.openIssues) ?? "—"}
        {rag ? ` · Stated ${rag}` : ""}
      </Caption1>
      <Caption1 className={panel.subtle}>
        From {summary.sheets.join(", ")}
        {missing ? `; ${missing} figure${missing === 1 ? "" : "s"} not found (the sheet says why)` : ""}
      </Caption1>
    </li>
  );
}

export interface RollupPanelProps extends PanelProps {
  /** The day overdue items and the next milestone count from. @default today */
  today?: Date;
}

export function RollupPanel({ onReady, today }: RollupPanelProps): React.JSX.Element {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { host, revision, notifyChanged } = useWorkbookHost();
  const read = React.useCallback(async () => {
    const outline = await host.outline({ previewRows: 0 });
    const file = outline.name || "This workbook";
    return { bands: bandsOf(outline), projects: await summariseHost(host, file, today ? { today } : {}) };
  }, [host, today]);
  const { value: own, error, loading, reload } = useHostRead(read, revision, onReady);
  const [picked, setPicked] = React.useState<PickedFile[]>([]);
  const [reading, setReading] = React.useState(false);

  const addFiles = React.useCallback(
    async (files: File[]) => {
      setReading(true);
      try {
        const out: PickedFile[] = [];
        for (const file of files) out.push(await readPickedFile(file, { ...(today ? { today } : {}), bands: own?.bands ?? [] }));
        setPicked((p) => [...p.filter((x) => !out.some((o) => o.name === x.name)), ...out]);
      } finally {
        setReading(false);
      }
    },
    [own, today],
  );

  const input = React.useMemo<RollupInput | null>(() => {
    if (!own) return null;
    const projects: RollupInput["projects"] = own.projects.map((s) => ({ summary: s, link: s.sheets[0] ? { kind: "sheet", sheet: s.sheets[0] } : null }));
    const failed: RollupInput["failed"] = [];
    for (const p of picked) {
      if ("failed" in p) failed.push({ file: p.name, reason: p.failed });
      else for (const s of p.summaries) projects.push({ summary: s, link: { kind: "file", path: p.name, label: p.name } });
    }
    return { projects, failed };
  }, [own, picked]);

  const [planned, setPlanned] = React.useState<{ plan: Awaited<ReturnType<typeof planRollup>>["plan"] } | null>(null);
  const [planError, setPlanError] = React.useState<unknown>(null);
  React.useEffect(() => {
    let current = true;
    setPlanned(null);
    setPlanError(null);
    if (!input || !input.projects.length) return;
    planRollup(host, input).then(
      (r) => current && setPlanned({ plan: r.plan }),
      (e: unknown) => current && setPlanError(e),
    );
    return () => {
      current = false;
    };
  }, [host, input]);
  const apply = React.useCallback<typeof host.apply>((p, progress) => host.apply(p, progress), [host]);
  const pickedProjects = picked.flatMap((p) => ("summaries" in p ? p.summaries : []));

  return (
    <div className={panel.root}>
      <PanelHeader
        title="Portfolio rollup"
        subtitle="One sheet for the whole portfolio: RAG, money, risks, issues and milestones of every project, with live totals."
        readAgain={{ onClick: reload, disabled: loading, title: "Read the projects again" }}
      />
      {loading && !own ? <Spinner size="small" label="Reading the projects…" /> : null}
      {error ? <ErrorMessage error={error} doing="read the projects" /> : null}
      {own ? (
        <section className={panel.section} aria-labelledby="rollup-own">
          <Subtitle2 as="h3" id="rollup-own" className={panel.sectionTitle}>
            In this workbook ({own.projects.length})
          </Subtitle2>
          {own.projects.length === 0 ? <Body1>No project registers or trackers found in this workbook.</Body1> : null}
          <ul className={styles.list} aria-labelledby="rollup-own">
            {own.projects.map((s) => (
              <ProjectLine key={`${s.file}:${s.key}`} summary={s} />
            ))}
          </ul>
        </section>
      ) : null}
      <section className={panel.section} aria-labelledby="rollup-files">
        <Subtitle2 as="h3" id="rollup-files" className={panel.sectionTitle}>
          From other workbooks ({pickedProjects.length})
        </Subtitle2>
        <Caption1 className={panel.subtle}>Pick project workbooks on your computer; they are read here, in the pane, and nothing leaves it.</Caption1>
        <FilePickButton
          accept=".xlsx,.xlsm"
          multiple
          inputLabel="Project workbooks"
          inputTestId="rollup-file-input"
          onPick={(files) => void addFiles(files)}
          icon={<DocumentAddRegular />}
          disabled={reading || !own}
        >
          Add project workbooks…
        </FilePickButton>
        {reading ? <Spinner size="tiny" label="Reading the files…" /> : null}
        <ul className={styles.list} aria-label="Picked workbooks">
          {picked.map((p) => (
            <li key={p.name} className={styles.fileRow}>
              <div className={styles.project}>
                <Body1 className={styles.name}>{p.name}</Body1>
                {"failed" in p ? <Caption1 className={styles.failed}>Not rolled up: {p.failed}</Caption1> : <Caption1>{p.summaries.map((s) => valueOf(s.fields.project) ?? s.key).join(", ")}</Caption1>}
              </div>
              <Button appearance="subtle" size="small" icon={<DismissRegular />} aria-label={`Remove ${p.name}`} onClick={() => setPicked((x) => x.filter((y) => y.name !== p.name))} />
            </li>
          ))}
        </ul>
      </section>
      {planError ? <ErrorMessage error={planError} doing="plan the Portfolio sheet" /> : null}
      {planned ? (
        <section className={panel.section} aria-label="Portfolio sheet">
          <PlanPreview plan={planned.plan} />
          <ApplyPlan plan={planned.plan} apply={apply} onChanged={notifyChanged} applyLabel="Write the Portfolio sheet" />
        </section>
      ) : null}
    </div>
  );
}

export default RollupPanel;
