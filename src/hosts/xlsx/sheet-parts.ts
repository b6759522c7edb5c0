/**
 * Which part of the zip holds each worksheet, found the way Excel finds it:
 * xl/workbook.xml names the sheets and their relationship ids, and
 * xl/_rels/workbook.xml.rels maps the ids to part paths.
 */
import type JSZip from "jszip";
import { elementSources, parseXmlFragment } from "./mini-xml";

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

const SHEET_DATA = new TextEncoder().encode("sheetData");
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

function matchesAt(bytes: Uint8Array, at: number): boolean {
  for (let k = 0; k < SHEET_DATA.length; k++) if (bytes[at + k] !== SHEET_DATA[k]) return false;
  return true;
}

/** Where the tag naming sheetData (any namespace prefix) that holds `at` starts: its "<". */
function tagStart(bytes: Uint8Array, at: number): number {
  let i = at - 1;
  while (i >= 0 && bytes[i] !== LT && bytes[i] !== GT) i--;
  return i >= 0 && bytes[i] === LT ? i : -1;
}

/**
 * A worksheet part's XML without the cells: everything before and after its
 * sheetData element, which holds nearly all of a big sheet's bytes. What is
 * read from the part here (validations, colour-rule extensions) lies outside
 * it; decoding and searching 50 MB of cells for them took a third of a second
 * at 100,000 rows. A literal "sheetData" name can only be a tag: text and
 * attribute values must escape "<".
 */
export async function sheetXmlOutsideCells(zip: JSZip, part: string): Promise<string> {
  const bytes = await zip.file(part)?.async("uint8array");
  if (!bytes) return "";
  const decoder = new TextDecoder();
  let open = -1;
  for (let i = 0; i + SHEET_DATA.length <= bytes.length; i++) {
    if (bytes[i] === SHEET_DATA[0] && matchesAt(bytes, i)) {
      open = tagStart(bytes, i);
      break;
    }
  }
  let closeEnd = -1;
  for (let i = bytes.length - SHEET_DATA.length; i > open; i--) {
    if (bytes[i] === SHEET_DATA[0] && matchesAt(bytes, i)) {
      const start = tagStart(bytes, i);
      if (start < 0 || bytes[start + 1] !== SLASH) break; // the last sheetData tag is not a closing one: a self-closed element, nothing to cut
      closeEnd = bytes.indexOf(GT, i);
      break;
    }
  }
  if (open < 0 || closeEnd < 0 || closeEnd <= open) return decoder.decode(bytes);
  return `${decoder.decode(bytes.subarray(0, open))}<sheetData/>${decoder.decode(bytes.subarray(closeEnd + 1))}`;
}
