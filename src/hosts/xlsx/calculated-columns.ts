/**
 * Calculated table columns. A table column whose file entry carries
 * <calculatedColumnFormula> is one Excel fills into every row a user adds to
 * the table later. ExcelJS 4.4 neither reads nor writes that element, so the
 * host reads it from the table parts on open, keeps it on the column models
 * (`calculatedColumnFormula`, the formula without "="), follows the plan's
 * edits, and puts it back into the zip ExcelJS writes.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { rangesIntersect, type RangeAddress } from "../../core/grid/address";
import { formulaOf } from "./cell-values";
import { elementSources, parseXmlFragment, type XmlElement } from "./mini-xml";
import { sheetTables, type SheetTable } from "./sheet-access";

const TABLE_PART = /^xl\/tables\/[^/]+\.xml$/;

function localName(name: string): string {
  return name.replace(/^[\w.-]+:/, "");
}

/** The table element's opening tag and its tableColumn elements, in order, read without a namespace prefix assumption. */
function tableColumnsOf(xml: string): { name: string | undefined; columns: XmlElement[] } {
  const open = /<(?:[\w.-]+:)?table\b[^>]*>/.exec(xml)?.[0] ?? "";
  const name = /\bname="([^"]*)"/.exec(open)?.[1];
  const prefix = /<([\w.-]+:)?tableColumns\b/.exec(xml)?.[1] ?? "";
  const columns = elementSources(xml, `${prefix}tableColumn`).flatMap((src) => parseXmlFragment(src));
  return { name, columns };
}

/** Table name (lower case) → the formula ("=" first) of each calculated column, by column position. */
export async function readCalculatedColumns(zip: JSZip): Promise<Map<string, Map<number, string>>> {
  const out = new Map<string, Map<number, string>>();
  for (const part of zip.file(TABLE_PART)) {
    const xml = await part.async("string");
    if (!xml.includes("calculatedColumnFormula")) continue;
    const { name, columns } = tableColumnsOf(xml);
    if (!name) continue;
    const formulas = new Map<number, string>();
    columns.forEach((col, i) => {
      const calc = col.children.find((c) => localName(c.name) === "calculatedColumnFormula");
      // An array formula's calculated column is left alone: the host writes no array formulas.
      if (calc && calc.text.trim() && calc.attrs.array !== "1" && calc.attrs.array !== "true") formulas.set(i, `=${calc.text.trim()}`);
    });
    if (formulas.size) out.set(name.toLowerCase(), formulas);
  }
  return out;
}

/** Puts what readCalculatedColumns found on the loaded tables' column models. */
export function attachCalculatedColumns(workbook: ExcelJS.Workbook, found: Map<string, Map<number, string>>): void {
  if (!found.size) return;
  for (const ws of workbook.worksheets) {
    for (const t of sheetTables(ws)) {
      const formulas = found.get(t.name.toLowerCase());
      if (!formulas) continue;
      t.model.columns.forEach((col, i) => {
        const f = formulas.get(i);
        if (f) col.calculatedColumnFormula = f;
      });
    }
  }
}

function bodyOf(t: SheetTable): { first: number; last: number } {
  return { first: t.range.top + (t.model.headerRow ? 1 : 0), last: t.range.bottom - (t.model.totalsRow ? 1 : 0) };
}

/**
 * The formula every body cell of a table column holds, when they all hold
 * the same one, and whether any holds `current` (the column's formula now).
 * The reading stops once both are settled: a column of plain values is
 * settled at its first cell.
 */
function formulaState(sheet: ExcelJS.Worksheet, col: number, first: number, last: number, current: string | undefined): { same: string | null; holdsCurrent: boolean } {
  let same: string | null | undefined;
  let holdsCurrent = false;
  for (let r = first; r <= last; r++) {
    const cell = sheet.findCell(r, col);
    const f = cell ? formulaOf(cell) : null;
    if (f !== null && f === current) holdsCurrent = true;
    if (same === undefined) same = f;
    else if (same !== f) same = null;
    if (same === null && (current === undefined || holdsCurrent)) break;
  }
  return { same: same ?? null, holdsCurrent };
}

/**
 * After the plan wrote the cells of `range`: each table column whose whole
 * body lies in it becomes a calculated column when every body cell holds the
 * same formula (as a formula filled over a table column does), and stops
 * being one when no body cell holds its formula any more (as when an undo
 * puts the earlier values back). Other columns keep what they had: Excel
 * keeps a calculated column whose cells were partly overwritten.
 */
export function refreshCalculatedColumns(sheet: ExcelJS.Worksheet, range: RangeAddress): void {
  for (const t of sheetTables(sheet)) {
    if (!rangesIntersect(t.range, range)) continue;
    const { first, last } = bodyOf(t);
    if (first > last || first < range.top || last > range.bottom) continue;
    t.model.columns.forEach((col, i) => {
      const c = t.range.left + i;
      if (c < range.left || c > range.right) return;
      const { same, holdsCurrent } = formulaState(sheet, c, first, last, col.calculatedColumnFormula || undefined);
      if (same) col.calculatedColumnFormula = same;
      else if (col.calculatedColumnFormula && !holdsCurrent) delete col.calculatedColumnFormula;
    });
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Does any table of the workbook have a calculated column? (Saves skip the zip pass when none does.) */
export function hasCalculatedColumns(workbook: ExcelJS.Workbook): boolean {
  return workbook.worksheets.some((ws) => sheetTables(ws).some((t) => t.model.columns.some((c) => !!c.calculatedColumnFormula)));
}

/**
 * The zip ExcelJS wrote with <calculatedColumnFormula> put into the matching
 * tableColumn elements. ExcelJS writes each tableColumn as an empty element,
 * in the model's column order, in a part named after the table.
 */
export async function writeCalculatedColumns(bytes: Uint8Array, workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const byTable = new Map<string, (string | undefined)[]>();
  for (const ws of workbook.worksheets) {
    for (const t of sheetTables(ws)) {
      const formulas = t.model.columns.map((c) => c.calculatedColumnFormula);
      if (formulas.some(Boolean)) byTable.set(t.name.toLowerCase(), formulas);
    }
  }
  if (!byTable.size) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const part of zip.file(TABLE_PART)) {
    const xml = await part.async("string");
    const name = /<table\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1];
    const formulas = name ? byTable.get(decodeXmlAttr(name).toLowerCase()) : undefined;
    if (!formulas) continue;
    let index = 0;
    const out = xml.replace(/<tableColumn\b([^>]*?)\s*\/>/g, (whole, attrs: string) => {
      const f = formulas[index++];
      if (!f) return whole;
      return `<tableColumn${attrs}><calculatedColumnFormula>${escapeXml(f.replace(/^=/, ""))}</calculatedColumnFormula></tableColumn>`;
    });
    if (out !== xml) {
      zip.file(part.name, out, { createFolders: false }); // no directory entries: ExcelJS writes none
      changed = true;
    }
  }
  if (!changed) return bytes;
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

function decodeXmlAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * ExcelJS 4.4 stops reading a table's columns at the first <tableColumn> that
 * has a child element, and the open then fails ("Cannot set properties of
 * undefined (setting 'filterButton')"); Excel writes <calculatedColumnFormula>
 * into every calculated column, so a table with a formula column anywhere but
 * last could not be opened at all. The formulas are read first
 * (readCalculatedColumns), taken out of the bytes ExcelJS loads, and written
 * back on save (writeCalculatedColumns). Returns the bytes unchanged when no
 * table part has one. Call after readCalculatedColumns: it edits `zip`.
 */
export async function withoutCalculatedColumnFormulas(zip: JSZip, bytes: Uint8Array): Promise<Uint8Array> {
  let changed = false;
  for (const part of zip.file(TABLE_PART)) {
    const xml = await part.async("string");
    if (!/<(?:\w+:)?calculatedColumnFormula\b/.test(xml)) continue;
    const stripped = xml.replace(/<tableColumn\b([^>]*[^/>])>([\s\S]*?)<\/tableColumn>/g, (_whole: string, attrs: string, inner: string) => {
      const rest = inner.replace(/<((?:\w+:)?calculatedColumnFormula)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g, "");
      return rest.trim() ? `<tableColumn${attrs}>${rest}</tableColumn>` : `<tableColumn${attrs}/>`;
    });
    if (stripped !== xml) {
      zip.file(part.name, stripped);
      changed = true;
    }
  }
  // Stored, not deflated: these bytes only go to ExcelJS's loader, and compressing a big sheet again would cost seconds.
  return changed ? zip.generateAsync({ type: "uint8array", compression: "STORE" }) : bytes;
}
