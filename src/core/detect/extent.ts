/**
 * Where a register's records end. Walks down from the header: blank rows and
 * rows that hold only an id (pre-numbered placeholders) do not extend it; a
 * total row ("Total…", or SUMs over the rows above) ends it; after two or more
 * blank rows, a block of another shape (a legend, a status key) ends it.
 * Records merged over two rows count as one record.
 */
import { singleSpaced } from "../spaces";
import { parseRange } from "../grid/address";
import { bottomRow, hasContent, isDateCell, mergeAt, valueAt, type SheetCells } from "./sheet-cells";

export interface Extent {
  firstRow: number;
  lastRow: number;
  blankRows: number[];
  idOnlyRows: number[];
  /** Rows inside the register that repeat its header (one block per group, as in a budget by department). */
  repeatedHeaderRows: number[];
  /** Subtotal rows between such blocks. */
  subtotalRows: number[];
  /** Why where the register ends is a judgement a person should check (empty when it is clear). */
  doubts: string[];
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
  /**
   * Rows known to be plain records (see plain-rows.ts) whose cells were not
   * read: they are counted as records without looking at them. Should the
   * measure need to look (a gap after them asks what the records above
   * held), it throws RowsNotRead and the caller reads them.
   */
  plainRows?: { top: number; bottom: number };
}

/** measureExtent needed the cells of rows it was told were plain and not given: read them and measure again. */
export class RowsNotRead extends Error {
  constructor(readonly rows: { top: number; bottom: number }) {
    super(`rows ${rows.top}-${rows.bottom} were not read`);
    this.name = "RowsNotRead";
  }
}

export const TOTAL_LABEL = /^\s*(?:grand\s+)?(?:total|totals|sum|subtotal|итого|всего)\b/i;
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
export function sumsAbove(formula: string | null, row: number): boolean {
  if (!formula) return false;
  const m = /^=?\s*(?:SUM|SUBTOTAL|AVERAGE|COUNTA?)\s*\(\s*(?:\d+\s*,\s*)?\$?([A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)\s*\)\s*$/i.exec(formula);
  if (!m) return false;
  const r = parseRange(m[1].replace(/\$/g, ""));
  return !!r && r.bottom < row && r.left === r.right;
}

interface RowShape {
  kind: "blank" | "idOnly" | "total" | "continuation" | "data";
  filledCols: readonly number[];
}

/**
 * A row's filled columns are gathered here and copied out at their size
 * (nothing for a blank row): this runs for every row of every register, and
 * arrays grown a push at a time were mostly empty. Only rowShape uses it,
 * and it calls nothing that calls it.
 */
const filledScratch: number[] = [];
const NO_COLUMNS: readonly number[] = Object.freeze([]);

function rowShape(cells: SheetCells, row: number, input: ExtentInput, dataRows: number[]): RowShape {
  let filled = 0;
  // Of the filled cells, those typed in rather than computed: only how many, and the first, are asked.
  let typed = 0;
  let firstTyped = 0;
  let formulas = 0;
  let sums = 0;
  let covered = 0;
  let firstText: string | null = null;
  // The row's arrays once, not a lookup per cell: this runs for every row of a register.
  const values = cells.values[row - cells.top];
  const rowFormulas = cells.formulas?.[row - cells.top];
  const merged = cells.merges.length > 0;
  for (let c = input.firstCol; c <= input.lastCol; c++) {
    if (merged) {
      const m = mergeAt(cells, row, c);
      if (m && m.top < row) {
        if (dataRows.includes(m.top) || (m.top > input.headerRow && dataRows.some((d) => d >= m.top))) covered++;
        continue;
      }
      if (m && m.left < c) continue;
    }
    const v = values?.[c - cells.left] ?? null;
    const f = rowFormulas?.[c - cells.left] ?? null;
    if (f) {
      formulas++;
      if (sumsAbove(f, row)) sums++;
    }
    if (!hasContent(v)) continue;
    if (firstText === null && typeof v === "string") firstText = v;
    filledScratch[filled++] = c;
    if (!f && typed++ === 0) firstTyped = c;
  }
  const filledCols = filled ? filledScratch.slice(0, filled) : NO_COLUMNS;
  if (firstText !== null && TOTAL_LABEL.test(firstText)) return { kind: "total", filledCols };
  if (sums > 0 && sums * 2 >= formulas) return { kind: "total", filledCols };
  if (covered > 0 && typed <= 2) return { kind: "continuation", filledCols };
  if (typed === 0) return { kind: filled ? "idOnly" : "blank", filledCols };
  if (typed === 1 && (firstTyped === input.idCol || firstTyped === input.firstCol) && (input.lastCol - input.firstCol) >= 2) {
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

type ValueClass = "number" | "date" | "id" | "text" | "other";

const ID_TEXT = /^[A-Za-zА-Яа-я]{1,8}[-_ ./]?\d{1,6}[A-Za-z]?$/;

function classOf(cells: SheetCells, row: number, col: number): ValueClass | null {
  const v = valueAt(cells, row, col);
  if (!hasContent(v)) return null;
  if (typeof v === "number") return isDateCell(cells, row, col) ? "date" : "number";
  if (typeof v === "string") {
    const t = v.trim();
    // Numbers typed as text are numbers to a reader; "R004" and 4 are both ids.
    if (/^-?[\d.,]+\s*%?$/.test(t)) return "number";
    return ID_TEXT.test(t) ? "id" : "text";
  }
  return "other";
}

function isIdLike(k: ValueClass): boolean {
  return k === "id" || k === "number";
}

/**
 * What the records above hold in each column: the kinds of value (numbers,
 * dates, ids, text). Counted only when asked (after a gap), from the records
 * not counted yet: a register without gaps never classifies its cells.
 */
class ColumnKinds {
  private classes = new Map<number, Map<ValueClass, number>>();
  private rows = 0;
  /** Records not counted yet: their rows, and each one's filled columns (two lists, not an object a record). */
  private readonly waitingRows: number[] = [];
  private readonly waitingCols: (readonly number[])[] = [];
  /** Plain rows counted as records without their cells read. */
  unread: { top: number; bottom: number } | null = null;

  add(_cells: SheetCells, row: number, cols: readonly number[]): void {
    this.rows++;
    this.waitingRows.push(row);
    this.waitingCols.push(cols);
  }

  addUnread(rows: { top: number; bottom: number }): void {
    this.rows += rows.bottom - rows.top + 1;
    this.unread = rows;
  }

  private count(cells: SheetCells): void {
    if (this.unread) throw new RowsNotRead(this.unread);
    for (let i = 0; i < this.waitingRows.length; i++) {
      const row = this.waitingRows[i];
      for (const c of this.waitingCols[i]) {
        const k = classOf(cells, row, c);
        if (!k) continue;
        const m = this.classes.get(c) ?? this.classes.set(c, new Map()).get(c)!;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
    }
    this.waitingRows.length = 0;
    this.waitingCols.length = 0;
  }

  /** Every record so far has an id of one shape, and this row has none of that shape: it is not a record. */
  lacksId(cells: SheetCells, row: number, idCol: number | undefined): boolean {
    if (idCol === undefined || this.rows < 2) return false;
    this.count(cells);
    const seen = this.classes.get(idCol);
    if (!seen) return false;
    const [main, n] = [...seen.entries()].sort((a, b) => b[1] - a[1])[0];
    if (n < this.rows * 0.9 || main === "text") return false;
    const here = classOf(cells, row, idCol);
    // Ids may be numbers in some rows and "R004" in others; a label or nothing is no id.
    return here === null || (here === "text" && isIdLike(main));
  }

  /** Share of the row's comparable cells that hold what their column held above; null when nothing compares. */
  agreement(cells: SheetCells, row: number, cols: readonly number[]): number | null {
    this.count(cells);
    let compared = 0;
    let agree = 0;
    for (const c of cols) {
      const k = classOf(cells, row, c);
      const seen = this.classes.get(c);
      if (!k || !seen) continue;
      const total = [...seen.values()].reduce((a, b) => a + b, 0);
      const [main, n] = [...seen.entries()].sort((a, b) => b[1] - a[1])[0];
      if (total < 2 || n / total < 0.6) continue;
      compared++;
      if (k === main || (isIdLike(k) && isIdLike(main))) agree++;
    }
    return compared >= 2 ? agree / compared : null;
  }
}

/** A row that says again what the header row says (the header of the next block of the same register). */
function repeatsHeader(cells: SheetCells, row: number, input: ExtentInput, header: HeaderTexts): boolean {
  let same = 0;
  const values = cells.values[row - cells.top];
  for (let c = input.firstCol; c <= input.lastCol; c++) {
    const v = values?.[c - cells.left];
    const h = header[c - input.firstCol];
    // A non-empty header text equal to the cell's: the cell has content.
    if (typeof v === "string" && h && mayRead(v, h) && comparableText(v) === h) same++;
  }
  // Most rows repeat no header text at all: only a row that does has its filled cells counted.
  if (same < 2) return false;
  let filled = 0;
  for (let c = input.firstCol; c <= input.lastCol; c++) if (hasContent(values?.[c - cells.left] ?? null)) filled++;
  return same * 10 >= filled * 6;
}

/** The header row's texts as compared with each row below (null where the header cell holds no text). */
type HeaderTexts = (string | null)[];

export function comparableText(text: string): string {
  return singleSpaced(text).toLowerCase();
}

/**
 * Whether `v` can read as header text `h`, from its first character alone:
 * most rows differ there, and lower-casing every text cell of every row to
 * find out was the larger part of measuring a long register. Only a plain
 * ASCII first character is judged; anything else is compared in full.
 */
function mayRead(v: string, h: string): boolean {
  const c = v.charCodeAt(0);
  if (c <= 32 || c >= 127) return true;
  return h.charCodeAt(0) === (c >= 65 && c <= 90 ? c + 32 : c);
}

/** Read once per register: every row below is compared with the same header. */
function headerTexts(cells: SheetCells, input: ExtentInput): HeaderTexts {
  const out: HeaderTexts = [];
  for (let c = input.firstCol; c <= input.lastCol; c++) {
    const h = valueAt(cells, input.headerRow, c);
    out.push(typeof h === "string" ? comparableText(h) : null);
  }
  return out;
}

/** After a subtotal: does the register go on (blank or label rows, then its header again)? Returns that header row. */
function nextBlockHeader(cells: SheetCells, after: number, end: number, input: ExtentInput, header: HeaderTexts): number | null {
  for (let r = after + 1; r <= Math.min(end, after + 4); r++) {
    if (repeatsHeader(cells, r, input, header)) return r;
    let filled = 0;
    for (let c = input.firstCol; c <= input.lastCol; c++) if (hasContent(valueAt(cells, r, c))) filled++;
    if (filled > 1) return null;
  }
  return null;
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
  /** The filled columns of each record, in order; the first `counted` are in fillCounts. */
  const recordCols: (readonly number[])[] = [];
  let counted = 0;
  const blankRows: number[] = [];
  const idOnlyRows: number[] = [];
  const repeatedHeaderRows: number[] = [];
  const subtotalRows: number[] = [];
  const doubts: string[] = [];
  const kinds = new ColumnKinds();
  const header = headerTexts(cells, input);
  let lastRow = firstRow - 1;
  let gap = 0;
  /** Whether records unread are among those fillCounts should count. */
  let fillUnread = false;
  const shapeOf = (shape: RowShape) => {
    if (fillUnread) throw new RowsNotRead(plain as { top: number; bottom: number });
    // Counted only when asked (after a gap), from the records not counted yet.
    for (; counted < recordCols.length; counted++) for (const c of recordCols[counted]) fillCounts.set(c, (fillCounts.get(c) ?? 0) + 1);
    return sameShape(shape, fillCounts, dataRows.length, input);
  };
  const plain = input.plainRows ?? cells.plainRows;
  for (let row = firstRow; row <= end; row++) {
    if (plain && row === plain.top) {
      // Counted as records unread only straight after a record: after a gap the first of them would be compared with the records above.
      if (gap > 0 || !dataRows.length) throw new RowsNotRead(plain);
      const bottom = Math.min(plain.bottom, end);
      for (let r = plain.top; r <= bottom; r++) dataRows.push(r);
      kinds.addUnread(plain);
      fillUnread = true;
      lastRow = bottom;
      row = bottom;
      continue;
    }
    if (input.maxRow === undefined && dataRows.length && repeatsHeader(cells, row, input, header)) {
      repeatedHeaderRows.push(row);
      gap = 0;
      continue;
    }
    const shape = rowShape(cells, row, input, dataRows);
    if (shape.kind === "total") {
      const next = input.maxRow === undefined ? nextBlockHeader(cells, row, end, input, header) : null;
      if (next !== null) {
        subtotalRows.push(row);
        repeatedHeaderRows.push(next);
        row = next;
        gap = 0;
        continue;
      }
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
    if (gap >= 1 && input.maxRow === undefined && dataRows.length >= 2) {
      const agreement = dataRows.length >= 3 ? kinds.agreement(cells, row, shape.filledCols) : null;
      const shaped = shapeOf(shape);
      const other = kinds.lacksId(cells, row, input.idCol) || (agreement !== null ? agreement < 0.65 || (gap >= 2 && !shaped) : gap >= 2 && !shaped);
      if (other) {
        notes.push(`block at row ${row} (after ${gap} blank row${gap === 1 ? "" : "s"}) holds other kinds of values; kept outside the register`);
        if (agreement !== null && agreement >= 0.45) doubts.push(`rows from ${row} on might belong to the register too`);
        break;
      }
      if (agreement !== null && agreement < 0.8) doubts.push(`rows from ${row} (after a blank row) differ somewhat from the records above; check where the register ends`);
    } else if (gap >= 2 && input.maxRow === undefined && !shapeOf(shape)) {
      notes.push(`block at row ${row} (after ${gap} blank rows) has another shape; kept outside the register`);
      break;
    }
    gap = 0;
    dataRows.push(row);
    kinds.add(cells, row, shape.filledCols);
    recordCols.push(shape.filledCols);
    lastRow = row;
    // A record merged over several rows ends where its merges end.
    if (cells.merges.length) for (let c = input.firstCol; c <= input.lastCol; c++) {
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
  // Without merged cells no record is taller than a row.
  const tallRecords = !cells.merges.length ? [] : dataRows.filter((r) => {
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
  const repeats = repeatedHeaderRows.filter((r) => r < lastRow);
  const subtotals = subtotalRows.filter((r) => r < lastRow);
  if (repeats.length) {
    notes.push(`the header repeats at row${repeats.length === 1 ? "" : "s"} ${ranges(repeats)}${subtotals.length ? `, with subtotal row${subtotals.length === 1 ? "" : "s"} ${ranges(subtotals)} between the blocks` : ""}`);
  }
  return { firstRow, lastRow, blankRows, idOnlyRows, repeatedHeaderRows: repeats, subtotalRows: subtotals, doubts, notes };
}
