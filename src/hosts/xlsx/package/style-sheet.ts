/**
 * xl/styles.xml, appended to and never renumbered: a cell whose look a plan
 * changes gets a new cell format made from its old one with only the
 * changed parts replaced; every existing index keeps its meaning, so every
 * cell, table style and pivot that points into the part is untouched.
 */
import type { CellStyle } from "../../../core/plan/edits";
import { attrOf, escapeAttr, findElement, findElements, innerOf, prefixOf, withAttr } from "./xml-text";

/** What a plan asks of one cell's look: a number format and the plan's style properties, later edits over earlier ones. */
export interface LookChange extends CellStyle {
  numFmt?: string;
}

/** Excel's built-in number formats by code (ECMA-376 18.8.30), written as ExcelJS reads them, so a format written here reads back the same. */
export const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11, "# ?/?": 12, "# ??/??": 13,
  "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17, "h:mm AM/PM": 18, "h:mm:ss AM/PM": 19, "h:mm": 20, "h:mm:ss": 21,
  'm/d/yy "h":mm': 22, "#,##0 ;(#,##0)": 37, "#,##0 ;[Red](#,##0)": 38, "#,##0.00 ;(#,##0.00)": 39, "#,##0.00 ;[Red](#,##0.00)": 40,
  "mm:ss": 45, "[h]:mm:ss": 46, "mmss.0": 47, "##0.0E+0": 48, "@": 49,
};

/** Where each list sits in a styleSheet (CT_Stylesheet's order), for adding a list a file does not have. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

const FONT_ORDER = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"];

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

class StyleList {
  readonly items: string[];
  readonly added: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly local: string,
    readonly child: string,
    items: string[],
  ) {
    this.items = items;
    items.forEach((x, i) => {
      if (!this.index.has(x)) this.index.set(x, i);
    });
  }

  /** The index of an element equal to `xml`, appended when there is none. */
  indexOf(xml: string): number {
    const known = this.index.get(xml);
    if (known !== undefined) return known;
    const at = this.items.length;
    this.items.push(xml);
    this.added.push(xml);
    this.index.set(xml, at);
    return at;
  }
}

/** The direct children of an element's inner text, each as its source. */
function childSources(inner: string): { name: string; src: string }[] {
  const out: { name: string; src: string }[] = [];
  const re = /<([\w.-]+:)?([\w.-]+)\b[^>]*?(\/>|>)/g;
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    if (m[3] === "/>") {
      out.push({ name: m[2], src: m[0] });
      continue;
    }
    const close = `</${m[1] ?? ""}${m[2]}>`;
    const end = inner.indexOf(close, re.lastIndex);
    if (end < 0) break;
    out.push({ name: m[2], src: inner.slice(m.index, end + close.length) });
    re.lastIndex = end + close.length;
  }
  return out;
}

export class StyleSheet {
  private readonly p: string;
  private readonly lists = new Map<string, StyleList>();
  private readonly xfCache = new Map<string, number>();
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = 164;
  private formatCount = 0;
  private newFormats: string[] = [];

  constructor(private readonly xml: string) {
    this.p = prefixOf(xml, "styleSheet");
    for (const [local, child] of [["fonts", "font"], ["fills", "fill"], ["cellXfs", "xf"], ["dxfs", "dxf"]] as const) {
      const span = findElement(xml, this.p + local);
      const items = span ? childSources(innerOf(xml, span)).filter((c) => c.name === child).map((c) => c.src) : [];
      this.lists.set(local, new StyleList(local, child, items));
    }
    const numFmts = findElement(xml, `${this.p}numFmts`);
    if (numFmts) {
      for (const s of findElements(xml, `${this.p}numFmt`, numFmts.start, numFmts.end)) {
        const id = Number(attrOf(s.tag, "numFmtId"));
        const code = attrOf(s.tag, "formatCode");
        this.formatCount++;
        if (!Number.isFinite(id) || code === undefined) continue;
        if (!this.customFormats.has(code)) this.customFormats.set(code, id);
        this.nextFormatId = Math.max(this.nextFormatId, id + 1);
      }
    }
  }

  private list(local: string): StyleList {
    const l = this.lists.get(local);
    if (!l) throw new Error(`no style list ${local}`);
    return l;
  }

  get changed(): boolean {
    return this.newFormats.length > 0 || [...this.lists.values()].some((l) => l.added.length > 0);
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.customFormats.get(code);
    if (id === undefined) {
      id = this.nextFormatId++;
      this.customFormats.set(code, id);
      this.formatCount++;
      this.newFormats.push(`<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    }
    return id;
  }

  private font(base: string | undefined, change: LookChange): string {
    const p = this.p;
    const children = new Map(childSources(base ? base.replace(/^<[^>]*>|<\/[^>]*>$/g, "") : "").map((c) => [c.name, c.src]));
    if (change.bold !== undefined) change.bold ? children.set("b", `<${p}b/>`) : children.delete("b");
    if (change.italic !== undefined) change.italic ? children.set("i", `<${p}i/>`) : children.delete("i");
    if (change.fontColor !== undefined) children.set("color", `<${p}color rgb="${argb(change.fontColor)}"/>`);
    const ordered = [...FONT_ORDER.filter((n) => children.has(n)), ...[...children.keys()].filter((n) => !FONT_ORDER.includes(n))];
    return `<${p}font>${ordered.map((n) => children.get(n)).join("")}</${p}font>`;
  }

  /** The cell format index for `base` with `change` laid over: base itself when nothing differs, an equal existing one, or a new one appended. */
  cellFormat(base: number, change: LookChange): number {
    const key = `${base}\u0000${JSON.stringify(change)}`;
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const xfs = this.list("cellXfs");
    const src = xfs.items[base] ?? xfs.items[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const openEnd = src.indexOf(">") + 1;
    let tag = src.slice(0, openEnd);
    const selfClosing = tag.endsWith("/>");
    const inner = selfClosing ? [] : childSources(src.slice(openEnd, src.lastIndexOf("</")));
    if (selfClosing) tag = `${tag.slice(0, -2).replace(/\s+$/, "")}>`;
    if (change.numFmt !== undefined) {
      tag = withAttr(tag, "numFmtId", String(this.numFmtId(change.numFmt)));
      tag = withAttr(tag, "applyNumberFormat", "1");
    }
    if (change.bold !== undefined || change.italic !== undefined || change.fontColor !== undefined) {
      const fonts = this.list("fonts");
      const id = fonts.indexOf(this.font(fonts.items[Number(attrOf(tag, "fontId") ?? 0)], change));
      tag = withAttr(withAttr(tag, "fontId", String(id)), "applyFont", "1");
    }
    if (change.fill !== undefined) {
      const id =
        change.fill === null
          ? 0
          : this.list("fills").indexOf(`<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(change.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
      tag = withAttr(withAttr(tag, "fillId", String(id)), "applyFill", "1");
    }
    let children = inner.map((c) => c.src);
    if (change.wrapText !== undefined || change.horizontalAlignment !== undefined || change.verticalAlignment !== undefined) {
      const at = inner.findIndex((c) => c.name === "alignment");
      let align = at >= 0 ? inner[at].src.replace(/\s*\/>$/, "/>") : `<${p}alignment/>`;
      if (change.wrapText !== undefined) align = withAttr(align, "wrapText", change.wrapText ? "1" : undefined);
      if (change.horizontalAlignment !== undefined) align = withAttr(align, "horizontal", change.horizontalAlignment === "General" ? undefined : change.horizontalAlignment.toLowerCase());
      if (change.verticalAlignment !== undefined) align = withAttr(align, "vertical", change.verticalAlignment.toLowerCase());
      children = at >= 0 ? children.map((c, i) => (i === at ? align : c)) : [align, ...children];
      tag = withAttr(tag, "applyAlignment", "1");
    }
    const xf = children.length ? `${tag}${children.join("")}</${p}xf>` : `${tag.slice(0, -1)}/>`;
    const normalised = xf === src.replace(/\s*\/>$/, "/>") ? src : xf;
    const id = normalised === src ? base : xfs.indexOf(normalised);
    this.xfCache.set(key, id);
    return id;
  }

  /** A differential format (for a colour rule) with a fill and/or font colour; an equal existing one is reused. */
  differentialFormat(fill: string | undefined, fontColor: string | undefined): number {
    const p = this.p;
    const font = fontColor ? `<${p}font><${p}color rgb="${argb(fontColor)}"/></${p}font>` : "";
    const fillXml = fill ? `<${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb(fill)}"/></${p}patternFill></${p}fill>` : "";
    return this.list("dxfs").indexOf(`<${p}dxf>${font}${fillXml}</${p}dxf>`);
  }

  /** The part's text with the new entries appended to their lists (counts updated); the same text when nothing was added. */
  text(): string {
    let xml = this.xml;
    const appends: { local: string; child: string; added: string[]; count: number }[] = [
      { local: "numFmts", child: "numFmt", added: this.newFormats, count: this.formatCount },
      ...[...this.lists.values()].map((l) => ({ local: l.local, child: l.child, added: l.added, count: l.items.length })),
    ];
    for (const a of appends) {
      if (!a.added.length) continue;
      const qname = this.p + a.local;
      const span = findElement(xml, qname);
      if (span) {
        const open = withAttr(span.tag.replace(/\s*\/>$/, ">"), "count", String(a.count));
        const inner = innerOf(xml, span);
        xml = `${xml.slice(0, span.start)}${open}${inner}${a.added.join("")}</${qname}>${xml.slice(span.end)}`;
        continue;
      }
      const element = `<${qname} count="${a.count}">${a.added.join("")}</${qname}>`;
      const after = ORDER.slice(ORDER.indexOf(a.local) + 1)
        .map((n) => findElement(xml, this.p + n))
        .find((s) => s !== undefined);
      const at = after ? after.start : xml.lastIndexOf(`</${this.p}styleSheet>`);
      xml = `${xml.slice(0, at)}${element}${xml.slice(at)}`;
    }
    return xml;
  }
}
