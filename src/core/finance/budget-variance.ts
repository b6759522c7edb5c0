/**
 * Budget variance on a budget tracker (PMO reference §3, no EV data):
 * budget − actual to date and budget − forecast at completion, in amount and
 * percent of budget, with a RAG by the workbook's thresholds; subtotals by
 * cost category and by project; amounts by period (period rows or months
 * across) and cumulative to date. The current budget includes approved
 * changes; the forecast at completion is the tracker's own, or actual plus
 * forecast to complete.
 */
import { by, evaluate, type MeasureDef } from "./measures";
import { monthsSource, NO_INPUT, sourceOf, sumOrNull, sumSources, type InputSource } from "./sources";
import { ragOf, type Rag, type VarianceThresholds } from "./thresholds";
import type { Tracker, TrackerLine } from "./tracker";

export const BUDGET_INPUTS = ["budget", "actual", "fac"] as const;
export type BudgetInput = (typeof BUDGET_INPUTS)[number];
export type BudgetOperand = BudgetInput | "varianceToDate" | "varianceToDatePercent" | "varianceAtCompletion" | "varianceAtCompletionPercent";
export type BudgetValues = Record<BudgetOperand, number | null>;

export const BUDGET_MEASURES: MeasureDef<BudgetOperand>[] = [
  { id: "varianceToDate", label: "Variance to date", format: "amount", operands: ["budget", "actual"], value: (v) => v.budget - v.actual, excel: (r) => `${r("budget")}-${r("actual")}` },
  { id: "varianceToDatePercent", label: "Variance to date %", format: "percent", operands: ["varianceToDate", "budget"], divisor: by("budget"), value: (v) => v.varianceToDate / v.budget, excel: (r) => `${r("varianceToDate")}/${r("budget")}` },
  { id: "varianceAtCompletion", label: "Variance at completion", format: "amount", operands: ["budget", "fac"], value: (v) => v.budget - v.fac, excel: (r) => `${r("budget")}-${r("fac")}` },
  { id: "varianceAtCompletionPercent", label: "Variance at completion %", format: "percent", operands: ["varianceAtCompletion", "budget"], divisor: by("budget"), value: (v) => v.varianceAtCompletion / v.budget, excel: (r) => `${r("varianceAtCompletion")}/${r("budget")}` },
];

/** Each input as the sum of its parts (budget + approved changes; actual + forecast to complete). */
export interface BudgetInputs {
  budget: InputSource[];
  actual: InputSource[];
  fac: InputSource[];
}

export interface BudgetLineFigures {
  row: number;
  label: string;
  project: string;
  category: string | null;
  period: string | null;
  inputs: BudgetInputs;
  values: BudgetValues;
  /** The variance the RAG judges: at completion when there is a forecast, else to date. */
  rag: Rag | null;
  explanation: string | null;
}

export interface BudgetGroupFigures {
  by: "category" | "project";
  name: string;
  values: BudgetValues;
  rag: Rag | null;
}

export interface BudgetPeriodFigures {
  period: string;
  budget: number | null;
  actual: number | null;
  /** Months across: the tracker cells of this month's budget and actual (the budget months and the actual months of the period). */
  sources?: { budget: InputSource; actual: InputSource };
  cumulativeBudget: number | null;
  cumulativeActual: number | null;
}

export interface BudgetVariance {
  lines: BudgetLineFigures[];
  groups: BudgetGroupFigures[];
  total: BudgetGroupFigures;
  periods: BudgetPeriodFigures[];
}

function partsOf(t: Tracker, l: TrackerLine): BudgetInputs {
  const one = (f: keyof TrackerLine["amounts"]) => sourceOf([l.amounts[f]], () => l.row);
  const hasFac = t.columns.eac !== undefined;
  const hasForecast = t.columns.forecast !== undefined;
  const has = (measure: "budget" | "actual") => t.monthColumns.some((m) => m.measure === measure);
  // With no to-date column, a line's budget or actual is the sum of its months of that measure.
  const budget = t.columns.budget !== undefined ? one("budget") : has("budget") ? monthsSource(t, [l], (m) => m.measure === "budget") : NO_INPUT;
  const actual = t.columns.actual !== undefined ? one("actual") : has("actual") ? monthsSource(t, [l], (m) => m.measure === "actual") : NO_INPUT;
  return {
    budget: [budget, ...(t.columns.approvedChanges !== undefined ? [one("approvedChanges")] : [])],
    actual: [actual],
    fac: hasFac ? [one("eac")] : hasForecast ? [actual, one("forecast")] : [],
  };
}

function inputValues(inputs: BudgetInputs): Record<BudgetInput, number | null> {
  return { budget: sumSources(inputs.budget).value, actual: sumSources(inputs.actual).value, fac: inputs.fac.length ? sumSources(inputs.fac).value : null };
}

export function judgedVariance(values: BudgetValues): number | null {
  return values.fac !== null ? values.varianceAtCompletion : values.varianceToDate;
}

function group(byWhat: "category" | "project", name: string, lines: BudgetLineFigures[], t: VarianceThresholds): BudgetGroupFigures {
  const inputs = Object.fromEntries((["budget", "actual", "fac"] as const).map((f) => [f, sumOrNull(lines.map((l) => l.values[f]))])) as Record<BudgetInput, number | null>;
  const values = evaluate(BUDGET_MEASURES, inputs);
  return { by: byWhat, name, values, rag: ragOf(judgedVariance(values), values.budget, t) };
}

/** Months across, one row per period: the budget months and the actual months of each period (several columns of one period are added). */
function monthPeriods(t: Tracker): BudgetPeriodFigures[] {
  const byKey = new Map<string, { label: string; budget: number[]; actual: number[] }>();
  t.monthColumns.forEach((m, i) => {
    if (m.measure !== "budget" && m.measure !== "actual") return;
    let p = byKey.get(m.period.key);
    if (!p) byKey.set(m.period.key, (p = { label: m.period.label, budget: [], actual: [] }));
    p[m.measure].push(i);
  });
  let cb: number | null = null;
  let ca: number | null = null;
  const anyBudget = t.monthColumns.some((m) => m.measure === "budget");
  const anyActual = t.monthColumns.some((m) => m.measure === "actual");
  return [...byKey.keys()].sort().map((key) => {
    const p = byKey.get(key) as { label: string; budget: number[]; actual: number[] };
    const source = (cols: number[]) => {
      const reads = t.lines.flatMap((l) => cols.map((i) => ({ a: l.months[i], row: l.row })));
      return sourceOf(reads.map((x) => x.a), (k) => reads[k].row);
    };
    const sources = { budget: source(p.budget), actual: source(p.actual) };
    const budget = sources.budget.value;
    const actual = sources.actual.value;
    if (budget !== null) cb = (cb ?? 0) + budget;
    if (actual !== null) ca = (ca ?? 0) + actual;
    return { period: p.label, budget, actual, sources, cumulativeBudget: anyBudget ? cb : null, cumulativeActual: anyActual ? ca : null };
  });
}

export function budgetVariance(t: Tracker, thresholds: VarianceThresholds): BudgetVariance {
  const lines: BudgetLineFigures[] = t.lines.map((l) => {
    const inputs = partsOf(t, l);
    const values = evaluate(BUDGET_MEASURES, inputValues(inputs));
    return { row: l.row, label: l.label, project: l.project ?? t.sheet.trim(), category: l.category, period: l.period?.label ?? null, inputs, values, rag: ragOf(judgedVariance(values), values.budget, thresholds), explanation: l.explanation };
  });
  const groups: BudgetGroupFigures[] = [];
  const distinct = (key: (l: BudgetLineFigures) => string | null) => [...new Map(lines.filter((l) => key(l) !== null).map((l) => [(key(l) as string).toLowerCase(), key(l) as string])).entries()];
  for (const [k, name] of distinct((l) => l.category)) groups.push(group("category", name, lines.filter((l) => l.category?.toLowerCase() === k), thresholds));
  const projects = distinct((l) => l.project);
  if (projects.length > 1) for (const [k, name] of projects) groups.push(group("project", name, lines.filter((l) => l.project.toLowerCase() === k), thresholds));

  const periods: BudgetPeriodFigures[] = [];
  if (t.monthColumns.length) periods.push(...monthPeriods(t));
  else if (t.columns.period !== undefined) {
    let cb: number | null = null;
    let ca: number | null = null;
    const keys = new Map<string, string>();
    for (const l of t.lines) if (l.period) keys.set(l.period.key, l.period.label);
    for (const key of [...keys.keys()].sort()) {
      const mine = lines.filter((_, i) => t.lines[i].period?.key === key);
      const budget = sumOrNull(mine.map((l) => l.values.budget));
      const actual = sumOrNull(mine.map((l) => l.values.actual));
      if (budget !== null) cb = (cb ?? 0) + budget;
      if (actual !== null) ca = (ca ?? 0) + actual;
      periods.push({ period: keys.get(key) as string, budget, actual, cumulativeBudget: cb, cumulativeActual: ca });
    }
  }
  return { lines, groups, total: group("project", "Total", lines, thresholds), periods };
}
