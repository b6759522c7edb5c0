/**
 * Which part of the zip holds each worksheet, found the way Excel finds it:
 * xl/workbook.xml names the sheets and their relationship ids, and
 * xl/_rels/workbook.xml.rels maps the ids to part paths.
 */
import type JSZip from "jszip";
import { elementSources, parseXmlFragment } from "./mini-xml";
import { OpcPackage } from "./package/opc";
import { scanSheetPieces } from "./sheet-scan";

function resolvePart(target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : `xl/${target}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** Sheet name → part path ("xl/worksheets/sheet1.xml"); sheets whose part cannot be found are left out. */
export async function worksheetParts(zip: JSZip): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbook || !rels) return out;
  const targets = new Map<string, string>();
  for (const src of elementSources(rels, "Relationship")) {
    const el = parseXmlFragment(src)[0];
    if (el?.attrs.Id && el.attrs.Target) targets.set(el.attrs.Id, resolvePart(el.attrs.Target));
  }
  for (const src of elementSources(workbook, "sheet")) {
    const el = parseXmlFragment(src)[0];
    // The relationship id's prefix is whatever the file bound the namespace to; Excel writes "r:id".
    const rid = el ? Object.entries(el.attrs).find(([k]) => /(^|:)id$/.test(k))?.[1] : undefined;
    const target = rid ? targets.get(rid) : undefined;
    if (el?.attrs.name && target) out.set(el.attrs.name, target);
  }
  return out;
}

/**
 * A worksheet part's XML without the cells: everything before and after its
 * sheetData element, which holds nearly all of a big sheet's bytes. What is
 * read from the part here (validations, colour-rule extensions) lies outside
 * it. The part is inflated as a stream and the cells skipped piece by piece,
 * so its whole text is never held.
 */
export async function sheetXmlOutsideCells(zip: JSZip, part: string): Promise<string> {
  const { outside, prefix } = await scanSheetPieces(new OpcPackage(zip).textPieces(part), [], { readCells: false });
  return outside.replace(`<${prefix}sheetData/>`, "<sheetData/>");
}
