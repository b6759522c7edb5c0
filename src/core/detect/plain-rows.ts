/**
 * Proving that the rows of a long register below the cells read in full are
 * plain records, from a few of their columns. measureExtent would call each
 * such row a record whatever its other cells hold: it is no total row, no
 * repeated header, no blank or id-only row. So its last row and notes come
 * out the same without the other cells, and a job that needs only some
 * columns (the heat map) need not read every cell of every row to find
 * where the register ends.
 *
 * What is known of each row: the cells of the columns read, as formulas or
 * constants ("formulas" of queryCells: a formula's result is not known); of
 * every other column, that it holds no formula and whether any cell of it
 * holds the longest word of its header (a cell equal to its header holds
 * that word). A row is plain when, whatever the unread cells hold:
 * - its first text (the leftmost cell with text) is known and is no total label;
 * - it is no total by SUM formulas (every formula is in a column read);
 * - two cells read hold typed values (or one, not the id, where the register
 *   is wide), so it is a record and not a blank or id-only row;
 * - too few cells can equal their header for it to repeat the header row.
 * Anything else, or a cell whose text reads as an error value, is not proven,
 * and the caller reads the rows in full.
 */
import { ERROR_TEXT, type CellValue } from "../grid/cell";
import { comparableText, sumsAbove, TOTAL_LABEL } from "./extent";
import { hasContent } from "./sheet-cells";

export interface PlainRowsInput {
  firstCol: number;
  lastCol: number;
  idCol?: number;
  /** The header row's texts as compared (comparableText), by column; null where the header holds no text. */
  headers: Map<number, string | null>;
  /** First sheet row of the cells read. */
  top: number;
  /** Columns read: each cell's formula text or constant, one entry per row from `top`. */
  read: Map<number, CellValue[]>;
  /** Columns not read: whether any of their cells holds a formula, and whether any holds the longest word of the column's header. */
  unread: Map<number, { hasFormulas: boolean; hasHeaderWord: boolean }>;
}

/** The word of a header text a cell equal to it must hold: its longest (or null when the header has no text). */
export function headerWord(header: string | null): string | null {
  if (!header) return null;
  return header.split(" ").reduce((a, b) => (b.length > a.length ? b : a), "");
}

function isFormulaText(v: CellValue): v is string {
  return typeof v === "string" && v.startsWith("=");
}

/** Whether every row from `top` for `rows` rows is a plain record. */
export function arePlainRecords(input: PlainRowsInput, rows: number): boolean {
  const { firstCol, lastCol, idCol, headers, read, unread, top } = input;
  for (const u of unread.values()) if (u.hasFormulas) return false;
  const unknownByHeader = [...unread.values()].filter((u) => u.hasHeaderWord).length;
  const wide = lastCol - firstCol >= 2;
  for (let i = 0; i < rows; i++) {
    const row = top + i;
    let firstTextKnown = false;
    let typed = 0;
    let typedCol = 0;
    let formulas = 0;
    let sums = 0;
    let equal = 0;
    let unknown = unknownByHeader;
    let other = 0;
    for (let c = firstCol; c <= lastCol; c++) {
      const cells = read.get(c);
      if (!cells) {
        // An unread cell left of the first text may be that text.
        if (!firstTextKnown) return false;
        continue;
      }
      const v = cells[i] ?? null;
      if (typeof v === "string" && ERROR_TEXT.test(v)) return false;
      if (isFormulaText(v)) {
        if (!firstTextKnown) return false;
        formulas++;
        if (sumsAbove(v, row)) sums++;
        unknown++;
        continue;
      }
      if (!hasContent(v)) continue;
      if (typeof v === "string" && !firstTextKnown) {
        if (TOTAL_LABEL.test(v)) return false;
        firstTextKnown = true;
      }
      typed++;
      typedCol = c;
      if (typeof v === "string" && headers.get(c) && comparableText(v) === headers.get(c)) equal++;
      else other++;
    }
    if (sums > 0 && sums * 2 >= formulas) return false;
    if (typed === 0 || (typed === 1 && wide && (typedCol === idCol || typedCol === firstCol))) return false;
    // At worst every unknown cell repeats its header too: same = equal + unknown of filled = that + other.
    const same = equal + unknown;
    if (same >= 2 && 4 * same >= 6 * other) return false;
  }
  return true;
}
