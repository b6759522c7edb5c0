/**
 * Moving a formula from one cell to another as Excel fills it: relative
 * references shift by the distance, $-anchored parts stay. Used when a plan
 * overwrites the cell that holds a shared formula's text, so the cells that
 * shared it get their own copy.
 */
import { columnIndex, columnLetter, MAX_COLUMNS, MAX_ROWS, parseCell } from "../../../core/grid/address";

const CANDIDATE = /("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(])/g;

export function slideFormula(formula: string, from: string, to: string): string {
  const a = parseCell(from);
  const b = parseCell(to);
  if (!a || !b) return formula;
  const dr = b.row - a.row;
  const dc = b.col - a.col;
  return formula.replace(CANDIDATE, (whole: string, text: string | undefined, sheet: string | undefined, colAnchor: string, col: string, rowAnchor: string, row: string, at: number, all: string) => {
    if (text !== undefined) return whole;
    // A name or function that merely ends like a reference ("LOG10", "Q1Total") is not one.
    if (at > 0 && /[\w.]/.test(all[at - 1])) return whole;
    const c = columnIndex(col.toUpperCase());
    if (c === undefined) return whole;
    const newCol = colAnchor ? c : c + dc;
    const newRow = rowAnchor ? Number(row) : Number(row) + dr;
    if (newCol < 1 || newRow < 1 || newCol > MAX_COLUMNS || newRow > MAX_ROWS) return `${sheet ?? ""}#REF!`;
    return `${sheet ?? ""}${colAnchor}${columnLetter(newCol)}${rowAnchor}${newRow}`;
  });
}
