/**
 * The Finance panel: budget variance and earned value by project, each with
 * its RAG in words (readable without colour), the S-curve of cumulative PV,
 * EV and AC, and the summary sheet of live formulas as a previewed, undoable
 * plan. Loaded the first time the tab is opened (see index.ts).
 */
import * as React from "react";
import { Body1, Button, Caption1, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { planVariance, type ProjectFigures } from "../../../jobs/finance/variance";
import { ApplyPlan, ErrorMessage, PanelHeader, PlanPreview } from "../../components";
import { useWorkbookHost } from "../../hostContext";
import { useHostRead } from "../../hooks/useHostRead";
import { usePanelStyles } from "../panelStyles.styles";
import type { PanelProps } from "../types";
import { index, money, percent } from "./figures";
import { SCurve } from "./SCurve";

const useStyles = makeStyles({
  figures: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, textAlign: "right", fontVariantNumeric: "tabular-nums" },
  rag: { display: "inline-block", paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS, borderRadius: tokens.borderRadiusMedium, fontWeight: tokens.fontWeightSemibold, border: `1px solid ${tokens.colorNeutralStroke1}` },
  Red: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  Amber: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorNeutralForeground1 },
  Green: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  heading: { display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

const RAG_WORDS = { Red: "Red: past the red threshold", Amber: "Amber: past the amber threshold; explain it", Green: "Green: within threshold" } as const;

function ProjectCard({ p, series }: { p: ProjectFigures; series?: Parameters<typeof SCurve>[0]["series"] }): React.JSX.Element {
  const styles = useStyles();
  const panel = usePanelStyles();
  const headingId = React.useId();
  const rows: [string, string][] =
    p.kind === "evm"
      ? [
          ["BAC", money(p.bac)],
          ["PV", money(p.pv)],
          ["EV", money(p.ev)],
          ["AC", money(p.ac)],
          ["CV", money(p.cv)],
          ["SV", money(p.sv)],
          ["CPI", index(p.cpi)],
          ["SPI", index(p.spi)],
          ["EAC", money(p.eac)],
          ["ETC", money(p.etc)],
          ["VAC", money(p.vac)],
          ["TCPI (BAC)", index(p.tcpi)],
          ["% complete", percent(p.percentComplete)],
        ]
      : [
          ["Budget", money(p.bac)],
          ["Actual", money(p.ac)],
          ["Forecast at completion", money(p.eac)],
          ["Variance at completion", money(p.vac)],
        ];
  return (
    <section className={panel.section} aria-labelledby={headingId} data-project={p.project}>
      <div className={styles.heading}>
        <Subtitle2 as="h3" id={headingId} className={panel.sectionTitle}>
          {p.project}
        </Subtitle2>
        {p.rag ? <span className={`${styles.rag} ${styles[p.rag as keyof typeof RAG_WORDS]}`}>{RAG_WORDS[p.rag as keyof typeof RAG_WORDS] ?? p.rag}</span> : <Caption1 className={panel.subtle}>No RAG: no variance to judge</Caption1>}
      </div>
      <Caption1 className={panel.subtle}>
        {p.kind === "evm" ? "Earned value" : "Budget variance"} from sheet {p.sheet}
      </Caption1>
      <dl className={styles.figures}>
        {rows.map(([k, v]) => (
          <React.Fragment key={k}>
            <dt className={styles.term}>{k}</dt>
            <dd className={styles.value}>{v}</dd>
          </React.Fragment>
        ))}
      </dl>
      {series && series.length > 1 ? <SCurve series={series} title={`S-curve for ${p.project}`} /> : null}
    </section>
  );
}

export function FinancePanel({ onReady }: PanelProps): React.JSX.Element {
  const panel = usePanelStyles();
  const { host, revision, notifyChanged } = useWorkbookHost();
  const read = React.useCallback(() => planVariance(host), [host]);
  const { value: report, error, loading, reload } = useHostRead(read, revision, onReady);
  const [writing, setWriting] = React.useState(false);
  // What the last write left out (a chart where Excel has no chart API), said after it as in the preview.
  const [leftOut, setLeftOut] = React.useState<string[]>([]);
  const apply = React.useCallback<typeof host.apply>(
    async (p, progress) => {
      const result = await host.apply(p, progress);
      setLeftOut(result.notDone ?? []);
      return result;
    },
    [host],
  );
  const notDone = report && writing ? (host.notDoneBy?.(report.plan) ?? []) : [];
  const seriesOf = (p: ProjectFigures) => {
    const t = report?.trackers.find((x) => x.tracker.sheet === p.sheet);
    return t?.ev && t.ev.projects.length === 1 ? t.ev.series : undefined;
  };
  return (
    <div className={panel.root}>
      <PanelHeader
        title="Finance"
        subtitle="Budget variance and earned value of every budget tracker, with subtotal rows left out."
        readAgain={{ onClick: reload, disabled: loading, label: "Compute again" }}
      />
      {loading && !report ? <Spinner size="small" label="Reading the budget trackers…" /> : null}
      {error ? <ErrorMessage error={error} doing="read the budget trackers" /> : null}
      {report ? (
        <>
          <Body1 role="status" aria-live="polite">
            {report.trackers.length === 0
              ? "No budget tracker or earned value sheet with figures found. Mark one in the Registers panel."
              : `${report.projects.length} ${report.projects.length === 1 ? "project" : "projects"} from ${report.trackers.length} ${report.trackers.length === 1 ? "tracker" : "trackers"}; RAG past ${report.thresholds.amberPercent}% or ${money(report.thresholds.amberAmount)} (amber) and ${report.thresholds.redPercent}% or ${money(report.thresholds.redAmount)} (red), whichever is greater.`}
          </Body1>
          {report.trackers.length ? (
            <section className={panel.section} aria-label="Summary sheet">
              {!writing ? (
                <Button appearance="primary" onClick={() => setWriting(true)}>
                  {report.plan.edits.length ? `Write the summary sheet “${report.sheet}”…` : `“${report.sheet}” is up to date`}
                </Button>
              ) : (
                <>
                  <Body1>Live formulas that refer to the trackers, so the workbook keeps computing without the add-in.</Body1>
                  <PlanPreview plan={report.plan} emptyMessage={`“${report.sheet}” is up to date.`} />
                  {notDone.map((line) => (
                    <Caption1 key={line} className={panel.subtle}>
                      {line}
                    </Caption1>
                  ))}
                  <ApplyPlan plan={report.plan} apply={apply} onChanged={notifyChanged} applyLabel="Write it" />
                  {leftOut.length ? <Body1 role="status">{`Written without: ${leftOut.join("; ")}.`}</Body1> : null}
                  <Button appearance="secondary" onClick={() => setWriting(false)}>
                    Close
                  </Button>
                </>
              )}
            </section>
          ) : null}
          {report.projects.map((p) => (
            <ProjectCard key={`${p.sheet}-${p.project}`} p={p} series={seriesOf(p)} />
          ))}
          {report.problems.map((p) => (
            <Caption1 key={`${p.sheet}-${p.cell}`} className={panel.subtle}>
              {p.message}
            </Caption1>
          ))}
          {report.skipped.map((s) => (
            <Caption1 key={s.sheet} className={panel.subtle}>
              Not computed: {s.sheet}: {s.reason}
            </Caption1>
          ))}
        </>
      ) : null}
    </div>
  );
}

export default FinancePanel;
