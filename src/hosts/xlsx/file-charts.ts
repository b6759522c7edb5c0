/**
 * The charts of a workbook file as the file host knows them: those in the
 * package it opened (read once, when a plan first draws or removes one) and
 * those the plans applied since drew or removed, so a chart edit's undo puts
 * back the chart that was there. The drawing itself is written on save
 * (package/sheet-charts.ts), from the edits in the journal.
 */
import JSZip from "jszip";
import type { ChartSpec } from "../../core/plan/edits";
import { OpcPackage } from "./package/opc";
import { isChartEdit, readPackageCharts, writeSheetCharts, type ChartEdit } from "./package/sheet-charts";
import type { JournalEntry } from "./package/change-journal";
import { worksheetParts } from "./sheet-parts";

/** A chart of the sheet: what would draw it again, or null when it is of a kind the toolkit does not draw. */
export type KnownChart = ChartSpec | null;

export class FileCharts {
  private bySheet: Map<string, Map<string, KnownChart>> | undefined;

  constructor(private readonly original: Uint8Array | undefined) {}

  /** Reads the charts of the package opened; once. */
  async load(): Promise<void> {
    if (this.bySheet) return;
    if (!this.original) {
      this.bySheet = new Map();
      return;
    }
    const zip = await JSZip.loadAsync(this.original);
    const parts = await worksheetParts(zip);
    this.bySheet = await readPackageCharts(new OpcPackage(zip), [...parts].map(([name, part]) => ({ name, part })));
  }

  /** The chart of that name on the sheet: undefined when there is none. */
  get(sheet: string, name: string): KnownChart | undefined {
    return this.sheet(sheet).get(name.toLowerCase());
  }

  /** Records what a chart edit leaves. */
  record(e: ChartEdit): void {
    const charts = this.sheet(e.sheet);
    if (e.type === "setChart") charts.set(e.name.toLowerCase(), e);
    else charts.delete(e.name.toLowerCase());
  }

  /** A sheet deleted takes its charts with it. */
  forgetSheet(sheet: string): void {
    this.bySheet?.delete(sheet.toLowerCase());
  }

  private sheet(sheet: string): Map<string, KnownChart> {
    if (!this.bySheet) throw new Error("the workbook's charts were not read before a chart edit");
    let charts = this.bySheet.get(sheet.toLowerCase());
    if (!charts) this.bySheet.set(sheet.toLowerCase(), (charts = new Map()));
    return charts;
  }
}

/**
 * Charts drawn into a workbook ExcelJS wrote (a workbook built in memory has
 * no package of its own to patch, and ExcelJS writes no charts): the chart
 * edits of the journal, sheet by sheet, written into those bytes.
 */
export async function drawJournalCharts(bytes: Uint8Array, journal: readonly JournalEntry[]): Promise<Uint8Array> {
  const bySheet = new Map<string, ChartEdit[]>();
  for (const j of journal) {
    const e = j.edit;
    if (e.type === "deleteSheet") bySheet.delete(e.sheet.toLowerCase());
    if (!isChartEdit(e)) continue;
    bySheet.set(e.sheet.toLowerCase(), [...(bySheet.get(e.sheet.toLowerCase()) ?? []), e]);
  }
  if (!bySheet.size) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const pkg = new OpcPackage(zip);
  for (const [name, part] of await worksheetParts(zip)) {
    const edits = bySheet.get(name.toLowerCase());
    if (!edits) continue;
    const xml = (await pkg.text(part)) ?? "";
    const p = /<([\w.-]+:)?worksheet[\s>]/.exec(xml)?.[1] ?? "";
    const patched = await writeSheetCharts(pkg, part, xml, p, name, edits);
    if (patched !== xml) pkg.put(part, patched);
  }
  return pkg.bytes();
}
