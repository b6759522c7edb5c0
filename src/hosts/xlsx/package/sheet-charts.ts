/**
 * The charts a plan draws on a sheet, written into the package: each chart
 * a part of its own (xl/charts/chartN.xml), placed by an anchor in the
 * sheet's drawing (xl/drawings/drawingN.xml, made when the sheet has none),
 * joined by relationships sheet → drawing → chart and listed in the content
 * types. A chart is found by the name its frame carries: a new one of the
 * same name replaces it; every other anchor in the drawing (the user's
 * pictures, shapes and charts) keeps its text.
 */
import { isChartEdit, type ChartEdit, type ChartSpec } from "../../../core/plan/edits";
import { chartAnchorXml, chartFromParts, chartPartXml, drawingAnchors, DRAWINGML_NS, NEW_DRAWING } from "./chart-part";
import { OpcPackage, REL_NS, resolveTarget } from "./opc";
import { insertSection } from "./sheet-sections";
import { findElement, namespacePrefix, prefixOf, splice } from "./xml-text";

export { isChartEdit, type ChartEdit };

export const DRAWING_REL = `${REL_NS}/drawing`;
export const CHART_REL = `${REL_NS}/chart`;
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";


/** What the edits leave for each chart name (the last edit of a name wins): the chart to draw, or null for none. */
function finalCharts(edits: readonly ChartEdit[]): Map<string, { name: string; spec: ChartSpec | null }> {
  const out = new Map<string, { name: string; spec: ChartSpec | null }>();
  for (const e of edits) out.set(e.name.toLowerCase(), { name: e.name, spec: e.type === "setChart" ? e : null });
  return out;
}

/** The sheet's drawing part and the relationship id the sheet knows it by, if it has one. */
async function drawingOf(pkg: OpcPackage, sheetPart: string): Promise<{ part: string; rid: string } | undefined> {
  const rel = (await pkg.relationships(sheetPart)).find((r) => r.type === DRAWING_REL && !r.external);
  return rel ? { part: resolveTarget(sheetPart, rel.target), rid: rel.id } : undefined;
}

/** Removes a chart part with what hangs off it alone (its style and colour parts). */
async function removeChartPart(pkg: OpcPackage, part: string): Promise<void> {
  for (const r of await pkg.relationships(part)) if (!r.external && /chartStyle|chartColorStyle/.test(r.type)) await pkg.removePart(resolveTarget(part, r.target));
  await pkg.removePart(part);
}

/**
 * The sheet part's text with its drawing element as the charts need it;
 * writes the drawing and chart parts. `xml` is the sheet part (its cells
 * may be cut out), `p` its element prefix, `sheet` the sheet's name.
 */
export async function writeSheetCharts(pkg: OpcPackage, sheetPart: string, xml: string, p: string, sheet: string, edits: readonly ChartEdit[]): Promise<string> {
  const wanted = finalCharts(edits);
  let drawing = await drawingOf(pkg, sheetPart);
  if (!drawing && ![...wanted.values()].some((w) => w.spec)) return xml;
  let out = xml;
  if (!drawing) {
    const part = pkg.freeName("xl/drawings/drawing{n}.xml");
    pkg.put(part, NEW_DRAWING);
    await pkg.setOverride(part, DRAWING_TYPE);
    const rid = await pkg.addRelationship(sheetPart, DRAWING_REL, part);
    const r = namespacePrefix(out, REL_NS);
    out = insertSection(out, p, "drawing", r ? `<${p}drawing ${r}id="${rid}"/>` : `<${p}drawing xmlns:r="${REL_NS}" r:id="${rid}"/>`);
    drawing = { part, rid };
  }
  let dxml = (await pkg.text(drawing.part)) ?? NEW_DRAWING;
  const x = prefixOf(dxml, "wsDr");
  let a = namespacePrefix(dxml, DRAWINGML_NS);
  if (a === undefined) {
    const root = findElement(dxml, `${x}wsDr`);
    if (!root) throw new Error(`${drawing.part} has no wsDr element`);
    const open = root.tag.replace(/\s*(\/?)>$/, ` xmlns:a="${DRAWINGML_NS}"$1>`);
    dxml = splice(dxml, { start: root.start, end: root.start + root.tag.length }, open);
    a = "a:";
  }
  const anchors = drawingAnchors(dxml, x);
  const rels = await pkg.relationships(drawing.part);
  // Our charts of these names go first (from the end, so earlier spans stay where they are).
  for (const anchor of [...anchors].reverse()) {
    if (!anchor.chartRid || anchor.name === undefined || !wanted.has(anchor.name.toLowerCase())) continue;
    dxml = splice(dxml, anchor, "");
    const rel = rels.find((r) => r.id === anchor.chartRid);
    await pkg.removeRelationship(drawing.part, anchor.chartRid);
    if (rel && !rel.external) await removeChartPart(pkg, resolveTarget(drawing.part, rel.target));
  }
  let nextId = Math.max(1, ...anchors.flatMap((an) => an.ids)) + 1;
  let added = "";
  for (const { spec } of wanted.values()) {
    if (!spec) continue;
    const part = pkg.freeName("xl/charts/chart{n}.xml");
    pkg.put(part, chartPartXml(spec, sheet));
    await pkg.setOverride(part, CHART_TYPE);
    const rid = await pkg.addRelationship(drawing.part, CHART_REL, part);
    added += chartAnchorXml(spec, nextId++, rid, x, a);
  }
  const root = findElement(dxml, `${x}wsDr`);
  if (!root) throw new Error(`${drawing.part} has no wsDr element`);
  if (root.selfClosing) dxml = splice(dxml, root, `${root.tag.replace(/\s*\/>$/, ">")}${added}</${x}wsDr>`);
  else {
    const close = dxml.lastIndexOf(`</${x}wsDr>`);
    dxml = dxml.slice(0, close) + added + dxml.slice(close);
  }
  if (drawingAnchors(dxml, x).length === 0) {
    // Nothing left to show: the drawing goes, with the sheet's reference to it.
    await pkg.removeRelationship(sheetPart, drawing.rid);
    await pkg.removePart(drawing.part);
    const el = findElement(out, `${p}drawing`);
    return el ? splice(out, el, "") : out;
  }
  pkg.put(drawing.part, dxml);
  return out;
}

/**
 * The charts on a package's sheets that the toolkit could draw again, by
 * sheet name (lower case) then chart name (lower case); a chart of another
 * kind is listed as null (it can be removed by name, not redrawn).
 */
export async function readPackageCharts(pkg: OpcPackage, sheets: readonly { name: string; part: string }[]): Promise<Map<string, Map<string, ChartSpec | null>>> {
  const out = new Map<string, Map<string, ChartSpec | null>>();
  for (const s of sheets) {
    const drawing = await drawingOf(pkg, s.part);
    if (!drawing) continue;
    const dxml = (await pkg.text(drawing.part)) ?? "";
    const rels = await pkg.relationships(drawing.part);
    const charts = new Map<string, ChartSpec | null>();
    for (const anchor of drawingAnchors(dxml, prefixOf(dxml, "wsDr"))) {
      if (!anchor.chartRid || anchor.name === undefined) continue;
      const rel = rels.find((r) => r.id === anchor.chartRid);
      const chartXml = rel && !rel.external ? await pkg.text(resolveTarget(drawing.part, rel.target)) : undefined;
      charts.set(anchor.name.toLowerCase(), (chartXml && chartFromParts(chartXml, s.name, anchor.name, anchor.cells)) || null);
    }
    if (charts.size) out.set(s.name.toLowerCase(), charts);
  }
  return out;
}
