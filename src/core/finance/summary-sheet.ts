/**
 * The summary sheet: for each tracker a block of live formulas that refer to
 * it (inputs summed from its cells, subtotal rows left out) and compute every
 * variance and earned value measure, RAG and whether an explanation is due;
 * subtotals by category and project, amounts by period with cumulative to
 * date, and the thresholds the RAG formulas read. Every computed cell also
 * carries the figure core expects there, so tests can hold the workbook's
 * engine to core's numbers.
 */
import { columnLetter, quoteSheetName } from "../grid/address";
import type { CellInput } from "../plan/edits";
import { BUDGET_MEASURES, type BudgetOperand, type BudgetVariance } from "./budget-variance";
import type { EarnedValue } from "./earned-value";
import { inputCell, localSum, matchingSum } from "./formulas";
import { EAC_METHODS, EVM_INPUTS, measureDefinitions, measureFormula, type EacMethod, type EvmOperand, type MeasureFormat } from "./measures";
import { sumSources, type InputSource } from "./sources";
import { ragOf, type VarianceThresholds } from "./thresholds";
import type { Tracker } from "./tracker";

export const SUMMARY_SHEET = "PMO Finance";

export type Expected = number | string | null;

export interface SummaryCell {
  input: CellInput;
  /** What the cell shows once calculated, as core computes it (undefined: a label, nothing to compare). */
  expect?: Expected;
}

/** A chart of a block's period rows: categories in column A, each series one column of the same rows. */
export interface SummaryChart {
  /** How a re-run finds it again: unique on the sheet. */
  name: string;
  /** What the chart is of (the tracker's sheet), for its title. */
  subject: string;
  /** First and last period row. */
  top: number;
  bottom: number;
  /** Row of the period table's header, where the chart starts. */
  headerRow: number;
  categoryLabels: string[];
  series: { name: string; column: number; points: (number | null)[] }[];
}

export interface SummaryLayout {
  rows: SummaryCell[][];
  width: number;
  /** Number formats: A1 range → format. */
  formats: { address: string; format: string }[];
  /** Header rows (bold). */
  headerRows: number[];
  /** RAG column ranges, for colour rules (the words are readable without them). */
  ragRanges: string[];
  /** Cumulative curves over the period rows, drawn beside the figures. */
  charts: SummaryChart[];
}

export type FinanceBlock = { kind: "budget"; tracker: Tracker; variance: BudgetVariance } | { kind: "evm"; tracker: Tracker; ev: EarnedValue };

const FORMAT: Record<MeasureFormat, string> = { amount: "#,##0.00", index: "0.00", percent: "0.0%" };

function ragFormula(v: string, base: string, th: ThresholdCells): string {
  return `=IF(OR(${v}="",${base}=""),"",IF(ABS(${v})>MAX(${th.redAmount},${th.redPercent}/100*ABS(${base})),"Red",IF(ABS(${v})>MAX(${th.amberAmount},${th.amberPercent}/100*ABS(${base})),"Amber","Green")))`;
}

interface ThresholdCells {
  amberPercent: string;
  redPercent: string;
  amberAmount: string;
  redAmount: string;
}

class Sheet {
  rows: SummaryCell[][] = [];
  formats: SummaryLayout["formats"] = [];
  headerRows: number[] = [];
  ragRanges: string[] = [];
  charts: SummaryChart[] = [];
  get next(): number {
    return this.rows.length + 1;
  }
  add(cells: SummaryCell[]): number {
    this.rows.push(cells);
    return this.rows.length;
  }
  text(...t: (string | null)[]): number {
    return this.add(t.map((x) => ({ input: x })));
  }
  header(...t: string[]): number {
    const r = this.text(...t.map((x) => x || null));
    this.headerRows.push(r);
    return r;
  }
  format(col: number, top: number, bottom: number, format: string): void {
    if (bottom >= top) this.formats.push({ address: `${columnLetter(col)}${top}:${columnLetter(col)}${bottom}`, format });
  }
  /** A chart of the rows from `top` to the last one added (one period a row), named after the tracker; two rows at least, or there is no curve. */
  chart(tracker: Tracker, top: number, series: { name: string; column: number }[]): void {
    const bottom = this.next - 1;
    if (bottom - top < 1) return;
    const rows = this.rows.slice(top - 1, bottom);
    const taken = new Set(this.charts.map((c) => c.name.toLowerCase()));
    const base = `S-curve: ${tracker.sheet.trim()}`.slice(0, 90);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    this.charts.push({
      name,
      subject: tracker.sheet.trim(),
      top,
      bottom,
      headerRow: top - 1,
      categoryLabels: rows.map((r) => String(r[0]?.input ?? "")),
      series: series.map((s) => ({ ...s, points: rows.map((r) => { const x = r[s.column - 1]?.expect; return typeof x === "number" && Number.isFinite(x) ? x : null; }) })),
    });
  }
}

/** Label cells take outside text; a plain string is always written as text, never as a formula. */
const label = (t: string | null): SummaryCell => ({ input: t });

function evmBlock(sheet: Sheet, tracker: Tracker, ev: EarnedValue, method: EacMethod, th: ThresholdCells, thresholds: VarianceThresholds): void {
  const defs = measureDefinitions(method);
  const inputs = EVM_INPUTS;
  const inputLabels = { bac: "BAC", pv: "PV", ev: "EV", ac: "AC", etcEstimate: "ETC estimate" };
  sheet.text(`Earned value: ${tracker.sheet.trim()} (rows ${tracker.firstRow}–${tracker.lastRow})`);
  sheet.text(`Status period: ${ev.statusPeriod ?? "not dated"}; EAC by ${EAC_METHODS[method]}${tracker.cumulative ? "; figures cumulative to date" : ""}`);
  sheet.header("Project", "Work package", ...inputs.map((i) => inputLabels[i]), ...defs.map((d) => d.label), "RAG (VAC)");
  const col = new Map<EvmOperand, number>();
  inputs.forEach((i, k) => col.set(i, 3 + k));
  defs.forEach((d, k) => col.set(d.id, 3 + inputs.length + k));
  const ragCol = 3 + inputs.length + defs.length;
  const first = sheet.next;
  const measureCells = (row: number, values: Record<EvmOperand, number | null>): SummaryCell[] => {
    const ref = (o: EvmOperand) => `${columnLetter(col.get(o) as number)}${row}`;
    const cells = defs.map((d) => ({ input: { formula: measureFormula(d, ref) }, expect: values[d.id] }) as SummaryCell);
    cells.push({ input: { formula: ragFormula(ref("vac"), ref("bac"), th) }, expect: ragOf(values.vac, values.bac, thresholds) ?? "" });
    return cells.map((c) => (c.expect === null ? { ...c, expect: "" } : c));
  };
  const projectsAt: { project: string; top: number; bottom: number }[] = [];
  for (const project of ev.projects) {
    const top = sheet.next;
    for (const g of ev.groups.filter((x) => x.project === project.project)) {
      const row = sheet.next;
      sheet.add([label(g.project), label(g.name), ...inputs.map((i) => ({ input: inputCell(tracker.sheet, g.inputs[i]), expect: g.inputs[i].value ?? "" })), ...measureCells(row, g.values)]);
    }
    projectsAt.push({ project: project.project, top, bottom: sheet.next - 1 });
  }
  for (const p of projectsAt) {
    const project = ev.projects.find((x) => x.project === p.project);
    if (!project) continue;
    const row = sheet.next;
    const inputCells = inputs.map((i) => {
      const c = columnLetter(col.get(i) as number);
      if (i === "bac" && project.bacAbove && tracker.bacAbove) {
        const where = `${quoteSheetName(tracker.sheet)}!${tracker.bacAbove.cell}`;
        return { input: tracker.bacAbove.typed ? tracker.bacAbove.value : ({ formula: `=IF(ISNUMBER(${where}),${where},"")` } as CellInput), expect: project.inputs.bac ?? "" };
      }
      return { input: localSum([`${c}${p.top}:${c}${p.bottom}`]), expect: project.inputs[i] ?? "" };
    });
    sheet.add([label(project.project), label("Project total"), ...inputCells, ...measureCells(row, project.values)]);
    sheet.headerRows.push(row);
  }
  const end = sheet.next - 1;
  for (const d of [...inputs.map((i) => ({ id: i as EvmOperand, format: "amount" as MeasureFormat })), ...defs]) sheet.format(col.get(d.id) as number, first, end, FORMAT[d.format]);
  if (end >= first) sheet.ragRanges.push(`${columnLetter(ragCol)}${first}:${columnLetter(ragCol)}${end}`);
  if (ev.series.length > 1 && ev.projects.length === 1) seriesRows(sheet, tracker, ev);
  sheet.text(null);
}

/** The S-curve's figures: each period's PV, EV and AC from the tracker, and cumulative to date (a chart can be drawn from them). */
function seriesRows(sheet: Sheet, tracker: Tracker, ev: EarnedValue): void {
  sheet.text(null);
  sheet.header("Period", "PV", "EV", "AC", "Cumulative PV", "Cumulative EV", "Cumulative AC");
  const top = sheet.next;
  const fields = ["pv", "ev", "ac"] as const;
  for (const p of ev.series) {
    const row = sheet.next;
    const amounts = fields.map((f) => {
      const s = p.sources?.[f] ?? { value: null, refs: [], constants: [] };
      return { input: inputCell(tracker.sheet, s), expect: s.value ?? "" } as SummaryCell;
    });
    const cumulative = fields.map((f, i) => {
      const c = columnLetter(2 + i);
      const expect: Expected = p[f] ?? "";
      if (p.cumulative) return { input: { formula: `=IF(${c}${row}="","",${c}${row})` }, expect } as SummaryCell;
      if (f !== "pv" && p.afterStatus && !tracker.monthColumns.length) return { input: null, expect: "" } as SummaryCell;
      return { input: localSum([`$${c}$${top}:${c}${row}`]), expect } as SummaryCell;
    });
    sheet.add([label(p.period), ...amounts, ...cumulative]);
  }
  for (let c = 2; c <= 7; c++) sheet.format(c, top, sheet.next - 1, FORMAT.amount);
  sheet.chart(tracker, top, [
    { name: "Cumulative PV", column: 5 },
    { name: "Cumulative EV", column: 6 },
    { name: "Cumulative AC", column: 7 },
  ]);
}

function budgetBlock(sheet: Sheet, tracker: Tracker, v: BudgetVariance, th: ThresholdCells): void {
  const hasExplanation = tracker.columns.varianceExplanation !== undefined;
  sheet.text(`Budget variance: ${tracker.sheet.trim()} (rows ${tracker.firstRow}–${tracker.lastRow})`);
  sheet.text(v.lines.some((l) => l.values.fac !== null) ? "RAG on the variance at completion (budget − forecast at completion)" : "RAG on the variance to date (budget − actual)");
  sheet.header("Project", "Category", "Period", "Line", "Budget", "Actual", "Forecast at completion", "Variance to date", "Variance to date %", "Variance at completion", "Variance at completion %", "RAG", "Explanation");
  const col: Record<BudgetOperand, number> = { budget: 5, actual: 6, fac: 7, varianceToDate: 8, varianceToDatePercent: 9, varianceAtCompletion: 10, varianceAtCompletionPercent: 11 };
  const L = (o: BudgetOperand) => columnLetter(col[o]);
  const blank = (x: number | null): Expected => (x === null ? "" : x);
  const computed = (row: number, values: Record<BudgetOperand, number | null>, rag: string | null): SummaryCell[] => {
    const ref = (o: BudgetOperand) => `${L(o)}${row}`;
    const judged = `IF(${ref("fac")}="",${ref("varianceToDate")},${ref("varianceAtCompletion")})`;
    return [
      ...BUDGET_MEASURES.map((d) => ({ input: { formula: measureFormula(d, ref) }, expect: blank(values[d.id]) }) as SummaryCell),
      { input: { formula: ragFormula(judged, ref("budget"), th) }, expect: rag ?? "" },
    ];
  };
  const first = sheet.next;
  v.lines.forEach((l, i) => {
    const row = sheet.next;
    const line = tracker.lines[i];
    const explanationRef = hasExplanation ? `${quoteSheetName(tracker.sheet)}!${columnLetter(tracker.columns.varianceExplanation)}${line.row}` : null;
    const past = l.rag === "Amber" || l.rag === "Red";
    sheet.add([
      label(l.project),
      label(l.category),
      label(l.period),
      label(l.label),
      { input: inputCell(tracker.sheet, sumSources(l.inputs.budget)), expect: blank(l.values.budget) },
      { input: inputCell(tracker.sheet, sumSources(l.inputs.actual)), expect: blank(l.values.actual) },
      l.inputs.fac.length ? { input: inputCell(tracker.sheet, sumSources(l.inputs.fac)), expect: blank(l.values.fac) } : { input: null, expect: "" },
      ...computed(row, l.values, l.rag),
      {
        input: { formula: explanationRef ? `=IF(OR(L${row}="Amber",L${row}="Red"),IF(ISBLANK(${explanationRef}),"Missing","Given"),"")` : `=IF(OR(L${row}="Amber",L${row}="Red"),"Needed","")` },
        expect: past ? (explanationRef ? (l.explanation ? "Given" : "Missing") : "Needed") : "",
      },
    ]);
  });
  const last = sheet.next - 1;
  const linesOf = (c: string) => `$${c}$${first}:$${c}$${Math.max(first, last)}`;
  if (v.groups.length) sheet.header("Subtotals", "", "", "By", "Budget", "Actual", "Forecast at completion");
  for (const g of v.groups) {
    const row = sheet.next;
    const keyCol = g.by === "category" ? "B" : "A";
    const keyCell = `$${g.by === "category" ? "B" : "A"}${row}`;
    const sum = (o: BudgetOperand) => ({ input: matchingSum(linesOf(keyCol), linesOf(L(o)), keyCell), expect: blank(g.values[o]) });
    sheet.add([label(g.by === "project" ? g.name : null), label(g.by === "category" ? g.name : null), label(null), label(g.by === "category" ? "Category" : "Project"), sum("budget"), sum("actual"), sum("fac"), ...computed(row, g.values, g.rag)]);
  }
  const totalRow = sheet.next;
  const total = (o: BudgetOperand) => ({ input: localSum([`${L(o)}${first}:${L(o)}${Math.max(first, last)}`]), expect: blank(v.total.values[o]) });
  sheet.add([label("Total"), label(null), label(null), label(null), total("budget"), total("actual"), total("fac"), ...computed(totalRow, v.total.values, v.total.rag)]);
  sheet.headerRows.push(totalRow);
  for (const o of Object.keys(col) as BudgetOperand[]) sheet.format(col[o], first, totalRow, o.endsWith("Percent") ? FORMAT.percent : FORMAT.amount);
  sheet.ragRanges.push(`L${first}:L${totalRow}`);

  if (v.periods.length) {
    sheet.text(null);
    sheet.header("Period", "Budget", "Actual", "Cumulative budget", "Cumulative actual");
    const top = sheet.next;
    v.periods.forEach((p) => {
      const row = sheet.next;
      let budget: SummaryCell;
      let actual: SummaryCell;
      if (p.sources) {
        // Months across: the budget months and the actual months of this period, by reference.
        const cell = (source: InputSource): SummaryCell => ({ input: inputCell(tracker.sheet, source), expect: blank(source.value) });
        budget = cell(p.sources.budget);
        actual = cell(p.sources.actual);
      } else {
        budget = { input: matchingSum(linesOf("C"), linesOf(L("budget")), `$A${row}`), expect: blank(p.budget) };
        actual = { input: matchingSum(linesOf("C"), linesOf(L("actual")), `$A${row}`), expect: blank(p.actual) };
      }
      sheet.add([label(p.period), budget, actual, { input: localSum([`$B$${top}:B${row}`]), expect: blank(p.cumulativeBudget) }, { input: localSum([`$C$${top}:C${row}`]), expect: blank(p.cumulativeActual) }]);
    });
    for (let c = 2; c <= 5; c++) sheet.format(c, top, sheet.next - 1, FORMAT.amount);
    sheet.chart(tracker, top, [
      { name: "Cumulative budget", column: 4 },
      { name: "Cumulative actual", column: 5 },
    ]);
  }
  sheet.text(null);
}

export function summaryLayout(blocks: readonly FinanceBlock[], thresholds: VarianceThresholds, method: EacMethod): SummaryLayout {
  const sheet = new Sheet();
  sheet.text("Budget variance and earned value");
  sheet.text("Live formulas over the trackers named below; run the variance job again after adding rows. Empty cells have no value (nothing to divide by, or no figures).");
  sheet.header("Thresholds", "Amber above (%)", "Red above (%)", "Amber above (amount)", "Red above (amount)", "Whichever is greater");
  const tr = sheet.add([label("Variance RAG"), { input: thresholds.amberPercent }, { input: thresholds.redPercent }, { input: thresholds.amberAmount }, { input: thresholds.redAmount }, label("of the percentage of budget and the amount")]);
  const th: ThresholdCells = { amberPercent: `$B$${tr}`, redPercent: `$C$${tr}`, amberAmount: `$D$${tr}`, redAmount: `$E$${tr}` };
  sheet.text(null);
  for (const b of blocks) {
    if (b.kind === "evm") evmBlock(sheet, b.tracker, b.ev, method, th, thresholds);
    else budgetBlock(sheet, b.tracker, b.variance, th);
  }
  const width = Math.max(...sheet.rows.map((r) => r.length));
  return { rows: sheet.rows, width, formats: sheet.formats, headerRows: sheet.headerRows, ragRanges: sheet.ragRanges, charts: sheet.charts };
}
