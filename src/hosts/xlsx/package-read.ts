/**
 * A read-only host over the package itself: the outline, cell reads, rules
 * and header looks come from the parts, with no whole-workbook model built.
 * Each sheet's cells are read in one forward pass over its part, the first
 * time something asks for that sheet; sheets nobody asks about are never
 * inflated. Read-only jobs (inspect) use it; a job that applies a plan
 * reads through it too, from the package host (package-host.ts), which opens
 * it to keep each sheet's text for the save.
 */
import type ExcelJS from "exceljs";
import type JSZip from "jszip";
import { formatRange, parseRange, rangeHeight, rangesIntersect, rangeWidth, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { decodeMetadataRows, emptyMetadata, METADATA_FIRST_ROW, METADATA_SHEET, UNDO_SHEET } from "../../core/metadata/schema";
import type { Plan } from "../../core/plan/plan";
import { WorkbookError, type ApplyResult, type CellLook, type Grid, type RangeRules, type SheetOutline, type TableOutline, type WorkbookHost, type WorkbookOutline } from "../host";
import { repairConditionalFormats, styleOfDxf } from "./conditional-format-repair";
import { decodeEntities, parseXmlFragment, type XmlElement } from "./mini-xml";
import { examineWorkbookBytes, type ZipOpener } from "./open-errors";
import { OpcPackage, REL_NS, REL_TYPE, relsPathOf, resolveTarget } from "./package/opc";
import type { WorksheetPart } from "./package/plan-package";
import { BUILT_IN_FORMATS } from "./package/style-sheet";
import { decodeColumnName } from "./package/table-parts";
import { attrOf, findElement, findElements, innerOf, prefixOf } from "./package/xml-text";
import { readSheetRules } from "./read-rules";
import type { FormulaGroup } from "./formula-group-losses";
import { validationsFromSheetXml } from "./validations-load";
import { MAX_READ_CELLS } from "./read-limits";
import { CellStore, scanSheetPieces } from "./sheet-scan";
import { SharedStringTable } from "./shared-string-table";

const WORKBOOK = "xl/workbook.xml";
const FORMAT_CODES = new Map(Object.entries(BUILT_IN_FORMATS).map(([code, id]) => [id, code]));

interface SheetEntry {
  name: string;
  state: SheetOutline["visibility"];
  part: string;
}

interface Format {
  numFmt: string;
  bold: boolean;
  fill: string | null;
  wrapText: boolean;
}

interface ParsedSheet {
  cells: CellStore;
  merges: RangeAddress[];
  used: RangeAddress | null;
  /** The part without its cells (validations and colour rules are read from it). */
  outside: string;
  tables: TableOutline[];
  /** Only the sheet's first rows were read (outlineHeads): its cells and used range stop there. */
  cut?: boolean;
}

function hexOf(rgb: string | undefined): string | null {
  return rgb && /^[0-9A-Fa-f]{8}$/.test(rgb) ? `#${rgb.slice(2).toUpperCase()}` : null;
}

export class PackageWorkbook implements WorkbookHost {
  private readonly parsed = new Map<string, ParsedSheet>();
  /** Sheets read only as far as their first rows, by part; a full read of the sheet replaces its head. */
  private readonly heads = new Map<string, ParsedSheet>();
  /** Sheets read only for the text around their cells and their tables (readAroundCells), by part. */
  private readonly around = new Map<string, Pick<ParsedSheet, "outside" | "tables">>();
  private strings: SharedStringTable | undefined;

  private constructor(
    private readonly pkg: OpcPackage,
    readonly fileName: string,
    private readonly sheets: SheetEntry[],
    private readonly formats: Format[],
    private readonly dxfs: XmlElement[],
    /** Whether a sheet's text is inflated whole and kept in the package (to be changed next) rather than read as it inflates. */
    private readonly keepSheetText: boolean,
  ) {}

  /**
   * Opens .xlsx/.xlsm bytes for reading; bad files get the same WorkbookError XlsxHost.open gives.
   * `openZip`: how the zip is opened (JSZip unless given; the CLI reads it from its central directory, zip-directory.ts).
   */
  static async open(data: Uint8Array, fileName: string, openZip?: ZipOpener): Promise<PackageWorkbook> {
    const { zip, texts } = await examinedZip(data, fileName, openZip);
    return PackageWorkbook.over(zip, fileName, undefined, texts);
  }

  /**
   * Opens .xlsx/.xlsm bytes that are about to be changed (see
   * package-host.ts): each sheet read is inflated whole and its text kept in
   * the package (packageRead()), so the save that follows does not inflate it
   * again.
   */
  static async openForChange(data: Uint8Array, fileName: string): Promise<PackageWorkbook> {
    const { zip, texts } = await examinedZip(data, fileName);
    return PackageWorkbook.overPackage(new OpcPackage(zip, texts), fileName);
  }

  /** The package this reads, with the texts of the parts read so far. */
  packageRead(): OpcPackage {
    return this.pkg;
  }

  /** As openForChange, over a package this toolkit opened (and perhaps saved) already. */
  static async overPackage(pkg: OpcPackage, fileName: string): Promise<PackageWorkbook> {
    return PackageWorkbook.over(pkg.zip, fileName, pkg);
  }

  /**
   * A reader over `pkg`, the package a save wrote from the one this reads
   * (`changed` names the parts it wrote or removed). The sheets read here
   * whose part, relationships and tables the save left as they were are
   * taken over as read, with the shared strings, so what is read next reads
   * again only the sheets the save wrote.
   */
  async afterSave(pkg: OpcPackage, changed: { written: readonly string[]; removed: readonly string[] }): Promise<PackageWorkbook> {
    const next = await PackageWorkbook.over(pkg.zip, this.fileName, pkg);
    const touched = new Set([...changed.written, ...changed.removed]);
    const stringsRel = (await pkg.relationships(WORKBOOK)).find((r) => r.type === `${REL_NS}/sharedStrings`);
    // Cells hold their shared strings decoded; the saver writes none, but should the list change, every sheet is read again.
    if (stringsRel && touched.has(resolveTarget(WORKBOOK, stringsRel.target))) return next;
    next.strings = this.strings;
    for (const entry of next.sheets) {
      const was = this.sheets.find((s) => s.part === entry.part);
      const read = this.aroundCellsOf(entry.part);
      if (!read || was?.name !== entry.name || touched.has(entry.part) || touched.has(relsPathOf(entry.part))) continue;
      const tableParts = (await pkg.relationships(entry.part)).filter((r) => r.type === REL_TYPE.table && !r.external).map((r) => resolveTarget(entry.part, r.target));
      if (tableParts.some((t) => touched.has(t))) continue;
      const kept = this.parsed.get(entry.part) ?? this.heads.get(entry.part);
      if (kept) (this.parsed.has(entry.part) ? next.parsed : next.heads).set(entry.part, kept);
      else next.around.set(entry.part, read);
    }
    return next;
  }

  /** `known`: texts of parts the open already inflated (see examineWorkbookBytes). */
  private static async over(zip: JSZip, fileName: string, opened?: OpcPackage, known?: ReadonlyMap<string, string>): Promise<PackageWorkbook> {
    const pkg = opened ?? new OpcPackage(zip, known);
    const workbook = (await pkg.text(WORKBOOK)) ?? "";
    const rels = await pkg.relationships(WORKBOOK);
    const p = prefixOf(workbook, "workbook");
    const sheets: SheetEntry[] = [];
    for (const el of findElements(workbook, `${p}sheet`)) {
      const rid = /\s([\w.-]+:)?id\s*=\s*"([^"]*)"/.exec(el.tag)?.[2];
      const rel = rels.find((r) => r.id === rid);
      // Only worksheets: chart sheets and dialog sheets hold no cells.
      if (!rel || rel.type !== REL_TYPE.worksheet) continue;
      const state = attrOf(el.tag, "state");
      sheets.push({ name: attrOf(el.tag, "name") ?? "", state: state === "hidden" || state === "veryHidden" ? state : "visible", part: resolveTarget(WORKBOOK, rel.target) });
    }
    const stylesRel = rels.find((r) => r.type === `${REL_NS}/styles`);
    const styles = stylesRel ? ((await pkg.text(resolveTarget(WORKBOOK, stylesRel.target))) ?? "") : "";
    const { formats, dxfs } = readStyles(styles);
    return new PackageWorkbook(pkg, fileName, sheets, formats, dxfs, !!opened);
  }

  private async sharedStrings(): Promise<SharedStringTable> {
    if (this.strings) return this.strings;
    const rel = (await this.pkg.relationships(WORKBOOK)).find((r) => r.type === `${REL_NS}/sharedStrings`);
    const xml = rel ? ((await this.pkg.text(resolveTarget(WORKBOOK, rel.target))) ?? "") : "";
    this.strings = new SharedStringTable(xml, prefixOf(xml, "sst"));
    return this.strings;
  }

  private entry(name: string): SheetEntry {
    const lower = name.toLowerCase();
    const s = this.sheets.find((x) => x.name.toLowerCase() === lower);
    if (!s) {
      const tabs = this.sheets.filter((x) => x.name !== METADATA_SHEET && x.name !== UNDO_SHEET).map((x) => `“${x.name}”`).join(", ");
      throw new WorkbookError(`“${this.fileName}” has no sheet named “${name}”. Check the sheet name (tabs: ${tabs}).`, { file: this.fileName, sheet: name });
    }
    return s;
  }

  private async sheet(entry: SheetEntry): Promise<ParsedSheet> {
    const known = this.parsed.get(entry.part);
    if (known) return known;
    const parsed = await readSheetPart(this.pkg, entry.part, await this.sharedStrings(), { whole: this.keepSheetText });
    parsed.tables = await this.tablesOf(entry, parsed.outside);
    this.parsed.set(entry.part, parsed);
    this.heads.delete(entry.part);
    return parsed;
  }

  private async tablesOf(entry: SheetEntry, outside: string): Promise<TableOutline[]> {
    const out: TableOutline[] = [];
    // Most sheets hold no table: their relationships are not read then.
    if (!outside.includes("tablePart")) return out;
    const rels = await this.pkg.relationships(entry.part);
    const ids = [...outside.matchAll(/<(?:[\w.-]+:)?tablePart\b[^>]*?\s(?:[\w.-]+:)?id="([^"]*)"/g)].map((m) => m[1]);
    for (const id of ids) {
      const rel = rels.find((r) => r.id === id && r.type === REL_TYPE.table);
      if (!rel) continue;
      const xml = (await this.pkg.text(resolveTarget(entry.part, rel.target))) ?? "";
      const p = prefixOf(xml, "table");
      const root = findElement(xml, `${p}table`)?.tag ?? "";
      const ref = parseRange(attrOf(root, "ref") ?? "");
      if (!ref) continue;
      const cols = findElement(xml, `${p}tableColumns`);
      const headers = cols ? findElements(xml, `${p}tableColumn`, cols.start, cols.end).map((c) => decodeColumnName(attrOf(c.tag, "name") ?? "")) : [];
      out.push({ name: attrOf(root, "name") ?? "", sheet: entry.name, address: formatRange(ref), headers, showTotals: attrOf(root, "totalsRowCount") === "1" });
    }
    return out;
  }

  async outline(opts: { previewRows?: number } = {}): Promise<WorkbookOutline> {
    const previewRows = opts.previewRows ?? 30;
    const sheets: SheetOutline[] = [];
    let metadata: Pick<WorkbookOutline, "metadata" | "metadataIssues"> = { metadata: emptyMetadata(), metadataIssues: [] };
    for (const [position, entry] of this.sheets.entries()) {
      if (entry.name === UNDO_SHEET) continue;
      const s = await this.sheet(entry);
      if (entry.name === METADATA_SHEET) {
        metadata = metadataOf(s);
        continue;
      }
      sheets.push(this.sheetOutline(entry, position, s, previewRows));
    }
    return { name: this.fileName, sheets, ...metadata };
  }

  /**
   * The outline with each sheet read only as far as its preview rows (its
   * merged areas, tables and rules still read whole), except the sheets named
   * in `whole` and the toolkit's own metadata sheet. `cut` names the sheets
   * whose rows go on past what was read: their used range and preview stop
   * at the rows read, and a read of such a sheet reads it whole then.
   */
  async outlineHeads(opts: { previewRows: number; whole?: readonly string[] }): Promise<{ outline: WorkbookOutline; cut: string[] }> {
    const whole = new Set((opts.whole ?? []).map((n) => n.toLowerCase()));
    const sheets: SheetOutline[] = [];
    const cut: string[] = [];
    let metadata: Pick<WorkbookOutline, "metadata" | "metadataIssues"> = { metadata: emptyMetadata(), metadataIssues: [] };
    for (const [position, entry] of this.sheets.entries()) {
      if (entry.name === UNDO_SHEET) continue;
      if (entry.name === METADATA_SHEET) {
        metadata = metadataOf(await this.sheet(entry));
        continue;
      }
      const s = whole.has(entry.name.toLowerCase()) ? await this.sheet(entry) : await this.head(entry, opts.previewRows);
      if (s.cut) cut.push(entry.name);
      sheets.push(this.sheetOutline(entry, position, s, opts.previewRows));
    }
    return { outline: { name: this.fileName, sheets, ...metadata }, cut };
  }

  /** A sheet's first `rows` rows from its first row with content (the whole sheet when it was read already, or is no longer). */
  private async head(entry: SheetEntry, rows: number): Promise<ParsedSheet> {
    const known = this.parsed.get(entry.part) ?? this.heads.get(entry.part);
    if (known) return known;
    const parsed = await readSheetPart(this.pkg, entry.part, await this.sharedStrings(), { headRows: rows });
    // Rows read past the head (the read stops between pieces of text) are left out, so that nothing takes a cut sheet's rows for all of them.
    if (parsed.cut && parsed.used) parsed.used = { ...parsed.used, bottom: Math.min(parsed.used.bottom, parsed.used.top + rows - 1) };
    parsed.tables = await this.tablesOf(entry, parsed.outside);
    if (parsed.cut) this.heads.set(entry.part, parsed);
    else this.parsed.set(entry.part, parsed);
    return parsed;
  }

  private sheetOutline(entry: SheetEntry, position: number, s: ParsedSheet, previewRows: number): SheetOutline {
    const preview = s.used && previewRows > 0 ? { ...s.used, bottom: Math.min(s.used.bottom, s.used.top + previewRows - 1) } : null;
    return {
      name: entry.name,
      position,
      visibility: entry.state,
      usedRange: s.used ? formatRange(s.used) : null,
      tables: s.tables,
      merges: preview ? s.merges.filter((m) => m.top <= preview.bottom && m.bottom >= preview.top).map(formatRange) : [],
      preview: preview ? this.gridOf(entry.name, s, preview) : null,
    };
  }

  async read(sheet: string, address: string): Promise<Grid> {
    const entry = this.entry(sheet);
    const range = parseRange(address);
    if (!range) throw new WorkbookError(`“${address}” is not a cell range on sheet “${entry.name}” of “${this.fileName}”`, { file: this.fileName, sheet: entry.name, cell: address });
    return this.gridOf(entry.name, await this.sheet(entry), range);
  }

  private gridOf(name: string, s: ParsedSheet, range: RangeAddress): Grid {
    const width = rangeWidth(range);
    if (width * rangeHeight(range) > MAX_READ_CELLS) {
      throw new WorkbookError(`Reading ${formatRange(range)} on sheet “${name}” of “${this.fileName}” asks for more than ${MAX_READ_CELLS.toLocaleString("en-GB")} cells; read it in blocks.`, { file: this.fileName, sheet: name });
    }
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const numberFormats: string[][] = [];
    // A 100,000-row read is mostly rows with no formula and the same formats as the row above: those rows share
    // one array (frozen, so a reader that tried to change one would fail loudly), which spares the collector a
    // few hundred thousand arrays that would all outlive a young-generation collection.
    const noFormulas = Object.freeze(new Array<string | null>(width).fill(null)) as (string | null)[];
    let formatsAbove: string[] | undefined;
    // Rows whose cells are all General (most of a sheet's head) get one row of formats, made when first needed.
    let allGeneral: string[] | undefined;
    for (let r = range.top; r <= range.bottom; r++) {
      const v = nulls<CellValue>(width);
      let f = noFormulas;
      let n: string[] | undefined;
      const [start, end] = s.cells.cellsOf(r);
      for (let i = start; i < end; i++) {
        const c = s.cells.column(i);
        if (c < range.left || c > range.right) continue;
        v[c - range.left] = s.cells.value(i);
        const formula = s.cells.formula(i);
        if (formula !== null) {
          if (f === noFormulas) f = nulls<string | null>(width);
          f[c - range.left] = formula;
        }
        const format = this.formats[s.cells.style(i)]?.numFmt ?? "General";
        if (n || format !== "General") {
          n ??= new Array<string>(width).fill("General");
          n[c - range.left] = format;
        }
      }
      values.push(v);
      formulas.push(f);
      const row = n ?? (allGeneral ??= Object.freeze(new Array<string>(width).fill("General")) as string[]);
      if (!formatsAbove || (formatsAbove !== row && !sameFormats(formatsAbove, row))) formatsAbove = n ? (Object.freeze(n) as string[]) : row;
      numberFormats.push(formatsAbove);
    }
    const merges = s.merges.filter((m) => rangesIntersect(m, range)).map(formatRange);
    return { sheet: name, address: formatRange(range), values, formulas, numberFormats, ...(merges.length ? { merges } : {}) };
  }

  async readLooks(sheet: string, address: string): Promise<CellLook[][]> {
    const entry = this.entry(sheet);
    const s = await this.sheet(entry);
    const range = parseRange(address);
    if (!range) return [];
    const out: CellLook[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const [start, end] = s.cells.cellsOf(r);
      const line: CellLook[] = [];
      for (let c = range.left; c <= range.right; c++) {
        let f: Format | undefined;
        for (let i = start; i < end; i++) if (s.cells.column(i) === c) f = this.formats[s.cells.style(i)];
        line.push({ bold: f?.bold ?? false, fill: f?.fill ?? null, wrapText: f?.wrapText ?? false });
      }
      out.push(line);
    }
    return out;
  }

  async readRules(sheet: string, addresses: string[]): Promise<RangeRules[]> {
    const entry = this.entry(sheet);
    const s = await this.sheet(entry);
    // read-rules.ts reads an ExcelJS sheet's validation model and rule list; the same two, read from the part.
    const view = { name: entry.name, dataValidations: { model: validationsFromSheetXml(s.outside) }, conditionalFormattings: colourRules(s.outside, this.dxfs) };
    repairConditionalFormats(view as unknown as ExcelJS.Worksheet, "");
    return readSheetRules(view as unknown as ExcelJS.Worksheet, addresses.map((a) => parseRange(a)).filter((r): r is RangeAddress => !!r));
  }

  /**
   * The selection the file was saved with: its active tab's active cell (A1 of
   * the first visible sheet when the file names none, as Excel opens it); from
   * the workbook part and the sheet's views, as read already.
   */
  async savedSelection(): Promise<{ sheet: string; address: string } | null> {
    const workbook = (await this.pkg.text(WORKBOOK)) ?? "";
    const activeTab = Number(/<(?:[\w.-]+:)?workbookView\b[^>]*\sactiveTab="(\d+)"/.exec(workbook)?.[1] ?? 0);
    const visible = (e: SheetEntry | undefined) => e && e.name !== METADATA_SHEET && e.state === "visible";
    const saved = this.sheets[activeTab];
    const entry = visible(saved) ? saved : this.sheets.find(visible);
    if (!entry) return null;
    const active = /<(?:[\w.-]+:)?selection\b[^>]*\sactiveCell="([^"]*)"/.exec((await this.sheet(entry)).outside)?.[1];
    const range = (active && parseRange(active.replace(/\$/g, ""))) || { top: 1, bottom: 1, left: 1, right: 1 };
    return { sheet: entry.name, address: formatRange(range) };
  }

  /** The tables of every sheet read so far (cells or not), with their sheet's name and range. */
  tablesRead(): { sheet: string; name: string; range: RangeAddress }[] {
    const out: { sheet: string; name: string; range: RangeAddress }[] = [];
    for (const entry of this.sheets) {
      for (const t of this.aroundCellsOf(entry.part)?.tables ?? []) {
        const range = parseRange(t.address);
        if (range) out.push({ sheet: entry.name, name: t.name, range });
      }
    }
    return out;
  }

  /** The worksheets by name and part, in tab order, each with its part without cells where a read holds it (to cut the package a plan is applied to, see package/plan-package.ts). */
  worksheetParts(): WorksheetPart[] {
    return this.sheets.map((s) => {
      const read = this.aroundCellsOf(s.part);
      return { name: s.name, part: s.part, ...(read ? { withoutCells: read.outside } : {}) };
    });
  }

  private aroundCellsOf(part: string): Pick<ParsedSheet, "outside" | "tables"> | undefined {
    return this.parsed.get(part) ?? this.heads.get(part) ?? this.around.get(part);
  }

  /**
   * Every sheet's tables and the text around its cells, without reading the
   * cells of a sheet not read yet (one a save just wrote, say): what applying
   * a plan needs of every sheet (package-host.ts). The cells of such a sheet
   * are read when something asks for them.
   */
  async readAroundCells(): Promise<void> {
    for (const entry of this.sheets) {
      if (this.aroundCellsOf(entry.part)) continue;
      const { outside } = await scanSheetPieces(this.keepSheetText ? wholeText(this.pkg, entry.part) : this.pkg.textPieces(entry.part), [], { readCells: false });
      this.around.set(entry.part, { outside, tables: await this.tablesOf(entry, outside) });
    }
  }

  /** A read sheet's array formulas and data tables; undefined for a sheet not read yet (an outline reads them all). */
  formulaGroupsOf(sheet: string): { name: string; groups: FormulaGroup[] } | undefined {
    const lower = sheet.toLowerCase();
    const entry = this.sheets.find((x) => x.name.toLowerCase() === lower);
    const parsed = entry && this.parsed.get(entry.part);
    return entry && parsed ? { name: entry.name, groups: parsed.cells.groups.map((g) => ({ sheet: entry.name, ...g })) } : undefined;
  }

  async apply(_plan: Plan): Promise<ApplyResult> {
    throw new WorkbookError(`“${this.fileName}” was opened for reading only; open it with the file host to change it`, { file: this.fileName });
  }
}

/** A row of `width` nulls, filled as it is made (an array made empty and filled after stays slower to read). */
function nulls<T>(width: number): T[] {
  const row: T[] = [];
  for (let i = 0; i < width; i++) row.push(null as T);
  return row;
}

function sameFormats(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

/** The zip of workbook bytes, examined: bad files get the same WorkbookError XlsxHost.open gives. */
async function examinedZip(data: Uint8Array, fileName: string, openZip?: ZipOpener): Promise<{ zip: JSZip; texts?: ReadonlyMap<string, string> }> {
  const { problem, zip, texts } = await examineWorkbookBytes(data, fileName, openZip);
  if (problem) throw new WorkbookError(problem.message, { file: fileName });
  if (!zip) throw new WorkbookError(`“${fileName}” is not a workbook package; open .csv files with the file host`, { file: fileName });
  return { zip, texts };
}

function readStyles(xml: string): { formats: Format[]; dxfs: XmlElement[] } {
  const p = prefixOf(xml, "styleSheet");
  const custom = new Map<number, string>();
  // ExcelJS reads a format code with its backslash escapes taken out ("\\(" as "("); codes are compared with what it reads.
  for (const el of findElements(xml, `${p}numFmt`)) custom.set(Number(attrOf(el.tag, "numFmtId")), (attrOf(el.tag, "formatCode") ?? "").replace(/\\(.)/g, "$1"));
  const list = (local: string, child: string): string[] => {
    const span = findElement(xml, p + local);
    return span ? findElements(xml, p + child, span.start, span.end).map((el) => xml.slice(el.start, el.end)) : [];
  };
  const fonts = list("fonts", "font");
  const fills = list("fills", "fill");
  const formats = list("cellXfs", "xf").map((xf): Format => {
    const tag = xf.slice(0, xf.indexOf(">") + 1);
    const id = Number(attrOf(tag, "numFmtId") ?? 0);
    const font = fonts[Number(attrOf(tag, "fontId") ?? 0)] ?? "";
    const fill = fills[Number(attrOf(tag, "fillId") ?? 0)] ?? "";
    const b = /<(?:[\w.-]+:)?b(\s[^>]*)?\/?>/.exec(font);
    const pattern = /<(?:[\w.-]+:)?patternFill\b[^>]*>/.exec(fill)?.[0] ?? "";
    const fg = /<(?:[\w.-]+:)?fgColor\b[^>]*>/.exec(fill)?.[0] ?? "";
    const align = /<(?:[\w.-]+:)?alignment\b[^>]*>/.exec(xf)?.[0] ?? "";
    const wrap = attrOf(align, "wrapText");
    return {
      numFmt: custom.get(id) ?? FORMAT_CODES.get(id) ?? "General",
      bold: !!b && !/val="(0|false)"/.test(b[0]),
      fill: attrOf(pattern, "patternType") === "solid" ? hexOf(attrOf(fg, "rgb")) : null,
      wrapText: wrap === "1" || wrap === "true",
    };
  });
  const dxfSpan = findElement(xml, `${p}dxfs`);
  const dxfs = dxfSpan ? parseXmlFragment(innerOf(xml, dxfSpan)).filter((e) => e.name.replace(/^[\w.-]+:/, "") === "dxf") : [];
  return { formats, dxfs: dxfs.map(stripPrefixes) };
}

function stripPrefixes(el: XmlElement): XmlElement {
  return { ...el, name: el.name.replace(/^[\w.-]+:/, ""), children: el.children.map(stripPrefixes) };
}

/**
 * One pass over a sheet part as it inflates: its cells into a column store,
 * piece by piece (each piece read up to its last whole row), and the text
 * around the cells kept for merged areas, validations and colour rules.
 */
async function readSheetPart(pkg: OpcPackage, part: string, strings: SharedStringTable, how: { whole?: boolean; headRows?: number }): Promise<ParsedSheet> {
  const { whole = false, headRows } = how;
  const pieces = whole ? wholeText(pkg, part) : headRows === undefined ? pkg.textPieces(part) : inSlices(pkg.textPieces(part));
  const { cells, outside, prefix: p, cut } = await scanSheetPieces(pieces, strings, headRows === undefined ? {} : { enough: (store) => readPast(store, headRows) });
  const merges: RangeAddress[] = [];
  const mergeList = findElement(outside, `${p}mergeCells`);
  if (mergeList) {
    for (const el of findElements(outside, `${p}mergeCell`, mergeList.start, mergeList.end)) {
      const r = parseRange(attrOf(el.tag, "ref") ?? "");
      if (r) merges.push(r);
    }
  }
  // A merged area's other cells show nothing: their value belongs to the top-left cell.
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const [start, end] = cells.cellsOf(r);
      for (let i = start; i < end; i++) {
        const c = cells.column(i);
        if (c >= m.left && c <= m.right && (r !== m.top || c !== m.left)) cells.clear(i);
      }
    }
  }
  return { cells, merges, used: usedRange(cells), outside, tables: [], ...(cut ? { cut } : {}) };
}

/** Text this long at most per piece: a head read stops between pieces, and a small part comes inflated in one. */
const HEAD_SLICE = 16 * 1024;

async function* inSlices(pieces: AsyncIterable<string>): AsyncIterable<string> {
  for await (const piece of pieces) for (let at = 0; at < piece.length; at += HEAD_SLICE) yield piece.slice(at, at + HEAD_SLICE);
}

/** The store holds `rows` rows from its first row with content (a value other than "", or a formula). */
function readPast(cells: CellStore, rows: number): boolean {
  const read = cells.rows();
  for (const r of read) {
    const [start, end] = cells.cellsOf(r);
    for (let i = start; i < end; i++) if (cells.holds(i)) return read[read.length - 1] >= r + rows - 1;
  }
  return false;
}

/** A part's text as one piece, inflated whole (and so kept by the package). */
async function* wholeText(pkg: OpcPackage, part: string): AsyncIterable<string> {
  const text = await pkg.text(part);
  if (text !== undefined) yield text;
}

/** The tight range of cells that hold something (a value other than "", or a formula). */
function usedRange(cells: CellStore): RangeAddress | null {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  for (const r of cells.rows()) {
    const [start, end] = cells.cellsOf(r);
    for (let i = start; i < end; i++) {
      if (!cells.holds(i)) continue;
      const c = cells.column(i);
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
  }
  return bottom === 0 ? null : { top, left, bottom, right };
}

function metadataOf(s: ParsedSheet): Pick<WorkbookOutline, "metadata" | "metadataIssues"> {
  const rows: CellValue[][] = [];
  const last = s.used?.bottom ?? 0;
  for (let r = METADATA_FIRST_ROW; r <= last; r++) {
    const [start, end] = s.cells.cellsOf(r);
    const cells: CellValue[] = [];
    for (let i = start; i < end; i++) {
      const c = s.cells.column(i);
      while (cells.length < c) cells.push(null);
      cells[c - 1] = s.cells.value(i);
    }
    rows.push(cells);
  }
  const { metadata, issues } = decodeMetadataRows(rows);
  return { metadata, metadataIssues: issues };
}

/** The sheet's colour rules (main and x14) in ExcelJS's rule shape, for read-rules.ts. */
function colourRules(outside: string, dxfs: XmlElement[]): { ref: string; rules: Record<string, unknown>[] }[] {
  const out: { ref: string; rules: Record<string, unknown>[] }[] = [];
  const p = /<([\w.-]+:)?sheetData[\s/>]/.exec(outside)?.[1] ?? "";
  for (const cf of findElements(outside, `${p}conditionalFormatting`)) {
    const rules = findElements(outside, `${p}cfRule`, cf.start, cf.end).map((r) => {
      const src = outside.slice(r.start, r.end);
      const formulae = [...src.matchAll(new RegExp(`<${p}formula>([^<]*)</${p}formula>`, "g"))].map((m) => decodeEntities(m[1]));
      const dxf = dxfs[Number(attrOf(r.tag, "dxfId") ?? -1)];
      return rule(r.tag, formulae, dxf ? styleOfDxf(dxf) : undefined);
    });
    out.push({ ref: attrOf(cf.tag, "sqref") ?? "", rules });
  }
  const x14 = /<([\w.-]+):conditionalFormattings\b/.exec(outside)?.[1];
  if (x14) {
    for (const cf of findElements(outside, `${x14}:conditionalFormatting`)) {
      const src = outside.slice(cf.start, cf.end);
      const ref = /<(?:[\w.-]+:)?sqref>([^<]*)</.exec(src)?.[1] ?? "";
      const rules = findElements(src, `${x14}:cfRule`).map((r) => {
        const body = src.slice(r.start, r.end);
        const formulae = [...body.matchAll(/<(?:[\w.-]+:)?f>([^<]*)<\//g)].map((m) => decodeEntities(m[1]));
        const dxfXml = /<([\w.-]+:)?dxf>[\s\S]*?<\/([\w.-]+:)?dxf>/.exec(body)?.[0];
        const dxf = dxfXml ? stripPrefixes(parseXmlFragment(dxfXml)[0]) : undefined;
        return rule(r.tag, formulae, dxf ? styleOfDxf(dxf) : undefined);
      });
      out.push({ ref, rules });
    }
  }
  return out;
}

function rule(tag: string, formulae: string[], style: Record<string, unknown> | undefined): Record<string, unknown> {
  const type = attrOf(tag, "type") ?? "";
  const operator = attrOf(tag, "operator");
  const text = attrOf(tag, "text");
  return { type, ...(operator ? { operator } : {}), ...(text ? { text } : {}), formulae, ...(style ? { style } : {}), priority: Number(attrOf(tag, "priority") ?? 0) };
}
