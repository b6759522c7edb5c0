/**
 * Shapes, text boxes and charts a sheet draws. ExcelJS 4.4 writes a sheet's
 * drawing only for the pictures it holds, so everything else in the drawing
 * is gone after a save; the host lists it on open so the preview can say so.
 */
import type JSZip from "jszip";
import { formatCell } from "../../core/grid/address";
import { elementSources, parseXmlFragment, type XmlElement } from "./mini-xml";

export interface UnkeptDrawing {
  sheet: string;
  /** Top-left cell the object is anchored to, e.g. "B10"; "" for an absolute anchor. */
  cell: string;
  kind: "shape" | "chart";
  /** The object's name in Excel's selection pane, e.g. "TextBox 1". */
  name: string;
}

function resolveFrom(part: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out = part.split("/").slice(0, -1);
  for (const p of target.split("/")) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The drawing parts a sheet part refers to. */
async function drawingParts(zip: JSZip, sheetPart: string): Promise<string[]> {
  const slash = sheetPart.lastIndexOf("/");
  const rels = await zip.file(`${sheetPart.slice(0, slash)}/_rels/${sheetPart.slice(slash + 1)}.rels`)?.async("string");
  if (!rels) return [];
  const out: string[] = [];
  for (const src of elementSources(rels, "Relationship")) {
    const el = parseXmlFragment(src)[0];
    if (el && /\/drawing$/.test(el.attrs.Type ?? "") && el.attrs.TargetMode !== "External" && el.attrs.Target) out.push(resolveFrom(sheetPart, el.attrs.Target));
  }
  return out;
}

const ANCHORS = ["xdr:twoCellAnchor", "xdr:oneCellAnchor", "xdr:absoluteAnchor"];
const SHAPES = new Set(["xdr:sp", "xdr:grpSp", "xdr:cxnSp"]);

/** What in the sheet's drawings a save would leave out (pictures are kept). */
export async function unkeptDrawings(zip: JSZip, sheet: string, sheetPart: string): Promise<UnkeptDrawing[]> {
  const out: UnkeptDrawing[] = [];
  for (const part of await drawingParts(zip, sheetPart)) {
    const xml = await zip.file(part)?.async("string");
    if (!xml) continue;
    for (const anchorName of ANCHORS) {
      for (const src of elementSources(xml, anchorName)) {
        const anchor = parseXmlFragment(src)[0];
        if (!anchor) continue;
        const from = anchor.children.find((c) => c.name === "xdr:from");
        const col = from?.children.find((c) => c.name === "xdr:col")?.text;
        const row = from?.children.find((c) => c.name === "xdr:row")?.text;
        const cell = col !== undefined && row !== undefined ? formatCell({ row: Number(row) + 1, col: Number(col) + 1 }) : "";
        for (const obj of anchor.children) {
          const kind = SHAPES.has(obj.name) ? "shape" : obj.name === "xdr:graphicFrame" ? "chart" : undefined;
          if (kind) out.push({ sheet, cell, kind, name: find(obj, "xdr:cNvPr")?.attrs.name ?? "" });
        }
      }
    }
  }
  return out;
}

const SHOWN = 3;

/** In words, one line per sheet: which objects a save leaves out (the first few by name and cell, then a count). */
export function describeUnkeptDrawings(items: readonly UnkeptDrawing[]): string[] {
  const bySheet = new Map<string, UnkeptDrawing[]>();
  for (const d of items) bySheet.set(d.sheet, [...(bySheet.get(d.sheet) ?? []), d]);
  return [...bySheet.entries()].map(([sheet, list]) => {
    const groups = (["shape", "chart"] as const)
      .map((kind) => list.filter((d) => d.kind === kind))
      .filter((g) => g.length > 0)
      .map((g) => {
        const noun = g[0].kind === "chart" ? (g.length === 1 ? "chart" : "charts") : g.length === 1 ? "shape or text box" : "shapes or text boxes";
        const named = g.slice(0, SHOWN).map((d) => [d.name ? `“${d.name}”` : "unnamed", d.cell ? `at ${d.cell}` : ""].filter(Boolean).join(" "));
        const more = g.length > SHOWN ? `, and ${g.length - SHOWN} more` : "";
        return `${g.length} ${noun} (${named.join(", ")}${more})`;
      });
    return `sheet “${sheet}”: ${groups.join(" and ")} cannot be written back by this tool and will be left out when the file is saved`;
  });
}
