/**
 * Table parts (xl/tables/tableN.xml): a new table gets a part of its own;
 * a table a plan grew, shrank or gave calculated columns keeps its part
 * with only its range, filter range and column list changed (existing
 * columns keep their ids and everything they carry).
 */
import { formatRange, type RangeAddress } from "../../../core/grid/address";
import type { SheetTable } from "../sheet-access";
import { attrOf, escapeAttr, escapeText, findElement, findElements, innerOf, prefixOf, splice, withAttr } from "./xml-text";
import { decodeXstringAnyCase, encodeColumnName } from "./xstring";

/** A table column name as Excel means it: _xHHHH_ escapes (a line break is _x000a_) decoded. */
export function decodeColumnName(name: string): string {
  return decodeXstringAnyCase(name);
}

function calculated(p: string, formula: string | undefined): string {
  return formula ? `<${p}calculatedColumnFormula>${escapeText(formula.replace(/^=/, ""))}</${p}calculatedColumnFormula>` : "";
}

function columnElement(p: string, id: number, col: SheetTable["model"]["columns"][number]): string {
  const inner = calculated(p, col.calculatedColumnFormula);
  const tag = `<${p}tableColumn id="${id}" name="${escapeAttr(encodeColumnName(col.name))}"`;
  return inner ? `${tag}>${inner}</${p}tableColumn>` : `${tag}/>`;
}

function filterRange(t: SheetTable): RangeAddress {
  return t.model.totalsRow ? { ...t.range, bottom: t.range.bottom - 1 } : t.range;
}

export function newTablePart(t: SheetTable, id: number): string {
  const style = t.model.style ?? {};
  const ref = formatRange(t.range);
  const flag = (b: boolean | undefined) => (b ? "1" : "0");
  const headerless = t.model.headerRow ? "" : ` headerRowCount="0"`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${escapeAttr(t.name)}" displayName="${escapeAttr(t.model.displayName ?? t.name)}" ref="${ref}"${headerless} totalsRowShown="0">` +
    (t.model.headerRow ? `<autoFilter ref="${formatRange(filterRange(t))}"/>` : "") +
    `<tableColumns count="${t.model.columns.length}">${t.model.columns.map((c, i) => columnElement("", i + 1, c)).join("")}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(style.theme ?? style.name ?? "TableStyleMedium2")}" showFirstColumn="${flag(style.showFirstColumn)}" showLastColumn="${flag(style.showLastColumn)}" showRowStripes="${flag(style.showRowStripes ?? true)}" showColumnStripes="${flag(style.showColumnStripes)}"/>` +
    `</table>`
  );
}

/** The table id and name a part declares. */
export function tablePartIdentity(xml: string): { id: number; name: string } {
  const p = prefixOf(xml, "table");
  const tag = findElement(xml, `${p}table`)?.tag ?? "";
  return { id: Number(attrOf(tag, "id") ?? 0), name: attrOf(tag, "name") ?? "" };
}

/** An existing table part brought in line with the table as the plan left it; the same text when nothing differs. */
export function patchTablePart(xml: string, t: SheetTable): string {
  const p = prefixOf(xml, "table");
  const root = findElement(xml, `${p}table`);
  if (!root) return xml;
  let out = xml;
  const ref = formatRange(t.range);
  const cols = findElement(out, `${p}tableColumns`);
  if (cols) {
    const existing = findElements(out, `${p}tableColumn`, cols.start, cols.end).map((el) => ({ el, src: out.slice(el.start, el.end) }));
    let maxId = existing.reduce((m, c) => Math.max(m, Number(attrOf(c.el.tag, "id") ?? 0)), 0);
    const items = t.model.columns.map((col, i) => {
      const have = existing[i];
      if (!have) return columnElement(p, ++maxId, col);
      let src = have.src;
      // The model's names are held decoded (as the header cells read).
      if (decodeColumnName(attrOf(have.el.tag, "name") ?? "") !== col.name) {
        src = withAttr(have.el.tag, "name", encodeColumnName(col.name)) + src.slice(have.el.tag.length);
      }
      const calc = findElement(src, `${p}calculatedColumnFormula`);
      const wanted = col.calculatedColumnFormula?.replace(/^=/, "");
      const current = calc ? innerOf(src, calc) : undefined;
      const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
      if ((current === undefined ? undefined : unescape(current)) !== wanted && !(calc && attrOf(calc.tag, "array") === "1")) {
        const tagEnd = src.indexOf(">") + 1;
        const open = src.slice(0, tagEnd);
        if (calc) src = wanted ? splice(src, calc, calculated(p, wanted)) : splice(src, calc, "");
        else if (wanted) src = open.endsWith("/>") ? `${open.slice(0, -2).replace(/\s+$/, "")}>${calculated(p, wanted)}</${p}tableColumn>` : `${open}${calculated(p, wanted)}${src.slice(tagEnd)}`;
      }
      return src;
    });
    const open = withAttr(cols.tag, "count", String(items.length));
    const replaced = `${open}${items.join("")}</${p}tableColumns>`;
    if (replaced !== out.slice(cols.start, cols.end)) out = splice(out, cols, replaced);
  }
  const filter = findElement(out, `${p}autoFilter`);
  if (filter && attrOf(filter.tag, "ref") !== formatRange(filterRange(t))) out = splice(out, { start: filter.start, end: filter.start + filter.tag.length }, withAttr(filter.tag, "ref", formatRange(filterRange(t))));
  const rootTag = findElement(out, `${p}table`)?.tag ?? root.tag;
  if (attrOf(rootTag, "ref") !== ref) out = out.replace(rootTag, withAttr(rootTag, "ref", ref));
  return out;
}
