/**
 * The S-curve as plain SVG geometry: cumulative PV, EV and AC by period on
 * one scale. Pure, so it is tested without a browser.
 */
import type { SeriesPoint } from "../../../core/finance/earned-value";

export interface CurveLine {
  key: "pv" | "ev" | "ac";
  label: string;
  /** SVG path data; empty when the series has no values. */
  d: string;
  /** Dash pattern, so the lines differ without colour. */
  dash: string;
  last: number | null;
}

export interface CurveGeometry {
  width: number;
  height: number;
  lines: CurveLine[];
  max: number;
  ticks: { x: number; label: string }[];
  plot: { left: number; top: number; right: number; bottom: number };
}

const LINES: { key: CurveLine["key"]; label: string; dash: string }[] = [
  { key: "pv", label: "Planned value (PV)", dash: "6 3" },
  { key: "ev", label: "Earned value (EV)", dash: "" },
  { key: "ac", label: "Actual cost (AC)", dash: "2 2" },
];

export function curveGeometry(series: readonly SeriesPoint[], width = 280, height = 160): CurveGeometry {
  const plot = { left: 8, top: 8, right: width - 8, bottom: height - 22 };
  const values = series.flatMap((p) => [p.pv, p.ev, p.ac]).filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const n = Math.max(1, series.length - 1);
  const x = (i: number) => plot.left + ((plot.right - plot.left) * i) / n;
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * Math.max(0, v)) / max;
  const lines = LINES.map(({ key, label, dash }) => {
    let d = "";
    let pen = false;
    let last: number | null = null;
    series.forEach((p, i) => {
      const v = p[key];
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
      last = v;
    });
    return { key, label, d, dash, last };
  });
  const step = Math.max(1, Math.ceil(series.length / 4));
  const ticks = series.map((p, i) => ({ x: x(i), label: p.period })).filter((_, i) => i % step === 0 || i === series.length - 1);
  return { width, height, lines, max, ticks, plot };
}
