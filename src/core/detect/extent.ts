/**
 * Where a register's records end. Walks down from the header: blank rows and
 * rows that hold only an id (pre-numbered placeholders) do not extend it; a
 * total row ("Total…", or SUMs over the rows above) ends it; after two or more
 * blank rows, a block of another shape (a legend, a status key) ends it.
 * Records merged over two rows count as one record.
 */
import { parseRange } from "../grid/address";
import { bottomRow, formulaAt, hasContent, mergeAt, valueAt, type SheetCells } from "./sheet-cells";

export interface Extent {
  firstRow: number;
  lastRow: number;
  blankRows: number[];
  idOnlyRows: number[];
  notes: string[];
}

export interface ExtentInput {
  headerRow: number;
  firstCol: number;
  lastCol: number;
  /** Column of the id field, when mapped. */
  idCol?: number;
  /** Stop here at the latest (an Excel table's last body row). */
  maxRow?: number;
}

const TOTAL_LABEL = /^\s*(?:grand\s+)?(?:total|totals|sum|subtotal|итого|всего)\b/i;
const INSTRUCTION = /\b(?:enter|assign|select|choose|from|place|describe|optional|e\.g\.|for example|if any|type here|fill in)\b|^\(.*\)$/i;

function ranges(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    parts.push(i === j ? `${rows[i]}` : `${rows[i]}-${rows[j]}`);
    i = j;
  }
  return parts.join(", ");
}

/** A row under the header that tells people what to type, not a record. */
function isInstructionRow(cells: SheetCells, row: number, input: ExtentInput): boolean {
  let texts = 0;
  let instructions = 0;
  let other = 0;
  for (let c = input.firstCol; c <= input.lastCol; c++) {
    const v = valueAt(cells, row, c);
    if (!hasContent(v)) continue;
    if (typeof v === "string") {
      texts++;
      if (INSTRUCTION.test(v)) instructions++;
    } else other++;
  }
  return texts >= 3 && other === 0 && instructions * 2 >= texts;
}

/** A SUM/SUBTOTAL over rows above in the same column: the row totals the register. */
function sumsAbove(formula: string | null, row: number): boolean {
  if (!formula) return false;
  const m = /^=?\s*(?:SUM|SUBTOTAL|AVERAGE|COUNTA?)\s*\(\s*(?:\d+\s*,\s*)?\$?([A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)\s*\)\s*$/i.exec(formula);
  if (!m) return false;
  const r = parseRange(m[1].replace(/\$/g, ""));
  return !!r && r.bottom < row && r.left === r.right;
}

interface RowShape {
  kind: "blank" | "idOnly" | "total" | "continuation" | "data";
  filledCols: number[];
}

function rowShape(cells: SheetCells, row: number, input: ExtentInput, dataRows: number[]): RowShape {
  const filledCols: number[] = [];
  let typed = 0;
  let formulas = 0;
  let sums = 0;
  let covered = 0;
  let firstText: string | null = null;
  for (let c = input.firstCol; c <= input.lastCol; c++) {
    const m = mergeAt(cells, row, c);
    if (m && m.top < row) {
      if (dataRows.includes(m.top) || (m.top > input.headerRow && dataRows.some((d) => d >= m.top))) covered++;
      continue;
    }
    if (m && m.left < c) continue;
    const v = valueAt(cells, row, c);
    const f = formulaAt(cells, row, c);
    if (f) {
      formulas++;
      if (sumsAbove(f, row)) sums++;
    }
    if (!hasContent(v)) continue;
    if (firstText === null && typeof v === "string") firstText = v;
    filledCols.push(c);
    if (!f) typed++;
  }
  if (firstText !== null && TOTAL_LABEL.test(firstText)) return { kind: "total", filledCols };
  if (sums > 0 && sums * 2 >= formulas) return { kind: "total", filledCols };
  if (covered > 0 && typed <= 2) return { kind: "continuation", filledCols };
  const typedCols = filledCols.filter((c) => !formulaAt(cells, row, c));
  if (typedCols.length === 0) return { kind: filledCols.length ? "idOnly" : "blank", filledCols };
  if (typedCols.length === 1 && (typedCols[0] === input.idCol || typedCols[0] === input.firstCol) && (input.lastCol - input.firstCol) >= 2) {
    return { kind: "idOnly", filledCols };
  }
  return { kind: "data", filledCols };
}

/** After a gap: does this row look like the records above it? */
function sameShape(shape: RowShape, fillCounts: Map<number, number>, dataCount: number, input: ExtentInput): boolean {
  const width = input.lastCol - input.firstCol + 1;
  if (dataCount === 0) return shape.filledCols.length * 2 >= width;
  const common = [...fillCounts.entries()].filter(([, n]) => n * 2 >= dataCount).map(([c]) => c);
  if (!common.length) return false;
  const hit = common.filter((c) => shape.filledCols.includes(c)).length;
  return hit / common.length >= 0.6;
}

export function measureExtent(cells: SheetCells, input: ExtentInput): Extent {
  const notes: string[] = [];
  let firstRow = input.headerRow + 1;
  if (firstRow <= bottomRow(cells) && isInstructionRow(cells, firstRow, input)) {
    notes.push(`row ${firstRow} holds instructions for each column, not a record`);
    firstRow++;
  }
  const end = Math.min(bottomRow(cells), input.maxRow ?? Number.POSITIVE_INFINITY);
  const dataRows: number[] = [];
  const fillCounts = new Map<number, number>();
  const blankRows: number[] = [];
  const idOnlyRows: number[] = [];
  let lastRow = firstRow - 1;
  let gap = 0;
  for (let row = firstRow; row <= end; row++) {
    const shape = rowShape(cells, row, input, dataRows);
    if (shape.kind === "total") {
      notes.push(`total row at ${row} kept outside the register`);
      break;
    }
    if (shape.kind === "blank" || shape.kind === "idOnly") {
      (shape.kind === "blank" ? blankRows : idOnlyRows).push(row);
      gap++;
      continue;
    }
    if (shape.kind === "continuation") {
      lastRow = row;
      continue;
    }
    if (gap >= 2 && input.maxRow === undefined && !sameShape(shape, fillCounts, dataRows.length, input)) {
      notes.push(`block at row ${row} (after ${gap} blank rows) has another shape; kept outside the register`);
      break;
    }
    gap = 0;
    dataRows.push(row);
    for (const c of shape.filledCols) fillCounts.set(c, (fillCounts.get(c) ?? 0) + 1);
    lastRow = row;
    // A record merged over several rows ends where its merges end.
    for (let c = input.firstCol; c <= input.lastCol; c++) {
      const m = mergeAt(cells, row, c);
      if (m && m.top === row && m.bottom > lastRow) lastRow = m.bottom;
    }
  }
  const inside = (r: number) => r > firstRow - 1 && r < lastRow;
  const blankInside = blankRows.filter(inside);
  const idInside = idOnlyRows.filter(inside);
  const idAfter = idOnlyRows.filter((r) => r > lastRow);
  if (blankInside.length) notes.push(`blank row(s) ${ranges(blankInside)} inside the register`);
  if (idInside.length) notes.push(`rows ${ranges(idInside)} hold only an ID`);
  if (idAfter.length) notes.push(`rows ${ranges(idAfter)} hold only an ID (placeholders; not counted as records)`);
  const tallRecords = dataRows.filter((r) => {
    let tall = 0;
    let filled = 0;
    for (let c = input.firstCol; c <= input.lastCol; c++) {
      const m = mergeAt(cells, r, c);
      if (m && m.left < c) continue;
      if (!hasContent(valueAt(cells, r, c))) continue;
      filled++;
      if (m && m.top === r && m.bottom > r) tall++;
    }
    return filled > 0 && tall * 2 >= filled;
  });
  if (tallRecords.length && tallRecords.length * 2 >= dataRows.length) notes.push("records span more than one row (vertical merges)");
  if (lastRow < firstRow) notes.push("no records below the header yet");
  return { firstRow, lastRow, blankRows, idOnlyRows, notes };
}
