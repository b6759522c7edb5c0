/**
 * Office.js cell data → the port's CellValue and formula. Excel hands errors
 * over as text ("#N/A") with the value type "Error", empty cells as "", and
 * `formulas` holds the constant itself for cells without a formula.
 */
import type { CellValue } from "../../core/grid/cell";

export function cellValueFrom(value: unknown, valueType: string | undefined): CellValue {
  if (valueType === "Error") return { error: String(value) };
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/**
 * A cell's formula, or null. Text that merely starts with "=" (kept as text
 * with an apostrophe) reads back the same in `values` and `formulas`; a real
 * formula's text differs from its result.
 */
export function formulaFrom(formula: unknown, value: unknown, valueType: string | undefined): string | null {
  if (typeof formula !== "string" || !formula.startsWith("=")) return null;
  if (valueType === "String" && value === formula) return null;
  return formula;
}
