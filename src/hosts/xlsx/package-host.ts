/**
 * A workbook file (.xlsx/.xlsm) opened to be changed, with the package as the
 * truth: the outline and cell reads come from the package reader; a plan is
 * applied to a model that holds only the cells the plan reads and writes
 * (plan-cells.ts), loaded from the package cut down to them, and the package
 * saver writes the changes into the package, which is then the truth for
 * what is read next. So a 100,000-row register is never loaded whole into a
 * workbook model. The file host (XlsxHost) stays the host for CSV files and
 * workbooks built in memory; a view that draws cells gets a model of the
 * package as it stands (workbookForView).
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Plan } from "../../core/plan/plan";
import { formatRange, parseRange } from "../../core/grid/address";
import { WorkbookError, type ApplyResult, CellLook, CellSelection, CellsChanged, Grid, Progress, RangeRules, StopListening, WorkbookHost, WorkbookOutline } from "../host";
import type { CellsAnswer, CellsQuery } from "../host";
import { CellsByReading } from "../cells-query";
import { lossesOfGroups } from "./formula-group-losses";
import { METADATA_SHEET } from "../../core/metadata/schema";
import { PackageWorkbook } from "./package-read";
import { cellsPlanNeeds } from "./plan-cells";
import { OpcPackage } from "./package/opc";
import { packageForPlan } from "./package/plan-package";
import { savePackage, saveSheets } from "./package/save-package";
import { applyToNewSheets, type NewSheetsApplied } from "./package/new-sheets-plan";
import { emptyWorkbookPackage } from "./package/empty-package";
import { inversePlan } from "../../core/plan/inverse";
import { PlanChangeListeners } from "./plan-changes";

export class PackageHost implements WorkbookHost {
  private constructor(
    private bytes: Uint8Array,
    readonly fileName: string,
    /** Reads the package as the plans applied so far left it; the sheets it has read are held as text, to be changed without inflating them again. */
    private reader: PackageWorkbook,
  ) {}

  static async open(data: Uint8Array, fileName: string): Promise<PackageHost> {
    return new PackageHost(data, fileName, await PackageWorkbook.openForChange(data, fileName));
  }

  /** A new workbook with no sheets yet: a plan that builds its sheets is written without a workbook model (new-sheets-plan.ts). */
  static async create(fileName = "Workbook.xlsx"): Promise<PackageHost> {
    return PackageHost.open(await emptyWorkbookPackage(), fileName);
  }

  outline(opts?: { previewRows?: number }): Promise<WorkbookOutline> {
    // A job starts from an outline: what an earlier one read is not kept past it.
    this.cellsByReading.forget();
    return this.reader.outline(opts);
  }

  read(sheet: string, address: string): Promise<Grid> {
    return this.reader.read(sheet, address);
  }

  /** Answers lighter questions from reads of the sheet (cells-query.ts), the last one kept until an apply. */
  private readonly cellsByReading = new CellsByReading((s, a) => this.read(s, a));

  queryCells(sheet: string, queries: readonly CellsQuery[]): Promise<CellsAnswer[]> {
    return this.cellsByReading.query(sheet, queries);
  }

  readRules(sheet: string, addresses: string[]): Promise<RangeRules[]> {
    return this.reader.readRules(sheet, addresses);
  }

  readLooks(sheet: string, address: string): Promise<CellLook[][]> {
    return this.reader.readLooks(sheet, address);
  }

  /** What saving after `plan` would not keep; the sheets it writes are read by then (an outline reads every sheet). */
  notKeptBy(plan: Plan): string[] {
    const tables = this.reader.tablesRead();
    return lossesOfGroups(
      (sheet) => this.reader.formulaGroupsOf(sheet),
      (sheet, name) => tables.find((t) => t.sheet.toLowerCase() === sheet.toLowerCase() && t.name.toLowerCase() === name.toLowerCase())?.range,
      this.fileName,
      plan,
    );
  }

  async apply(plan: Plan, progress?: Progress): Promise<ApplyResult> {
    this.cellsByReading.forget();
    const direct = applyToNewSheets(plan, this.reader.worksheetParts().map((s) => s.name));
    if (direct) return this.applyToNewSheets(plan, direct, progress);
    // Every sheet's tables known, to place the plan's table edits; no sheet's cells read for that.
    await this.reader.readAroundCells();
    const needed = cellsPlanNeeds(plan, this.reader.tablesRead());
    // Loaded here, not at the top: only applying a plan needs the model.
    const { XlsxHost } = await import("./xlsx-host");
    const opened = this.reader.packageRead();
    // Both the cut and the save start from the package as read (its zip and the sheet texts read for the plan), each in a fork of its own.
    const model = await XlsxHost.open(await packageForPlan(opened.fork(), this.reader.worksheetParts(), needed), this.fileName);
    const result = await model.apply(plan, progress);
    if (model.journal.length) {
      const saved = await savePackage(this.bytes, model.workbook, model.journal, opened.fork());
      this.bytes = saved.bytes;
      // What is read next comes from the saved package; the texts of its parts known now (kept or written) are not inflated again, nor the sheets it did not write read again.
      this.reader = await this.reader.afterSave(new OpcPackage(await JSZip.loadAsync(this.bytes), saved.pkg?.knownTexts()), saved);
    }
    this.tellCellsChanged(plan);
    return result;
  }

  /** A plan that only builds new sheets, written into the package as it stands, with no model loaded. */
  private async applyToNewSheets(plan: Plan, applied: NewSheetsApplied, progress?: Progress): Promise<ApplyResult> {
    const opened = this.reader.packageRead();
    const saved = await saveSheets(this.bytes, applied.sheets, applied.journal, opened.fork());
    this.bytes = saved.bytes;
    this.reader = await this.reader.afterSave(new OpcPackage(await JSZip.loadAsync(this.bytes), saved.pkg?.knownTexts()), saved);
    this.tellCellsChanged(plan);
    progress?.(plan.edits.length, plan.edits.length);
    return { editsApplied: plan.edits.length, undo: { excelUndoGroup: false, inverse: inversePlan(plan.title, applied.undo) } };
  }

  /** The package as the plans applied so far left it. */
  async save(): Promise<Uint8Array> {
    return this.bytes;
  }

  private readonly changes = new PlanChangeListeners();

  /** Told of the cells every apply writes. */
  async onCellsChanged(listener: (change: CellsChanged) => void): Promise<StopListening> {
    return this.changes.add(listener);
  }

  /** Raises an applied plan's cell changes, with sheet names as the workbook spells them. */
  private tellCellsChanged(plan: Plan): void {
    if (!this.changes.listening) return;
    // The names come from the workbook part: no sheet of the saved package is read for them.
    const names = this.reader.worksheetParts().map((s) => s.name);
    this.changes.tell(plan, (sheet) => names.find((n) => n.toLowerCase() === sheet.toLowerCase()) ?? sheet);
  }

  /** Set by selectCell: a file has no screen, so the selection lives here (a save keeps the file's own). */
  private selected: CellSelection | null = null;

  /** Remembers the cell, as Excel would select it; saving does not write it into the file. */
  async selectCell(sheet: string, address: string): Promise<void> {
    const range = parseRange(address);
    if (!range) throw new WorkbookError(`“${address}” is not a cell range on sheet “${sheet}” of “${this.fileName}”`, { file: this.fileName, sheet, cell: address });
    // Reading the corner cell names the sheet as the workbook spells it, or says it is not there.
    const corner = await this.reader.read(sheet, formatRange({ ...range, bottom: range.top, right: range.left }));
    this.selected = { sheet: corner.sheet, address: formatRange(range) };
  }

  /**
   * The cell selectCell chose, else the selection the file was saved with:
   * its active tab's active cell (A1 of the first visible sheet when the file
   * names none, as Excel opens it), from the package as the reader holds it.
   */
  async selection(): Promise<CellSelection | null> {
    if (this.selected) {
      // The name as the workbook part spells it: no sheet's cells are read for it.
      const wanted = this.selected.sheet.toLowerCase();
      const sheet = this.reader.worksheetParts().find((s) => s.name !== METADATA_SHEET && s.name.toLowerCase() === wanted);
      if (sheet) return { ...this.selected, sheet: sheet.name };
    }
    return this.reader.savedSelection();
  }

  /** The last workbook built for a view, kept until the package or the sheet asked for changes. */
  private viewed: { bytes: Uint8Array; sheet: string | undefined; workbook: ExcelJS.Workbook } | undefined;

  /**
   * A workbook model for a view that draws cells (values, formats, fills,
   * fonts, widths, heights, merges): of every sheet, or, given a sheet, of
   * that sheet's cells only (every other sheet is there without its cells).
   * A reading aid, cached until the next apply; the package stays the truth
   * and is what save() gives.
   */
  async workbookForView(sheet?: string): Promise<ExcelJS.Workbook> {
    const key = sheet?.toLowerCase();
    if (this.viewed && this.viewed.bytes === this.bytes && this.viewed.sheet === key) return this.viewed.workbook;
    const bytes = this.bytes;
    const { XlsxHost } = await import("./xlsx-host");
    const model = await XlsxHost.open(key === undefined ? bytes : await packageForPlan(this.reader.packageRead().fork(), this.reader.worksheetParts(), new Map([[key, "all"]])), this.fileName);
    this.viewed = { bytes, sheet: key, workbook: model.workbook };
    return model.workbook;
  }
}

/** Whether a file name is one the package host opens (a workbook package, not CSV). */
export function isPackageFile(fileName: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(fileName);
}
