/**
 * The live formulas of the heat-map sheet: each cell's count over the
 * register's columns. Where both levels are numbers the count is a COUNTIFS;
 * where a level is written in words (or as PMBOK fractions) it is a
 * SUMPRODUCT that matches each level the way the register's Score formula
 * looks words up (trimmed, any case), so the sheet, the register and core
 * agree. Closed statuses are left out as core leaves them out. Functions are
 * those LibreOffice 7.4 calculates too (no XLOOKUP, LET, FILTER).
 */
import { columnLetter, quoteSheetName } from "../grid/address";
import { notLogicalExpression, typedWords, type LevelReading } from "../risk/levels";
import { escapeColumnName, isStructuredSafe } from "../registers/formulas";
import { CLOSED_STATUSES, type MapBasis, type RegisterReadings } from "./model";
import { stringLiteral } from "../grid/formula-text";

/** Where one register's columns are, for formulas on another sheet. */
export interface RegisterPlace {
  sheet: string;
  /** The Excel table holding the register, when it is one. */
  table?: string;
  /** Field id → header text (for structured references). */
  headers: Record<string, string>;
  /** Field id → 1-based sheet column. */
  columns: Record<string, number>;
  firstRow: number;
  lastRow: number;
}

/** A whole column of the register: `Table[[Header]]` for a table, else `'Sheet'!$F$5:$F$120`. */
export function columnReference(place: RegisterPlace, field: string): string | undefined {
  const col = place.columns[field];
  if (col === undefined) return undefined;
  const header = place.headers[field];
  if (place.table && header !== undefined && isStructuredSafe(header)) return `${place.table}[[${escapeColumnName(header)}]]`;
  const letter = columnLetter(col);
  return `${quoteSheetName(place.sheet)}!$${letter}$${place.firstRow}:$${letter}$${Math.max(place.firstRow, place.lastRow)}`;
}

function fractionBounds(reading: Extract<LevelReading, { kind: "fractions" }>, level: number): [string, string] {
  const lo = level === 1 ? ">0" : `>=${reading.thresholds[level - 2]}`;
  const hi = level === reading.steps ? "<=1" : `<${reading.thresholds[level - 1]}`;
  return [lo, hi];
}

/** 1 where a cell of `ref` is on `level`, else 0, for a SUMPRODUCT; never an error. */
function levelTest(ref: string, reading: LevelReading, level: number): string {
  const number = `ISNUMBER(MATCH(${ref},{${level}},0))`;
  if (reading.kind === "numbers") return `(${number})`;
  if (reading.kind === "fractions") {
    const [lo, hi] = fractionBounds(reading, level);
    // ×1 reads a percentage typed as text ("70%") as core does; other text is an error, counted 0.
    // TRUE is no level, as in core; LibreOffice reads ISLOGICAL over a range as FALSE throughout, so there it still counts as 100%.
    return `IFERROR((${ref}*1${lo})*(${ref}*1${hi})*${notLogicalExpression(ref)},0)`;
  }
  const step = reading.scale.steps.find((s) => s.value === level);
  const words = step ? typedWords(step) : [];
  const wordTest = words.length ? `ISNUMBER(MATCH(TRIM(${ref}),{${words.map(stringLiteral).join(",")}},0))` : "0";
  return `(${wordTest}+${number})`;
}

function openTest(statusRef: string): string {
  return `NOT(ISNUMBER(MATCH(${statusRef},{${CLOSED_STATUSES.map((s) => stringLiteral(s.toLowerCase())).join(",")}},0)))`;
}

/** The count of one register's open risks in cell (p, i) of the basis's map, as a formula expression (no leading "="). */
export function cellCountExpression(place: RegisterPlace, readings: RegisterReadings, basis: MapBasis, p: number, i: number): string | undefined {
  const pField = basis === "inherent" ? "probability" : "residualProbability";
  const iField = basis === "inherent" ? "impact" : "residualImpact";
  const pRef = columnReference(place, pField);
  const iRef = columnReference(place, iField);
  const sRef = columnReference(place, "status");
  if (!pRef || !iRef) return undefined;
  const pReading = readings.probability;
  const iReading = readings.impact;
  if (pReading.kind === "numbers" && iReading.kind === "numbers") {
    const status = sRef ? CLOSED_STATUSES.map((s) => `,${sRef},${stringLiteral(`<>${s.toLowerCase()}`)}`).join("") : "";
    return `COUNTIFS(${pRef},${p},${iRef},${i}${status})`;
  }
  const factors = [levelTest(pRef, pReading, p), levelTest(iRef, iReading, i), ...(sRef ? [openTest(sRef)] : [])];
  return `SUMPRODUCT(${factors.map((f) => `1*${f}`).join(",")})`;
}

/** The cell's formula over several registers on the same matrix: their counts added. */
export function cellCountFormula(sources: readonly { place: RegisterPlace; readings: RegisterReadings }[], basis: MapBasis, p: number, i: number): string | undefined {
  const parts = sources.map((s) => cellCountExpression(s.place, s.readings, basis, p, i));
  if (!parts.length || parts.some((x) => x === undefined)) return undefined;
  return `=${parts.join("+")}`;
}
