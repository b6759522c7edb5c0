/**
 * ExcelJS cell values → the port's CellValue, and back. ExcelJS hands out
 * Dates, rich text, hyperlinks, formula objects and shared-formula clones; the
 * port wants what Office.js gives: serial numbers, plain text, `{ error }`.
 */
import type ExcelJS from "exceljs";
import { dateToSerial, type CellValue } from "../../core/grid/cell";
import type { CellInput } from "../../core/plan/edits";

// ExcelJS.ValueType is a const enum in the typings but a plain object at run
// time; these are its numbers, kept here so this module needs no value import.
export const VALUE_TYPE = { Null: 0, Merge: 1, Formula: 6, SharedFormula: 7 } as const;

type Scalar = string | number | boolean | Date | ExcelJS.CellErrorValue | null | undefined;

function richTextOf(v: unknown): string | undefined {
  if (typeof v === "object" && v !== null && Array.isArray((v as ExcelJS.CellRichTextValue).richText)) {
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  }
  return undefined;
}

function scalarToCellValue(v: Scalar | unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    const rich = richTextOf(v);
    if (rich !== undefined) return rich;
    if ("text" in o && "hyperlink" in o) {
      const t = o.text;
      return typeof t === "string" ? t : (richTextOf(t) ?? (t == null ? null : String(t)));
    }
  }
  return null;
}

/** Is this a slave cell of a merged area (its value belongs to the top-left cell)? */
export function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return (cell.type as number) === VALUE_TYPE.Merge;
}

/** The cell's value as the port reports it; a formula cell gives its cached result. */
export function cellValueOf(cell: ExcelJS.Cell): CellValue {
  if (isMergeSlave(cell)) return null;
  const v = cell.value as unknown;
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    // ExcelJS's cell.value drops a falsy cached result (0, FALSE) when it copies
    // the formula value; its model keeps it, so a 0 is not read as empty.
    if ("formula" in o || "sharedFormula" in o) return scalarToCellValue("result" in o ? o.result : (cell.model as { result?: unknown }).result);
  }
  return scalarToCellValue(v);
}

/** "=..." for a formula cell (shared formulas translated to this cell), else null. */
export function formulaOf(cell: ExcelJS.Cell): string | null {
  const t = cell.type as number;
  if (t !== VALUE_TYPE.Formula && t !== VALUE_TYPE.SharedFormula) return null;
  const f = cell.formula;
  if (!f) return null;
  return f.startsWith("=") ? f : `=${f}`;
}

export function numberFormatOf(cell: ExcelJS.Cell): string {
  return cell.numFmt || "General";
}

/** True when a cell holds something a user would see (not null, not ""). */
export function hasContent(cell: ExcelJS.Cell): boolean {
  if (isMergeSlave(cell)) return false;
  const v = cell.value;
  return v !== null && v !== undefined && v !== "";
}

/**
 * A plan's cell input as an ExcelJS value. A string stays a string: ExcelJS
 * writes strings as shared strings (t="s"), so "=1+1" or "-5" never becomes a
 * formula or a number. Formulas lose their leading "=" (ExcelJS stores them
 * bare) and carry the plan's result, if it gives one, as their cached value
 * (Excel still computes them on open: the package asks for a full calculation).
 */
export function toExcelValue(input: CellInput): ExcelJS.CellValue {
  if (input === null) return null;
  if (typeof input === "object") {
    const formula = input.formula.slice(1);
    return (input.result === undefined ? { formula } : { formula, result: input.result }) as ExcelJS.CellFormulaValue;
  }
  return input;
}

/** The plan input that puts a cell back as it was (value, or formula without its cached result). */
export function cellInputOf(value: CellValue, formula: string | null): CellInput {
  if (formula) return { formula };
  if (value === null) return null;
  if (typeof value === "object") return null; // an error value without a formula cannot be typed back in
  return value;
}
