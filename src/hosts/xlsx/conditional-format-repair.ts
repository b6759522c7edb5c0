/**
 * Colour rules ExcelJS reads but cannot write back.
 *
 * Since Excel 2010 a rule that refers to another sheet (cellIs equal to
 * Definitions!$F$3), and a few newer kinds, are stored in the x14 extension
 * under the sheet's <extLst>. ExcelJS 4.4 reads only a rule's type, priority
 * and id from there (its reader knows the data bar and icon set details and
 * nothing else), so such a rule has no operator, formula or style, and its
 * writer then fails on the whole file ("Cannot read properties of undefined
 * (reading 'forEach')" in CfRuleXform.renderCellIs). Its writer also has no
 * case for some kinds it reads (beginsWith, endsWith, notContainsText,
 * duplicateValues, uniqueValues...) and silently leaves them out.
 *
 * On open, the host completes each x14 rule from the sheet's XML (operator,
 * formulas, the style written inline in <x14:dxf>), turns the text rules that
 * carry their formula into formula rules (Excel evaluates the same formula),
 * and takes out only what still cannot be written, listing it so the preview
 * can say what a save would drop.
 */
import type ExcelJS from "exceljs";
import { childNamed, childrenNamed, elementSources, parseXmlFragment, type XmlElement } from "./mini-xml";

/** A rule the host could not keep: where it was and what it was. */
export interface UnkeptRule {
  sheet: string;
  /** The rule's ranges as the file gives them, e.g. "R5:R1048576 R2:R3". */
  address: string;
  kind: string;
}

interface CfEntry {
  ref: string;
  rules: CfRule[];
}

/** ExcelJS's rule model, loosely: the keys its reader sets and its writer reads. */
interface CfRule {
  type: string;
  operator?: string;
  formulae?: unknown[];
  style?: Record<string, unknown>;
  priority?: number;
  x14Id?: string;
  text?: string;
  timePeriod?: string;
  rank?: number;
  percent?: boolean;
  bottom?: boolean;
  aboveAverage?: boolean;
  cfvo?: unknown[];
  [key: string]: unknown;
}

export function conditionalFormattingsOf(sheet: ExcelJS.Worksheet): CfEntry[] {
  // ExcelJS keeps the sheet's rules in an array it leaves out of its typings.
  const holder = sheet as unknown as { conditionalFormattings?: CfEntry[] };
  if (!holder.conditionalFormattings) holder.conditionalFormattings = [];
  return holder.conditionalFormattings;
}

// ---- <x14:dxf> to ExcelJS's style model (the shape ExcelJS's own dxf reader gives) ----

function colourOf(el: XmlElement | undefined): Record<string, unknown> | undefined {
  if (!el) return undefined;
  const a = el.attrs;
  const tint = a.tint !== undefined ? { tint: parseFloat(a.tint) } : {};
  if (a.rgb) return { argb: a.rgb, ...tint };
  if (a.theme !== undefined) return { theme: parseInt(a.theme, 10), ...tint };
  if (a.indexed !== undefined) return { indexed: parseInt(a.indexed, 10), ...tint };
  if (a.auto !== undefined) return { auto: a.auto === "1" || a.auto === "true" };
  return undefined;
}

const flag = (el: XmlElement | undefined): boolean | undefined => (el ? el.attrs.val === undefined || el.attrs.val === "1" || el.attrs.val === "true" : undefined);

function fontOf(el: XmlElement): Record<string, unknown> {
  const font: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => v !== undefined && (font[k] = v);
  set("bold", flag(childNamed(el, "b")));
  set("italic", flag(childNamed(el, "i")));
  set("strike", flag(childNamed(el, "strike")));
  const u = childNamed(el, "u");
  if (u) font.underline = u.attrs.val ?? true;
  set("color", colourOf(childNamed(el, "color")));
  const sz = childNamed(el, "sz")?.attrs.val;
  if (sz) font.size = parseFloat(sz);
  const name = childNamed(el, "name")?.attrs.val;
  if (name) font.name = name;
  return font;
}

function fillOf(el: XmlElement): Record<string, unknown> | undefined {
  const pattern = childNamed(el, "patternFill");
  if (!pattern) return undefined;
  const fill: Record<string, unknown> = { type: "pattern" };
  if (pattern.attrs.patternType) fill.pattern = pattern.attrs.patternType;
  const fg = colourOf(childNamed(pattern, "fgColor"));
  const bg = colourOf(childNamed(pattern, "bgColor"));
  if (fg) fill.fgColor = fg;
  if (bg) fill.bgColor = bg;
  return fill;
}

function borderOf(el: XmlElement): Record<string, unknown> {
  const border: Record<string, unknown> = {};
  for (const side of ["left", "right", "top", "bottom"]) {
    const s = childNamed(el, side);
    if (!s || !s.attrs.style) continue;
    const color = colourOf(childNamed(s, "color"));
    border[side] = { style: s.attrs.style, ...(color ? { color } : {}) };
  }
  return border;
}

export function styleOfDxf(dxf: XmlElement): Record<string, unknown> {
  const style: Record<string, unknown> = {};
  const font = childNamed(dxf, "font");
  if (font) style.font = fontOf(font);
  const fill = childNamed(dxf, "fill");
  const f = fill ? fillOf(fill) : undefined;
  if (f) style.fill = f;
  const border = childNamed(dxf, "border");
  if (border) style.border = borderOf(border);
  const numFmt = childNamed(dxf, "numFmt");
  if (numFmt?.attrs.formatCode !== undefined) style.numFmt = { id: parseInt(numFmt.attrs.numFmtId ?? "0", 10), formatCode: numFmt.attrs.formatCode };
  return style;
}

// ---- what ExcelJS's writer can write ----

const TEXT_OPERATORS = new Set(["containsText", "containsBlanks", "notContainsBlanks", "containsErrors", "notContainsErrors"]);
/** Kinds whose stored formula is the whole test, so a formula rule with it behaves the same. */
const FORMULA_KINDS = new Set(["beginsWith", "endsWith", "notContainsText", "containsText", "containsBlanks", "notContainsBlanks", "containsErrors", "notContainsErrors", "timePeriod"]);

const hasFormula = (r: CfRule) => Array.isArray(r.formulae) && r.formulae.length > 0 && r.formulae[0] !== undefined && String(r.formulae[0]) !== "";

/** Would ExcelJS 4.4's CfRuleXform write this rule, whole? */
export function writableRule(r: CfRule): boolean {
  switch (r.type) {
    case "expression":
      return hasFormula(r);
    case "cellIs":
      return !!r.operator && hasFormula(r);
    case "top10":
    case "aboveAverage":
      return true;
    case "dataBar":
    case "colorScale":
    case "iconSet":
      return Array.isArray(r.cfvo);
    case "containsText":
      // ExcelJS reads containsBlanks etc. as type containsText with the kind in operator; it makes the formula when there is none.
      return TEXT_OPERATORS.has(r.operator ?? "") && (hasFormula(r) || r.operator !== "containsText" || r.text !== undefined);
    case "timePeriod":
      return hasFormula(r) || !!r.timePeriod;
    default:
      return false;
  }
}

// ---- repairing a sheet's rules ----

interface ExtRule {
  attrs: Record<string, string>;
  formulae: string[];
  style?: Record<string, unknown>;
}

/** The x14 rules of a sheet part, by their id. */
function extensionRules(xml: string): Map<string, ExtRule> {
  const out = new Map<string, ExtRule>();
  if (!xml.includes("x14:cfRule")) return out;
  for (const src of elementSources(xml, "x14:conditionalFormattings")) {
    for (const root of parseXmlFragment(src)) {
      for (const cf of childrenNamed(root, "x14:conditionalFormatting")) {
        for (const rule of childrenNamed(cf, "x14:cfRule")) {
          if (!rule.attrs.id) continue;
          const dxf = childNamed(rule, "x14:dxf");
          out.set(rule.attrs.id, {
            attrs: rule.attrs,
            formulae: childrenNamed(rule, "xm:f").map((f) => f.text),
            ...(dxf ? { style: styleOfDxf(dxf) } : {}),
          });
        }
      }
    }
  }
  return out;
}

const BOOLEAN_ATTRS = ["percent", "bottom", "aboveAverage", "stopIfTrue"];

/** Fills in what ExcelJS's x14 reader left out, never overwriting what it did read. */
function complete(rule: CfRule, ext: ExtRule): void {
  const a = ext.attrs;
  if (rule.operator === undefined && a.operator !== undefined) rule.operator = a.operator;
  if (!hasFormula(rule) && ext.formulae.length) rule.formulae = [...ext.formulae];
  if (rule.style === undefined && ext.style) rule.style = ext.style;
  if (rule.text === undefined && a.text !== undefined) rule.text = a.text;
  if (rule.timePeriod === undefined && a.timePeriod !== undefined) rule.timePeriod = a.timePeriod;
  if (rule.rank === undefined && a.rank !== undefined) rule.rank = parseInt(a.rank, 10);
  for (const k of BOOLEAN_ATTRS) if (rule[k] === undefined && a[k] !== undefined) rule[k] = a[k] === "1" || a[k] === "true";
  // ExcelJS's main reader files text kinds under containsText with the kind as operator; do the same so its writer knows them.
  if (TEXT_OPERATORS.has(rule.type) && rule.type !== "containsText") {
    rule.operator = rule.type;
    rule.type = "containsText";
  }
}

/**
 * Makes the sheet's rules writable by ExcelJS: completes x14 rules from
 * `sheetXml` (the sheet's part; "" when unknown), turns text kinds with a
 * formula into formula rules, and removes what still cannot be written.
 * Returns what was removed.
 */
export function repairConditionalFormats(sheet: ExcelJS.Worksheet, sheetXml: string): UnkeptRule[] {
  const entries = conditionalFormattingsOf(sheet);
  if (!entries.length) return [];
  const ext = extensionRules(sheetXml);
  const unkept: UnkeptRule[] = [];
  const kept: CfEntry[] = [];
  for (const entry of entries) {
    const rules: CfRule[] = [];
    for (const rule of entry.rules) {
      const fromExt = rule.x14Id ? ext.get(rule.x14Id) : undefined;
      if (fromExt) complete(rule, fromExt);
      if (!writableRule(rule) && FORMULA_KINDS.has(rule.operator ?? rule.type) && hasFormula(rule)) {
        rule.type = "expression";
        rule.formulae = [rule.formulae?.[0]];
        delete rule.operator;
      }
      if (writableRule(rule)) rules.push(rule);
      else unkept.push({ sheet: sheet.name, address: entry.ref, kind: rule.type });
    }
    if (rules.length) kept.push({ ...entry, rules });
  }
  if (unkept.length) (sheet as unknown as { conditionalFormattings: CfEntry[] }).conditionalFormattings = kept;
  return unkept;
}

/** Rules anywhere in the workbook that ExcelJS's writer would fail on or leave out. */
export function unwritableRules(workbook: ExcelJS.Workbook): UnkeptRule[] {
  const out: UnkeptRule[] = [];
  for (const ws of workbook.worksheets) {
    for (const entry of conditionalFormattingsOf(ws)) {
      for (const rule of entry.rules) if (!writableRule(rule)) out.push({ sheet: ws.name, address: entry.ref, kind: rule.type });
    }
  }
  return out;
}

/** In words, for the preview: which rule, on which sheet and cells, a save leaves out. */
export function describeUnkept(u: UnkeptRule): string {
  return `sheet “${u.sheet}”, ${u.address.split(/\s+/).join(", ")}: a colour rule of kind “${u.kind}” cannot be written back by this tool and will be left out when the file is saved`;
}
