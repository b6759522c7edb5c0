/**
 * Where a person points: they selected a cell of a register detection missed
 * (its header, or any record under it), and want the header row it belongs
 * to. The cell's block is the run of non-blank rows around it, over the
 * columns its row fills; its header is the first row of that block that
 * reads as one (two or more labels over most of the block's width,
 * no numbers or dates), so a title above it or a record below it is passed
 * over. Group rows (a label merged across columns over a row of labels) give
 * way to the row under them.
 */
import { isBlank } from "../grid/cell";
import { bottomRow, hasContent, headerTextOf, isDateCell, mergeAt, rightColumn, shownValue, type SheetCells } from "./sheet-cells";

export interface PointedHeader {
  headerRow: number;
  /** A column of the block, for telling blocks side by side apart. */
  column: number;
}

/** Empty cells a record may have between filled ones and still be one block. */
const GAP = 1;

function filled(cells: SheetCells, row: number, col: number): boolean {
  return hasContent(shownValue(cells, row, col));
}

/** The columns the cell's row fills around it (gaps of one empty cell allowed), or null when the row is empty there. */
function spanAround(cells: SheetCells, row: number, col: number): { left: number; right: number } | null {
  const right = rightColumn(cells);
  let nearest = -1;
  for (let d = 0; d <= GAP && nearest < 0; d++) {
    if (col - d >= cells.left && filled(cells, row, col - d)) nearest = col - d;
    else if (col + d <= right && filled(cells, row, col + d)) nearest = col + d;
  }
  if (nearest < 0) return null;
  let left = nearest;
  for (let c = nearest - 1; c >= cells.left && c >= left - GAP - 1; c--) if (filled(cells, row, c)) left = c;
  let end = nearest;
  for (let c = nearest + 1; c <= right && c <= end + GAP + 1; c++) if (filled(cells, row, c)) end = c;
  return { left, right: end };
}

function rowFilled(cells: SheetCells, row: number, left: number, right: number): number {
  let n = 0;
  for (let c = left; c <= right; c++) if (filled(cells, row, c)) n++;
  return n;
}

interface RowReading {
  labels: number;
  /** A label merged across columns (a group over the columns below it). */
  grouped: boolean;
  headerLike: boolean;
}

function readRow(cells: SheetCells, row: number, left: number, right: number, width: number): RowReading {
  let labels = 0;
  let other = 0;
  let grouped = false;
  for (let c = left; c <= right; c++) {
    const m = mergeAt(cells, row, c);
    if (m && (m.left !== c || m.top !== row)) continue;
    const v = shownValue(cells, row, c);
    if (isBlank(v)) continue;
    const text = headerTextOf(v);
    if (!text || isDateCell(cells, row, c) || text.length > 160) {
      other++;
      continue;
    }
    if (m && m.right > m.left) grouped = true;
    labels++;
  }
  return { labels, grouped, headerLike: other === 0 && labels >= 2 && labels >= Math.ceil(width * 0.6) };
}

/**
 * The header row of the block holding the cell at (row, col) of `cells`
 * (which must cover the rows above it); the cell's own row when no row of its
 * block reads as a header; null when the cell's row is empty around it.
 */
export function headerRowAt(cells: SheetCells, row: number, col: number): PointedHeader | null {
  if (row < cells.top || row > bottomRow(cells)) return null;
  const span = spanAround(cells, row, col);
  if (!span) return null;
  let top = row;
  while (top - 1 >= cells.top && rowFilled(cells, top - 1, span.left, span.right) > 0) top--;
  let width = 0;
  for (let r = top; r <= row; r++) width = Math.max(width, rowFilled(cells, r, span.left, span.right));
  const column = Math.max(span.left, Math.min(col, span.right));
  for (let r = top; r <= row; r++) {
    const reading = readRow(cells, r, span.left, span.right, width);
    if (!reading.headerLike) continue;
    // A group row gives way to the row of labels under it.
    if (reading.grouped && r < row && readRow(cells, r + 1, span.left, span.right, width).headerLike) continue;
    return { headerRow: r, column };
  }
  return { headerRow: row, column };
}
