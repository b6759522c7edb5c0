/**
 * The cells of a sheet part, read in one forward pass over its rows with
 * indexOf and character codes (no regular expression per cell, no text cut
 * out per cell but the value's own), into a column store: typed arrays for
 * column, style, kind and number, the shared-string index kept as a number,
 * and side maps only for the few cells that hold anything else (inline text,
 * errors, formulas). A part can be fed in pieces that each end after a whole
 * row, so a sheet is read as it inflates and its text is never held whole.
 */
import { formatCell, parseRange, type RangeAddress } from "../../core/grid/address";
import { dateToSerial, type CellValue } from "../../core/grid/cell";
import { decodeEntities } from "./mini-xml";
import { slideFormula } from "./package/shared-formula";
import { decodeXstring } from "./package/xstring";

const EMPTY = 0;
const NUMBER = 1;
const SHARED = 2;
const BOOLEAN = 3;
const OTHER = 4;

/** Text of <t> elements, leaving out phonetic runs (<rPh>), each with its _xHHHH_ escapes decoded, as ExcelJS reads them. */
export function textOf(xml: string): string {
  const plain = xml.includes("rPh") ? xml.replace(/<([\w.-]+:)?rPh\b[\s\S]*?<\/([\w.-]+:)?rPh>/g, "") : xml;
  let out = "";
  const re = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?t>/g;
  for (let m = re.exec(plain); m; m = re.exec(plain)) out += decodeXstring(xmlText(m[1]));
  return out;
}

/** Element text as an XML parser hands it over: line ends normalised (XML 1.0 §2.11), entities decoded. */
export function xmlText(s: string): string {
  return decodeEntities(s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s);
}

/** Strings by their index in the workbook's list: what shared-string cells are read from (see shared-string-table.ts). */
export interface StringList {
  /** The string at `index`, or undefined for an index the list does not hold. */
  get(index: number): string | undefined;
}

function stringListOf(strings: readonly string[]): StringList {
  return { get: (index) => strings[index] };
}

const INITIAL_CELLS = 256;

/** A number (8 bytes), a column and a style (4 each) and a kind (1). */
const BYTES_PER_CELL = 17;

export class CellStore {
  /** Row numbers in part order, and the index of each row's first cell (one more entry: the end). */
  private readonly rowNumbers: number[] = [];
  private readonly rowStarts: number[] = [0];
  private readonly rowAt = new Map<number, number>();
  private size = 0;
  // Room for a small sheet's cells, doubled as needed: most sheets a rollup reads hold a few hundred cells, and room
  // for thousands in each of the hundreds of sheets it reads was most of what the collector had to clear.
  // The four columns share one buffer: allocating a typed array's memory costs several times making a view on it.
  private nums!: Float64Array;
  private cols!: Int32Array;
  private styles!: Int32Array;
  private kinds!: Uint8Array;
  private readonly others = new Map<number, CellValue>();
  private readonly formulas = new Map<number, string>();
  /** Array formulas and data tables: the cell that holds each one's formula and the area it fills. */
  readonly groups: { kind: "array formula" | "data table"; anchor: string; range: RangeAddress }[] = [];

  private readonly strings: StringList;

  constructor(strings: readonly string[] | StringList) {
    this.strings = Array.isArray(strings) ? stringListOf(strings) : (strings as StringList);
    this.allocate(INITIAL_CELLS);
  }

  /** Room for `n` cells in each column (what was there before is for the caller to copy). */
  private allocate(n: number): void {
    const buffer = new ArrayBuffer(n * BYTES_PER_CELL);
    this.nums = new Float64Array(buffer, 0, n);
    this.cols = new Int32Array(buffer, n * 8, n);
    this.styles = new Int32Array(buffer, n * 12, n);
    this.kinds = new Uint8Array(buffer, n * 16, n);
  }

  /** Cell indexes [start, end) of a sheet row; empty when the part has no cells in it. */
  cellsOf(row: number): [number, number] {
    const i = this.rowAt.get(row);
    return i === undefined ? [0, 0] : [this.rowStarts[i], this.rowStarts[i + 1]];
  }

  rows(): readonly number[] {
    return this.rowNumbers;
  }

  column(i: number): number {
    return this.cols[i];
  }

  style(i: number): number {
    return this.styles[i];
  }

  value(i: number): CellValue {
    switch (this.kinds[i]) {
      case NUMBER:
        return this.nums[i];
      case SHARED:
        return this.strings.get(this.nums[i]) ?? null;
      case BOOLEAN:
        return this.nums[i] === 1;
      case OTHER:
        return this.others.get(i) ?? null;
      default:
        return null;
    }
  }

  /** Whether the cell holds something: a value other than "", or a formula (numbers and booleans need no look at the value). */
  holds(i: number): boolean {
    const kind = this.kinds[i];
    if (kind === NUMBER || kind === BOOLEAN) return true;
    const v = kind === EMPTY ? null : this.value(i);
    return (v !== null && v !== "") || this.formula(i) !== null;
  }

  formula(i: number): string | null {
    // Most registers hold no formula at all: no lookup per cell then.
    return this.formulas.size === 0 ? null : (this.formulas.get(i) ?? null);
  }

  /** A merged area's other cells show nothing: their value belongs to the top-left cell. */
  clear(i: number): void {
    this.kinds[i] = EMPTY;
    this.others.delete(i);
    this.formulas.delete(i);
  }

  beginRow(row: number): void {
    this.rowNumbers.push(row);
    this.rowStarts.push(this.size);
  }

  /** Ends the row begun last; a row with no cells is forgotten. */
  endRow(): void {
    const i = this.rowNumbers.length - 1;
    if (this.size === this.rowStarts[i]) {
      this.rowNumbers.pop();
      this.rowStarts.pop();
      return;
    }
    this.rowStarts[i + 1] = this.size;
    // A row written twice: the later one is what a reader sees, as before.
    this.rowAt.set(this.rowNumbers[i], i);
  }

  push(col: number, style: number, kind: number, num: number, other?: CellValue, formula?: string | null): void {
    if (this.size === this.cols.length) this.grow();
    const i = this.size++;
    this.cols[i] = col;
    this.styles[i] = style;
    this.kinds[i] = kind;
    this.nums[i] = num;
    if (kind === OTHER) this.others.set(i, other ?? null);
    if (formula) this.formulas.set(i, formula);
  }

  private grow(): void {
    const { nums, cols, styles, kinds } = this;
    this.allocate(cols.length * 2);
    this.nums.set(nums);
    this.cols.set(cols);
    this.styles.set(styles);
    this.kinds.set(kinds);
  }

}

export const isDelimiter = (code: number) => code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13; // space > / tab LF CR
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

function skipSpace(xml: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(xml.charCodeAt(i))) i++;
  return i;
}

/** The attributes of a start tag xml[from, gt) that a cell or row read needs, by their one-letter names. */
interface Attrs {
  r: number;
  s: number;
  t: string;
  /** Where the r attribute's value starts and ends (cell refs are read from the text in place). */
  rStart: number;
  rEnd: number;
}

/** The cell type written with this one letter, by its character code: read without cutting a string out of the part per cell. */
function oneLetterType(code: number): string | undefined {
  switch (code) {
    case 115:
      return "s";
    case 110:
      return "n";
    case 98:
      return "b";
    case 100:
      return "d";
    case 101:
      return "e";
    default:
      return undefined;
  }
}

/** The number written at xml[from, to): a plain whole number of up to 15 digits (exact in a double) read in place, anything else by Number. */
function numberAt(xml: string, from: number, to: number): number {
  return (to - from <= 15 ? integerAt(xml, from, to) : undefined) ?? Number(xml.slice(from, to));
}

/** The attributes' values where a tag writes none. */
function resetAttrs(out: Attrs): void {
  out.r = -1;
  out.s = 0;
  out.t = "n";
  out.rStart = out.rEnd = -1;
}

function readAttrs(xml: string, from: number, gt: number, out: Attrs): void {
  resetAttrs(out);
  let i = from;
  while (i < gt) {
    const c = xml.charCodeAt(i);
    if (isSpace(c) || c === 47) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < gt && xml.charCodeAt(i) !== 61 && !isSpace(xml.charCodeAt(i))) i++; // up to '='
    const nameEnd = i;
    while (i < gt && xml.charCodeAt(i) !== 34 && xml.charCodeAt(i) !== 39) i++; // to the opening quote
    const quote = xml.charCodeAt(i);
    const valueStart = i + 1;
    const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", valueStart);
    if (valueEnd < 0 || valueEnd > gt) return;
    i = valueEnd + 1;
    if (nameEnd - nameStart !== 1) continue;
    const name = xml.charCodeAt(nameStart);
    if (name === 114) {
      out.rStart = valueStart;
      out.rEnd = valueEnd;
    } else if (name === 115) out.s = integerAt(xml, valueStart, valueEnd) ?? (Number(xml.slice(valueStart, valueEnd)) || 0);
    else if (name === 116) out.t = (valueEnd - valueStart === 1 && oneLetterType(xml.charCodeAt(valueStart))) || xml.slice(valueStart, valueEnd);
  }
}

/**
 * A cell's attributes as writers mostly write them, read from just after
 * the tag's name: each a one-letter name, "=" and a double-quoted value, one
 * space before each, then ">" or "/>". Where the tag's ">" is; -1 (what was
 * read then is to be read again by readAttrs) at the first thing written
 * otherwise, or a value holding ">", or nothing closing before `to`.
 */
function plainAttrs(xml: string, from: number, to: number, out: Attrs): number {
  resetAttrs(out);
  let i = from;
  while (i < to) {
    const c = xml.charCodeAt(i);
    if (c === 62) return i;
    if (c === 47) return xml.charCodeAt(i + 1) === 62 && i + 1 < to ? i + 1 : -1;
    if (c !== 32 || xml.charCodeAt(i + 2) !== 61 || xml.charCodeAt(i + 3) !== 34) return -1;
    const name = xml.charCodeAt(i + 1);
    const valueStart = i + 4;
    // Values here are a few characters: read along rather than searched for.
    let valueEnd = valueStart;
    for (let code = xml.charCodeAt(valueEnd); code !== 34; code = xml.charCodeAt(++valueEnd)) if (code === 62 || valueEnd >= to) return -1;
    if (name === 114) {
      out.rStart = valueStart;
      out.rEnd = valueEnd;
    } else if (name === 115) {
      const style = integerAt(xml, valueStart, valueEnd);
      if (style === undefined) return -1;
      out.s = style;
    } else if (name === 116) {
      const type = valueEnd - valueStart === 1 ? oneLetterType(xml.charCodeAt(valueStart)) : undefined;
      if (type === undefined) return -1;
      out.t = type;
    }
    i = valueEnd + 1;
  }
  return -1;
}

/** Where the next "<" is in xml[from, to), or -1: read along, for the short texts of a cell's value. */
function nextTagAt(xml: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (xml.charCodeAt(i) === 60) return i;
  return -1;
}

/**
 * The number of a row whose tag, read from just after its name, begins with
 * r="digits" and names no other r; undefined otherwise (readAttrs reads it then).
 */
function rowNumberFirst(xml: string, from: number, gt: number): number | undefined {
  if (xml.charCodeAt(from) !== 32 || xml.charCodeAt(from + 1) !== 114 || xml.charCodeAt(from + 2) !== 61 || xml.charCodeAt(from + 3) !== 34) return undefined;
  let end = from + 4;
  while (end < gt && xml.charCodeAt(end) !== 34) end++;
  if (end >= gt) return undefined;
  // Another attribute named r (not well-formed, but readAttrs would take the last): left to readAttrs.
  for (let i = end + 1; i < gt; i++) if (xml.charCodeAt(i) === 114 && isSpace(xml.charCodeAt(i - 1))) return undefined;
  return integerAt(xml, from + 4, end);
}

/** The column of a cell reference written at xml[from, to) ("BC12" → 55), or undefined when it is not one. */
function columnAt(xml: string, from: number, to: number): number | undefined {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col > 0 && i > from && i < to ? col : undefined;
}

/** The number written at xml[from, to) when it is a plain row number. */
function integerAt(xml: string, from: number, to: number): number | undefined {
  if (from >= to) return undefined;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}

/** Whether `word` is written at xml[at]: compared code by code, which costs far less per call than startsWith (the scanner asks a few times per cell). */
export function hasAt(xml: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (xml.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** Where the next start tag `open` ("<row", "<c") in xml[from, to) begins, or -1 ("<c" is not "<col"). */
export function startTagAt(xml: string, open: string, from: number, to: number): number {
  for (let i = from; ; ) {
    const at = xml.indexOf(open, i);
    if (at < 0 || at >= to) return -1;
    const after = at + open.length;
    if (isDelimiter(xml.charCodeAt(after))) return at;
    i = after;
  }
}

/** Where the attributes of the next start tag `open` in xml[from, to) begin, or -1. */
function startTagAfter(xml: string, open: string, from: number, to: number): number {
  const at = startTagAt(xml, open, from, to);
  return at < 0 ? -1 : at + open.length;
}

/** Reading state carried from one piece of a part to the next. */
export class SheetScanner {
  private prevRow = 0;
  private readonly shared = new Map<string, { formula: string; master: string }>();
  private readonly attrs: Attrs = { r: -1, s: 0, t: "n", rStart: -1, rEnd: -1 };
  private readonly rowOpen: string;
  private readonly rowClose: string;
  private readonly cellOpen: string;
  private readonly cellClose: string;
  private readonly fOpen: string;
  private readonly vOpen: string;
  private readonly isOpen: string;
  /** The column of the cell read last by plainCell. */
  private plainCol = 0;

  constructor(
    readonly store: CellStore,
    private readonly p: string,
  ) {
    this.rowOpen = `<${p}row`;
    this.rowClose = `</${p}row>`;
    this.cellOpen = `<${p}c`;
    this.cellClose = `</${p}c>`;
    this.fOpen = `<${p}f`;
    this.vOpen = `<${p}v`;
    this.isOpen = `<${p}is`;
  }

  /** Reads the rows in xml[from, to): text that holds only whole rows (what lies between them is skipped). */
  rows(xml: string, from: number, to: number): void {
    let i = from;
    for (;;) {
      const after = startTagAfter(xml, this.rowOpen, i, to);
      if (after < 0) return;
      const gt = xml.indexOf(">", after);
      // A row's only attribute read is its number, written first by most writers: read there, the rest (spans, heights) passed over.
      const written = rowNumberFirst(xml, after, gt) ?? (readAttrs(xml, after, gt, this.attrs), this.attrs.rStart >= 0 ? integerAt(xml, this.attrs.rStart, this.attrs.rEnd) : undefined);
      const rowNum = written ?? this.prevRow + 1;
      this.prevRow = rowNum;
      if (xml.charCodeAt(gt - 1) === 47) {
        i = gt + 1;
        continue;
      }
      this.store.beginRow(rowNum);
      i = this.rowCells(xml, gt + 1, to);
      this.store.endRow();
    }
  }

  /**
   * The cells of a row whose content starts at `from`; where its end tag ends.
   * Cells written plainly, one after the other, are read in one forward pass;
   * from the first that is not (or anything else between them), the rest of
   * the row is read by the general reader.
   */
  private rowCells(xml: string, from: number, to: number): number {
    let prevCol = 0;
    let i = from;
    const pl = this.p.length;
    while (i < to && this.tagAt(xml, i, 99) && isDelimiter(xml.charCodeAt(i + 2 + pl))) {
      const next = this.plainCell(xml, i, to, prevCol);
      if (next < 0) break;
      prevCol = this.plainCol;
      i = next;
    }
    if (i <= to && this.closeAt(xml, i, 114) && hasAt(xml, i + 2 + pl, "row>")) return i + this.rowClose.length;
    let close = xml.indexOf(this.rowClose, i);
    if (close < 0 || close > to) close = to;
    this.cells(xml, i, close, prevCol);
    return close + this.rowClose.length;
  }

  /** Whether xml[at] begins a tag named by the letter `letter` in the part's prefix ("<c", "<x:v"). */
  private tagAt(xml: string, at: number, letter: number): boolean {
    const pl = this.p.length;
    return xml.charCodeAt(at) === 60 && (pl === 0 || hasAt(xml, at + 1, this.p)) && xml.charCodeAt(at + 1 + pl) === letter;
  }

  /** Whether xml[at] begins an end tag named by the letter `letter` in the part's prefix ("</c", "</x:v"). */
  private closeAt(xml: string, at: number, letter: number): boolean {
    const pl = this.p.length;
    return xml.charCodeAt(at) === 60 && xml.charCodeAt(at + 1) === 47 && (pl === 0 || hasAt(xml, at + 2, this.p)) && xml.charCodeAt(at + 2 + pl) === letter;
  }

  /**
   * A cell at xml[at] written plainly: empty, or an attribute-free formula
   * and value, or a value alone, then its end tag. Where it ends, or -1 when
   * it is written otherwise (nothing read then: the general reader reads it).
   */
  private plainCell(xml: string, at: number, to: number, prevCol: number): number {
    const pl = this.p.length;
    const after = at + 2 + pl;
    const a = this.attrs;
    let gt = plainAttrs(xml, after, to, a);
    if (gt < 0) {
      gt = xml.indexOf(">", after);
      if (gt < 0 || gt >= to) return -1;
      readAttrs(xml, after, gt, a);
    }
    const col = (a.rStart >= 0 ? columnAt(xml, a.rStart, a.rEnd) : undefined) ?? prevCol + 1;
    if (xml.charCodeAt(gt - 1) === 47) {
      this.plainCol = col;
      this.store.push(col, a.s, EMPTY, 0);
      return gt + 1;
    }
    let i = gt + 1;
    let formulaText: string | undefined;
    // "<f>": the letter, then ">" straight after it.
    if (this.tagAt(xml, i, 102) && xml.charCodeAt(i + 2 + pl) === 62) {
      const start = i + 3 + pl;
      const close = nextTagAt(xml, start, to);
      if (close < 0 || !this.closeAt(xml, close, 102) || xml.charCodeAt(close + 3 + pl) !== 62) return -1;
      formulaText = xml.slice(start, close);
      i = close + 4 + pl;
    }
    let vStart = -1;
    let vEnd = -1;
    if (this.tagAt(xml, i, 118) && xml.charCodeAt(i + 2 + pl) === 62) {
      vStart = i + 3 + pl;
      vEnd = nextTagAt(xml, vStart, to);
      if (vEnd < 0 || !this.closeAt(xml, vEnd, 118) || xml.charCodeAt(vEnd + 3 + pl) !== 62) return -1;
      i = vEnd + 4 + pl;
    }
    if (i >= to || !this.closeAt(xml, i, 99) || xml.charCodeAt(i + 3 + pl) !== 62) return -1;
    this.plainCol = col;
    // An attribute-free formula is neither shared nor an array formula: its text is the whole of it.
    const formula = formulaText ? `=${xmlText(formulaText)}` : null;
    this.keep(xml, col, a, vStart, vEnd, undefined, undefined, formula);
    return i + 4 + pl;
  }

  private cells(xml: string, from: number, to: number, prevColumn = 0): void {
    const p = this.p;
    let prevCol = prevColumn;
    let i = from;
    for (;;) {
      const after = startTagAfter(xml, this.cellOpen, i, to);
      if (after < 0) return;
      const gt = xml.indexOf(">", after);
      const a = this.attrs;
      readAttrs(xml, after, gt, a);
      const col = (a.rStart >= 0 ? columnAt(xml, a.rStart, a.rEnd) : undefined) ?? prevCol + 1;
      prevCol = col;
      if (xml.charCodeAt(gt - 1) === 47) {
        this.store.push(col, a.s, EMPTY, 0);
        i = gt + 1;
        continue;
      }
      const end = xml.indexOf(this.cellClose, gt);
      const stop = end < 0 || end > to ? to : end;
      this.cell(xml, gt + 1, stop, col, a, p);
      i = stop + this.cellClose.length;
    }
  }

  /** One cell's content xml[from, to): its formula (f), value (v) or inline text (is), in the schema's order. */
  private cell(xml: string, from: number, to: number, col: number, a: Attrs, p: string): void {
    let vText: string | undefined;
    let formulaText: string | undefined;
    let fAttrs = "";
    let inline: string | undefined;
    let i = skipSpace(xml, from, to);
    if (hasAt(xml, i, this.fOpen) && isDelimiter(xml.charCodeAt(i + this.fOpen.length))) {
      const gt = xml.indexOf(">", i);
      fAttrs = ` ${xml.slice(i + this.fOpen.length, xml.charCodeAt(gt - 1) === 47 ? gt - 1 : gt)}`;
      if (xml.charCodeAt(gt - 1) === 47) {
        formulaText = "";
        i = gt + 1;
      } else {
        const close = xml.indexOf("<", gt);
        formulaText = xmlText(xml.slice(gt + 1, close));
        i = xml.indexOf(">", close) + 1;
      }
      i = skipSpace(xml, i, to);
    }
    // Where the value's text lies in the part: numbers and shared-string indexes are read there, not cut out.
    let vStart = -1;
    let vEnd = -1;
    if (hasAt(xml, i, this.vOpen) && isDelimiter(xml.charCodeAt(i + this.vOpen.length))) {
      const gt = xml.indexOf(">", i);
      if (xml.charCodeAt(gt - 1) === 47) i = gt + 1;
      else {
        const close = xml.indexOf("<", gt);
        vStart = gt + 1;
        vEnd = close;
        i = xml.indexOf(">", close) + 1;
      }
      i = skipSpace(xml, i, to);
    } else if (hasAt(xml, i, this.isOpen) && isDelimiter(xml.charCodeAt(i + this.isOpen.length))) {
      inline = xml.slice(i, to);
      i = to;
    }
    if (i < to) {
      // Not in the order the schema gives (or something unknown first): find the pieces anywhere in this cell.
      const body = xml.slice(from, to);
      const f = new RegExp(`<${p}f\\b([^>]*?)(?:/>|>([^<]*)</${p}f>)`).exec(body);
      fAttrs = f ? ` ${f[1]}` : "";
      formulaText = f ? (f[2] !== undefined ? xmlText(f[2]) : "") : undefined;
      vText = new RegExp(`<${p}v(?:\\s[^>]*)?>([^<]*)</${p}v>`).exec(body)?.[1];
      vStart = vEnd = -1;
      inline = a.t === "inlineStr" ? body : undefined;
    }
    this.keep(xml, col, a, vStart, vEnd, vText, inline, formulaText === undefined ? null : this.formulaOf(formulaText, fAttrs, xml, a, col));
  }

  /** A cell's value (its text at xml[vStart, vEnd), or vText, or inline text) and formula into the store. */
  private keep(xml: string, col: number, a: Attrs, vStart: number, vEnd: number, text: string | undefined, inline: string | undefined, formula: string | null): void {
    const t = a.t;
    let vText = text;
    let kind = EMPTY;
    let num = 0;
    let other: CellValue = null;
    if (vStart >= 0 && (t === "s" || t === "n")) {
      // The common cells: a shared string's index or a number, read where it is written.
      if (vEnd > vStart) {
        kind = t === "s" ? SHARED : NUMBER;
        num = numberAt(xml, vStart, vEnd);
      } else if (t === "s") kind = SHARED;
      this.store.push(col, a.s, kind, num, null, formula);
      return;
    }
    if (vStart >= 0) vText = xml.slice(vStart, vEnd);
    if (t === "s") {
      if (vText !== undefined) {
        kind = SHARED;
        num = Number(vText);
      }
    } else if (t === "inlineStr") {
      kind = OTHER;
      other = textOf(inline ?? "");
    } else if (vText !== undefined) {
      if (t === "n") {
        if (vText !== "") {
          kind = NUMBER;
          num = Number(vText);
        }
      } else if (t === "str") {
        kind = OTHER;
        other = xmlText(vText);
      } else if (t === "b") {
        kind = BOOLEAN;
        num = vText === "1" || vText === "true" ? 1 : 0;
      } else if (t === "e") {
        kind = OTHER;
        other = { error: decodeEntities(vText) };
      } else if (t === "d") {
        kind = NUMBER;
        num = dateToSerial(new Date(decodeEntities(vText)));
      } else if (vText !== "") {
        kind = NUMBER;
        num = Number(vText);
      }
    }
    this.store.push(col, a.s, kind, num, other, formula);
  }

  /** The formula of a cell, a shared formula's other cells given their own form of it. */
  private formulaOf(text: string, fAttrs: string, xml: string, a: Attrs, col: number): string | null {
    const kind = /\st\s*=\s*["'](array|dataTable)["']/.exec(fAttrs)?.[1];
    if (kind) {
      const anchor = formatCell({ row: this.prevRow, col });
      const range = parseRange(/\sref\s*=\s*["']([^"']*)["']/.exec(fAttrs)?.[1] ?? anchor);
      if (range) this.store.groups.push({ kind: kind === "array" ? "array formula" : "data table", anchor, range });
    }
    let formula: string | null;
    if (/\st\s*=\s*["']shared["']/.test(fAttrs)) {
      const si = /\ssi\s*=\s*["']([^"']*)["']/.exec(fAttrs)?.[1] ?? "";
      const here = a.rStart >= 0 ? xml.slice(a.rStart, a.rEnd) : `${col}`;
      if (text) {
        this.shared.set(si, { formula: text, master: here });
        formula = text;
      } else {
        const group = this.shared.get(si);
        formula = group ? slideFormula(group.formula, group.master, here) : null;
      }
    } else formula = text || null;
    return formula ? `=${formula}` : null;
  }
}

/**
 * Where `pattern` first occurs in s from `from`, as s.indexOf(pattern, from)
 * answers, found by its last `tail` characters: V8's search stops at every
 * occurrence of a pattern's first character, and "<" begins every tag.
 */
function indexOfByTail(s: string, pattern: string, tail: number, from: number): number {
  const lead = pattern.length - tail;
  const end = pattern.slice(lead);
  for (let at = s.indexOf(end, from + lead); at >= 0; at = s.indexOf(end, at + 1)) {
    if (hasAt(s, at - lead, pattern)) return at - lead;
  }
  return -1;
}

/**
 * A sheet part's cells from its text in pieces (any split), each piece read
 * up to its last whole row; the text around the cells is kept whole, with an
 * empty sheetData where the cells were, for the sections read from it.
 */
export async function scanSheetPieces(
  pieces: AsyncIterable<string>,
  strings: readonly string[] | StringList,
  { readCells = true, enough }: { readCells?: boolean; enough?: (cells: CellStore) => boolean } = {},
): Promise<{ cells: CellStore; outside: string; prefix: string; cut: boolean }> {
  const cells = new CellStore(strings);
  // `enough`, asked after each run of whole rows: once it says so, the rest of the cells are passed over unread.
  let cut = false;
  const stopWhenEnough = () => {
    if (scanner && enough?.(cells)) {
      scanner = undefined;
      cut = true;
    }
  };
  let scanner: SheetScanner | undefined;
  let p = "";
  let closeTag = "";
  let head = "";
  let tail = "";
  let buf = "";
  /** Where the cells not read yet begin in buf (the text is read where it lies, not cut out first). */
  let from = 0;
  let phase: "head" | "cells" | "tail" = "head";
  let searched = 0;
  for await (const piece of pieces) {
    if (phase === "tail") {
      tail += piece;
      continue;
    }
    buf = from > 0 ? buf.slice(from) + piece : buf + piece;
    from = 0;
    if (phase === "head") {
      const open = /<([\w.-]+:)?sheetData(?=[\s/>])/g;
      open.lastIndex = Math.max(0, searched - 64);
      const m = open.exec(buf);
      const gt = m ? buf.indexOf(">", m.index) : -1;
      if (!m || gt < 0) {
        // Searched again from a little before where it stopped, in case the tag is split between pieces.
        searched = m ? m.index + 64 : buf.length;
        continue;
      }
      p = m[1] ?? "";
      closeTag = `</${p}sheetData>`;
      head = buf.slice(0, m.index);
      if (buf.charCodeAt(gt - 1) === 47) {
        phase = "tail";
        tail = buf.slice(gt + 1);
        buf = "";
        continue;
      }
      if (readCells) scanner = new SheetScanner(cells, p);
      from = gt + 1;
      phase = "cells";
    }
    // Looked for by its last five characters ("Data>"): "<" and "/" begin every closing tag of the cells.
    const close = indexOfByTail(buf, closeTag, 5, from);
    if (close >= 0) {
      scanner?.rows(buf, from, close);
      tail = buf.slice(close + closeTag.length);
      buf = "";
      from = 0;
      phase = "tail";
      continue;
    }
    const lastRow = buf.lastIndexOf(`</${p}row>`);
    if (lastRow < from) continue;
    const upTo = lastRow + `</${p}row>`.length;
    scanner?.rows(buf, from, upTo);
    stopWhenEnough();
    // Kept: what may begin the closing tag of the cells, split between this piece and the next.
    from = upTo;
  }
  if (phase === "cells") scanner?.rows(buf, from, buf.length);
  const outside = phase === "head" ? buf : `${head}<${p}sheetData/>${tail}`;
  return { cells, outside, prefix: p, cut };
}
