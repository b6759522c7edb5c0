/**
 * The rollup figures each kind of register gives: risks (open, by band,
 * highest residual), issues and RAID items (open, overdue), milestones (next,
 * overdue) and money (budget, actual, forecast, earned value). Pure: rows in,
 * figures out, each with the rows it was read from.
 */
import type { DetectedRegister } from "../detect/detect";
import { mapRisks, registerReadings, type MappedRisk } from "../heatmap/model";
import type { RiskBand } from "../metadata/settings";
import { levelNumber, scaleOfColumn, type LevelScale } from "../risk/levels";
import type { TemplateKind } from "../templates/schema";
import { isClosedStatus, isPlaceholderRow } from "../validate/validate-register";
import type { RegisterRow } from "../validate/register-rows";
import { found, missing, type Field, type FieldSource, type MilestoneRef, type RiskRef } from "./fields";
import type { MappedAmounts } from "./finance-figures";
import { amountOf, dateOf, textOf, wordsOf } from "./values";

/** One register as read for the rollup: detection's view and its mapped cells, row by row. */
export interface RegisterData {
  file: string;
  register: Pick<DetectedRegister, "sheet" | "kind" | "table" | "firstRow" | "lastRow" | "firstColumn" | "lastColumn" | "columns">;
  rows: RegisterRow[];
  /** An earned value table of one project as the finance engine reads it (the variance sheet's figures); absent when it holds several. */
  earned?: EarnedFigures;
}

/** An EV table's BAC, PV, EV, AC and estimate to complete at its status period. */
export interface EarnedFigures {
  bac: number | null;
  pv: number | null;
  ev: number | null;
  ac: number | null;
  etcEstimate: number | null;
  /** The cell a BAC written beside the table's title is in ("C2"), when no row of the table has one. */
  bacCell: string | null;
  /** The last period with earned value or actual cost reported ("2025-05"), for a table kept by period. */
  statusPeriod: string | null;
}

export function sourceOf(data: RegisterData, how?: string): FieldSource {
  const r = data.register;
  return { file: data.file, sheet: r.sheet, cell: `${r.firstColumn}${r.firstRow}:${r.lastColumn}${r.lastRow}`, ...(r.table ? { table: r.table } : {}), ...(how ? { how } : {}) };
}

const TOTAL_WORDS = /^(sub ?)?totals?\b|^grand total\b|^итого/;

/**
 * A cell that starts a total line ("Sub-total:", "GRAND TOTAL"). Only the
 * start of the text can match, so only its start is normalised: every text
 * cell of every record row is asked this, and descriptions run long.
 */
function startsTotal(text: string): boolean {
  return TOTAL_WORDS.test(wordsOf(text.trimStart().slice(0, 40)));
}

/** Each register's record rows: the risk, issue, milestone and money figures each ask for them. */
const recordRowsMemo = new WeakMap<RegisterData, RegisterRow[]>();

/** Rows that are records: not placeholders (only an ID typed), not total lines inside the block. */
export function recordRows(data: RegisterData): RegisterRow[] {
  let rows = recordRowsMemo.get(data);
  if (!rows) recordRowsMemo.set(data, (rows = recordRowsOf(data)));
  return rows;
}

function recordRowsOf(data: RegisterData): RegisterRow[] {
  return data.rows.filter((row) => {
    if (isPlaceholderRow(row.cells)) return false;
    return !Object.values(row.cells).some((c) => typeof c.value === "string" && startsTotal(c.value));
  });
}

function ofKind(regs: readonly RegisterData[], ...kinds: TemplateKind[]): RegisterData[] {
  return regs.filter((r) => kinds.includes(r.register.kind));
}

/** RAID rows of one type (R, A, I, D), read from the type column's first letter or word. */
function raidRowsOf(data: RegisterData, letter: "r" | "i"): RegisterRow[] {
  const word = letter === "r" ? "risk" : "issue";
  return recordRows(data).filter((row) => {
    const t = wordsOf(textOf(row.cells.type));
    return t === letter || t.startsWith(word);
  });
}

function scaleOf(rows: readonly RegisterRow[], field: string): LevelScale | undefined {
  return scaleOfColumn(rows.map((r) => r.cells[field]?.value ?? null)) ?? undefined;
}

function scoreOf(row: RegisterRow, score: string, p: string, i: string, scales: { p?: LevelScale; i?: LevelScale }): number | null {
  const stated = amountOf(row.cells[score]);
  if (stated !== null && row.cells[score]?.value !== "") return stated;
  const pv = levelNumber(row.cells[p]?.value ?? null, scales.p);
  const iv = levelNumber(row.cells[i]?.value ?? null, scales.i);
  return pv !== null && iv !== null ? pv * iv : null;
}

function bandOf(score: number, bands: readonly RiskBand[]): string | null {
  // Scores between two bands' edges (a 0.1 × 0.8 PMBOK score, say) go to the band whose range they fall under.
  for (const b of bands) if (score >= b.min && score <= b.max) return b.name;
  const above = bands.filter((b) => score > b.max).sort((a, b) => b.max - a.max)[0];
  return above?.name ?? null;
}

/** Band sets are published for a 5×5 matrix; whole-number levels are read on five steps. */
const FIVE_BY_FIVE = { probability: 5, impact: 5 };

/**
 * The rows of a register whose probability or impact holds fractions
 * (PMBOK's 0.1–0.9 and 0.05–0.8, percentages) or words (High/Medium/Low, a
 * 3×3 matrix), placed as the heat map and the register's Band column place
 * them: each value's level, the band of the levels' product on the band set
 * as it falls on the register's own matrix (High × High on 3×3 is the top
 * band, as on the map, not 9 of 25). Null for a register scored in whole
 * numbers, whose stated score is already on the band set's scale.
 */
function placesOnLevels(d: RegisterData, rows: readonly RegisterRow[], bands: readonly RiskBand[]): { risks: MappedRisk[]; fractions: boolean } | null {
  const reg = { sheet: d.register.sheet, columns: Object.fromEntries(Object.entries(d.register.columns).map(([f, c]) => [f, c.column])), rows: [...rows] };
  const readings = registerReadings(reg, FIVE_BY_FIVE);
  if (readings.probability.kind === "numbers" && readings.impact.kind === "numbers") return null;
  return { risks: mapRisks(reg, readings, bands), fractions: readings.probability.kind === "fractions" || readings.impact.kind === "fractions" };
}

export interface RiskFigures {
  openRisks: Field<number>;
  risksByBand: Field<Record<string, number>>;
  highestResidualRisk: Field<RiskRef>;
}

const ON_LEVELS = "probabilities and impacts in fractions or words read as levels and banded on their product, as the heat map and the Band column read them";

export function riskFigures(regs: readonly RegisterData[], bands: readonly RiskBand[]): RiskFigures {
  const sets = [...ofKind(regs, "risk").map((d) => ({ d, rows: recordRows(d) })), ...ofKind(regs, "raid").map((d) => ({ d, rows: raidRowsOf(d, "r") }))];
  if (!sets.length) {
    const none = missing<never>("no risk register (or RAID log with risks) found for this project");
    return { openRisks: none, risksByBand: none, highestResidualRisk: none };
  }
  let open = 0;
  const byBand: Record<string, number> = Object.fromEntries(bands.map((b) => [b.name, 0]));
  let unscored = 0;
  let highest: RiskRef | null = null;
  let residualSeen = false;
  let notScores = 0;
  // A "score" far past the matrix's top (a cost exposure in money, say) is not probability × impact.
  const limit = 4 * Math.max(...bands.map((b) => b.max));
  const asScore = (s: number | null): number | null => {
    if (s === null) return null;
    if (s < 0 || s > limit) {
      notScores++;
      return null;
    }
    return s;
  };
  const bandOfStated = (score: number | null) => (score !== null ? bandOf(score, bands) : null);
  const sources: FieldSource[] = [];
  let onLevels = 0;
  let residualScoreOnly = false;
  for (const { d, rows } of sets) {
    sources.push(sourceOf(d));
    const scales = { p: scaleOf(rows, "probability"), i: scaleOf(rows, "impact") };
    const residualScales = { p: scaleOf(rows, "residualProbability"), i: scaleOf(rows, "residualImpact") };
    const levels = placesOnLevels(d, rows, bands);
    if (levels) onLevels++;
    // A fraction register's residual is compared on its levels (its stated scores are on another scale), so only residual levels give one.
    const placed = levels?.fractions ? levels.risks : null;
    const hasResidual = placed ? !!(d.register.columns.residualProbability && d.register.columns.residualImpact) : !!(d.register.columns.residualScore || (d.register.columns.residualProbability && d.register.columns.residualImpact));
    residualSeen ||= hasResidual;
    residualScoreOnly ||= !!placed && !hasResidual && !!d.register.columns.residualScore;
    for (const [k, row] of rows.entries()) {
      if (isClosedStatus(row.cells.status)) continue;
      open++;
      const band = levels ? (levels.risks[k].inherent?.band.name ?? null) : bandOfStated(asScore(scoreOf(row, "score", "probability", "impact", scales)));
      if (band) byBand[band] = (byBand[band] ?? 0) + 1;
      else unscored++;
      if (!hasResidual) continue;
      const residual = placed ? (placed[k].residual?.score ?? null) : asScore(scoreOf(row, "residualScore", "residualProbability", "residualImpact", residualScales));
      if (residual !== null && (!highest || residual > highest.score)) {
        const label = [textOf(row.cells.id), textOf(row.cells.title) || textOf(row.cells.description).slice(0, 60)].filter(Boolean).join(" ");
        highest = { score: residual, label: label || `row ${row.row}` };
      }
    }
  }
  const bandHow = [
    "open risks by inherent score",
    unscored ? `${unscored} open risk(s) without a probability × impact score are in no band` : "",
    notScores ? `${notScores} score(s) above ${limit} read as not probability × impact` : "",
    onLevels ? ON_LEVELS : "",
  ]
    .filter(Boolean)
    .join("; ");
  return {
    openRisks: found(open, ...sources.map((s) => ({ ...s, how: "risks whose status is not closed" }))),
    risksByBand: found(byBand, ...sources.map((s) => ({ ...s, how: bandHow }))),
    highestResidualRisk: highest
      ? found(highest, ...sources.map((s) => ({ ...s, how: `highest residual score among open risks${onLevels ? `; ${ON_LEVELS}` : ""}` })))
      : missing(
          residualSeen
            ? "no open risk has a residual score"
            : residualScoreOnly
              ? "the risk register's probabilities or impacts are fractions, compared on their levels, and it records a residual score but no residual probability and impact to level"
              : "the risk register records no residual probability, impact or score",
        ),
  };
}

export interface IssueFigures {
  openIssues: Field<number>;
  /** Open issues and RAID actions past their target or due date. */
  overdueIssues: Field<number>;
}

export function issueFigures(regs: readonly RegisterData[], today: number): IssueFigures {
  const sets = [...ofKind(regs, "issue").map((d) => ({ d, rows: recordRows(d) })), ...ofKind(regs, "raid").map((d) => ({ d, rows: raidRowsOf(d, "i") }))];
  if (!sets.length) {
    const none = missing<number>("no issue log (or RAID log with issues) found for this project");
    return { openIssues: none, overdueIssues: none };
  }
  let open = 0;
  let overdue = 0;
  let dated = false;
  for (const { d, rows } of sets) {
    dated ||= !!(d.register.columns.targetDate || d.register.columns.dueDate);
    for (const row of rows) {
      if (isClosedStatus(row.cells.status)) continue;
      open++;
      const due = dateOf(row.cells.targetDate) ?? dateOf(row.cells.dueDate);
      if (due !== null && due < today) overdue++;
    }
  }
  const sources = sets.map(({ d }) => sourceOf(d));
  return {
    openIssues: found(open, ...sources.map((s) => ({ ...s, how: "issues whose status is not closed" }))),
    overdueIssues: dated ? found(overdue, ...sources.map((s) => ({ ...s, how: "open issues past their target date" }))) : missing("the issue log has no target or due date column"),
  };
}

const DONE_WORDS = new Set(["complete", "completed", "done", "achieved", "closed", "delivered", "finished", "met"]);

export interface MilestoneFigures {
  nextMilestone: Field<MilestoneRef>;
  overdueMilestones: Field<number>;
}

export function milestoneFigures(regs: readonly RegisterData[], today: number): MilestoneFigures {
  const sets = ofKind(regs, "milestone");
  if (!sets.length) {
    const none = missing<never>("no milestone tracker found for this project");
    return { nextMilestone: none, overdueMilestones: none };
  }
  let next: MilestoneRef | null = null;
  let overdue = 0;
  let undated = 0;
  for (const d of sets) {
    for (const row of recordRows(d)) {
      if (dateOf(row.cells.actualDate) !== null || DONE_WORDS.has(wordsOf(textOf(row.cells.status)))) continue;
      const date = dateOf(row.cells.forecastDate) ?? dateOf(row.cells.baselineDate);
      if (date === null) {
        undated++;
        continue;
      }
      if (date < today) overdue++;
      else if (!next || date < next.date) next = { name: textOf(row.cells.milestone) || textOf(row.cells.id) || `row ${row.row}`, date };
    }
  }
  const sources = sets.map((d) => sourceOf(d));
  return {
    nextMilestone: next
      ? found(next, ...sources.map((s) => ({ ...s, how: "earliest unfinished milestone by forecast (else baseline) date, from today on" })))
      : missing(undated ? `no unfinished milestone has a forecast or baseline date from today on (${undated} without a date)` : "no unfinished milestone from today on"),
    overdueMilestones: found(overdue, ...sources.map((s) => ({ ...s, how: "unfinished milestones whose forecast (else baseline) date has passed" }))),
  };
}

export interface MoneyFigures {
  amounts: MappedAmounts;
  sources: Partial<Record<keyof MappedAmounts, FieldSource[]>>;
  /** Why an amount is absent, by amount. */
  reasons: Partial<Record<keyof MappedAmounts, string>>;
}

interface ColumnSum {
  total: number | null;
  rows: number;
  /** Rows whose cell holds something that is not an amount. */
  unread: number;
}

function sumColumn(rows: readonly RegisterRow[], field: string): ColumnSum {
  let total: number | null = null;
  let n = 0;
  let unread = 0;
  for (const row of rows) {
    const cell = row.cells[field];
    const v = amountOf(cell);
    if (v === null) {
      if (cell && cell.value !== null && textOf(cell) !== "") unread++;
      continue;
    }
    total = (total ?? 0) + v;
    n++;
  }
  return { total, rows: n, unread };
}

/**
 * An EV table kept as one row per period: cumulative when every measure
 * only grows down the rows (the last row is the figure to date), else
 * per-period amounts (their sum is). One row per work package is summed.
 */
function evColumn(d: RegisterData, rows: readonly RegisterRow[], field: string): { total: number | null; how: string } {
  if (d.register.columns.period && !d.register.columns.workPackage) {
    const values = rows.map((r) => amountOf(r.cells[field])).filter((v): v is number => v !== null);
    const rising = values.length > 1 && values.every((v, i) => i === 0 || v >= values[i - 1]);
    const periodic = values.length > 1 && rising && values[values.length - 1] > values.reduce((a, b) => a + b, 0) / 2;
    if (periodic) return { total: values[values.length - 1], how: `cumulative to the last period (${values.length} periods)` };
  }
  const s = sumColumn(rows, field);
  return { total: s.total, how: `sum of ${s.rows} row(s)${s.unread ? `; ${s.unread} cell(s) that are not amounts left out` : ""}` };
}

export function moneyFigures(regs: readonly RegisterData[]): MoneyFigures {
  const amounts: MappedAmounts = { budget: null, actual: null, forecastAtCompletion: null, earnedValue: null, plannedValue: null, actualCostEv: null };
  const sources: MoneyFigures["sources"] = {};
  const reasons: MoneyFigures["reasons"] = {};
  const add = (key: keyof MappedAmounts, value: number | null, source: FieldSource) => {
    if (value === null) return;
    amounts[key] = (amounts[key] ?? 0) + value;
    (sources[key] ??= []).push(source);
  };
  const budgets = ofKind(regs, "budget");
  const evs = ofKind(regs, "evm");
  for (const d of budgets) {
    const rows = recordRows(d);
    const sum = (f: string) => sumColumn(rows, f);
    const budget = sum("budget");
    const changes = d.register.columns.approvedChanges ? sum("approvedChanges").total : null;
    add("budget", budget.total === null ? null : budget.total + (changes ?? 0), sourceOf(d, `sum of ${budget.rows} row(s)${changes !== null ? " plus approved changes" : ""}`));
    add("actual", sum("actual").total, sourceOf(d, "sum of actuals"));
    const eac = d.register.columns.eac ? sum("eac").total : null;
    const toGo = d.register.columns.forecast ? sum("forecast").total : null;
    const actual = sum("actual").total;
    if (eac !== null) add("forecastAtCompletion", eac, sourceOf(d, "sum of forecast at completion"));
    else if (toGo !== null) add("forecastAtCompletion", (actual ?? 0) + toGo, sourceOf(d, "actual + forecast to complete"));
  }
  for (const d of evs) {
    if (d.earned) {
      addEarned(d, d.earned, !budgets.length, add);
      continue;
    }
    const rows = recordRows(d);
    const bac = evColumn(d, rows, "bac");
    const ac = evColumn(d, rows, "ac");
    const etc = d.register.columns.etcEstimate ? evColumn(d, rows, "etcEstimate") : null;
    add("earnedValue", evColumn(d, rows, "ev").total, sourceOf(d, evColumn(d, rows, "ev").how));
    // Periods not yet reported (no EV, no AC) plan work still to come: PV to date leaves them out.
    const reported = d.register.columns.period ? rows.filter((r) => amountOf(r.cells.ev) !== null || amountOf(r.cells.ac) !== null) : rows;
    const pv = evColumn(d, reported.length ? reported : rows, "pv");
    add("plannedValue", pv.total, sourceOf(d, reported.length < rows.length ? `${pv.how}, periods with EV or AC reported` : pv.how));
    add("actualCostEv", ac.total, sourceOf(d, ac.how));
    // A budget tracker, where there is one, is the project's budget and actual; the EV table stands in when there is none.
    if (!budgets.length) {
      add("budget", bac.total, sourceOf(d, `BAC, ${bac.how}`));
      add("actual", ac.total, sourceOf(d, `AC, ${ac.how}`));
      if (etc?.total != null && ac.total !== null) add("forecastAtCompletion", ac.total + etc.total, sourceOf(d, "EAC = AC + ETC (bottom-up)"));
    }
  }
  const none = !budgets.length && !evs.length;
  for (const key of Object.keys(amounts) as (keyof MappedAmounts)[]) {
    if (amounts[key] !== null) continue;
    const evKey = key === "earnedValue" || key === "plannedValue" || key === "actualCostEv";
    reasons[key] = none ? "no budget tracker or earned value table found for this project" : evKey && !evs.length ? "no earned value table found for this project" : `no ${NAMES[key]} column with amounts in the project's trackers`;
  }
  return { amounts, sources, reasons };
}

/** An EV table's figures as the finance engine read them; budget and actual too when no budget tracker gives them. */
function addEarned(d: RegisterData, e: EarnedFigures, asBudget: boolean, add: (key: keyof MappedAmounts, value: number | null, source: FieldSource) => void): void {
  const at = e.statusPeriod ? ` at ${e.statusPeriod}, the last period reported` : ", the table's rows added up (subtotals left out)";
  add("earnedValue", e.ev, sourceOf(d, `EV${at}`));
  add("plannedValue", e.pv, sourceOf(d, `PV${at}`));
  add("actualCostEv", e.ac, sourceOf(d, `AC${at}`));
  if (!asBudget) return;
  const r = d.register;
  add("budget", e.bac, e.bacCell ? { file: d.file, sheet: r.sheet, cell: e.bacCell, how: "BAC written beside the earned value table" } : sourceOf(d, "BAC of the earned value table"));
  add("actual", e.ac, sourceOf(d, `AC${at}`));
  if (e.etcEstimate !== null && e.ac !== null) add("forecastAtCompletion", e.ac + e.etcEstimate, sourceOf(d, "EAC = AC + ETC (bottom-up)"));
}

const NAMES: Record<keyof MappedAmounts, string> = {
  budget: "budget (or BAC)",
  actual: "actual",
  forecastAtCompletion: "forecast at completion (or forecast to complete)",
  earnedValue: "earned value",
  plannedValue: "planned value",
  actualCostEv: "actual cost (AC)",
};
