/**
 * The Heat Map panel: each risk register's open risks on its probability ×
 * impact matrix, inherent or residual, drawn in the pane. A cell lists its
 * risks, and choosing one selects it in the sheet. "Draw on a sheet" plans
 * the heat-map sheet (live counts, legend, top ten, movement), previews it
 * and applies it as one undoable change. Loaded the first time the tab is
 * opened (see index.ts).
 */
import * as React from "react";
import { Body1, Button, Caption1, Field, Select, Spinner, Subtitle2, ToggleButton, Toolbar } from "@fluentui/react-components";
import type { HeatMapCell, MapBasis, MappedRisk } from "../../../core/heatmap/model";
import { planHeatMaps, readHeatMaps, type HeatMapDrawing } from "../../../jobs/heatmap/heatmap";
import { ApplyPlan, ErrorMessage, PanelHeader, PlanPreview } from "../../components";
import { useWorkbookHost } from "../../hostContext";
import { useHostRead } from "../../hooks/useHostRead";
import { usePanelStyles } from "../panelStyles.styles";
import type { PanelProps } from "../types";
import { RiskHeatMap } from "./RiskHeatMap";
import { useHeatMapStyles } from "./useHeatMapStyles.styles";

function risksIn(risks: readonly MappedRisk[], basis: MapBasis, cell: HeatMapCell): MappedRisk[] {
  return risks.filter((r) => r.open && r[basis]?.probability === cell.probability && r[basis]?.impact === cell.impact);
}

export function HeatMapPanel({ onReady }: PanelProps): React.JSX.Element {
  const panel = usePanelStyles();
  const styles = useHeatMapStyles();
  const { host, revision, notifyChanged } = useWorkbookHost();
  const read = React.useCallback(() => readHeatMaps(host), [host]);
  const { value: reading, error, loading, reload } = useHostRead(read, revision, onReady);
  const [which, setWhich] = React.useState(0);
  const [basis, setBasis] = React.useState<MapBasis>("inherent");
  const [chosen, setChosen] = React.useState<HeatMapCell | null>(null);
  const [selectError, setSelectError] = React.useState<unknown>(null);
  const [drawing, setDrawing] = React.useState<HeatMapDrawing | null>(null);
  const [drawError, setDrawError] = React.useState<unknown>(null);
  const [planning, setPlanning] = React.useState(false);

  const registers = reading?.registers ?? [];
  const current = registers[Math.min(which, Math.max(0, registers.length - 1))];
  const map = current?.map;
  const grid = map ? (basis === "residual" && map.residual ? map.residual : map.inherent) : null;
  const shownBasis: MapBasis = map?.residual && basis === "residual" ? "residual" : "inherent";
  React.useEffect(() => setChosen(null), [which, basis, reading]);

  const selectCell = host.selectCell?.bind(host);
  const show = React.useCallback(
    (risk: MappedRisk) => {
      setSelectError(null);
      selectCell?.(risk.sheet, risk.cell).catch(setSelectError);
    },
    [selectCell],
  );
  const plan = React.useCallback(async () => {
    setPlanning(true);
    setDrawError(null);
    try {
      setDrawing(await planHeatMaps(host, { basis: shownBasis }));
    } catch (e) {
      setDrawError(e);
    } finally {
      setPlanning(false);
    }
  }, [host, shownBasis]);
  const apply = React.useCallback<typeof host.apply>((p, progress) => host.apply(p, progress), [host]);
  const chosenRisks = chosen && map ? risksIn(map.risks, shownBasis, chosen) : [];

  return (
    <div className={panel.root}>
      <PanelHeader
        title="Heat Map"
        subtitle="Open risks by probability and impact, each cell with its count and band."
        readAgain={{ onClick: reload, disabled: loading }}
      />
      {loading && !reading ? <Spinner size="small" label="Reading the risk registers…" /> : null}
      {error ? <ErrorMessage error={error} doing="read the risk registers" /> : null}
      {reading && !registers.length ? (
        <Body1 role="status">
          No risk register with probability and impact columns was found.{reading.skipped.length ? ` ${reading.skipped.map((s) => `${s.sheet}: ${s.reason}.`).join(" ")}` : ""}
        </Body1>
      ) : null}
      {map && grid && current ? (
        <>
          {registers.length > 1 ? (
            <Field label="Register">
              <Select value={String(which)} onChange={(_, d) => setWhich(Number(d.value))}>
                {registers.map((r, k) => (
                  <option key={r.label} value={k}>
                    {r.label}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <Caption1>{current.label}</Caption1>
          )}
          <Toolbar aria-label="Which map">
            <ToggleButton size="small" checked={shownBasis === "inherent"} aria-pressed={shownBasis === "inherent"} onClick={() => setBasis("inherent")}>
              Inherent
            </ToggleButton>
            <ToggleButton size="small" checked={shownBasis === "residual"} aria-pressed={shownBasis === "residual"} disabled={!map.residual} onClick={() => setBasis("residual")}>
              Residual
            </ToggleButton>
          </Toolbar>
          <Body1 role="status" aria-live="polite">
            {grid.placed} of {map.open} open {map.open === 1 ? "risk" : "risks"} on the {shownBasis} map ({map.size.probability} × {map.size.impact})
            {grid.unplaced.length ? `; ${grid.unplaced.length} without both levels` : ""}. {map.closed} closed left out.
          </Body1>
          <RiskHeatMap map={map} grid={grid} title={shownBasis === "inherent" ? "Inherent" : "Residual"} chosen={chosen} onChoose={setChosen} />
          <ul className={styles.legend} aria-label="Bands">
            {map.bands.map((b) => (
              <li key={b.name} className={styles.legendItem} style={{ backgroundColor: b.colour, color: b.textColour }}>
                {b.name} {b.min === b.max ? b.min : `${b.min}–${b.max}`}
              </li>
            ))}
          </ul>
          {chosen ? (
            <section className={panel.section} aria-label="Risks in the chosen cell">
              <Subtitle2 as="h3" className={panel.sectionTitle}>
                Probability {chosen.probability}, impact {chosen.impact}: {chosenRisks.length} {chosenRisks.length === 1 ? "risk" : "risks"} ({chosen.band.name})
              </Subtitle2>
              {chosenRisks.length ? (
                <ul className={styles.list}>
                  {chosenRisks.map((r) => (
                    <li key={`${r.sheet}!${r.row}`}>
                      <Button appearance="subtle" className={styles.risk} disabled={!selectCell} onClick={() => show(r)} title={selectCell ? "Select it in the sheet" : undefined}>
                        {r.id}
                        {r.title ? `: ${r.title}` : ""} ({r.sheet.trim()}!{r.cell})
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : (
                <Caption1 className={panel.subtle}>No open risk in this cell.</Caption1>
              )}
              {selectError ? <ErrorMessage error={selectError} doing="select the risk" /> : null}
            </section>
          ) : (
            <Caption1 className={panel.subtle}>Choose a cell to list its risks.</Caption1>
          )}
          <Caption1 className={panel.subtle}>{map.filter}</Caption1>
          <section className={panel.section} aria-label="Draw on a sheet">
            <Button appearance="primary" onClick={() => void plan()} disabled={planning}>
              Draw on a sheet…
            </Button>
            {drawError ? <ErrorMessage error={drawError} doing="plan the heat-map sheet" /> : null}
            {drawing && !drawing.ok ? <Body1>{drawing.message}</Body1> : null}
            {drawing && drawing.ok ? (
              <>
                <PlanPreview plan={drawing.plan} emptyMessage="Nothing to draw." />
                <ApplyPlan plan={drawing.plan} apply={apply} onChanged={notifyChanged} applyLabel="Draw the map" />
              </>
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}

export default HeatMapPanel;
