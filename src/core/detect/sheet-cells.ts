/**
 * The cells detection works on: a rectangle of one sheet (values, formulas,
 * number formats) plus the sheet's merged areas. Hosts' grids convert to this
 * directly; core never sees a host.
 */
import { singleSpaced } from "../spaces";
import { type RangeAddress } from "../grid/address";
import { isBlank, isCellError, isDateFormat, type CellValue } from "../grid/cell";

export interface SheetCells {
  sheet: string;
  /** 1-based sheet row and column of values[0][0]. */
  top: number;
  left: number;
  values: CellValue[][];
  formulas?: (string | null)[][];
  numberFormats?: string[][];
  merges: RangeAddress[];
  /**
   * Rows whose cells were not read because they were proven plain records
   * (plain-rows.ts): their rows in `values` are empty. Only measureExtent
   * looks at them, and it asks for them should it need their cells.
   */
  plainRows?: { top: number; bottom: number };
}

/** The rectangle alone, for readers that need no merged areas. */
export type CellRect = Pick<SheetCells, "top" | "left" | "values" | "formulas" | "numberFormats">;

export function bottomRow(c: SheetCells): number {
  return c.top + c.values.length - 1;
}

export function rightColumn(c: SheetCells): number {
  return c.left + Math.max(0, ...c.values.map((r) => r.length)) - 1;
}

export function valueAt(c: CellRect, row: number, col: number): CellValue {
  return c.values[row - c.top]?.[col - c.left] ?? null;
}

export function formulaAt(c: CellRect, row: number, col: number): string | null {
  return c.formulas?.[row - c.top]?.[col - c.left] ?? null;
}

export function formatAt(c: CellRect, row: number, col: number): string {
  return c.numberFormats?.[row - c.top]?.[col - c.left] ?? "General";
}

export function mergeAt(c: SheetCells, row: number, col: number): RangeAddress | undefined {
  // Most sheets merge nothing, and detection asks this of nearly every cell it reads.
  if (c.merges.length === 0) return undefined;
  return c.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** The value a merged area shows in this cell (its top-left cell's value). */
export function shownValue(c: SheetCells, row: number, col: number): CellValue {
  const m = mergeAt(c, row, col);
  return m ? valueAt(c, m.top, m.left) : valueAt(c, row, col);
}

export function isDateCell(c: SheetCells, row: number, col: number): boolean {
  const v = valueAt(c, row, col);
  return typeof v === "number" && isDateFormat(formatAt(c, row, col));
}

/** A cell with something a person typed or a formula computed (not blank, not an error). */
export function hasContent(v: CellValue): boolean {
  return !isBlank(v) && !isCellError(v);
}

/** Whether headerTextOf(v) has anything: text with more than white space in it (told without making the text). */
export function hasText(v: CellValue): boolean {
  return typeof v === "string" && v.trim() !== "";
}

/** Text of a cell as a header would read, or "" when it is not header-like text. */
export function headerTextOf(v: CellValue): string {
  if (typeof v !== "string") return "";
  return singleSpaced(v);
}
