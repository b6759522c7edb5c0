/**
 * The xlsx host: the WorkbookHost port over an ExcelJS workbook held in
 * memory. Used by the CLI (Node), the browser playground and tests, so this
 * file imports nothing Node-only: bytes in, bytes out.
 */
import ExcelJS from "exceljs";
import type JSZip from "jszip";
import { formatRange, parseRange, rangeHeight, rangesIntersect, rangeWidth, MAX_COLUMNS, MAX_ROWS, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { decodeMetadataRows, emptyMetadata, METADATA_FIRST_ROW, METADATA_SHEET, UNDO_SHEET } from "../../core/metadata/schema";
import type { Plan } from "../../core/plan/plan";
import { WorkbookError, type ApplyResult, type CellLook, type CellSelection, type CellsChanged, type StopListening, type Grid, type Progress, type RangeRules, type SheetOutline, type WorkbookHost, type WorkbookOutline } from "../host";
import type { CellsAnswer, CellsQuery } from "../host";
import { CellsByReading } from "../cells-query";
import { cellValueOf, formulaOf, numberFormatOf } from "./cell-values";
import { csvFieldValue, decodeCsvBytes, parseCsvText } from "./csv";
import { examineWorkbookBytes } from "./open-errors";
import { contentRange, mergedRanges, sheetTables, tableAddress } from "./sheet-access";
import { applyPlan } from "./apply";
import type { JournalEntry } from "./package/change-journal";
import { savePackage } from "./package/save-package";
import { deflateStoredParts } from "./deflate-stored";
import { drawJournalCharts, FileCharts } from "./file-charts";
import { decodeColumnName } from "./package/table-parts";
import { attrOf } from "./package/xml-text";
import { decodeXstring, encodeColumnName, encodeXstring } from "./package/xstring";
import { attachCalculatedColumns, hasCalculatedColumns, readCalculatedColumns, withoutCalculatedColumnFormulas, writeCalculatedColumns } from "./calculated-columns";
import { readSheetLooks, readSheetRules } from "./read-rules";
import { describeUnkept, repairConditionalFormats, unwritableRules, type UnkeptRule } from "./conditional-format-repair";
import { formulaGroupLosses } from "./formula-group-losses";
import { shareEmptyStyles } from "./shared-styles";
import { sheetXmlOutsideCells, worksheetParts } from "./sheet-parts";
import { validationModel } from "./validation-model";
import { validationsFromSheetXml } from "./validations-load";
import { MAX_READ_CELLS } from "./read-limits";
import { PlanChangeListeners } from "./plan-changes";

export { MAX_READ_CELLS };

function toBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : "";
}

/** A sheet name Excel accepts, from a CSV file's name. */
function sheetNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const clean = base.replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").slice(0, 31).trim();
  return clean || "Sheet1";
}

/**
 * ExcelJS 4.4 reads a table's header row as present only when the file says
 * headerRowCount="1", but Excel leaves the attribute out when it is 1 (the
 * default), so a round trip would write headerRowCount="0" and break every
 * table Excel made. Read the attribute from the table parts and set it right.
 */
async function fixTableHeaderRows(workbook: ExcelJS.Workbook, zip: JSZip): Promise<void> {
  const headerless = new Set<string>();
  const parts = zip.file(/^xl\/tables\/[^/]+\.xml$/);
  for (const part of parts) {
    const xml = await part.async("string");
    const open = /<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0] ?? "";
    const name = /\bname="([^"]*)"/.exec(open)?.[1];
    if (name && /\bheaderRowCount="0"/.test(open)) headerless.add(name);
  }
  for (const ws of workbook.worksheets) {
    for (const t of sheetTables(ws)) {
      t.model.headerRow = !headerless.has(t.name);
      // Excel writes a line break in a column name as _x000a_; ExcelJS leaves the escape in.
      for (const c of t.model.columns) c.name = decodeColumnName(c.name);
    }
  }
}

/**
 * ExcelJS 4.4 decodes _xHHHH_ escapes in shared strings and rich-text runs
 * but not in a plain inline string (<is><t>…</t></is>, what the package
 * writer writes), so such a cell would read here as the escape and through
 * the package reader as the character. Only cells whose text holds an
 * escape are looked for in their part (a hyperlink's text among them).
 */
async function decodeInlineStrings(workbook: ExcelJS.Workbook, zip: JSZip, parts: Map<string, string> | undefined): Promise<void> {
  let partOf = parts;
  for (const ws of workbook.worksheets) {
    const escaped = new Map<string, ExcelJS.Cell>();
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const text = textOfCell(cell);
        if (text !== undefined && text.indexOf("_x") >= 0 && decodeXstring(text) !== text) escaped.set(cell.address, cell);
      }),
    );
    if (!escaped.size) continue;
    partOf ??= await worksheetParts(zip);
    const part = partOf.get(ws.name);
    const xml = part ? await zip.file(part)?.async("string") : undefined;
    if (!xml) continue;
    const inline = /\st\s*=\s*["']inlineStr["']/g;
    for (let m = inline.exec(xml); m; m = inline.exec(xml)) {
      const tag = xml.slice(xml.lastIndexOf("<", m.index), xml.indexOf(">", m.index) + 1);
      const ref = attrOf(tag, "r");
      const cell = ref === undefined ? undefined : escaped.get(ref);
      if (!cell) continue;
      const v = cell.value;
      cell.value = typeof v === "string" ? decodeXstring(v) : { ...(v as ExcelJS.CellHyperlinkValue), text: decodeXstring((v as ExcelJS.CellHyperlinkValue).text) };
    }
  }
}

/** The text of a plain string cell or of a hyperlink cell; undefined for any other. */
function textOfCell(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (cell.type === ExcelJS.ValueType.String && typeof v === "string") return v;
  if (cell.type === ExcelJS.ValueType.Hyperlink && v && typeof v === "object" && "text" in v && typeof v.text === "string") return v.text;
  return undefined;
}

/**
 * ExcelJS 4.4 writes cell text as it is, so a text that reads as an escape
 * (_x000D_) would open in Excel as the character, and a carriage return
 * would read back as a line feed. The text is escaped for the write only
 * (a table's column names with it, to match their header cells); the
 * function returned puts the model back.
 */
function escapeTextForExcelJs(workbook: ExcelJS.Workbook): () => void {
  const undo: (() => void)[] = [];
  for (const ws of workbook.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (cell.type !== ExcelJS.ValueType.String || typeof v !== "string") return;
        const escaped = encodeXstring(v);
        if (escaped === v) return;
        cell.value = escaped;
        undo.push(() => (cell.value = v));
      }),
    );
    for (const t of sheetTables(ws)) {
      for (const c of t.model.columns) {
        const name = c.name;
        const escaped = encodeColumnName(name);
        if (escaped === name) continue;
        c.name = escaped;
        undo.push(() => (c.name = name));
      }
    }
  }
  return () => undo.forEach((put) => put());
}

/**
 * The part of every worksheet ExcelJS will read, by sheet name, or undefined
 * when one cannot be matched (then ExcelJS reads the validations itself).
 */
async function partsExcelJsReads(zip: JSZip): Promise<Map<string, string> | undefined> {
  const parts = await worksheetParts(zip);
  const known = new Set(parts.values());
  // ExcelJS 4.4 reads every part with this name as a worksheet.
  const sheetParts = Object.keys(zip.files).filter((n) => /^\/?xl\/worksheets\/sheet\d+\.xml$/.test(n));
  return sheetParts.every((n) => known.has(n.replace(/^\//, ""))) ? parts : undefined;
}

/** ExcelJS's writeBuffer answers a Buffer in Node, an ArrayBuffer in a browser. */
function asBytes(out: unknown): Uint8Array {
  return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
}

export class XlsxHost implements WorkbookHost {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly fileName: string,
    /** Colour rules of the file that ExcelJS cannot write back, left out of the workbook on open; a package save keeps them, an ExcelJS save would not. */
    readonly unkeptRules: readonly UnkeptRule[] = [],
    /** The file's bytes as opened (.xlsx/.xlsm): a save writes this package with only the changed parts replaced. */
    private readonly original?: Uint8Array,
  ) {}

  /** Every edit applied since the file was opened, in order; a save replays it over the original package. */
  readonly journal: JournalEntry[] = [];

  private chartState: FileCharts | undefined;

  /** The charts of the workbook (ExcelJS has none): those in the file opened and those plans drew since. */
  get charts(): FileCharts {
    return (this.chartState ??= new FileCharts(this.original));
  }

  /** A sheet deleted takes its charts with it (they live in its drawing). */
  forgetCharts(sheet: string): void {
    this.chartState?.forgetSheet(sheet);
  }

  /** Opens .xlsx/.xlsm bytes (or .csv text); bad files get a WorkbookError that says what to do. */
  static async open(data: Uint8Array | ArrayBuffer, fileName: string): Promise<XlsxHost> {
    const bytes = toBytes(data);
    const { problem, zip } = await examineWorkbookBytes(bytes, fileName);
    if (problem) throw new WorkbookError(problem.message, { file: fileName });
    if (extensionOf(fileName) === "csv") return XlsxHost.fromCsv(bytes, fileName);
    const parts = zip ? await partsExcelJsReads(zip) : undefined;
    // Validations are read here, not by ExcelJS, when every sheet's part is known (see validation-model.ts).
    const ownValidations = !!parts;
    // Read before ExcelJS fills the heap: inflating a big sheet part is a 50 MB allocation, and collecting garbage then walks every cell.
    const sheetXml = new Map<string, string>();
    if (zip && parts) for (const part of new Set(parts.values())) sheetXml.set(part, await sheetXmlOutsideCells(zip, part));
    const calculated = zip ? await readCalculatedColumns(zip) : new Map<string, Map<number, string>>();
    const loadable = zip ? await withoutCalculatedColumnFormulas(zip, bytes) : bytes;
    const workbook = new ExcelJS.Workbook();
    try {
      // ExcelJS's typings ask for a Node Buffer; at run time it hands the data to JSZip, which takes a Uint8Array in Node and the browser.
      await workbook.xlsx.load(loadable as unknown as ArrayBuffer, ownValidations ? { ignoreNodes: ["dataValidations"] } : undefined);
    } catch (e) {
      throw new WorkbookError(
        `“${fileName}” could not be read as a workbook (${(e as Error).message}). Open it in Excel, save it again as .xlsx, and try again.`,
        { file: fileName },
      );
    }
    const unkept: UnkeptRule[] = [];
    if (zip) {
      await fixTableHeaderRows(workbook, zip);
      await decodeInlineStrings(workbook, zip, parts);
      attachCalculatedColumns(workbook, calculated);
      for (const ws of workbook.worksheets) {
        const part = parts?.get(ws.name);
        const xml = (part && sheetXml.get(part)) ?? "";
        if (ownValidations) {
          try {
            Object.assign(validationModel(ws), validationsFromSheetXml(xml));
          } catch (e) {
            throw new WorkbookError(
              `The data validations on sheet “${ws.name}” of “${fileName}” could not be read (${(e as Error).message}). Open the file in Excel, save it again, and try again.`,
              { file: fileName, sheet: ws.name },
            );
          }
        }
        unkept.push(...repairConditionalFormats(ws, xml));
      }
    }
    shareEmptyStyles(workbook);
    return new XlsxHost(workbook, fileName, unkept, zip ? bytes : undefined);
  }

  static create(fileName = "Workbook.xlsx"): XlsxHost {
    return new XlsxHost(new ExcelJS.Workbook(), fileName);
  }

  private static fromCsv(bytes: Uint8Array, fileName: string): XlsxHost {
    const rows = parseCsvText(decodeCsvBytes(bytes));
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet(sheetNameFromFile(fileName));
    rows.forEach((fields, i) => {
      const row = ws.getRow(i + 1);
      fields.forEach((text, j) => {
        const v = csvFieldValue(text);
        if (v !== null) row.getCell(j + 1).value = v;
      });
    });
    shareEmptyStyles(workbook);
    return new XlsxHost(workbook, fileName);
  }

  /** The workbook as .xlsx bytes; refuses (writing nothing) rather than leave out a rule the outline did not announce. */
  async save(): Promise<Uint8Array> {
    if (this.original) return (await savePackage(this.original, this.workbook, this.journal)).bytes;
    const bad = unwritableRules(this.workbook);
    if (bad.length) {
      const first = bad[0];
      throw new WorkbookError(
        `“${this.fileName}” was not saved: ${describeUnkept(first).replace(/will be left out when the file is saved$/, "would be lost")}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ""}. Nothing was written.`,
        { file: this.fileName, sheet: first.sheet, cell: first.address },
      );
    }
    // A formula's cached value is at most core's figure, so Excel calculates the workbook when it opens it, as for a saved package.
    this.workbook.calcProperties.fullCalcOnLoad = true;
    const restore = escapeTextForExcelJs(this.workbook);
    let bytes: Uint8Array;
    try {
      bytes = (await deflateStoredParts(asBytes(await this.workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } })))) ?? asBytes(await this.workbook.xlsx.writeBuffer());
    } finally {
      restore();
    }
    return drawJournalCharts(hasCalculatedColumns(this.workbook) ? await writeCalculatedColumns(bytes, this.workbook) : bytes, this.journal);
  }

  /** The worksheet by name (Excel compares sheet names without case), or a WorkbookError. */
  sheet(name: string): ExcelJS.Worksheet {
    const ws = this.findSheet(name);
    if (!ws) {
      throw new WorkbookError(`“${this.fileName}” has no sheet named “${name}”. Check the sheet name (tabs: ${this.tabNames()}).`, {
        file: this.fileName,
        sheet: name,
      });
    }
    return ws;
  }

  findSheet(name: string): ExcelJS.Worksheet | undefined {
    const lower = name.toLowerCase();
    return this.workbook.worksheets.find((w) => w.name.toLowerCase() === lower);
  }

  private tabNames(): string {
    return this.workbook.worksheets
      .filter((w) => w.name !== METADATA_SHEET && w.name !== UNDO_SHEET)
      .map((w) => `“${w.name}”`)
      .join(", ");
  }

  async outline(opts: { previewRows?: number } = {}): Promise<WorkbookOutline> {
    // A job starts from an outline: what an earlier one read is not kept past it.
    this.cellsByReading.forget();
    const previewRows = opts.previewRows ?? 30;
    const sheets: SheetOutline[] = [];
    this.workbook.worksheets.forEach((ws, position) => {
      if (ws.name === METADATA_SHEET || ws.name === UNDO_SHEET) return;
      const used = contentRange(ws);
      const previewRange = used && previewRows > 0 ? { ...used, bottom: Math.min(used.bottom, used.top + previewRows - 1) } : null;
      const merges = previewRange
        ? mergedRanges(ws)
            .filter((m) => m.top <= previewRange.bottom && m.bottom >= previewRange.top)
            .map(formatRange)
        : [];
      sheets.push({
        name: ws.name,
        position,
        visibility: ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible",
        usedRange: used ? formatRange(used) : null,
        tables: sheetTables(ws).map((t) => ({
          name: t.name,
          sheet: ws.name,
          address: tableAddress(t),
          headers: t.model.columns.map((c) => c.name),
          showTotals: !!t.model.totalsRow,
        })),
        merges,
        preview: previewRange ? this.gridOf(ws, previewRange) : null,
      });
    });
    const { metadata, metadataIssues } = this.readMetadata();
    // Saved through the package, the file keeps what ExcelJS cannot model; only a workbook built here is written by ExcelJS.
    const notKeptOnSave = this.original ? [] : this.unkeptRules.map(describeUnkept);
    return { name: this.fileName, sheets, metadata, metadataIssues, ...(notKeptOnSave.length ? { notKeptOnSave } : {}) };
  }

  private readMetadata(): Pick<WorkbookOutline, "metadata" | "metadataIssues"> {
    const ws = this.workbook.worksheets.find((w) => w.name === METADATA_SHEET);
    if (!ws) return { metadata: emptyMetadata(), metadataIssues: [] };
    const rows: CellValue[][] = [];
    const last = ws.actualRowCount ? ws.lastRow?.number ?? 0 : 0;
    for (let r = METADATA_FIRST_ROW; r <= last; r++) {
      const row = ws.findRow(r);
      const cells: CellValue[] = [];
      if (row) row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = cellValueOf(cell)));
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push(cells);
    }
    const { metadata, issues } = decodeMetadataRows(rows);
    return { metadata, metadataIssues: issues };
  }

  async read(sheet: string, address: string): Promise<Grid> {
    const ws = this.sheet(sheet);
    const range = this.range(ws.name, address);
    return this.gridOf(ws, range);
  }

  /** Parses an address for a sheet, or a WorkbookError naming file and sheet. */
  range(sheet: string, address: string): RangeAddress {
    const range = parseRange(address);
    if (!range) {
      throw new WorkbookError(
        `“${address}” is not a cell range on sheet “${sheet}” of “${this.fileName}” (expected A1 form such as B3:N40, at most ${MAX_ROWS.toLocaleString("en-GB")} rows and column ${"XFD"} / ${MAX_COLUMNS}).`,
        { file: this.fileName, sheet, cell: address },
      );
    }
    return range;
  }

  private gridOf(ws: ExcelJS.Worksheet, range: RangeAddress): Grid {
    const cellCount = rangeWidth(range) * rangeHeight(range);
    if (cellCount > MAX_READ_CELLS) {
      throw new WorkbookError(
        `Reading ${formatRange(range)} on sheet “${ws.name}” of “${this.fileName}” asks for ${cellCount.toLocaleString("en-GB")} cells; read it in blocks of at most ${MAX_READ_CELLS.toLocaleString("en-GB")}.`,
        { file: this.fileName, sheet: ws.name, cell: formatRange(range) },
      );
    }
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const numberFormats: string[][] = [];
    const width = rangeWidth(range);
    for (let r = range.top; r <= range.bottom; r++) {
      const vRow: CellValue[] = new Array(width).fill(null);
      const fRow: (string | null)[] = new Array(width).fill(null);
      const nRow: string[] = new Array(width).fill("General");
      const row = ws.findRow(r);
      if (row) {
        for (let c = range.left; c <= range.right; c++) {
          const cell = row.findCell(c);
          if (!cell) continue;
          vRow[c - range.left] = cellValueOf(cell);
          fRow[c - range.left] = formulaOf(cell);
          nRow[c - range.left] = numberFormatOf(cell);
        }
      }
      values.push(vRow);
      formulas.push(fRow);
      numberFormats.push(nRow);
    }
    const merges = mergedRanges(ws)
      .filter((m) => rangesIntersect(m, range))
      .map(formatRange);
    return { sheet: ws.name, address: formatRange(range), values, formulas, numberFormats, ...(merges.length ? { merges } : {}) };
  }

  async apply(plan: Plan, progress?: Progress): Promise<ApplyResult> {
    this.cellsByReading.forget();
    const result = await applyPlan(this, plan, progress);
    this.changes.tell(plan, (sheet) => this.findSheet(sheet)?.name ?? sheet);
    return result;
  }

  private readonly changes = new PlanChangeListeners();

  /** Told of the cells every apply writes. */
  async onCellsChanged(listener: (change: CellsChanged) => void): Promise<StopListening> {
    return this.changes.add(listener);
  }

  notKeptBy(plan: Plan): string[] {
    return formulaGroupLosses(this.workbook, this.fileName, plan);
  }

  /** Answers lighter questions from reads of the sheet (cells-query.ts), the last one kept until an apply. */
  private readonly cellsByReading = new CellsByReading((s, a) => this.read(s, a));

  queryCells(sheet: string, queries: readonly CellsQuery[]): Promise<CellsAnswer[]> {
    return this.cellsByReading.query(sheet, queries);
  }

  async readRules(sheet: string, addresses: string[]): Promise<RangeRules[]> {
    const ws = this.sheet(sheet);
    return readSheetRules(ws, addresses.map((a) => this.range(ws.name, a)));
  }

  async readLooks(sheet: string, address: string): Promise<CellLook[][]> {
    const ws = this.sheet(sheet);
    return readSheetLooks(ws, this.range(ws.name, address));
  }

  /** Set by selectCell: a file has no screen, so the selection lives here (a save keeps the file's own). */
  private selected: CellSelection | null = null;

  /** Remembers the cell, as Excel would select it; saving does not write it into the file. */
  async selectCell(sheet: string, address: string): Promise<void> {
    const ws = this.sheet(sheet);
    this.selected = { sheet: ws.name, address: formatRange(this.range(ws.name, address)) };
  }

  /**
   * The cell selectCell chose, else the selection the file was saved with:
   * its active tab's active cell (A1 of the first visible sheet when the file
   * names none, as Excel opens it).
   */
  async selection(): Promise<CellSelection | null> {
    if (this.selected && this.findSheet(this.selected.sheet)) return this.selected;
    const sheets = this.workbook.worksheets.filter((w) => w.name !== METADATA_SHEET);
    const activeTab = (this.workbook.views as { activeTab?: number }[] | undefined)?.[0]?.activeTab;
    const saved = activeTab !== undefined ? this.workbook.worksheets[activeTab] : undefined;
    const ws = saved && saved.state === "visible" && saved.name !== METADATA_SHEET ? saved : sheets.find((w) => w.state === "visible");
    if (!ws) return null;
    const active = (ws.views as { activeCell?: string }[] | undefined)?.[0]?.activeCell;
    const range = (active && parseRange(active.replace(/\$/g, ""))) || { top: 1, bottom: 1, left: 1, right: 1 };
    return { sheet: ws.name, address: formatRange(range) };
  }
}
