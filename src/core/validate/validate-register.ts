/**
 * Validation of one register: each mapped cell against its template column,
 * level columns against their scale, IDs for uniqueness, then the cross-field
 * rules of the PMO reference and the template's own declarative rules.
 * Pure: rows in, findings out.
 */
import { thresholdAt } from "../finance/thresholds";
import { formatCell, columnIndex } from "../grid/address";
import { bandOfScore, bandsForMatrix, type RiskBand } from "../risk/bands";
import { fractionOfText, isFractionColumn, isLevelWord, levelNumber, levelOnReading, levelReading, levelValue, type LevelReading, type LevelScale } from "../risk/levels";
import type { Template, TemplateColumn } from "../templates/schema";
import { checkCustomRules } from "./custom-checks";
import { blank, checkCell, dateSerial, isoOf, type CellProblem } from "./field-checks";
import type { Finding } from "./finding";
import { problemMessage } from "./messages";
import type { CellRead, RegisterRows, ValidationSettings } from "./register-rows";
import { listKey } from "./suggest";
import { CLOSED_STATUSES } from "../registers/closed-statuses";

const CLOSED_WORDS = new Set(CLOSED_STATUSES.map(listKey));

export function isClosedStatus(cell: CellRead | undefined): boolean {
  return !!cell && typeof cell.value === "string" && CLOSED_WORDS.has(listKey(cell.value));
}

interface LevelColumn {
  scale: LevelScale | null;
  min: number;
  max: number;
  /** PMBOK-style probabilities (0.1 … 0.9) and impacts (0.05 … 0.8): no whole-step range to check. */
  fractional: boolean;
  /** How a fractional column's values fall into levels, for the risk's band (as the heat map and the register's Band formula find it). */
  reading: LevelReading;
}

const LEVEL_PAIRS: Record<string, "probability" | "impact"> = {
  probability: "probability",
  impact: "impact",
  residualProbability: "probability",
  residualImpact: "impact",
};

function levelColumns(reg: RegisterRows): Map<string, LevelColumn> {
  const out = new Map<string, LevelColumn>();
  for (const column of reg.template.columns) {
    if (column.type !== "level" || !reg.columns[column.id]) continue;
    const values = reg.rows.map((r) => r.cells[column.id]?.value ?? null);
    const scaleOf = reg.template.scales?.[LEVEL_PAIRS[column.id] ?? "probability"];
    const steps = scaleOf?.levels.map((l) => l.value) ?? [1, 2, 3, 4, 5];
    // The reading has a word scale exactly when the column has one: it is worked out once, there.
    const reading = levelReading(values, LEVEL_PAIRS[column.id] ?? "probability", Math.max(...steps));
    out.set(column.id, {
      scale: reading.kind === "words" ? reading.scale : null,
      min: Math.min(...steps),
      max: Math.max(...steps),
      fractional: isFractionColumn(values),
      reading,
    });
  }
  return out;
}

function levelProblems(level: LevelColumn, cell: CellRead | undefined): CellProblem[] {
  if (!cell || blank(cell)) return [];
  const v = cell.value;
  if (typeof v === "number") {
    if (level.fractional) return v > 0 && v <= 1 ? [] : [{ rule: "type", severity: "error", problem: { code: "level_off_scale", value: v, min: 0, max: 1 } }];
    if (!Number.isInteger(v)) return [{ rule: "type", severity: "error", problem: { code: "not_whole", value: v } }];
    return v < level.min || v > level.max ? [{ rule: "type", severity: "error", problem: { code: "level_off_scale", value: v, min: level.min, max: level.max } }] : [];
  }
  if (typeof v !== "string") return [];
  if (level.scale && levelValue(v, level.scale) !== null) return [];
  // "70%" typed as text in a column of fractions: read as 0.7 by the heat map and the Band formula alike.
  const typed = level.fractional ? fractionOfText(v) : null;
  if (typed !== null) return typed > 0 && typed <= 1 ? [] : [{ rule: "type", severity: "error", problem: { code: "level_off_scale", value: typed, min: 0, max: 1 } }];
  const n = Number(v.trim());
  if (v.trim() !== "" && Number.isFinite(n) && Number.isInteger(n) && n >= level.min && n <= level.max) {
    return [{ rule: "type", severity: "warning", problem: { code: "number_as_text", text: v, value: n }, fix: { value: n, description: `store ${n} as a number` } }];
  }
  if (!level.scale && isLevelWord(v)) return [{ rule: "type", severity: "error", problem: { code: "level_word_among_numbers", text: v.trim() } }];
  return [{ rule: "type", severity: "error", problem: { code: "level_word_unknown", text: v, scale: level.scale?.name ?? null } }];
}

/** A level cell's number on its column's scale; null where it has none or it lies off the scale (a score from it means nothing). */
function levelOf(levels: Map<string, LevelColumn>, field: string, cell: CellRead | undefined): number | null {
  const level = levels.get(field);
  if (!cell || !level) return null;
  const n = levelNumber(cell.value, level.scale ?? undefined);
  if (n === null || level.fractional || level.scale) return n;
  return Number.isInteger(n) && n >= level.min && n <= level.max ? n : null;
}

/**
 * A row numbered in advance and not filled in yet: nothing typed in any
 * mapped field but its ID (formulas aside). It is a placeholder, not a record
 * with every field missing.
 */
export function isPlaceholderRow(cells: Record<string, CellRead>): boolean {
  // Every row of a register comes through here: no array of entries per row.
  for (const field in cells) {
    const cell = cells[field] as CellRead;
    if (field !== "id" && cell.formula === null && !blank(cell)) return false;
  }
  return true;
}

/**
 * A second line of the record above (a longer plan typed on the next row):
 * no ID and nothing typed but free text. Its fields belong to that record,
 * so they are not checked as a record of their own.
 */
export function isContinuationRow(cells: Record<string, CellRead>, template: Template): boolean {
  if (!blank(cells.id)) return false;
  const filled = Object.entries(cells).filter(([, cell]) => !blank(cell));
  return filled.length > 0 && filled.every(([field]) => template.columns.find((c) => c.id === field)?.type === "text" && field !== "description" && field !== "title");
}

function numberOf(cell: CellRead | undefined): number | null {
  return cell && typeof cell.value === "number" ? cell.value : null;
}

export function validateRegister(reg: RegisterRows, settings: ValidationSettings): Finding[] {
  const findings: Finding[] = [];
  const columnsById = new Map<string, TemplateColumn>(reg.template.columns.map((c) => [c.id, c]));
  const levels = levelColumns(reg);
  const bands = registerBands(settings, levels);
  const add = (row: number, field: string, p: CellProblem) => {
    const column = reg.columns[field];
    if (!column) return;
    // A register that does not follow the template yet keeps its own vocabulary and types: those are warnings there.
    const severity = !reg.onTemplate && (p.rule === "type" || p.rule === "allowed") && p.severity === "error" ? "warning" : p.severity;
    findings.push({
      sheet: reg.sheet,
      cell: formatCell({ row, col: columnIndex(column) ?? 1 }),
      row,
      column,
      field,
      rule: p.rule,
      severity,
      problem: p.problem,
      message: problemMessage(p.problem, reg.headers[field] ?? columnsById.get(field)?.header ?? field),
      ...(p.fix ? { fix: p.fix } : {}),
    });
  };

  const firstIdAt = new Map<string, string>();
  for (const [i, { row, cells }] of reg.rows.entries()) {
    if (isPlaceholderRow(cells) || (i > 0 && isContinuationRow(cells, reg.template))) continue;
    for (const field of Object.keys(reg.columns)) {
      const column = columnsById.get(field);
      if (!column) continue;
      const level = levels.get(field);
      const cell = cells[field];
      const problems = checkCell(column, cell, settings.currency);
      const typeOk = problems.length === 0;
      for (const p of problems) add(row, field, p);
      if (level && typeOk) for (const p of levelProblems(level, cell)) add(row, field, p);
    }
    const id = cells.id;
    if (reg.columns.id && id && !blank(id)) {
      const key = listKey(String(id.value));
      const first = firstIdAt.get(key);
      if (first) add(row, "id", { rule: "unique", severity: "error", problem: { code: "duplicate_id", id: String(id.value).trim(), firstCell: first } });
      else firstIdAt.set(key, `${reg.columns.id}${row}`);
    }
    crossFieldRules(reg, settings, bands, levels, row, cells, add);
    for (const c of checkCustomRules(reg.template.rules ?? [], cells)) add(row, c.field, c.problem);
  }
  return findings;
}

type Add = (row: number, field: string, p: CellProblem) => void;

/** The product of a risk's levels where a level is a fraction; null where neither is, or a level is missing or off the scale. */
function fractionLevelScore(levels: Map<string, LevelColumn>, probability: CellRead | undefined, impact: CellRead | undefined): number | null {
  const [p, i] = [levels.get("probability"), levels.get("impact")];
  if (!p || !i || (!p.fractional && !i.fractional)) return null;
  const step = (level: LevelColumn, cell: CellRead | undefined) => (level.fractional ? levelOnReading(cell?.value ?? null, level.reading) : levelOf(levels, level === p ? "probability" : "impact", cell));
  const [ps, is] = [step(p, probability), step(i, impact)];
  return ps === null || is === null ? null : ps * is;
}

/** The bands on the register's own matrix (a Low/Medium/High register scores 1–9): the same for every row. */
function registerBands(settings: ValidationSettings, levels: Map<string, LevelColumn>): RiskBand[] {
  const steps = (l: LevelColumn | undefined) => (l?.fractional ? l.reading.steps : l?.scale ? Math.max(...l.scale.steps.map((s) => s.value)) : (l?.max ?? 5));
  return bandsForMatrix(settings.bands, { probability: steps(levels.get("probability")), impact: steps(levels.get("impact")) });
}

function crossFieldRules(reg: RegisterRows, settings: ValidationSettings, bands: readonly RiskBand[], levels: Map<string, LevelColumn>, row: number, cells: Record<string, CellRead>, add: Add): void {
  const closed = isClosedStatus(cells.status);
  if (closed && reg.columns.dateClosed) {
    const closedOn = dateSerial(cells.dateClosed);
    const raisedOn = dateSerial(cells.dateRaised);
    if (blank(cells.dateClosed)) add(row, "dateClosed", { rule: "closed-date", severity: "error", problem: { code: "closed_without_date", status: String(cells.status?.value).trim() } });
    else if (closedOn !== null && raisedOn !== null && closedOn < raisedOn) {
      add(row, "dateClosed", { rule: "closed-date", severity: "error", problem: { code: "closed_before_raised", closed: isoOf(closedOn), raised: isoOf(raisedOn) } });
    }
  }

  if (reg.kind === "risk" || reg.columns.probability) {
    const p = levelOf(levels, "probability", cells.probability);
    const i = levelOf(levels, "impact", cells.impact);
    const score = numberOf(cells.score);
    const wholeScale = p !== null && i !== null && Number.isInteger(p) && Number.isInteger(i);
    if (p !== null && i !== null && score !== null && Math.abs(score - p * i) > 1e-9) {
      add(row, "score", { rule: "score", severity: "error", problem: { code: "score_mismatch", score, probability: p, impact: i } });
    }
    const inherent = wholeScale ? p * i : score;
    // Fractions (0.7 × 0.4 = 0.28) are banded on their levels, as the heat map and the register's Band column band them.
    const levelScore = fractionLevelScore(levels, cells.probability, cells.impact);
    const banded = levelScore ?? inherent;
    const band = banded !== null ? (bandOfScore(bands, banded)?.name ?? null) : null;
    if (!closed && band && /high|critical|extreme/i.test(band)) {
      if (reg.columns.owner && blank(cells.owner)) add(row, "owner", { rule: "high-risk-owner", severity: "error", problem: { code: "high_risk_without", band, missing: "owner" } });
      const responseField = reg.columns.response ? "response" : reg.columns.mitigation ? "mitigation" : null;
      if (responseField && blank(cells[responseField])) add(row, responseField, { rule: "high-risk-owner", severity: "error", problem: { code: "high_risk_without", band, missing: "response" } });
    }
    const rp = levelOf(levels, "residualProbability", cells.residualProbability);
    const ri = levelOf(levels, "residualImpact", cells.residualImpact);
    const residual = numberOf(cells.residualScore) ?? (rp !== null && ri !== null ? rp * ri : null);
    const residualField = reg.columns.residualScore && numberOf(cells.residualScore) !== null ? "residualScore" : "residualProbability";
    if (residual !== null && inherent !== null && residual > inherent) {
      add(row, residualField, { rule: "residual", severity: "warning", problem: { code: "residual_above_inherent", residual, inherent } });
    }
  }

  if (reg.columns.forecastDate && reg.columns.actualDate && blank(cells.actualDate)) {
    const forecast = dateSerial(cells.forecastDate);
    if (forecast !== null && forecast < settings.today) add(row, "actualDate", { rule: "overdue", severity: "warning", problem: { code: "milestone_overdue", forecast: isoOf(forecast) } });
  }

  if (reg.kind === "budget" && reg.columns.varianceExplanation && blank(cells.varianceExplanation)) {
    const budget = numberOf(cells.budget);
    const spend = numberOf(cells.eac) ?? (numberOf(cells.actual) !== null ? (numberOf(cells.actual) as number) + (numberOf(cells.forecast) ?? 0) : null);
    const variance = numberOf(cells.variance) ?? (budget !== null && spend !== null ? budget - spend : null);
    if (budget !== null && budget !== 0 && variance !== null) {
      const percent = (Math.abs(variance) / Math.abs(budget)) * 100;
      if (Math.abs(variance) > thresholdAt(budget, settings.varianceAmberPercent, settings.varianceAmberAmount ?? 0)) {
        add(row, "varianceExplanation", { rule: "variance-explanation", severity: "warning", problem: { code: "variance_unexplained", percent, threshold: settings.varianceAmberPercent } });
      }
    }
  }

  if (reg.columns.reviewDate && !closed && !blank(cells.status)) {
    const review = dateSerial(cells.reviewDate);
    if (review !== null && review < settings.today) add(row, "reviewDate", { rule: "review-date", severity: "warning", problem: { code: "review_overdue", review: isoOf(review) } });
  }
}
