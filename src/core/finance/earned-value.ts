/**
 * Earned value per work package and per project from an EV tracker: one row
 * per work package (cumulative to date), rows per work package and period
 * (summed up to the status period, or the status period's row when the
 * figures are cumulative), or months across. The status period is the last
 * one with earned value or actual cost.
 */
import { EVM_INPUTS, evmMeasures, type EacMethod, type EvmInput, type EvmValues } from "./measures";
import { monthsSource, NO_INPUT, sourceOf, sumOrNull, type InputSource } from "./sources";
import type { Tracker, TrackerLine } from "./tracker";

export interface EvmGroup {
  project: string;
  name: string;
  rows: number[];
  inputs: Record<EvmInput, InputSource>;
  values: EvmValues;
}

export interface EvmProject {
  project: string;
  inputs: Record<EvmInput, number | null>;
  /** BAC written beside the title, used when no row has one. */
  bacAbove: boolean;
  values: EvmValues;
}

export interface SeriesPoint {
  period: string;
  /** Cumulative to this period. */
  pv: number | null;
  ev: number | null;
  ac: number | null;
  /** This period's amounts and the tracker cells they come from. */
  sources?: Record<"pv" | "ev" | "ac", InputSource>;
  /** After the status period: no earned value or actual cost yet. */
  afterStatus?: boolean;
  /** The tracker's figures are cumulative already. */
  cumulative?: boolean;
}

export interface EarnedValue {
  statusPeriod: string | null;
  groups: EvmGroup[];
  projects: EvmProject[];
  /** Cumulative PV, EV and AC by period, for the S-curve. */
  series: SeriesPoint[];
}

const INPUTS: readonly EvmInput[] = EVM_INPUTS;

function statusKey(lines: readonly TrackerLine[]): string | null {
  let key: string | null = null;
  for (const l of lines) if (l.period && (l.amounts.ev || l.amounts.ac) && (key === null || l.period.key > key)) key = l.period.key;
  return key;
}

function groupKey(t: Tracker, l: TrackerLine): string {
  const project = l.project ?? t.sheet.trim();
  const name = l.workPackage ?? l.costCode ?? (t.columns.period !== undefined ? project : l.label);
  return `${project.toLowerCase()}\u0000${name.toLowerCase()}`;
}

function groupInputs(t: Tracker, lines: TrackerLine[], status: string | null): Record<EvmInput, InputSource> {
  const byPeriod = t.columns.period !== undefined && lines.some((l) => l.period);
  const inputs = {} as Record<EvmInput, InputSource>;
  if (byPeriod && t.cumulative) {
    // Cumulative rows: the figures at the status period are the row of that period.
    const sorted = [...lines].sort((a, b) => (a.period?.key ?? "").localeCompare(b.period?.key ?? ""));
    const atStatus = [...sorted].reverse().find((l) => l.period && status !== null && l.period.key <= status) ?? sorted[sorted.length - 1];
    for (const f of INPUTS) inputs[f] = sourceOf([atStatus.amounts[f]], () => atStatus.row);
    const bacRow = [...sorted].reverse().find((l) => l.amounts.bac);
    inputs.bac = bacRow ? sourceOf([bacRow.amounts.bac], () => bacRow.row) : NO_INPUT;
    return inputs;
  }
  const upTo = byPeriod && status !== null ? lines.filter((l) => !l.period || l.period.key <= status) : lines;
  for (const f of ["pv", "ev", "ac"] as const) inputs[f] = sourceOf(upTo.map((l) => l.amounts[f]), (i) => upTo[i].row);
  // The estimate to complete is the latest one, not a sum over periods.
  const latestEtc = byPeriod ? [...upTo].reverse().find((l) => l.amounts.etcEstimate) : undefined;
  inputs.etcEstimate = byPeriod ? (latestEtc ? sourceOf([latestEtc.amounts.etcEstimate], () => latestEtc.row) : NO_INPUT) : sourceOf(lines.map((l) => l.amounts.etcEstimate), (i) => lines[i].row);
  if (byPeriod && lines.length > 1) {
    // A work package's BAC repeated on each of its period rows is one budget, not several.
    const bacRow = [...lines].reverse().find((l) => l.amounts.bac);
    inputs.bac = bacRow ? sourceOf([bacRow.amounts.bac], () => bacRow.row) : NO_INPUT;
  } else inputs.bac = sourceOf(lines.map((l) => l.amounts.bac), (i) => lines[i].row);
  // Months across hold planned value, earned value or actual cost by month (as their headers say) where no column of that figure is mapped.
  // Planned value is to date: up to the last month with earned value or actual cost, where months hold those.
  const monthStatus = monthStatusKey(t);
  for (const f of ["pv", "ev", "ac"] as const) {
    if (t.columns[f] !== undefined || !t.monthColumns.some((m) => m.measure === MONTH_MEASURE[f])) continue;
    inputs[f] = monthsSource(t, lines, (m) => m.measure === MONTH_MEASURE[f] && (f !== "pv" || monthStatus === null || m.period.key <= monthStatus));
  }
  return inputs;
}

/** The last month with earned value or actual cost in any line, when months across hold them. */
function monthStatusKey(t: Tracker): string | null {
  let key: string | null = null;
  t.monthColumns.forEach((m, i) => {
    if ((m.measure === "earned" || m.measure === "actual") && t.lines.some((l) => l.months[i]) && (key === null || m.period.key > key)) key = m.period.key;
  });
  return key;
}

/** The month measure each earned value figure is kept as. */
const MONTH_MEASURE = { pv: "budget", ev: "earned", ac: "actual" } as const;

/** Each period's PV, EV and AC (the cells they come from) and the cumulative figures the S-curve draws. */
function seriesOf(t: Tracker, status: string | null): SeriesPoint[] {
  const fields = ["pv", "ev", "ac"] as const;
  let periods: { key: string; label: string; sources: Record<"pv" | "ev" | "ac", InputSource> }[];
  if (t.monthColumns.length) {
    const keys = new Map(t.monthColumns.filter((m) => m.measure !== null).map((m) => [m.period.key, m.period.label]));
    periods = [...keys.keys()].sort().map((key) => ({
      key,
      label: keys.get(key) as string,
      sources: Object.fromEntries(fields.map((f) => [f, monthsSource(t, t.lines, (m) => m.period.key === key && m.measure === MONTH_MEASURE[f])])) as Record<"pv" | "ev" | "ac", InputSource>,
    }));
  } else if (t.columns.period !== undefined) {
    const byKey = new Map<string, { label: string; lines: TrackerLine[] }>();
    for (const l of t.lines) {
      if (!l.period) continue;
      const p = byKey.get(l.period.key);
      if (p) p.lines.push(l);
      else byKey.set(l.period.key, { label: l.period.label, lines: [l] });
    }
    periods = [...byKey.keys()].sort().map((key) => {
      const { label, lines } = byKey.get(key) as { label: string; lines: TrackerLine[] };
      const sources = Object.fromEntries(fields.map((f) => [f, sourceOf(lines.map((l) => l.amounts[f]), (k) => lines[k].row)])) as Record<"pv" | "ev" | "ac", InputSource>;
      return { key, label, sources };
    });
  } else return [];
  const running: Record<"pv" | "ev" | "ac", number | null> = { pv: null, ev: null, ac: null };
  return periods.map((p) => {
    const afterStatus = status === null || p.key > status;
    const point: SeriesPoint = { period: p.label, pv: null, ev: null, ac: null, sources: p.sources, afterStatus, cumulative: t.cumulative };
    for (const f of fields) {
      const v = p.sources[f].value;
      if (t.cumulative) point[f] = v;
      else {
        if (v !== null) running[f] = (running[f] ?? 0) + v;
        point[f] = f !== "pv" && afterStatus && !t.monthColumns.length ? null : running[f];
      }
    }
    return point;
  });
}

export function earnedValue(t: Tracker, method: EacMethod): EarnedValue {
  const status = statusKey(t.lines);
  const grouped = new Map<string, TrackerLine[]>();
  for (const l of t.lines) {
    const k = groupKey(t, l);
    const mine = grouped.get(k);
    if (mine) mine.push(l);
    else grouped.set(k, [l]);
  }
  const groups: EvmGroup[] = [...grouped.values()].map((lines) => {
    const inputs = groupInputs(t, lines, status);
    const first = lines[0];
    const project = first.project ?? t.sheet.trim();
    const name = first.workPackage ?? first.costCode ?? (t.columns.period !== undefined ? project : first.label);
    const values = evmMeasures(Object.fromEntries(INPUTS.map((f) => [f, inputs[f].value])) as Record<EvmInput, number | null>, method);
    return { project, name, rows: lines.map((l) => l.row), inputs, values };
  });
  const projectNames = [...new Set(groups.map((g) => g.project))];
  const projects: EvmProject[] = projectNames.map((project) => {
    const mine = groups.filter((g) => g.project === project);
    const inputs = Object.fromEntries(INPUTS.map((f) => [f, sumOrNull(mine.map((g) => g.inputs[f].value))])) as Record<EvmInput, number | null>;
    const bacAbove = inputs.bac === null && t.bacAbove !== null && projectNames.length === 1;
    if (bacAbove && t.bacAbove) inputs.bac = t.bacAbove.value;
    return { project, inputs, bacAbove, values: evmMeasures(inputs, method) };
  });
  return { statusPeriod: status, groups, projects, series: seriesOf(t, status) };
}
