/**
 * A worksheet part cut down to the cells in some ranges, for a model that
 * only has to hold what one plan reads and writes. Everything outside the
 * cells (columns, merged areas, validations, colour rules, table parts) is
 * left as it is. A cell holding the formula of an array formula, data table
 * or shared formula whose area meets the ranges is kept too, so every kept
 * cell that shares or is filled by a formula still has it. Kept cells and
 * rows written without their reference get it, so nothing moves; rows left
 * with no cells are left out.
 */
import { formatCell, parseRange, type RangeAddress, rangesIntersect } from "../../../core/grid/address";
import { startTagAt } from "../sheet-scan";
import { columnOfRef, lastCellOf, refOf } from "./sheet-cells";
import { attrOf, withAttr } from "./xml-text";


export function sheetWithOnlyCells(xml: string, ranges: readonly RangeAddress[]): string {
  const m = /<([\w.-]+:)?sheetData(?=[\s/>])[^>]*?(\/?)>/.exec(xml);
  if (!m || m[2] === "/") return xml;
  const p = m[1] ?? "";
  const start = m.index + m[0].length;
  const close = xml.indexOf(`</${p}sheetData>`, start);
  if (close < 0) return xml;
  const rowOpen = `<${p}row`;
  const rowClose = `</${p}row>`;
  const cellOpen = `<${p}c`;
  const cellClose = `</${p}c>`;
  const fTag = new RegExp(`<${p}f\\b[^>]*>`);
  const out: string[] = [];
  let prevRow = 0;
  // The next formula area ("ref=") at or after where the reading is: rows before it hold no formula's master.
  let nextRef = xml.indexOf("ref=", start);
  for (let i = start; ; ) {
    const at = startTagAt(xml, rowOpen, i, close);
    if (at < 0) break;
    const gt = xml.indexOf(">", at);
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const end = selfClosing ? gt + 1 : Math.min(close, xml.indexOf(rowClose, gt) + rowClose.length);
    i = end;
    const rowTag = xml.slice(at, gt + 1);
    const rowNum = Number(refOf(rowTag) ?? prevRow + 1);
    prevRow = rowNum;
    while (nextRef >= 0 && nextRef < at) nextRef = xml.indexOf("ref=", at);
    const rowRanges = ranges.filter((r) => rowNum >= r.top && rowNum <= r.bottom);
    const mayHoldMaster = nextRef >= 0 && nextRef < end;
    if (!rowRanges.length && !mayHoldMaster) continue;
    if (!mayHoldMaster && !selfClosing) {
      // Every cell of the row left of every range it meets (new columns at a register's right): none is kept, so none is read.
      const last = lastCellOf(xml.slice(gt + 1, end - rowClose.length), p);
      if (last && rowRanges.every((r) => r.left > last.col)) continue;
    }
    const kept: string[] = [];
    if (!selfClosing) {
      let prevCol = 0;
      for (let j = gt + 1; ; ) {
        const c = startTagAt(xml, cellOpen, j, end);
        if (c < 0) break;
        const cgt = xml.indexOf(">", c);
        const cellEnd = xml.charCodeAt(cgt - 1) === 47 ? cgt + 1 : xml.indexOf(cellClose, cgt) + cellClose.length;
        j = cellEnd;
        const tag = xml.slice(c, cgt + 1);
        const ref = refOf(tag);
        const col = (ref ? columnOfRef(ref) : undefined) ?? prevCol + 1;
        prevCol = col;
        let keep = rowRanges.some((r) => col >= r.left && col <= r.right);
        if (!keep && mayHoldMaster) {
          const f = fTag.exec(xml.slice(cgt, cellEnd))?.[0];
          const area = f ? parseRange(attrOf(f, "ref") ?? "") : undefined;
          keep = !!area && ranges.some((r) => rangesIntersect(r, area));
        }
        if (keep) kept.push(ref ? xml.slice(c, cellEnd) : withAttr(tag, "r", formatCell({ row: rowNum, col })) + xml.slice(cgt + 1, cellEnd));
      }
    }
    // A row with none of its cells kept is left out: the model needs no row to write new cells into one.
    if (!kept.length) continue;
    const openTag = withAttr(selfClosing ? `${rowTag.slice(0, -2).trimEnd()}>` : rowTag, "r", String(rowNum));
    out.push(`${openTag}${kept.join("")}${rowClose}`);
  }
  return `${xml.slice(0, start)}${out.join("")}${xml.slice(close)}`;
}
