/**
 * The XML of a chart the toolkit draws in a file: a chart part (c:chartSpace
 * holding one c:lineChart whose series read the sheet's ranges by formula,
 * with the figures cached so a reader that does not calculate still shows
 * them) and the drawing anchor that places it over cells (an
 * xdr:twoCellAnchor whose graphic frame names the chart). Reading one back
 * (`chartFromParts`) gives the edit that would draw it again, so an undo can
 * restore a chart an earlier run drew.
 */
import { columnLetter, formatRange, parseRange, quoteSheetName, type RangeAddress } from "../../../core/grid/address";
import { seriesCategories, type ChartSpec } from "../../../core/plan/edits";
import { escapeAttr, escapeText, findElement, findElements, innerOf } from "./xml-text";
import { excelEscapeControls } from "./xstring";

export const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const DRAWINGML_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
export const SPREADSHEET_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Office's default palette (accent 1–6), so the S-curve looks as Excel would draw it. */
const SERIES_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

const text = (s: string) => escapeText(excelEscapeControls(s));

/** `'PMO Finance'!$A$30:$A$41`: an absolute reference, as Excel writes series formulas. */
export function seriesReference(sheet: string, address: string): string {
  const r = parseRange(address) as RangeAddress;
  const cell = (row: number, col: number) => `$${columnLetter(col)}$${row}`;
  const a = cell(r.top, r.left);
  const b = cell(r.bottom, r.right);
  return `${quoteSheetName(sheet)}!${a === b ? a : `${a}:${b}`}`;
}

function stringCache(labels: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${labels.length}"/>${labels.map((l, i) => `<c:pt idx="${i}"><c:v>${text(l)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numberCache(points: readonly (number | null)[], count: number): string {
  // A point with no value is left out of the cache: the chart shows a gap there (dispBlanksAs="gap").
  const pts = points.map((v, i) => (v === null || !Number.isFinite(v) ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${count}"/>${pts}</c:numCache>`;
}

const CATEGORY_AXIS = 500100;
const VALUE_AXIS = 500200;

/** The chart part for `spec`; `sheet` is the sheet's name as the workbook spells it. */
export function chartPartXml(spec: ChartSpec, sheet: string): string {
  const series = spec.series
    .map((s, i) => {
      const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
      // A series shorter than the categories reads the first categories only.
      const count = rangeCells(s.values);
      const categories = seriesCategories(spec.categories, s.values);
      const labels = spec.categoryLabels?.slice(0, count);
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${text(s.name)}</c:v></c:tx>` +
        `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="none"/></c:marker>` +
        `<c:cat><c:strRef><c:f>${text(seriesReference(sheet, categories))}</c:f>${labels ? stringCache(labels) : ""}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${text(seriesReference(sheet, s.values))}</c:f>${s.points ? numberCache(s.points, count) : ""}</c:numRef></c:val>` +
        `<c:smooth val="0"/></c:ser>`
      );
    })
    .join("");
  const title = spec.title
    ? `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="0"/></a:pPr><a:r><a:rPr lang="en-GB" sz="1400" b="0"/><a:t>${text(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`
    : `<c:autoTitleDeleted val="1"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${DRAWINGML_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/></c:lineChart>` +
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function rangeCells(address: string): number {
  const r = parseRange(address) as RangeAddress;
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/**
 * The anchor placing a chart over the cells of `spec.anchor`, in a drawing
 * whose spreadsheetDrawing prefix is `x` and DrawingML prefix `a` (both with
 * the colon, "" for a default namespace).
 */
export function chartAnchorXml(spec: Pick<ChartSpec, "name" | "anchor">, shapeId: number, chartRid: string, x: string, a: string): string {
  const r = parseRange(spec.anchor) as RangeAddress;
  // Drawing anchors count from 0; the chart ends at the top-left corner of the cell after the anchor range.
  const marker = (tag: string, col: number, row: number) => `<${x}${tag}><${x}col>${col}</${x}col><${x}colOff>0</${x}colOff><${x}row>${row}</${x}row><${x}rowOff>0</${x}rowOff></${x}${tag}>`;
  return (
    `<${x}twoCellAnchor editAs="oneCell">${marker("from", r.left - 1, r.top - 1)}${marker("to", r.right, r.bottom)}` +
    `<${x}graphicFrame macro=""><${x}nvGraphicFramePr><${x}cNvPr id="${shapeId}" name="${escapeAttr(spec.name)}"/><${x}cNvGraphicFramePr/></${x}nvGraphicFramePr>` +
    `<${x}xfrm><${a}off x="0" y="0"/><${a}ext cx="0" cy="0"/></${x}xfrm>` +
    `<${a}graphic><${a}graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" xmlns:r="${R_NS}" r:id="${chartRid}"/></${a}graphicData></${a}graphic>` +
    `</${x}graphicFrame><${x}clientData/></${x}twoCellAnchor>`
  );
}

export const NEW_DRAWING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${SPREADSHEET_DRAWING_NS}" xmlns:a="${DRAWINGML_NS}"></xdr:wsDr>`;

/** A drawing anchor (any of the three kinds) with the graphic frame name and chart relationship it holds, if any. */
export interface DrawingAnchor {
  start: number;
  end: number;
  /** cNvPr name of the frame or shape. */
  name: string | undefined;
  /** cNvPr ids used inside, to pick a free one. */
  ids: number[];
  /** The relationship id of the chart the anchor shows (c:chart r:id), when it shows one. */
  chartRid: string | undefined;
  /** The anchor's cell range, when it is a two-cell anchor. */
  cells: string | undefined;
}

export function drawingAnchors(xml: string, x: string): DrawingAnchor[] {
  const out: DrawingAnchor[] = [];
  for (const kind of ["twoCellAnchor", "oneCellAnchor", "absoluteAnchor"]) {
    for (const el of findElements(xml, x + kind)) {
      const inner = xml.slice(el.start, el.end);
      const ids = [...inner.matchAll(/<(?:[\w.-]+:)?cNvPr\b[^>]*\sid="(\d+)"/g)].map((m) => Number(m[1]));
      const firstName = /<(?:[\w.-]+:)?cNvPr\b[^>]*\sname="([^"]*)"/.exec(inner)?.[1];
      const chart = /<(?:[\w.-]+:)?chart\b[^>]*\s[\w.-]+:id="([^"]*)"/.exec(inner);
      out.push({ start: el.start, end: el.end, name: firstName === undefined ? undefined : unescapeAttr(firstName), ids, chartRid: chart?.[1], cells: kind === "twoCellAnchor" ? anchorCells(inner, x) : undefined });
    }
  }
  return out.sort((p, q) => p.start - q.start);
}

function anchorCells(anchor: string, x: string): string | undefined {
  const at = (tag: string) => {
    const el = findElement(anchor, x + tag);
    if (!el) return undefined;
    const inner = innerOf(anchor, el);
    const num = (n: string) => Number(new RegExp(`<${x}${n}>(\\d+)</${x}${n}>`).exec(inner)?.[1] ?? NaN);
    return { col: num("col"), row: num("row") };
  };
  const from = at("from");
  const to = at("to");
  if (!from || !to || [from.col, from.row, to.col, to.row].some((n) => !Number.isFinite(n))) return undefined;
  return formatRange({ top: from.row + 1, left: from.col + 1, bottom: Math.max(from.row + 1, to.row), right: Math.max(from.col + 1, to.col) });
}

function unescapeAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** The range part of a series formula on `sheet` ("'PMO Finance'!$A$3:$A$9" → "A3:A9"), or undefined when it points elsewhere. */
function localRange(formula: string, sheet: string): string | undefined {
  const bang = formula.lastIndexOf("!");
  if (bang < 0) return undefined;
  const where = formula.slice(0, bang);
  const name = where.startsWith("'") ? where.slice(1, -1).replace(/''/g, "'") : where;
  if (name.toLowerCase() !== sheet.toLowerCase()) return undefined;
  const r = parseRange(formula.slice(bang + 1).replace(/\$/g, ""));
  return r ? formatRange(r) : undefined;
}

/**
 * The edit that draws a chart part again, when it is a line chart over ranges
 * of `sheet` such as the toolkit writes; undefined for any other chart.
 */
export function chartFromParts(chartXml: string, sheet: string, name: string, cells: string | undefined): ChartSpec | undefined {
  const c = /<([\w.-]+:)?chartSpace\b/.exec(chartXml)?.[1] ?? "";
  const line = findElement(chartXml, `${c}lineChart`);
  if (!line || !cells) return undefined;
  const body = chartXml.slice(line.start, line.end);
  let categories: string | undefined;
  let labels: string[] | undefined;
  const series: ChartSpec["series"] = [];
  const unescape = (s: string) => unescapeAttr(s);
  for (const ser of findElements(body, `${c}ser`)) {
    const s = body.slice(ser.start, ser.end);
    const seriesName = new RegExp(`<${c}tx>(?:[\\s\\S]*?)<${c}v>([^<]*)</${c}v>`).exec(s)?.[1];
    const cat = new RegExp(`<${c}cat>[\\s\\S]*?<${c}f>([^<]*)</${c}f>([\\s\\S]*?)</${c}cat>`).exec(s);
    const val = new RegExp(`<${c}val>[\\s\\S]*?<${c}f>([^<]*)</${c}f>([\\s\\S]*?)</${c}val>`).exec(s);
    const values = val ? localRange(unescape(val[1]), sheet) : undefined;
    const catRange = cat ? localRange(unescape(cat[1]), sheet) : undefined;
    if (seriesName === undefined || !values || !catRange) return undefined;
    const count = rangeCells(catRange);
    if (!categories || count > rangeCells(categories)) {
      categories = catRange;
      labels = cat?.[2].includes("strCache") ? cachedPoints(cat[2], c, count).map((v) => v ?? "") : undefined;
    }
    const cached = val?.[2].includes("numCache") ? cachedPoints(val[2], c, count).map((v) => (v === null || v === "" ? null : Number(v))) : undefined;
    series.push({ name: unescape(seriesName), values, ...(cached && cached.every((v) => v === null || Number.isFinite(v)) ? { points: cached } : {}) });
  }
  if (!categories || !series.length) return undefined;
  const titleRuns = findElement(chartXml, `${c}title`);
  const title = titleRuns ? [...chartXml.slice(titleRuns.start, titleRuns.end).matchAll(/<(?:[\w.-]+:)?t>([^<]*)<\/(?:[\w.-]+:)?t>/g)].map((m) => unescape(m[1])).join("") : "";
  return { type: "setChart", sheet, name, chartType: "line", title, categories, ...(labels ? { categoryLabels: labels } : {}), series, anchor: cells };
}

function cachedPoints(cache: string, c: string, count: number): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(count).fill(null);
  for (const m of cache.matchAll(new RegExp(`<${c}pt idx="(\\d+)"[^>]*><${c}v>([^<]*)</${c}v></${c}pt>`, "g"))) {
    const i = Number(m[1]);
    if (i < count) out[i] = unescapeAttr(m[2]);
  }
  return out;
}

