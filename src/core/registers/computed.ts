/**
 * The numbers a template's computed columns hold, worked out in core: the
 * same `[probability]*[impact]` formula the workbook gets, evaluated on the
 * row's values as Excel would (blank counts as 0, TRUE as 1, numeric text
 * as its number and "20%" as 0.2, other text gives no value). Previews,
 * validation and rollups use this; tests compare it with what a spreadsheet
 * engine calculates.
 */
import { isCellError, type CellValue } from "../grid/cell";
import { levelNumber, type LevelScale } from "../risk/levels";

/** A cell's value as a formula operand: null when Excel would give #VALUE!. */
export function operandOf(v: CellValue): number | null {
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isCellError(v)) return null;
  const t = v.trim();
  if (t === "") return null; // text of spaces is text, not blank
  // A percentage typed as text is its fraction: "20%" * "40%" is 0.08 in Excel and LibreOffice alike.
  const m = /^([+-]?(\d[\d,]*)?(\.\d+)?(e[+-]?\d+)?)(%?)$/i.exec(t);
  const n = Number(m?.[1].replace(/,/g, ""));
  if (!m || !/\d/.test(m[1]) || !Number.isFinite(n)) return null;
  return m[5] ? n / 100 : n;
}

const BINARY = /^=\s*\[([A-Za-z][A-Za-z0-9]*)\]\s*([*+\-/])\s*\[([A-Za-z][A-Za-z0-9]*)\]\s*$/;

/** Whether core can evaluate this template formula (two fields and one of * + - /). */
export function canEvaluate(formula: string): boolean {
  return BINARY.test(formula);
}

/**
 * The value of a template formula for one row; null for no value (a #VALUE!
 * or #DIV/0! in Excel). A field with a scale holds levels as words: each is
 * looked up on the scale, and a level missing or off the scale gives no
 * value, as the formula the toolkit writes gives an empty cell.
 */
export function evaluateTemplateFormula(formula: string, row: Record<string, CellValue>, scales: Record<string, LevelScale | undefined> = {}): number | null {
  const m = BINARY.exec(formula);
  if (!m) throw new Error(`core cannot evaluate the formula ${formula}`);
  const operand = (id: string) => {
    const scale = scales[id];
    return scale ? levelNumber(row[id] ?? null, scale) : operandOf(row[id] ?? null);
  };
  const a = operand(m[1]);
  const b = operand(m[3]);
  if (a === null || b === null) return null;
  switch (m[2]) {
    case "*":
      return a * b;
    case "+":
      return a + b;
    case "-":
      return a - b;
    default:
      return b === 0 ? null : a / b;
  }
}
