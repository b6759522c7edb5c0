/**
 * Saving a workbook the host opened from a file: the original package with
 * only the parts the plans changed replaced. Sheets, tables and styles the
 * plans touched are edited in their parts (see sheet-cells.ts,
 * sheet-sections.ts, table-parts.ts, style-sheet.ts); every other part, and
 * every byte of a changed part the plans did not touch, stays as it was.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseRange, type RangeAddress } from "../../../core/grid/address";
import { mergedRanges, sheetTables, type SheetTable } from "../sheet-access";
import { WHOLE_SHEET, type JournalEntry } from "./change-journal";
import { modelCells } from "./model-cells";
import { CONTENT_TYPE, OpcPackage, REL_NS, REL_TYPE, resolveTarget } from "./opc";
import { patchSheetCells, type CellSource } from "./sheet-cells";
import { isChartEdit, writeSheetCharts } from "./sheet-charts";
import { addTablePart, removeTablePart, replaceColourRules, setColumnWidth, setMergedAreas, setValidation } from "./sheet-sections";
import { StyleSheet, type LookChange } from "./style-sheet";
import { newTablePart, patchTablePart, tablePartIdentity } from "./table-parts";
import { attrOf, escapeAttr, findElement, findElements, namespacePrefix, prefixOf, splice, withAttr } from "./xml-text";

const WORKBOOK = "xl/workbook.xml";
const STYLES_TYPE = `${REL_NS}/styles`;

const NEW_SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}">` +
  `<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/>` +
  `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

interface SheetEntry {
  name: string;
  part: string;
  rid: string;
  /** The <sheet> element in workbook.xml. */
  tag: string;
  /** A worksheet, not a chart sheet (or dialog or macro sheet), which no workbook model holds. */
  worksheet: boolean;
}

async function workbookSheets(pkg: OpcPackage): Promise<SheetEntry[]> {
  const xml = (await pkg.text(WORKBOOK)) ?? "";
  const rels = await pkg.relationships(WORKBOOK);
  const p = prefixOf(xml, "workbook");
  const out: SheetEntry[] = [];
  for (const el of findElements(xml, `${p}sheet`)) {
    const rid = Object.entries(attrsOf(el.tag)).find(([k]) => /(^|:)id$/.test(k))?.[1];
    const rel = rels.find((r) => r.id === rid);
    const name = attrOf(el.tag, "name");
    if (rid && rel && name !== undefined) out.push({ name, part: resolveTarget(WORKBOOK, rel.target), rid, tag: el.tag, worksheet: rel.type.endsWith("/worksheet") });
  }
  return out;
}

function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out[m[1]] = m[2];
  return out;
}

/** Everything the journal says about one sheet. */
interface SheetWork {
  values: RangeAddress[];
  looks: { range: RangeAddress; change: LookChange | ((row: number, col: number) => LookChange) }[];
  structural: JournalEntry[];
  merges: boolean;
}

function workBySheet(journal: readonly JournalEntry[]): Map<string, SheetWork> {
  const out = new Map<string, SheetWork>();
  for (const j of journal) {
    if (!j.sheet) continue;
    const key = j.sheet.toLowerCase();
    let w = out.get(key);
    if (!w) out.set(key, (w = { values: [], looks: [], structural: [], merges: false }));
    w.values.push(...j.cells);
    const e = j.edit;
    if (e.type === "setNumberFormat" || e.type === "setStyle") {
      const range = parseRange(e.address);
      if (!range) continue;
      if (e.type === "setStyle") w.looks.push({ range, change: e.style });
      else {
        const format = e.format;
        w.looks.push({ range, change: typeof format === "string" ? { numFmt: format } : (row, col) => ({ numFmt: format[row - range.top][col - range.left] }) });
      }
    } else if (e.type === "mergeCells" || e.type === "unmergeCells") w.merges = true;
    else if (e.type === "setDataValidation" || e.type === "replaceConditionalFormats" || e.type === "setColumnWidths" || isChartEdit(e)) w.structural.push(j);
    else if (e.type === "deleteSheet" || e.type === "addSheet") {
      // A sheet deleted (or added again) starts over: what was recorded for it before no longer applies.
      out.set(key, { values: [], looks: [], structural: [], merges: false });
    }
  }
  return out;
}

function styleResolver(work: SheetWork, styles: StyleSheet): (row: number, col: number, base: number) => number {
  // Most cells share one of a few combinations of looks; the format for each combination is found once.
  const known = new Map<string, number>();
  // Cells are asked for row by row: the looks that reach a row are found once for it, not once per cell.
  let rowAsked = 0;
  let inRow: number[] = [];
  return (row, col, base) => {
    if (row !== rowAsked) {
      rowAsked = row;
      inRow = [];
      for (let i = 0; i < work.looks.length; i++) if (row >= work.looks[i].range.top && row <= work.looks[i].range.bottom) inRow.push(i);
    }
    let key = "";
    for (const i of inRow) {
      const r = work.looks[i].range;
      if (col < r.left || col > r.right) continue;
      const c = work.looks[i].change;
      key += typeof c === "function" ? `${i}:${c(row, col).numFmt}|` : `${i}|`;
    }
    if (!key) return base;
    key = `${base}|${key}`;
    let id = known.get(key);
    if (id === undefined) {
      let change: LookChange = {};
      for (const look of work.looks) {
        const r = look.range;
        if (row < r.top || row > r.bottom || col < r.left || col > r.right) continue;
        change = { ...change, ...(typeof look.change === "function" ? look.change(row, col) : look.change) };
      }
      known.set(key, (id = styles.cellFormat(base, change)));
    }
    return id;
  };
}

export interface SavedPackage {
  bytes: Uint8Array;
  /** The package as saved, its parts' texts known (none when nothing changed). */
  pkg?: OpcPackage;
  /** Parts written (replaced or new) and removed, for tests and reports. */
  written: string[];
  removed: string[];
}

/**
 * A sheet of the workbook as the plans left it, as the saver asks for it:
 * from an ExcelJS model (sheetsOfModel) or from a plan written straight to
 * new sheets (new-sheets-plan.ts).
 */
export interface SheetToSave {
  name: string;
  state?: string;
  cells(): CellSource;
  merges(): RangeAddress[];
  tables(): SheetTable[];
}

export function sheetsOfModel(workbook: ExcelJS.Workbook): SheetToSave[] {
  return workbook.worksheets.map((ws) => ({ name: ws.name, state: ws.state, cells: () => modelCells(ws), merges: () => mergedRanges(ws), tables: () => sheetTables(ws) }));
}

/**
 * The original package with the journal's changes made in the parts they
 * touch. `opened`, when given, is that package already opened (its zip read,
 * perhaps some parts inflated); the changes are made in it.
 */
export async function savePackage(original: Uint8Array, workbook: ExcelJS.Workbook, journal: readonly JournalEntry[], opened?: OpcPackage): Promise<SavedPackage> {
  return saveSheets(original, sheetsOfModel(workbook), journal, opened);
}

/** savePackage over the workbook's sheets as `worksheets` gives them (every worksheet of the workbook, in order: a package worksheet not among them is deleted). */
export async function saveSheets(original: Uint8Array, worksheets: readonly SheetToSave[], journal: readonly JournalEntry[], opened?: OpcPackage): Promise<SavedPackage> {
  if (!journal.length) return { bytes: original, written: [], removed: [] };
  const pkg = opened ?? new OpcPackage(await JSZip.loadAsync(original));
  const sheets = await workbookSheets(pkg);
  const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
  const modelNames = new Set(worksheets.map((w) => w.name.toLowerCase()));
  const work = workBySheet(journal);
  const stylesPart = await stylesPartOf(pkg);
  const styles = new StyleSheet((stylesPart && (await pkg.text(stylesPart))) ?? "");
  let formulaRemoved = false;
  const tableIds = await tableIdsOf(pkg);

  for (const s of sheets) {
    // A chart sheet is never among the model's sheets: it stays as it is, like every part the model does not hold.
    if (s.worksheet && !modelNames.has(s.name.toLowerCase())) await deleteSheet(pkg, s, sheets);
  }
  for (const ws of worksheets) {
    const key = ws.name.toLowerCase();
    const existing = byName.get(key);
    const w = work.get(key);
    if (existing && !w) continue;
    const part = existing?.part ?? pkg.freeName("xl/worksheets/sheet{n}.xml");
    let xml = existing ? ((await pkg.text(part)) ?? "") : NEW_SHEET;
    const p = /<([\w.-]+:)?worksheet[\s>]/.exec(xml)?.[1] ?? "";
    const sheetWork = w ?? { values: [], looks: [], structural: [], merges: false };
    const values = existing ? sheetWork.values : [WHOLE_SHEET];
    const looks = sheetWork.looks.map((l) => l.range);
    // The sections are edited on the part without its cells (a big sheet's cells are nearly all of its text), then the cells go back in.
    let cells: string;
    if (values.length || looks.length) {
      const patched = patchSheetCells(xml, { values, looks, styleOf: styleResolver(sheetWork, styles) }, ws.cells());
      cells = patched.cells;
      xml = `${patched.head}<${p}sheetData/>${patched.tail}`;
      formulaRemoved ||= patched.formulaRemoved;
    } else {
      const data = findElement(xml, `${p}sheetData`);
      if (!data) throw new Error(`${part} has no sheetData element`);
      cells = xml.slice(data.start, data.end);
      xml = splice(xml, data, `<${p}sheetData/>`);
    }
    if (sheetWork.merges || (!existing && ws.merges().length)) xml = setMergedAreas(xml, p, ws.merges());
    for (const j of sheetWork.structural) {
      const e = j.edit;
      if (e.type === "setDataValidation") {
        const range = parseRange(e.address);
        if (range) xml = setValidation(xml, p, range, e.validation);
      } else if (e.type === "replaceConditionalFormats") {
        const range = parseRange(e.address);
        if (range) xml = replaceColourRules(xml, p, range, e.rules, styles);
      } else if (e.type === "setColumnWidths") {
        for (const { column, width } of e.widths) xml = setColumnWidth(xml, p, column, width);
      }
    }
    const charts = sheetWork.structural.map((j) => j.edit).filter(isChartEdit);
    if (charts.length) xml = await writeSheetCharts(pkg, part, xml, p, ws.name, charts);
    xml = await syncTables(pkg, part, xml, p, ws.tables(), tableIds);
    const placeholder = xml.indexOf(`<${p}sheetData/>`);
    pkg.put(part, xml.slice(0, placeholder) + cells + xml.slice(placeholder + `<${p}sheetData/>`.length));
    if (!existing) await addSheetEntry(pkg, ws, part);
  }
  if (formulaRemoved) await dropCalculationChain(pkg);
  if (journal.some((j) => writesFormulas(j))) await calculateOnOpen(pkg);
  if (stylesPart && styles.changed) pkg.put(stylesPart, styles.text());
  const { written, removed } = pkg.changedParts();
  return { bytes: await pkg.bytes(), pkg, written, removed };
}

function writesFormulas(j: JournalEntry): boolean {
  const e = j.edit;
  if (e.type === "fillFormula") return true;
  if (e.type === "setCells") return e.cells.some((row) => row.some((c) => c !== null && typeof c === "object"));
  if (e.type === "addTableColumns") return e.columns.some((c) => !!c.formula || (c.values ?? []).some((v) => v !== null && typeof v === "object"));
  return false;
}

async function stylesPartOf(pkg: OpcPackage): Promise<string | undefined> {
  const rel = (await pkg.relationships(WORKBOOK)).find((r) => r.type === STYLES_TYPE);
  return rel ? resolveTarget(WORKBOOK, rel.target) : undefined;
}

async function tableIdsOf(pkg: OpcPackage): Promise<{ next: () => number }> {
  let max = 0;
  for (const name of pkg.partNames()) {
    if (!/^xl\/tables\/[^/]+\.xml$/i.test(name)) continue;
    max = Math.max(max, tablePartIdentity((await pkg.text(name)) ?? "").id);
  }
  return { next: () => ++max };
}

/** The sheet's table parts brought in line with its tables as the plans left them. */
async function syncTables(pkg: OpcPackage, sheetPart: string, xml: string, p: string, tables: SheetTable[], ids: { next: () => number }): Promise<string> {
  const rels = (await pkg.relationships(sheetPart)).filter((r) => r.type === REL_TYPE.table && !r.external);
  const parts = new Map<string, { rid: string; part: string }>();
  for (const r of rels) {
    const part = resolveTarget(sheetPart, r.target);
    const name = tablePartIdentity((await pkg.text(part)) ?? "").name;
    parts.set(name.toLowerCase(), { rid: r.id, part });
  }
  const rPrefix = namespacePrefix(xml, REL_NS);
  let out = xml;
  for (const t of tables) {
    const have = parts.get(t.name.toLowerCase());
    if (have) {
      parts.delete(t.name.toLowerCase());
      const text = (await pkg.text(have.part)) ?? "";
      const patched = patchTablePart(text, t);
      if (patched !== text) pkg.put(have.part, patched);
      continue;
    }
    const part = pkg.freeName("xl/tables/table{n}.xml");
    pkg.put(part, newTablePart(t, ids.next()));
    await pkg.setOverride(part, CONTENT_TYPE.table);
    const rid = await pkg.addRelationship(sheetPart, REL_TYPE.table, part);
    out = addTablePart(out, p, rPrefix, rid);
  }
  for (const gone of parts.values()) {
    out = removeTablePart(out, p, gone.rid);
    await pkg.removeRelationship(sheetPart, gone.rid);
    await pkg.removePart(gone.part);
  }
  return out;
}

async function addSheetEntry(pkg: OpcPackage, ws: SheetToSave, part: string): Promise<void> {
  await pkg.setOverride(part, CONTENT_TYPE.worksheet);
  const rid = await pkg.addRelationship(WORKBOOK, REL_TYPE.worksheet, part);
  const xml = (await pkg.text(WORKBOOK)) ?? "";
  const p = prefixOf(xml, "workbook");
  const r = namespacePrefix(xml, REL_NS);
  const ids = findElements(xml, `${p}sheet`).map((el) => Number(attrOf(el.tag, "sheetId") ?? 0));
  const state = ws.state === "hidden" || ws.state === "veryHidden" ? ` state="${ws.state}"` : "";
  const idAttr = r ? `${r}id="${rid}"` : `xmlns:r="${REL_NS}" r:id="${rid}"`;
  const element = `<${p}sheet name="${escapeAttr(ws.name)}" sheetId="${Math.max(0, ...ids) + 1}"${state} ${idAttr}/>`;
  const list = findElement(xml, `${p}sheets`);
  if (!list) throw new Error("xl/workbook.xml has no <sheets> list");
  const at = list.selfClosing ? list.start : list.end - `</${p}sheets>`.length;
  pkg.put(WORKBOOK, list.selfClosing ? splice(xml, list, `<${p}sheets>${element}</${p}sheets>`) : xml.slice(0, at) + element + xml.slice(at));
}

/** Removes a sheet of the original package: its entry, relationship, part and content type; names scoped to it go, later scopes shift. */
async function deleteSheet(pkg: OpcPackage, s: SheetEntry, all: SheetEntry[]): Promise<void> {
  let xml = (await pkg.text(WORKBOOK)) ?? "";
  const p = prefixOf(xml, "workbook");
  const index = all.indexOf(s);
  const el = findElements(xml, `${p}sheet`).find((x) => x.tag === s.tag);
  if (el) xml = splice(xml, el, "");
  const names = findElements(xml, `${p}definedName`).reverse();
  for (const n of names) {
    const scope = attrOf(n.tag, "localSheetId");
    if (scope === undefined) continue;
    const k = Number(scope);
    if (k === index) xml = splice(xml, n, "");
    else if (k > index) xml = splice(xml, { start: n.start, end: n.start + n.tag.length }, withAttr(n.tag, "localSheetId", String(k - 1)));
  }
  const view = findElement(xml, `${p}workbookView`);
  const active = view ? Number(attrOf(view.tag, "activeTab") ?? 0) : 0;
  if (view && active >= index && active > 0) xml = splice(xml, { start: view.start, end: view.start + view.tag.length }, withAttr(view.tag, "activeTab", String(active - 1)));
  pkg.put(WORKBOOK, xml);
  await pkg.removeRelationship(WORKBOOK, s.rid);
  await pkg.removePart(s.part);
}

/** The calculation chain is Excel's cache of formula cells; one that lists a cell with no formula makes Excel repair the file, so it goes (Excel rebuilds it). */
async function dropCalculationChain(pkg: OpcPackage): Promise<void> {
  const rel = (await pkg.relationships(WORKBOOK)).find((r) => r.type === REL_TYPE.calcChain);
  if (!rel) return;
  await pkg.removeRelationship(WORKBOOK, rel.id);
  await pkg.removePart(resolveTarget(WORKBOOK, rel.target));
}

/** New formulas carry at most core's figure as their cached result (often none), so Excel is asked to calculate the workbook when it opens it. */
async function calculateOnOpen(pkg: OpcPackage): Promise<void> {
  const xml = (await pkg.text(WORKBOOK)) ?? "";
  const p = prefixOf(xml, "workbook");
  const calc = findElement(xml, `${p}calcPr`);
  if (calc) {
    if (attrOf(calc.tag, "fullCalcOnLoad") !== "1") pkg.put(WORKBOOK, splice(xml, { start: calc.start, end: calc.start + calc.tag.length }, withAttr(calc.tag, "fullCalcOnLoad", "1")));
    return;
  }
  const after = ["oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]
    .map((n) => findElement(xml, p + n))
    .find((x) => x !== undefined);
  const at = after ? after.start : xml.lastIndexOf(`</${p}workbook>`);
  pkg.put(WORKBOOK, `${xml.slice(0, at)}<${p}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`);
}
