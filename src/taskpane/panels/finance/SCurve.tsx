import * as React from "react";
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { SeriesPoint } from "../../../core/finance/earned-value";
import { curveGeometry } from "./sCurve";
import { money } from "./figures";

const useStyles = makeStyles({
  svg: { width: "100%", height: "auto", display: "block" },
  legend: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

const STROKES = { pv: tokens.colorNeutralForeground2, ev: tokens.colorBrandForeground1, ac: tokens.colorPaletteDarkOrangeForeground1 };

/** Cumulative PV, EV and AC by period; lines differ by dash as well as colour, and the figures are in the legend. */
export function SCurve({ series, title }: { series: readonly SeriesPoint[]; title: string }): React.JSX.Element {
  const styles = useStyles();
  const g = curveGeometry(series);
  const titleId = React.useId();
  const described = g.lines.filter((l) => l.last !== null).map((l) => `${l.label} ${money(l.last)}`).join(", ");
  return (
    <figure style={{ margin: 0 }}>
      <svg className={styles.svg} viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{`${title}: cumulative by period from ${series[0]?.period ?? ""} to ${series[series.length - 1]?.period ?? ""}; latest ${described}`}</title>
        <line x1={g.plot.left} y1={g.plot.bottom} x2={g.plot.right} y2={g.plot.bottom} stroke={tokens.colorNeutralStroke1} />
        {g.lines.map((l) => (l.d ? <path key={l.key} d={l.d} fill="none" stroke={STROKES[l.key]} strokeWidth={2} strokeDasharray={l.dash || undefined} /> : null))}
        {g.ticks.map((t, i) => (
          <text key={`${t.x}-${t.label}`} x={t.x} y={g.height - 6} fontSize={9} textAnchor={i === 0 ? "start" : i === g.ticks.length - 1 ? "end" : "middle"} fill={tokens.colorNeutralForeground2}>
            {t.label}
          </text>
        ))}
      </svg>
      <figcaption>
        <ul className={styles.legend}>
          {g.lines.map((l) => (
            <li key={l.key} className={styles.item}>
              <svg width="22" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="22" y2="4" stroke={STROKES[l.key]} strokeWidth={2} strokeDasharray={l.dash || undefined} />
              </svg>
              <Caption1>
                {l.label}: {money(l.last)}
              </Caption1>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
