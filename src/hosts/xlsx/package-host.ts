/**
 * A workbook file (.xlsx/.xlsm) opened to be changed, with the package as the
 * truth: the outline and cell reads come from the package reader; a plan is
 * applied to a model that holds only the cells the plan reads and writes
 * (plan-cells.ts), loaded from the package cut down to them, and the package
 * saver writes the changes into the package, which is then the truth for
 * what is read next. So a 100,000-row register is never loaded whole into a
 * workbook model. The file host (XlsxHost) stays the host for CSV files,
 * workbooks built in memory and the playground's sheet view.
 */
import JSZip from "jszip";
import type { Plan } from "../../core/plan/plan";
import type { RangeAddress } from "../../core/grid/address";
import type { ApplyResult, CellLook, Grid, Progress, RangeRules, WorkbookHost, WorkbookOutline } from "../host";
import { lossesOfGroups } from "./formula-group-losses";
import { PackageWorkbook } from "./package-read";
import { cellsPlanNeeds, type NeededCells } from "./plan-cells";
import { OpcPackage } from "./package/opc";
import { sheetWithOnlyCells } from "./package/partial-sheet";
import { savePackage } from "./package/save-package";
import { worksheetParts } from "./sheet-parts";

/** The package with each worksheet's cells cut down to those a plan needs (all of them where it needs the whole sheet). */
export async function packageForPlan(pkg: OpcPackage, needed: NeededCells): Promise<Uint8Array> {
  const parts = await worksheetParts(pkg.zip);
  const needsOf = new Map<string, RangeAddress[] | "all">();
  for (const [name, part] of parts) {
    const need = needed.get(name.toLowerCase());
    const have = needsOf.get(part);
    needsOf.set(part, need === "all" || have === "all" ? "all" : [...(have ?? []), ...(need ?? [])]);
  }
  for (const [part, need] of needsOf) {
    if (need === "all") continue;
    const xml = await pkg.text(part);
    if (xml !== undefined) pkg.put(part, sheetWithOnlyCells(xml, need));
  }
  // Every part but the cut sheets is copied as its compressed bytes.
  return pkg.bytes();
}

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

  outline(opts?: { previewRows?: number }): Promise<WorkbookOutline> {
    return this.reader.outline(opts);
  }

  read(sheet: string, address: string): Promise<Grid> {
    return this.reader.read(sheet, address);
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
    // Every sheet read, so every table is known to place the plan's table edits.
    await this.reader.outline({ previewRows: 0 });
    const needed = cellsPlanNeeds(plan, this.reader.tablesRead());
    // Loaded here, not at the top: only applying a plan needs the model.
    const { XlsxHost } = await import("./xlsx-host");
    const opened = this.reader.packageRead();
    // Both the cut and the save start from the package as read (its zip and the sheet texts read for the plan), each in a fork of its own.
    const model = await XlsxHost.open(await packageForPlan(opened.fork(), needed), this.fileName);
    const result = await model.apply(plan, progress);
    if (model.journal.length) {
      const saved = await savePackage(this.bytes, model.workbook, model.journal, opened.fork());
      this.bytes = saved.bytes;
      // What is read next comes from the saved package; the texts of its parts known now (kept or written) are not inflated again.
      this.reader = await PackageWorkbook.overPackage(new OpcPackage(await JSZip.loadAsync(this.bytes), saved.pkg?.knownTexts()), this.fileName);
    }
    return result;
  }

  /** The package as the plans applied so far left it. */
  async save(): Promise<Uint8Array> {
    return this.bytes;
  }
}

/** Whether a file name is one the package host opens (a workbook package, not CSV). */
export function isPackageFile(fileName: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(fileName);
}
