/**
 * The Portfolio sheet's columns: header, number format, what a project row
 * holds and what its subtotal and total rows compute. Band columns follow
 * the bands in use, so the list is built per run.
 */
import { columnLetter } from "../grid/address";
import { formulaInput, type CellInput, type FormulaResult } from "../plan/edits";
import type { RiskBand } from "../metadata/settings";
import { present, valueOf, type Field, type ProjectSummary, type RollupFieldId } from "./fields";
import type { RagVerdict } from "./rag";

export const MONEY = "#,##0";
export const RATIO = "0.00";
export const PERCENT = "0.0%";
export const DATE = "yyyy-mm-dd";

export interface ProjectRowInput {
  summary: ProjectSummary;
  verdict: RagVerdict;
  /** The HYPERLINK formula to the project's sheet or file, or null where none can be written. */
  link: CellInput;
}

/** How a subtotal or total row fills a column, given the letters of the columns and the body rows it spans. */
type Total = { kind: "sum" | "max" | "min" } | { kind: "ratio"; over: string; under: string } | { kind: "none" };

export interface SheetColumn {
  id: string;
  header: string;
  format?: string;
  width: number;
  total: Total;
  value(row: ProjectRowInput): CellInput;
  /** Rollup fields this column shows, for the "Not found" column's reasons. */
  fields?: RollupFieldId[];
}

function num(v: number | undefined): CellInput {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

function text(v: string | undefined): CellInput {
  return v === undefined || v === "" ? null : v;
}

export function sheetColumns(bands: readonly RiskBand[]): SheetColumn[] {
  const f = (row: ProjectRowInput) => row.summary.fields;
  const money = (id: string, header: string, field: RollupFieldId): SheetColumn => ({
    id,
    header,
    format: MONEY,
    width: 13,
    total: { kind: "sum" },
    fields: [field],
    value: (r) => num(valueOf(f(r)[field] as Field<number>)),
  });
  const count = (id: string, header: string, field: RollupFieldId): SheetColumn => ({ id, header, format: "0", width: 9, total: { kind: "sum" }, fields: [field], value: (r) => num(valueOf(f(r)[field] as Field<number>)) });
  return [
    { id: "project", header: "Project", width: 30, total: { kind: "none" }, fields: ["project"], value: (r) => text(valueOf(f(r).project)) },
    // Wide enough for the "Refreshed" date and time above the table (yyyy-mm-dd hh:mm), which Excel shows as #### in a narrower column.
    { id: "key", header: "Key", width: 17, total: { kind: "none" }, value: (r) => r.summary.key },
    { id: "manager", header: "Manager", width: 16, total: { kind: "none" }, fields: ["manager"], value: (r) => text(valueOf(f(r).manager)) },
    { id: "phase", header: "Phase", width: 11, total: { kind: "none" }, fields: ["phase"], value: (r) => text(valueOf(f(r).phase)) },
    { id: "rag", header: "RAG", width: 11, total: { kind: "none" }, value: (r) => r.verdict.shown },
    { id: "statedRag", header: "Stated RAG", width: 11, total: { kind: "none" }, fields: ["statedRag"], value: (r) => text(valueOf(f(r).statedRag)) },
    { id: "ragCheck", header: "RAG check", width: 28, total: { kind: "none" }, value: (r) => r.verdict.disagreement ?? (r.verdict.rag === null ? "no figures the rules read" : r.verdict.reasons.join("; ") || null) },
    money("budget", "Budget", "budget"),
    money("actual", "Actual", "actual"),
    money("forecast", "Forecast (EAC)", "forecast"),
    money("variance", "Variance", "variance"),
    { id: "variancePercent", header: "Variance %", format: PERCENT, width: 10, total: { kind: "ratio", over: "variance", under: "budget" }, fields: ["variancePercent"], value: (r) => num(valueOf(f(r).variancePercent)) },
    money("earnedValue", "Earned value", "earnedValue"),
    money("plannedValue", "Planned value", "plannedValue"),
    money("actualCostEv", "AC (earned value)", "actualCostEv"),
    { id: "cpi", header: "CPI", format: RATIO, width: 7, total: { kind: "ratio", over: "earnedValue", under: "actualCostEv" }, fields: ["cpi"], value: (r) => num(valueOf(f(r).cpi)) },
    { id: "spi", header: "SPI", format: RATIO, width: 7, total: { kind: "ratio", over: "earnedValue", under: "plannedValue" }, fields: ["spi"], value: (r) => num(valueOf(f(r).spi)) },
    { id: "percentComplete", header: "% complete", format: PERCENT, width: 10, total: { kind: "ratio", over: "earnedValue", under: "budget" }, fields: ["percentComplete"], value: (r) => num(valueOf(f(r).percentComplete)) },
    count("openRisks", "Open risks", "openRisks"),
    ...bands.map(
      (b): SheetColumn => ({
        id: `band:${b.name}`,
        header: `${b.name} risks`,
        format: "0",
        width: 9,
        total: { kind: "sum" },
        value: (r) => {
          const by = valueOf(f(r).risksByBand);
          return by ? (by[b.name] ?? 0) : null;
        },
      }),
    ),
    { id: "highestResidual", header: "Highest residual score", format: "0.##", width: 10, total: { kind: "max" }, fields: ["highestResidualRisk"], value: (r) => num(valueOf(f(r).highestResidualRisk)?.score) },
    { id: "highestResidualRisk", header: "Highest residual risk", width: 30, total: { kind: "none" }, value: (r) => text(valueOf(f(r).highestResidualRisk)?.label) },
    count("openIssues", "Open issues", "openIssues"),
    count("overdueItems", "Overdue items", "overdueItems"),
    { id: "nextMilestone", header: "Next milestone", width: 28, total: { kind: "none" }, fields: ["nextMilestone"], value: (r) => text(valueOf(f(r).nextMilestone)?.name) },
    { id: "nextMilestoneDate", header: "Milestone forecast", format: DATE, width: 12, total: { kind: "min" }, value: (r) => num(valueOf(f(r).nextMilestone)?.date) },
    { id: "lastUpdated", header: "Last updated", format: DATE, width: 12, total: { kind: "none" }, fields: ["lastUpdated"], value: (r) => num(valueOf(f(r).lastUpdated)) },
    { id: "link", header: "Open", width: 22, total: { kind: "none" }, value: (r) => r.link },
    {
      id: "notFound",
      header: "Not found",
      width: 40,
      total: { kind: "none" },
      value: (r) => {
        const reasons = new Map<string, string[]>();
        for (const [id, field] of Object.entries(r.summary.fields)) {
          if (present(field) || id === "code" || id === "programme" || id === "portfolio") continue;
          const why = (field as { missing: string }).missing;
          reasons.set(why, [...(reasons.get(why) ?? []), FIELD_WORDS[id as RollupFieldId] ?? id]);
        }
        const parts = [...reasons].map(([why, ids]) => `${ids.join(", ")}: ${why}`);
        return parts.length ? parts.join("; ") : null;
      },
    },
  ];
}

const FIELD_WORDS: Partial<Record<RollupFieldId, string>> = {
  manager: "manager",
  phase: "phase",
  statedRag: "stated RAG",
  budget: "budget",
  actual: "actual",
  forecast: "forecast",
  variance: "variance",
  variancePercent: "variance %",
  earnedValue: "EV",
  plannedValue: "PV",
  actualCostEv: "AC",
  cpi: "CPI",
  spi: "SPI",
  percentComplete: "% complete",
  openRisks: "open risks",
  risksByBand: "risks by band",
  highestResidualRisk: "highest residual risk",
  openIssues: "open issues",
  overdueItems: "overdue items",
  nextMilestone: "next milestone",
  lastUpdated: "last updated",
};

/**
 * What a subtotal row's formulas calculate, from the figures of the project
 * rows they span: `numbers(id)` gives the numbers in the column's project
 * rows (SUBTOTAL skips the nested subtotal rows and ignores text), and a
 * ratio divides the row's own totals, as its formula does.
 */
export function totalResults(columns: readonly SheetColumn[], numbers: (id: string) => number[]): Map<string, FormulaResult> {
  const out = new Map<string, FormulaResult>();
  for (const col of columns) {
    const t = col.total;
    if (t.kind === "sum") out.set(col.id, numbers(col.id).reduce((a, b) => a + b, 0));
    else if (t.kind === "max" || t.kind === "min") {
      const xs = numbers(col.id);
      out.set(col.id, xs.length === 0 ? "" : t.kind === "max" ? Math.max(...xs) : Math.min(...xs));
    }
  }
  for (const col of columns) {
    const t = col.total;
    if (t.kind !== "ratio") continue;
    const over = out.get(t.over);
    const under = out.get(t.under);
    if (typeof over !== "number" || typeof under !== "number") continue; // not vouched for: no cached value
    out.set(col.id, under === 0 ? "" : over / under);
  }
  return out;
}

/**
 * The subtotal or total formula of a column over body rows top..bottom (nested
 * SUBTOTALs inside are not counted twice), with its result where `results` has it.
 */
export function totalFormula(col: SheetColumn, letterOf: (id: string) => string, top: number, bottom: number, row: number, results?: ReadonlyMap<string, FormulaResult>): CellInput {
  const t = col.total;
  const range = (id: string) => `${letterOf(id)}${top}:${letterOf(id)}${bottom}`;
  const result = results?.get(col.id);
  const withResult = (formula: `=${string}`): CellInput => formulaInput(formula, result);
  switch (t.kind) {
    case "sum":
      return withResult(`=SUBTOTAL(9,${range(col.id)})`);
    case "max":
      return withResult(`=IF(SUBTOTAL(2,${range(col.id)})=0,"",SUBTOTAL(4,${range(col.id)}))`);
    case "min":
      return withResult(`=IF(SUBTOTAL(2,${range(col.id)})=0,"",SUBTOTAL(5,${range(col.id)}))`);
    case "ratio": {
      const over = `${letterOf(t.over)}${row}`;
      const under = `${letterOf(t.under)}${row}`;
      return withResult(`=IF(N(${under})=0,"",${over}/${under})`);
    }
    default:
      return null;
  }
}

export function letterMap(columns: readonly SheetColumn[]): (id: string) => string {
  const m = new Map(columns.map((c, i) => [c.id, columnLetter(i + 1)]));
  return (id) => {
    const l = m.get(id);
    if (!l) throw new Error(`no rollup column ${id}`);
    return l;
  };
}
