/**
 * The cells of one worksheet part, rewritten in one pass: rows the plan did
 * not touch are copied as the text they came in as; in a touched row, cells
 * outside the plan's ranges are copied too, cells inside are written from
 * the workbook as the plan left it, and new rows and cells go in at their
 * place in row and column order. Nothing else in the part changes here.
 */
import { columnLetter, formatCell, parseCell, type RangeAddress } from "../../../core/grid/address";
import { slideFormula } from "./shared-formula";
import { attrOf, escapeText, findElement, withAttr } from "./xml-text";
import { excelEscapeControls } from "./xstring";

/** What a cell holds after the plan, as cell XML: `t` and the children, or null for an empty cell, or "keep" for the content the file has. */
export type CellContent = { t?: string; inner: string } | null | "keep";

/** The workbook as the plan left it, for the cells the part writer asks about. */
export interface CellSource {
  /** Row numbers with cells in the workbook, ascending. */
  rows(): number[];
  /** Column numbers with cells in a row, ascending. */
  columns(row: number): number[];
  /** `p` is the namespace prefix the part writes its elements with. */
  content(row: number, col: number, p: string): CellContent;
}

export interface CellChanges {
  /** Cells whose content the plan wrote (or may have). */
  values: RangeAddress[];
  /** Cells whose look the plan changed; the format index for each comes from `styleOf`. */
  looks: RangeAddress[];
  /** The format index a cell gets, from the one it had (or would have, for a new cell). */
  styleOf(row: number, col: number, base: number): number;
}

export interface PatchedCells {
  /** The part as rewritten: head + cells + tail (joined only when asked for: a big sheet is tens of megabytes). */
  readonly xml: string;
  /** The part before its sheetData element (the dimension widened to the cells written). */
  head: string;
  /** The sheetData element, rewritten. */
  cells: string;
  /** The part after its sheetData element. */
  tail: string;
  /** A cell that held a formula holds none now (a calculation chain listing it would be stale). */
  formulaRemoved: boolean;
}

interface Intervals {
  starts: number[];
  ends: number[];
}

function rowIntervals(ranges: RangeAddress[]): Intervals {
  const sorted = ranges.map((r) => [r.top, r.bottom]).sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [t, b] of sorted) {
    if (ends.length && t <= ends[ends.length - 1] + 1) ends[ends.length - 1] = Math.max(ends[ends.length - 1], b);
    else {
      starts.push(t);
      ends.push(b);
    }
  }
  return { starts, ends };
}

function inIntervals(iv: Intervals, n: number): boolean {
  let lo = 0;
  let hi = iv.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (n < iv.starts[mid]) hi = mid - 1;
    else if (n > iv.ends[mid]) lo = mid + 1;
    else return true;
  }
  return false;
}

const inRange = (r: RangeAddress, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** Column styles from <cols>: the format a new cell in that column takes. */
function columnStyles(xml: string, p: string): (col: number) => number {
  const cols = findElement(xml, `${p}cols`);
  const spans: { min: number; max: number; s: number }[] = [];
  if (cols) {
    const re = new RegExp(`<${p}col\\b[^>]*>`, "g");
    const text = xml.slice(cols.start, cols.end);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = Number(attrOf(m[0], "style") ?? 0);
      if (s) spans.push({ min: Number(attrOf(m[0], "min")), max: Number(attrOf(m[0], "max")), s });
    }
  }
  return (col) => spans.find((x) => col >= x.min && col <= x.max)?.s ?? 0;
}

/** A row being rewritten: the plan's ranges in it, and the new cells to write in it (wanted[w] is the next). */
interface RowWork {
  rowNum: number;
  /** The row's own format, which its new cells take (a row formatted as a whole), if it has one. */
  rowStyle: number | undefined;
  valueRanges: RangeAddress[];
  wanted: number[];
  w: number;
  cells: string[];
}

interface SharedGroup {
  master: string;
  formula: string;
}

/** The column number of a cell reference ("AB12" → 28), read without building an address. */
export function columnOfRef(ref: string): number | undefined {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) n = n * 26 + code - 64;
    else if (code >= 97 && code <= 122) n = n * 26 + code - 96;
    else if (code !== 36) break;
  }
  return i > 0 && n > 0 ? n : undefined;
}

/** The r attribute of a row's or cell's start tag: read in place when written the usual way (` r="A1"`), by the general attribute reader otherwise. */
export function refOf(tag: string): string | undefined {
  const at = tag.indexOf(' r="');
  if (at < 0) return attrOf(tag, "r");
  const end = tag.indexOf('"', at + 4);
  return end < 0 ? attrOf(tag, "r") : tag.slice(at + 4, end);
}

/**
 * Where the last cell of a row's content ends and its column, when the row's
 * cells end with one whose reference is written; undefined when the row has
 * no cells or the last one cannot be placed that way.
 */
export function lastCellOf(rowInner: string, p: string): { end: number; col: number } | undefined {
  const open = `<${p}c`;
  for (let at = rowInner.lastIndexOf(open); at >= 0; at = at > 0 ? rowInner.lastIndexOf(open, at - 1) : -1) {
    const next = rowInner.charCodeAt(at + open.length);
    if (next !== 32 && next !== 9 && next !== 10 && next !== 13 && next !== 62 && next !== 47) continue;
    const gt = rowInner.indexOf(">", at);
    if (gt < 0) return undefined;
    const tag = rowInner.slice(at, gt + 1);
    const ref = refOf(tag);
    const col = ref ? columnOfRef(ref) : undefined;
    if (col === undefined) return undefined;
    if (tag.endsWith("/>")) return { end: gt + 1, col };
    const close = rowInner.indexOf(`</${p}c>`, gt);
    return close < 0 ? undefined : { end: close + `</${p}c>`.length, col };
  }
  return undefined;
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function escapeCellText(s: string): string {
  // Most cell text (a formula, a number's text) has nothing to escape: one test instead of four replacements.
  return NEEDS_ESCAPE.test(s) ? escapeText(excelEscapeControls(s)) : s;
}

/** Rewrites the sheetData of a worksheet part for the cells in `changes`. */
export function patchSheetCells(xml: string, changes: CellChanges, source: CellSource): PatchedCells {
  const p = /<([\w.-]+:)?sheetData[\s/>]/.exec(xml)?.[1] ?? "";
  const span = findElement(xml, `${p}sheetData`);
  if (!span) throw new Error("the sheet part has no sheetData element");
  const all = [...changes.values, ...changes.looks];
  const rowsTouched = rowIntervals(all);
  const colStyle = columnStyles(xml, p);
  const inner = span.selfClosing ? "" : xml.slice(span.start + span.tag.length, span.end - `</${p}sheetData>`.length);
  const newRows = source.rows().filter((r) => inIntervals(rowsTouched, r));
  let nextNew = 0;
  const out: string[] = [];
  let formulaRemoved = false;
  const broken = new Map<string, SharedGroup>(); // shared groups whose master the plan overwrote
  let extent: RangeAddress | undefined;
  // Widened in place: a new object per cell written is garbage by the hundred thousand.
  const grow = (row: number, col: number) => {
    if (!extent) extent = { top: row, bottom: row, left: col, right: col };
    else {
      if (row < extent.top) extent.top = row;
      if (row > extent.bottom) extent.bottom = row;
      if (col < extent.left) extent.left = col;
      if (col > extent.right) extent.right = col;
    }
  };

  // A million new cells in a few columns: each column's letters are worked out once.
  const letters: string[] = [];
  const refAt = (row: number, col: number) => (letters[col] ??= columnLetter(col)) + row;

  const renderContent = (row: number, col: number, base: number, tagIn: string | undefined, innerIn: string, styleOnly: boolean): string => {
    const ref = refAt(row, col);
    const s = changes.styleOf(row, col, base);
    const content: CellContent = styleOnly ? "keep" : source.content(row, col, p);
    if (content === "keep") {
      if (tagIn === undefined) return s ? (grow(row, col), `<${p}c r="${ref}" s="${s}"/>`) : "";
      grow(row, col);
      const tag = withAttr(tagIn, "s", s ? String(s) : undefined);
      return tagIn.endsWith("/>") ? tag : `${tag}${keepShared(ref, innerIn)}</${p}c>`;
    }
    if (/<([\w.-]+:)?f[\s/>]/.test(innerIn) && !(content && /<([\w.-]+:)?f[\s>]/.test(content.inner))) formulaRemoved = true;
    const master = sharedMasterOf(innerIn);
    if (master) broken.set(master.si, { master: ref, formula: master.formula });
    if (content === null) return s ? (grow(row, col), `<${p}c r="${ref}" s="${s}"/>`) : "";
    grow(row, col);
    return `<${p}c r="${ref}"${s ? ` s="${s}"` : ""}${content.t ? ` t="${content.t}"` : ""}>${content.inner}</${p}c>`;
  };

  /** A shared formula's master cell: its group id and formula text. */
  const formulaRe = new RegExp(`<${p}f\\b([^>]*)>([^<]*)</${p}f>`);
  const sharedMasterOf = (cellInner: string): { si: string; formula: string } | undefined => {
    if (!cellInner.includes("shared")) return undefined;
    const m = formulaRe.exec(cellInner);
    if (!m || attrOf(m[0], "t") !== "shared" || attrOf(m[0], "ref") === undefined) return undefined;
    const si = attrOf(m[0], "si");
    return si === undefined ? undefined : { si, formula: m[2] };
  };

  /** A cell's children, with a formula it shared from an overwritten master written out in full. */
  const keepShared = (ref: string, cellInner: string): string => {
    if (!broken.size || !cellInner.includes("shared")) return cellInner;
    return cellInner.replace(new RegExp(`<${p}f\\b[^>]*?(?:/>|>[^<]*</${p}f>)`), (f) => {
      if (attrOf(f, "t") !== "shared") return f;
      const group = broken.get(attrOf(f, "si") ?? "");
      if (!group) return f;
      return `<${p}f>${slideFormula(group.formula, group.master, ref)}</${p}f>`;
    });
  };

  const cellRe = new RegExp(`<${p}c\\b[^>]*?(/>|>)`, "g");
  /** The new cells of a row (those the model has and the file does not) before column `upTo`, from the next one not yet written. */
  const emitNew = (row: RowWork, upTo: number) => {
    for (; row.w < row.wanted.length && row.wanted[row.w] < upTo; row.w++) {
      const c = row.wanted[row.w];
      const inValues = row.valueRanges.some((r) => inRange(r, row.rowNum, c));
      row.cells.push(renderContent(row.rowNum, c, row.rowStyle ?? colStyle(c), undefined, "", !inValues));
    }
  };

  const patchRow = (rowNum: number, rowTag: string, rowInner: string): string => {
    const valueRanges = changes.values.filter((r) => rowNum >= r.top && rowNum <= r.bottom);
    const lookRanges = changes.looks.filter((r) => rowNum >= r.top && rowNum <= r.bottom);
    const custom = rowTag.includes("customFormat") ? attrOf(rowTag, "customFormat") : undefined;
    const rowStyle = custom === "1" || custom === "true" ? Number(attrOf(rowTag, "s") ?? 0) : undefined;
    const wanted = (valueRanges.length || lookRanges.length ? source.columns(rowNum) : []).filter(
      (c) => valueRanges.some((r) => inRange(r, rowNum, c)) || lookRanges.some((r) => inRange(r, rowNum, c)),
    );
    const cells: string[] = [];
    const row: RowWork = { rowNum, rowStyle, valueRanges, wanted, w: 0, cells };
    let prevCol = 0;
    cellRe.lastIndex = 0;
    let copyFrom = 0;
    let lastCellEnd = 0;
    // When every cell the row has lies left of every range the plan touches in it (new columns at a register's
    // right), the row's cells are copied as one slice: only new cells are written, after them.
    let leftmost = Number.MAX_SAFE_INTEGER;
    for (const r of valueRanges) leftmost = Math.min(leftmost, r.left);
    for (const r of lookRanges) leftmost = Math.min(leftmost, r.left);
    const last = broken.size && rowInner.includes("shared") ? undefined : lastCellOf(rowInner, p);
    if (last && last.col < leftmost) {
      copyFrom = lastCellEnd = last.end;
      cells.push(rowInner.slice(0, last.end));
      cellRe.lastIndex = rowInner.length;
    }
    for (let m = cellRe.exec(rowInner); m; m = cellRe.exec(rowInner)) {
      const start = m.index;
      const tag = m[0];
      let end = start + tag.length;
      let cellInner = "";
      if (m[1] === ">") {
        const close = rowInner.indexOf(`</${p}c>`, end);
        if (close < 0) throw new Error(`row ${rowNum} has a cell that is not closed`);
        cellInner = rowInner.slice(end, close);
        end = close + `</${p}c>`.length;
      }
      cellRe.lastIndex = end;
      lastCellEnd = end;
      const r = refOf(tag);
      const col = r ? (columnOfRef(r) ?? prevCol + 1) : prevCol + 1;
      prevCol = col;
      const inValues = valueRanges.some((x) => inRange(x, rowNum, col));
      const inLooks = lookRanges.some((x) => inRange(x, rowNum, col));
      if (row.w < wanted.length && wanted[row.w] < col) {
        // New cells go in before this one, in column order.
        cells.push(rowInner.slice(copyFrom, start));
        copyFrom = start;
        emitNew(row, col);
      }
      if (!inValues && !inLooks) {
        if (broken.size && cellInner.includes("shared")) {
          const kept = keepShared(r ?? formatCell({ row: rowNum, col }), cellInner);
          if (kept !== cellInner) {
            cells.push(rowInner.slice(copyFrom, start), `${tag}${kept}</${p}c>`);
            copyFrom = end;
          }
        }
        continue;
      }
      cells.push(rowInner.slice(copyFrom, start));
      if (row.w < wanted.length && wanted[row.w] === col) row.w++;
      cells.push(renderContent(rowNum, col, Number(attrOf(tag, "s") ?? 0), withAttr(tag, "r", formatCell({ row: rowNum, col })), cellInner, !inValues));
      copyFrom = end;
    }
    // The cells the row had and left untouched after the last one written, new cells after them, then whatever followed the cells.
    if (lastCellEnd > copyFrom) {
      cells.push(rowInner.slice(copyFrom, lastCellEnd));
      copyFrom = lastCellEnd;
    }
    const tail = rowInner.slice(copyFrom);
    emitNew(row, Number.MAX_SAFE_INTEGER);
    const open = rowTag.endsWith("/>") ? rowTag.replace(/\s*\/>$/, ">") : rowTag;
    const newTag = open.includes("spans") ? withAttr(open, "spans", undefined) : open;
    return `${newTag.endsWith("/>") ? newTag.slice(0, -2) + ">" : newTag}${cells.join("")}${tail}</${p}row>`;
  };

  const newRow = (rowNum: number) => {
    const body = patchRow(rowNum, `<${p}row r="${rowNum}">`, "");
    return body === `<${p}row r="${rowNum}"></${p}row>` ? "" : body;
  };

  const rowRe = new RegExp(`<${p}row\\b[^>]*?(/>|>)`, "g");
  let copyFrom = 0;
  let prevRow = 0;
  for (let m = rowRe.exec(inner); m; m = rowRe.exec(inner)) {
    const start = m.index;
    let end = start + m[0].length;
    let rowInner = "";
    if (m[1] === ">") {
      const close = inner.indexOf(`</${p}row>`, end);
      if (close < 0) throw new Error("a row is not closed");
      rowInner = inner.slice(end, close);
      end = close + `</${p}row>`.length;
    }
    rowRe.lastIndex = end;
    const rowNum = Number(attrOf(m[0], "r") ?? prevRow + 1);
    prevRow = rowNum;
    const touched = inIntervals(rowsTouched, rowNum);
    const sharesBroken = broken.size > 0 && rowInner.includes("shared");
    if (!touched && !sharesBroken) {
      if (nextNew < newRows.length && newRows[nextNew] < rowNum) {
        out.push(inner.slice(copyFrom, start));
        copyFrom = start;
        for (; nextNew < newRows.length && newRows[nextNew] < rowNum; nextNew++) out.push(newRow(newRows[nextNew]));
      }
      continue;
    }
    out.push(inner.slice(copyFrom, start));
    for (; nextNew < newRows.length && newRows[nextNew] < rowNum; nextNew++) out.push(newRow(newRows[nextNew]));
    if (nextNew < newRows.length && newRows[nextNew] === rowNum) nextNew++;
    out.push(patchRow(rowNum, refOf(m[0]) === String(rowNum) ? m[0] : withAttr(m[0], "r", String(rowNum)), rowInner));
    copyFrom = end;
  }
  out.push(inner.slice(copyFrom));
  for (; nextNew < newRows.length; nextNew++) out.push(newRow(newRows[nextNew]));
  const cells = `<${p}sheetData>${out.join("")}</${p}sheetData>`;
  // The dimension comes before the cells (the schema's order): widened in the head alone, so the tens of
  // megabytes of cells are not searched, nor joined to the rest here.
  const head = extent ? widenDimension(xml.slice(0, span.start), p, extent) : xml.slice(0, span.start);
  const tail = xml.slice(span.end);
  return {
    head,
    cells,
    tail,
    get xml() {
      return head + cells + tail;
    },
    formulaRemoved,
  };
}

/** The <dimension> element widened to hold `extent` (the used range Excel reports on open). */
function widenDimension(xml: string, p: string, extent: RangeAddress): string {
  const dim = findElement(xml, `${p}dimension`);
  if (!dim) return xml;
  const ref = attrOf(dim.tag, "ref") ?? "A1";
  const [a, b] = ref.split(":");
  const tl = parseCell(a ?? "");
  const br = parseCell(b ?? a ?? "");
  const empty = ref === "A1" && !/<([\w.-]+:)?c\b/.test(xml.slice(dim.end, dim.end + 2000)) && !tl;
  const cur = tl && br && !empty ? { top: tl.row, left: tl.col, bottom: br.row, right: br.col } : undefined;
  const u = cur ? { top: Math.min(cur.top, extent.top), left: Math.min(cur.left, extent.left), bottom: Math.max(cur.bottom, extent.bottom), right: Math.max(cur.right, extent.right) } : extent;
  const text = u.top === u.bottom && u.left === u.right ? formatCell({ row: u.top, col: u.left }) : `${formatCell({ row: u.top, col: u.left })}:${formatCell({ row: u.bottom, col: u.right })}`;
  if (text === ref) return xml;
  return xml.slice(0, dim.start) + withAttr(dim.tag, "ref", text) + xml.slice(dim.end);
}
