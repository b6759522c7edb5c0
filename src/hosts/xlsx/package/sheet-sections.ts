/**
 * The sections of a worksheet part outside its cells that plans change:
 * merged areas, data validations, colour rules, column widths and the list
 * of table parts. Each is edited where it stands; an element the plan does
 * not touch keeps its text (ids, extension attributes and all), and a new
 * section goes where the schema puts it.
 */
import { columnIndex, formatRange, parseRange, rangeContains, rangesIntersect, type RangeAddress } from "../../../core/grid/address";
import type { ConditionalFormat, DataValidation } from "../../../core/plan/edits";
import { subtractRange } from "../validation-model";
import type { StyleSheet } from "./style-sheet";
import { attrOf, escapeAttr, escapeText, findElement, findElements, splice, withAttr } from "./xml-text";

/** CT_Worksheet's child order (ECMA-376 18.3.1.99). */
const SHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges",
  "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
  "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

/** Where a new `local` element goes: before the first element the schema puts after it. */
function insertAt(xml: string, p: string, local: string): number {
  const data = findElement(xml, `${p}sheetData`);
  const from = SHEET_ORDER.indexOf(local) > SHEET_ORDER.indexOf("sheetData") && data ? data.end : 0;
  for (const next of SHEET_ORDER.slice(SHEET_ORDER.indexOf(local) + 1)) {
    const el = findElement(xml, p + next, from);
    if (el) return el.start;
  }
  return xml.lastIndexOf(`</${p}worksheet>`);
}

export function insertSection(xml: string, p: string, local: string, element: string): string {
  const at = insertAt(xml, p, local);
  return xml.slice(0, at) + element + xml.slice(at);
}

/** The section's span, looked for after the cells when the schema puts it there (so cell text is never searched). */
function section(xml: string, p: string, local: string) {
  const data = findElement(xml, `${p}sheetData`);
  const from = SHEET_ORDER.indexOf(local) > SHEET_ORDER.indexOf("sheetData") && data ? data.end : 0;
  const el = findElement(xml, p + local, from);
  return el && (from > 0 || !data || el.start < data.start) ? el : undefined;
}

/** A list section rewritten with `items` (count updated), or removed when empty. */
function rewriteList(xml: string, p: string, local: string, items: string[], span: ReturnType<typeof section>): string {
  if (!items.length) return span ? splice(xml, span, "") : xml;
  const open = withAttr(span ? span.tag.replace(/\s*\/>$/, ">") : `<${p}${local}>`, "count", String(items.length));
  const element = `${open}${items.join("")}</${p}${local}>`;
  return span ? splice(xml, span, element) : insertSection(xml, p, local, element);
}

function sqrefRanges(sqref: string): RangeAddress[] {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => parseRange(s))
    .filter((r): r is RangeAddress => r !== undefined);
}

// ---- merged areas ----------------------------------------------------------

/** Merged areas set to `wanted`: the ones still wanted keep their elements, new ones are appended. */
export function setMergedAreas(xml: string, p: string, wanted: RangeAddress[]): string {
  const span = section(xml, p, "mergeCells");
  const keys = new Set(wanted.map(formatRange));
  const items: string[] = [];
  const seen = new Set<string>();
  for (const el of span ? findElements(xml, `${p}mergeCell`, span.start, span.end) : []) {
    const r = parseRange(attrOf(el.tag, "ref") ?? "");
    const key = r ? formatRange(r) : "";
    if (keys.has(key) && !seen.has(key)) {
      items.push(xml.slice(el.start, el.end));
      seen.add(key);
    }
  }
  for (const key of keys) if (!seen.has(key)) items.push(`<${p}mergeCell ref="${key}"/>`);
  return rewriteList(xml, p, "mergeCells", items, span);
}

// ---- data validations ------------------------------------------------------

function validationElement(p: string, range: RangeAddress, v: DataValidation): string {
  const r = v.rule;
  const attrs: string[] = [];
  const formulas: string[] = [];
  const bound = (b: number | string) => (typeof b === "number" ? String(b) : b.slice(1));
  if (r.kind === "list") {
    attrs.push(`type="list"`);
    formulas.push(`"${r.values.join(",")}"`);
  } else if (r.kind === "listRange") {
    attrs.push(`type="list"`);
    formulas.push(r.source.slice(1));
  } else {
    attrs.push(`type="${r.kind === "wholeNumber" ? "whole" : r.kind}"`);
    if (r.operator !== "between") attrs.push(`operator="${r.operator}"`);
    formulas.push(bound(r.formula1));
    if (r.formula2 !== undefined) formulas.push(bound(r.formula2));
  }
  if (v.errorMessage) attrs.push(`errorStyle="stop"`);
  if (v.allowBlank) attrs.push(`allowBlank="1"`);
  if (v.prompt) attrs.push(`showInputMessage="1"`);
  attrs.push(`showErrorMessage="1"`);
  if (v.errorMessage) attrs.push(`error="${escapeAttr(v.errorMessage)}"`);
  if (v.prompt) attrs.push(`prompt="${escapeAttr(v.prompt)}"`);
  attrs.push(`sqref="${formatRange(range)}"`);
  const fs = formulas.map((f, i) => `<${p}formula${i + 1}>${escapeText(f)}</${p}formula${i + 1}>`).join("");
  return `<${p}dataValidation ${attrs.join(" ")}>${fs}</${p}dataValidation>`;
}

/** A validation set on a range (null removes): what covered the range gives it up, the parts outside stay. */
export function setValidation(xml: string, p: string, range: RangeAddress, v: DataValidation | null): string {
  const span = section(xml, p, "dataValidations");
  const items: string[] = [];
  for (const el of span ? findElements(xml, `${p}dataValidation`, span.start, span.end) : []) {
    const src = xml.slice(el.start, el.end);
    const sqref = attrOf(el.tag, "sqref") ?? "";
    const parts = sqrefRanges(sqref);
    if (!parts.some((x) => rangesIntersect(x, range))) {
      items.push(src);
      continue;
    }
    const left = parts.flatMap((x) => subtractRange(x, range));
    if (left.length) items.push(withAttr(el.tag, "sqref", left.map(formatRange).join(" ")) + src.slice(el.tag.length));
  }
  if (v) items.push(validationElement(p, range, v));
  return cutNewerFormatRules(rewriteList(xml, p, "dataValidations", items, span), "dataValidation", range, (parts) => parts.some((x) => rangesIntersect(x, range)), true);
}

/**
 * Rules kept in the sheet's extension list (Excel 2010's x14 validations and
 * colour rules, which can refer to other sheets) are one set with the main
 * ones: a validation set on a range cuts them too (`cut`), and a colour-rule
 * replacement removes those wholly inside the range. Their ranges are in a
 * <xm:sqref> child; an emptied list, and then its <ext>, goes.
 */
function cutNewerFormatRules(xml: string, local: "dataValidation" | "conditionalFormatting", range: RangeAddress, hit: (parts: RangeAddress[]) => boolean, cut: boolean): string {
  const data = findElement(xml, `${/<([\w.-]+:)?sheetData[\s/>]/.exec(xml)?.[1] ?? ""}sheetData`);
  const from = data?.end ?? 0;
  const list = new RegExp(`<([\\w.-]+):${local}s[\\s>]`).exec(xml.slice(from));
  if (!list) return xml;
  const prefix = list[1];
  const listSpan = findElement(xml, `${prefix}:${local}s`, from);
  if (!listSpan) return xml;
  const items: string[] = [];
  let changed = false;
  for (const el of findElements(xml, `${prefix}:${local}`, listSpan.start, listSpan.end)) {
    const src = xml.slice(el.start, el.end);
    const sq = /<([\w.-]+:)?sqref>([^<]*)<\/([\w.-]+:)?sqref>/.exec(src);
    const parts = sq ? sqrefRanges(sq[2]) : [];
    if (!parts.length || !hit(parts)) {
      items.push(src);
      continue;
    }
    changed = true;
    if (!cut || !sq) continue;
    const left = parts.flatMap((x) => subtractRange(x, range));
    if (left.length) items.push(src.replace(sq[0], `<${sq[1] ?? ""}sqref>${left.map(formatRange).join(" ")}</${sq[3] ?? ""}sqref>`));
  }
  if (!changed) return xml;
  if (items.length) {
    const open = attrOf(listSpan.tag, "count") !== undefined ? withAttr(listSpan.tag, "count", String(items.length)) : listSpan.tag;
    return splice(xml, listSpan, `${open}${items.join("")}</${prefix}:${local}s>`);
  }
  // The list is empty: its <ext> goes with it, and the extension list when nothing is left in it.
  const extStart = xml.lastIndexOf("<", listSpan.start - 1);
  const extOpen = /<([\w.-]+:)?ext[\s>]/.exec(xml.slice(extStart, listSpan.start));
  const extPrefix = extOpen?.[1] ?? "";
  const extClose = xml.indexOf(`</${extPrefix}ext>`, listSpan.end);
  const onlyChild = extOpen && xml.slice(xml.indexOf(">", extStart) + 1, listSpan.start).trim() === "" && extClose >= 0 && xml.slice(listSpan.end, extClose).trim() === "";
  let out = onlyChild ? xml.slice(0, extStart) + xml.slice(extClose + `</${extPrefix}ext>`.length) : splice(xml, listSpan, "");
  out = out.replace(/<([\w.-]+:)?extLst>\s*<\/([\w.-]+:)?extLst>/, "");
  return out;
}

// ---- colour rules ----------------------------------------------------------

/** Replaces every colour rule whose ranges all lie inside `range` with `rules` over the range (never stacks). */
export function replaceColourRules(xml: string, p: string, range: RangeAddress, rules: ConditionalFormat[], styles: StyleSheet): string {
  const data = findElement(xml, `${p}sheetData`);
  const all = findElements(xml, `${p}conditionalFormatting`, data?.end ?? 0);
  let maxPriority = 0;
  for (const el of all) {
    for (const rule of findElements(xml, `${p}cfRule`, el.start, el.end)) maxPriority = Math.max(maxPriority, Number(attrOf(rule.tag, "priority") ?? 0));
  }
  const inside = all.filter((el) => {
    const parts = sqrefRanges(attrOf(el.tag, "sqref") ?? "");
    return parts.length > 0 && parts.every((x) => rangeContains(range, x));
  });
  let out = cutNewerFormatRules(xml, "conditionalFormatting", range, (parts) => parts.every((x) => rangeContains(range, x)), false);
  const kept = findElements(out, `${p}conditionalFormatting`, findElement(out, `${p}sheetData`)?.end ?? 0);
  const insideNow = kept.filter((el) => inside.some((i) => xml.slice(i.start, i.end) === out.slice(el.start, el.end)));
  for (const el of [...insideNow].reverse()) out = splice(out, el, "");
  if (!rules.length) return out;
  const cfRules = rules.map((rule, i) => {
    const dxf = styles.differentialFormat(rule.fill, rule.fontColor);
    const priority = maxPriority + i + 1;
    const bare = (f: string) => (f.startsWith("=") ? f.slice(1) : f);
    if (rule.kind === "expression") return `<${p}cfRule type="expression" dxfId="${dxf}" priority="${priority}"><${p}formula>${escapeText(bare(rule.formula))}</${p}formula></${p}cfRule>`;
    const fs = [rule.formula1, ...(rule.formula2 !== undefined ? [rule.formula2] : [])].map((f) => `<${p}formula>${escapeText(bare(f))}</${p}formula>`).join("");
    return `<${p}cfRule type="cellIs" dxfId="${dxf}" priority="${priority}" operator="${rule.operator}">${fs}</${p}cfRule>`;
  });
  const element = `<${p}conditionalFormatting sqref="${formatRange(range)}">${cfRules.join("")}</${p}conditionalFormatting>`;
  const remaining = findElements(out, `${p}conditionalFormatting`, findElement(out, `${p}sheetData`)?.end ?? 0);
  const last = remaining[remaining.length - 1];
  return last ? out.slice(0, last.end) + element + out.slice(last.end) : insertSection(out, p, "conditionalFormatting", element);
}

// ---- column widths ---------------------------------------------------------

/** One column's width set (customWidth), splitting a <col> span that covers more columns. */
export function setColumnWidth(xml: string, p: string, column: string, width: number): string {
  const col = columnIndex(column);
  if (col === undefined) return xml;
  const span = section(xml, p, "cols");
  const items = span ? findElements(xml, `${p}col`, span.start, span.end).map((el) => xml.slice(el.start, el.end)) : [];
  const out: string[] = [];
  let done = false;
  for (const item of items) {
    const min = Number(attrOf(item, "min"));
    const max = Number(attrOf(item, "max"));
    if (done || col < min || col > max) {
      if (!done && col < min) {
        out.push(`<${p}col min="${col}" max="${col}" width="${width}" customWidth="1"/>`);
        done = true;
      }
      out.push(item);
      continue;
    }
    if (min < col) out.push(withAttr(item, "max", String(col - 1)));
    out.push(withAttr(withAttr(withAttr(withAttr(item, "min", String(col)), "max", String(col)), "width", String(width)), "customWidth", "1"));
    if (max > col) out.push(withAttr(item, "min", String(col + 1)));
    done = true;
  }
  if (!done) out.push(`<${p}col min="${col}" max="${col}" width="${width}" customWidth="1"/>`);
  const element = `${span ? span.tag.replace(/\s*\/>$/, ">") : `<${p}cols>`}${out.join("")}</${p}cols>`;
  return span ? splice(xml, span, element) : insertSection(xml, p, "cols", element);
}

// ---- table parts -----------------------------------------------------------

export function addTablePart(xml: string, p: string, r: string | undefined, id: string): string {
  const span = section(xml, p, "tableParts");
  const item = r ? `<${p}tablePart ${r}id="${id}"/>` : `<${p}tablePart xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${id}"/>`;
  const items = span ? findElements(xml, `${p}tablePart`, span.start, span.end).map((el) => xml.slice(el.start, el.end)) : [];
  return rewriteList(xml, p, "tableParts", [...items, item], span);
}

export function removeTablePart(xml: string, p: string, id: string): string {
  const span = section(xml, p, "tableParts");
  if (!span) return xml;
  const items = findElements(xml, `${p}tablePart`, span.start, span.end)
    .map((el) => xml.slice(el.start, el.end))
    .filter((src) => !new RegExp(`:id="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`).test(src));
  return rewriteList(xml, p, "tableParts", items, span);
}

