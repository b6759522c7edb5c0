/**
 * The summary sheet's charts as plan edits: each block's cumulative curve
 * (PV, EV and AC; or budget and actual) drawn beside its period rows where
 * no cell of the sheet lies under it, else right of the widest row, so it
 * never covers a figure; charts stacked down the sheet so two never overlap;
 * and a short record of what was drawn (name and fingerprint) kept in the
 * workbook so a re-run with nothing new draws nothing.
 */
import { andList } from "../and-list";
import { columnLetter, formatRange } from "../grid/address";
import type { ChartSpec, Edit } from "../plan/edits";
import type { SummaryLayout } from "./summary-sheet";

/** Cells a chart covers: wide and tall enough to read a year of periods. */
const CHART_COLUMNS = 9;
const CHART_ROWS = 20;

export interface DrawnChart {
  name: string;
  /** Fingerprint of the chart as drawn (ranges, figures, place). */
  hash: string;
}

/** Whether the layout leaves every cell of the rectangle empty. */
function emptyArea(layout: SummaryLayout, top: number, left: number): boolean {
  for (let r = top; r < top + CHART_ROWS; r++) {
    const row = layout.rows[r - 1] ?? [];
    for (let c = left; c < left + CHART_COLUMNS; c++) if ((row[c - 1]?.input ?? null) !== null) return false;
  }
  return true;
}

export function summaryCharts(layout: SummaryLayout, sheet: string): ChartSpec[] {
  let free = 1;
  return layout.charts.filter((c) => c.series.some((s) => s.points.some((p) => p !== null))).map((c) => {
    const top = Math.max(c.headerRow, free);
    free = top + CHART_ROWS + 1;
    // Beside its own figures when the blocks below leave room there, else right of the widest row.
    const near = Math.max(...c.series.map((s) => s.column)) + 2;
    const left = emptyArea(layout, top, near) ? near : layout.width + 2;
    const series = c.series.flatMap((s) => {
      // Up to the last period with a figure: the cells after it show "", which a chart draws as zero.
      let n = s.points.length;
      while (n > 0 && s.points[n - 1] === null) n--;
      return n ? [{ name: s.name, values: `${columnLetter(s.column)}${c.top}:${columnLetter(s.column)}${c.top + n - 1}`, points: s.points.slice(0, n) }] : [];
    });
    return {
      type: "setChart",
      sheet,
      name: c.name,
      chartType: "line",
      // Named after the curves it draws: a tracker with actuals by month only has no budget curve.
      title: `${c.subject}: ${andList(series.map((s) => s.name.replace(/^Cumulative /, "")))}, cumulative`,
      categories: `A${c.top}:A${c.bottom}`,
      categoryLabels: c.categoryLabels,
      series,
      anchor: formatRange({ top, bottom: top + CHART_ROWS - 1, left, right: left + CHART_COLUMNS - 1 }),
    };
  });
}

/** FNV-1a over the chart's JSON: enough to tell a chart changed, not a security measure. */
function fingerprint(spec: ChartSpec): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(spec);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function drawnCharts(specs: readonly ChartSpec[]): DrawnChart[] {
  return specs.map((s) => ({ name: s.name, hash: fingerprint(s) }));
}

/** The record's chart list as stored, or [] when it has none or it is damaged. */
export function recordedCharts(record: unknown): DrawnChart[] {
  const charts = (record as { charts?: unknown } | null | undefined)?.charts;
  if (!Array.isArray(charts)) return [];
  return charts.filter((c): c is DrawnChart => typeof c === "object" && c !== null && typeof (c as DrawnChart).name === "string" && typeof (c as DrawnChart).hash === "string");
}

export function sameCharts(a: readonly DrawnChart[], b: readonly DrawnChart[]): boolean {
  return a.length === b.length && a.every((x, i) => x.name === b[i]?.name && x.hash === b[i]?.hash);
}

/**
 * The chart edits that bring the sheet from what the record says was drawn
 * to `specs`: every chart drawn again when `all` (the sheet is rewritten, and
 * a chart the user deleted comes back), else only those that changed; a
 * recorded chart no longer planned is removed.
 */
export function chartChanges(specs: readonly ChartSpec[], before: readonly DrawnChart[], sheet: string, all: boolean): Edit[] {
  const now = drawnCharts(specs);
  const edits: Edit[] = specs.filter((s, i) => all || !before.some((b) => b.name === s.name && b.hash === now[i]?.hash));
  for (const b of before) if (!specs.some((s) => s.name.toLowerCase() === b.name.toLowerCase())) edits.push({ type: "removeChart", sheet, name: b.name });
  return edits;
}
