/**
 * Applying a plan. Three parts, so a refused plan writes nothing:
 *
 * 1. read: sheet and table names (one sync), then everything the checks and
 *    the undo need, queued together (one sync, plus one for colour-rule
 *    details when there are rules, plus row blocks for cells that already
 *    hold something under the plan's ranges);
 * 2. check: every edit against what was read; any problem stops here;
 * 3. write: edits in plan order, each writing values before formats, cell
 *    data as whole 2-D arrays in row blocks under the payload budget, with
 *    calculation suspended for each block. Small commands share syncs, so
 *    syncs grow with the bytes written, never with the rows as such.
 *
 * The undo plan is built from the "before" state read in part 1 with the
 * shared helpers of core/plan/inverse. Every inverse edit puts back the state
 * from before the whole plan, so undoing in reverse order ends there too.
 *
 * The writes come in two parts, each given its own request context by the
 * caller: the sheet structure (sheets added, hidden or deleted, the record
 * sheet created), which Excel on Windows and Mac cannot undo and so must stay
 * out of an undo group, and then everything else, which can sit in one. A log
 * says which edits got written, so a failure can be rolled back.
 */
import { columnIndex, columnLetter, formatRange, parseRange, rangeHeight, rangeWidth, rangesIntersect, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { encodeMetadataRow, METADATA_FIRST_ROW, METADATA_SHEET, METADATA_TITLE, metadataRowFor } from "../../core/metadata/schema";
import { isChartEdit, type CellInput, type CellStyle, type ConditionalFormat, type DataValidation, type Edit, type EditOf } from "../../core/plan/edits";
import {
  inversePlan,
  recreateRemovedTable,
  removeAddedSheet,
  removeAddedTableColumns,
  removeCreatedTable,
  restoreCells,
  restoreColumnWidths,
  restoreConditionalFormats,
  restoreDeletedSheet,
  restoreEmptyCells,
  restoreMetadataKey,
  restoreNumberFormats,
  restoreRemovedTableColumns,
  restoreStyles,
  restoreTableSize,
  restoreValidation,
  cellInputFrom,
  remergeCells,
  unmergeMergedCells,
} from "../../core/plan/inverse";
import type { Plan } from "../../core/plan/plan";
import { WorkbookError, type Progress } from "../host";
import { readMergedAreas } from "./merged-areas";
import { listSourceProblem, loadRuleDetails, ruleFromLoaded, type LoadedRuleDetails, officeCellValueRule, officeValidationRule, validationFromOffice } from "./office-rules";
import { officeAreas } from "./read-rules";
import { rowBlocks, SYNC_BUDGET_BYTES, utf8Bytes } from "./payload";
import { readRanges, type CellsRead, type ReadRequest } from "./range-reader";
import { isStructureEdit } from "./structure-edits";
import { asExcelText } from "./text-safety";
import { chartBytes, chartPlanState, queueChartEdit, queueChartReads } from "./charts";
import { excelWouldReinterpret } from "./text-safety";
import { copiesOldCells, copyBack, newStamp, queueCapture, queueClearUndoSheet, type OldCellsCopy } from "./undo-copy";
import { UNDO_SHEET, writesManyCells } from "./undo-sheet";

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;
const FROM_VISIBILITY: Record<string, "visible" | "hidden" | "veryHidden"> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

/** Excel's column width is in points; plans speak in characters of the default font (7 px wide, 5 px padding). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
export function pointsToChars(points: number): number {
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}

interface TableInfo {
  name: string;
  sheet: string;
  range: RangeAddress;
  style: string;
  existed: boolean;
  /** The last row is the totals row: a body formula must stop above it. */
  showTotals: boolean;
}

interface SheetInfo {
  name: string;
  visibility: string;
  existed: boolean;
  deleted: boolean;
}

const lower = (s: string) => s.toLowerCase();

/** The range of a plan address or of one Excel returns ("'Q1, risks'!B3:D9": sheet names with commas come quoted). */
function rangeOf(address: string): RangeAddress {
  const r = parseRange(address) ?? officeAreas(address)[0];
  if (!r) throw new Error(`not an A1 range: ${address}`);
  return r;
}

function intersect(a: RangeAddress, b: RangeAddress): RangeAddress | null {
  if (!rangesIntersect(a, b)) return null;
  return { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
}

/**
 * The office input for a plan cell: text protected from parsing, blanks as ""
 * (null would leave the cell unchanged). A cell formatted as Text ("@") keeps
 * what it is given as typed, so an apostrophe there would stay a character.
 */
function officeInput(c: CellInput, textFormat = false): string | number | boolean {
  if (c === null) return "";
  if (typeof c === "object") return c.formula;
  if (typeof c === "string") return textFormat ? c : asExcelText(c);
  return c;
}

/**
 * "[@Col]" and "[[#This Row],[Col]]" name the table the cell is in, so a
 * formula written before its table grows over the cell needs the table's
 * name; Excel shows it without the name again once the cell is in the table.
 */
export function qualifyThisRow(formula: string, table: string): string {
  return formula
    .split('"')
    .map((part, k) => (k % 2 ? part : part.replace(/(^|[^A-Za-z0-9_.\]])\[(@|\[#This Row\])/gi, `$1${table}[$2`)))
    .join('"');
}

/** Cells before the plan over `range`, padded with blanks outside what was read. */
function fullGrid(range: RangeAddress, part: { range: RangeAddress; cells: CellsRead } | null): CellsRead {
  const h = rangeHeight(range);
  const w = rangeWidth(range);
  const out: CellsRead = { values: [], formulas: [], numberFormats: [] };
  for (let i = 0; i < h; i++) {
    const row = range.top + i;
    const values: CellValue[] = new Array<CellValue>(w).fill(null);
    const formulas: (string | null)[] = new Array<string | null>(w).fill(null);
    const formats: string[] = new Array<string>(w).fill("General");
    if (part && row >= part.range.top && row <= part.range.bottom) {
      const k = row - part.range.top;
      for (let c = part.range.left; c <= part.range.right; c++) {
        const j = c - range.left;
        values[j] = part.cells.values[k]?.[c - part.range.left] ?? null;
        formulas[j] = part.cells.formulas[k]?.[c - part.range.left] ?? null;
        formats[j] = part.cells.numberFormats[k]?.[c - part.range.left] ?? "General";
      }
    }
    out.values.push(values);
    out.formulas.push(formulas);
    out.numberFormats.push(formats);
  }
  return out;
}

/**
 * Which edits reached the workbook. Office.js does not roll back a batch that
 * fails halfway (commands before the failing one stay done), so after a
 * failure every edit from the first one not yet synced is uncertain. Edits that
 * change structure (tables, merges, sheets) go out in a sync of their own, so
 * for them the log knows whether it happened.
 */
export class WriteLog {
  /** Edits whose every command went out in a sync that succeeded are below this index. */
  syncedBelow = 0;
  /** The edit being written. */
  current = -1;
  /** Edits whose writing began. */
  readonly started = new Set<number>();
  /** Edits whose structural command was synced. */
  readonly structural = new Set<number>();
  begin(index: number): void {
    this.current = index;
    this.started.add(index);
  }
}

/** Queues commands and syncs whenever the next one would push the request past the budget. */
class Writer {
  private bytes = 0;
  private calculationSuspended = false;
  /** Calculation was suspended at least once: Excel is asked to recalculate at the end. */
  suspendedAny = false;
  constructor(
    readonly ctx: Excel.RequestContext,
    readonly log: WriteLog,
  ) {}

  async room(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > SYNC_BUDGET_BYTES) await this.flush();
    this.bytes += bytes;
  }

  /** Big writes go out with calculation suspended until that sync. */
  suspendCalculation(): void {
    if (this.calculationSuspended) return;
    this.ctx.application.suspendApiCalculationUntilNextSync();
    this.calculationSuspended = true;
    this.suspendedAny = true;
  }

  async flush(): Promise<void> {
    const editsBefore = this.log.current;
    await this.ctx.sync();
    this.bytes = 0;
    this.calculationSuspended = false;
    this.log.syncedBelow = Math.max(this.log.syncedBelow, editsBefore);
  }

  /** Runs a structural command alone in its sync, so the log knows whether it happened. */
  async structural(index: number, queue: () => void): Promise<void> {
    if (this.bytes > 0 || this.calculationSuspended) await this.flush();
    this.bytes = 200;
    queue();
    await this.flush();
    this.log.structural.add(index);
  }

  /** Writes a 2-D array through `values`, `formulas`, `formulasR1C1` or `numberFormat` in row blocks under the budget. */
  async grid(sheet: string, top: number, left: number, rows: (string | number | boolean)[][], property: "values" | "formulas" | "formulasR1C1" | "numberFormat"): Promise<void> {
    for (const block of rowBlocks(rows)) {
      await this.room(block.bytes);
      this.suspendCalculation();
      const width = rows[0]?.length ?? 0;
      const address = formatRange({ top: top + block.start, bottom: top + block.end - 1, left, right: left + width - 1 });
      const range = this.ctx.workbook.worksheets.getItem(sheet).getRange(address);
      const slice = block.start === 0 && block.end === rows.length ? rows : rows.slice(block.start, block.end);
      if (property === "values") range.values = slice;
      else if (property === "formulas") range.formulas = slice;
      else if (property === "formulasR1C1") range.formulasR1C1 = slice;
      else range.numberFormat = slice;
    }
  }

  /**
   * One formula down a whole range, as 2-D arrays. Excel turns the formula of
   * the first cell into R1C1 (one sync), which reads the same in every cell;
   * one value for a many-cell range is not something the docs promise.
   */
  async fill(sheet: string, address: string, formula: string): Promise<void> {
    const r = rangeOf(address);
    const first = this.ctx.workbook.worksheets.getItem(sheet).getRange(formatRange({ ...r, bottom: r.top, right: r.left }));
    first.formulas = [[formula]];
    first.load("formulasR1C1");
    await this.flush();
    const r1c1 = String(first.formulasR1C1[0]?.[0] ?? formula);
    const row = new Array<string>(rangeWidth(r)).fill(r1c1);
    await this.grid(sheet, r.top, r.left, Array.from({ length: rangeHeight(r) }, () => row), "formulasR1C1");
  }

  /** One value (a number format) for every cell of a range, as 2-D arrays in row blocks. */
  async same(sheet: string, address: string, value: string, property: "numberFormat"): Promise<void> {
    const r = rangeOf(address);
    const row = new Array<string>(rangeWidth(r)).fill(value);
    await this.grid(sheet, r.top, r.left, Array.from({ length: rangeHeight(r) }, () => row), property);
  }
}

interface Captured {
  usedRanges: Map<string, RangeAddress | null>;
  tableRanges: Map<string, RangeAddress>;
  validations: Map<number, Excel.DataValidation>;
  columnValidations: Map<number, Excel.DataValidation[]>;
  conditionalFormats: Map<number, Excel.ConditionalFormatCollection>;
  styles: Map<number, Excel.RangeFormat>;
  widths: Map<number, Excel.RangeFormat[]>;
  metadataUsed: Excel.Range | null;
  /** Merged areas touching the range of an unmerge, merge, new table or table growth, by edit index. */
  merges: Map<number, RangeAddress[]>;
}

/** A colour rule over a range the plan replaces: its details and every area it applies to (getRange throws for several). */
type CfDetail = LoadedRuleDetails & { proxy: Excel.ConditionalFormat; areas: Excel.RangeAreas };

export interface ApplyInExcelOptions {
  /**
   * ExcelApi 1.13 (getMergedAreasOrNullObject): merged areas can be read, so
   * an unmerge is checked to name one merged area exactly and a new table to
   * hold none. Without it those checks are left to Excel itself.
   */
  readMerges?: boolean;
  /**
   * Putting back what a failed apply half-wrote: rules there that a plan
   * cannot express are the toolkit's own half-made ones, replaced without
   * being kept for Undo.
   */
  rollingBack?: boolean;
  /** ExcelApi 1.7 (charts.ts): chart edits are drawn; without it they are left out and the rest applies. */
  drawCharts?: boolean;
  /**
   * ExcelApi 1.9 (Range.copyFrom): the old cells under a big overwrite are
   * copied to the undo sheet instead of read (undo-copy.ts).
   */
  copyOldCells?: boolean;
}

const sameRange = (a: RangeAddress, b: RangeAddress) => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

/** What a prepared apply leaves for the writes: the undo plan, and the two write parts. */
export interface PreparedApply {
  inverse: Plan;
  /** Each edit's inverse, by edit index (for rolling back part of the plan). */
  perEdit: Edit[][];
  /**
   * What puts back a structural edit whose structural command did not run
   * but whose other commands may have: cells, formats and rules only, which
   * are safe to write whether or not the edit's own commands ran.
   */
  partial: Edit[][];
  /** Indices of the edits written in the structure part (outside any undo group). */
  structureEdits: number[];
  /** The edit whose write creates the record sheet (the first setMetadata), when there was none. */
  recordSheetBy: number | null;
  /** The structure part adds (or hides again) the host's undo sheet, outside any undo group: the writes cannot share one run with the reads. */
  addsUndoSheet: boolean;
  /** Sheet and table names before the apply, to tell what a half-written structural edit left. */
  sheetsBefore: string[];
  tablesBefore: string[];
  /** Sheets, visibility, record sheet: APIs Excel cannot undo on every platform. Nothing to do when empty. */
  writeStructure(ctx: Excel.RequestContext, log: WriteLog): Promise<void>;
  /** Every other edit, in plan order; asks Excel to recalculate after suspended calculation. */
  writeRest(ctx: Excel.RequestContext, log: WriteLog, progress?: Progress): Promise<void>;
}

/** Edits whose write changes a table, a merge or a sheet: synced alone, so the write log knows whether they happened. */
export function isStructuralEdit(e: Edit): boolean {
  return ["addSheet", "deleteSheet", "createTable", "removeTable", "addTableColumns", "removeTableColumns", "resizeTable", "mergeCells", "unmergeCells"].includes(e.type);
}


export async function prepareApplyInExcel(ctx: Excel.RequestContext, plan: Plan, options: ApplyInExcelOptions = {}): Promise<PreparedApply> {
  const edits = plan.edits;

  // ---- read 1: names
  const sheetItems = ctx.workbook.worksheets.load("items/name, items/visibility");
  const tableItems = ctx.workbook.tables.load("items/name, items/style, items/showTotals, items/worksheet/name");
  const calculation = ctx.application.load("calculationMode");
  await ctx.sync();
  const manualCalculation = calculation.calculationMode === "Manual";
  const sheets = new Map<string, SheetInfo>();
  for (const ws of sheetItems.items) sheets.set(lower(ws.name), { name: ws.name, visibility: ws.visibility, existed: true, deleted: false });
  const tables = new Map<string, TableInfo>();
  const tableProxies = new Map<string, Excel.Table>();
  for (const t of tableItems.items) {
    tables.set(lower(t.name), { name: t.name, sheet: t.worksheet.name, range: { top: 0, left: 0, bottom: 0, right: 0 }, style: t.style, existed: true, showTotals: t.showTotals });
    tableProxies.set(lower(t.name), t);
  }

  // ---- read 2: what the checks and the undo need
  const cap: Captured = {
    usedRanges: new Map(),
    tableRanges: new Map(),
    validations: new Map(),
    columnValidations: new Map(),
    conditionalFormats: new Map(),
    styles: new Map(),
    widths: new Map(),
    metadataUsed: null,
    merges: new Map(),
  };
  const usedProxies = new Map<string, Excel.Range>();
  /** The check cell of each copyCells edit, by edit index. */
  const copyChecks = new Map<number, Excel.Range>();
  let chartReads = new Map<number, Excel.Chart>();
  const mergeReads: { index: number; sheet: string; range: RangeAddress | undefined }[] = [];
  /** The range whose merged areas matter to an edit; undefined until the table it grows is read. */
  const growthArea = (e: Edit): RangeAddress | undefined => ("address" in e ? rangeOf(e.address) : undefined);
  /** The cells a table's new columns will take, from the table as read. */
  const tableGrowth = (e: Edit): RangeAddress | undefined => {
    if (e.type !== "addTableColumns") return undefined;
    const t = tables.get(lower(e.table));
    return t && t.existed ? { ...t.range, left: t.range.right + 1, right: Math.min(16_384, t.range.right + e.columns.length) } : undefined;
  };
  const sheetExisted = (name: string) => sheets.get(lower(name))?.existed === true;
  /** The undo sheet is missing, or was left visible by a failure: a copy first adds it or hides it again, a change of structure. */
  const undoSheetNeedsStructure = () => !sheetExisted(UNDO_SHEET) || sheets.get(lower(UNDO_SHEET))?.visibility !== "VeryHidden";
  const touch = (name: string) => {
    if (!sheetExisted(name) || usedProxies.has(lower(name))) return;
    usedProxies.set(lower(name), ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(false).load("address"));
  };
  const tableRangeProxies = new Map<string, Excel.Range>();
  const metadataSheet = sheets.get(lower(METADATA_SHEET));
  /**
   * Queues read 2; merged areas of ranges the plan names travel with it when
   * `withMerges` (a read of more than 512 areas fails and takes the sync with it,
   * so a refused sync is queued again without them).
   */
  // What a paste of "All" would carry back over a big overwrite and Excel would add rather than replace: colour
  // rules (a paste adds the copy's rules to the sheet's) and merged areas. Where either lies on it, the old cells are read.
  const pasteProbes = new Map<number, { rules: Excel.ConditionalFormatCollection; merged: Excel.RangeAreas | null }>();
  // A copy that needs the undo sheet added or hidden again cannot be made in a workbook whose structure is protected.
  const structureLock: { proxy: Excel.WorkbookProtection | null } = { proxy: null };
  const queueRead2 = (withMerges: boolean): Map<number, Excel.RangeAreas> => {
    const merged = new Map<number, Excel.RangeAreas>();
    usedProxies.clear();
    mergeReads.length = 0;
    cap.validations.clear();
    cap.conditionalFormats.clear();
    cap.styles.clear();
    cap.widths.clear();
    for (const [key, t] of tableProxies) tableRangeProxies.set(key, t.getRange().load("address"));
    edits.forEach((e, i) => {
      if ("sheet" in e) touch(e.sheet);
      if (!("sheet" in e) || !sheetExisted(e.sheet)) return;
      const ws = ctx.workbook.worksheets.getItem(e.sheet);
      switch (e.type) {
        case "setDataValidation":
          cap.validations.set(i, ws.getRange(e.address).dataValidation.load("type, rule, ignoreBlanks, prompt, errorAlert"));
          break;
        case "replaceConditionalFormats":
          cap.conditionalFormats.set(i, ws.getRange(e.address).conditionalFormats.load("items/type, items/id"));
          break;
        case "setStyle":
          cap.styles.set(i, ws.getRange(e.address).format.load("wrapText, horizontalAlignment, verticalAlignment, fill/color, font/bold, font/italic, font/color"));
          break;
        case "unmergeCells":
        case "mergeCells":
        case "createTable":
        case "addTableColumns":
        case "resizeTable":
          if (!options.readMerges) break;
          mergeReads.push({ index: i, sheet: e.sheet, range: growthArea(e) });
          if (withMerges && e.type !== "addTableColumns") merged.set(i, ws.getRange(e.address).getMergedAreasOrNullObject().load("address"));
          break;
        case "setColumnWidths":
          cap.widths.set(
            i,
            e.widths.map((w) => ws.getRange(`${w.column}1`).format.load("columnWidth")),
          );
          break;
      }
    });
    copyChecks.clear();
    pasteProbes.clear();
    if (options.copyOldCells === true && !options.rollingBack) {
      edits.forEach((e, i) => {
        if ((e.type !== "setCells" && e.type !== "fillFormula") || !sheetExisted(e.sheet) || !writesManyCells(e)) return;
        const range = ctx.workbook.worksheets.getItem(e.sheet).getRange(e.address);
        pasteProbes.set(i, { rules: range.conditionalFormats.load("items/id"), merged: withMerges ? range.getMergedAreasOrNullObject().load("address") : null });
      });
      structureLock.proxy = pasteProbes.size && undoSheetNeedsStructure() ? ctx.workbook.protection.load("protected") : null;
    }
    edits.forEach((e, i) => {
      if (e.type === "copyCells" && e.check && sheetExisted(e.fromSheet)) copyChecks.set(i, ctx.workbook.worksheets.getItem(e.fromSheet).getRange(e.check.address).load("values"));
    });
    chartReads = options.drawCharts ? queueChartReads(ctx, edits, sheetExisted) : new Map();
    if (metadataSheet && edits.some((e) => e.type === "setMetadata")) {
      cap.metadataUsed = ctx.workbook.worksheets.getItem(METADATA_SHEET).getUsedRangeOrNullObject(true).load("address, values");
    }
    return merged;
  };
  const merged2 = queueRead2(true);
  try {
    await ctx.sync();
    for (const [i, areas] of merged2) cap.merges.set(i, areas.isNullObject ? [] : officeAreas(areas.address));
  } catch (e) {
    if (!merged2.size || (e as { code?: unknown })?.code === "ItemNotFound") throw e;
    queueRead2(false);
    await ctx.sync();
  }
  for (const [key, proxy] of usedProxies) cap.usedRanges.set(key, proxy.isNullObject ? null : rangeOf(proxy.address));
  for (const [key, proxy] of tableRangeProxies) {
    const t = tables.get(key);
    if (t) t.range = rangeOf(proxy.address);
  }
  // ---- read 3: colour-rule details, validations that differ within a range, merged areas.
  // A merged-areas read of more than 512 areas fails and would take the others with it:
  // then the sync is made again without them and each is read on its own (merged-areas.ts).
  const cfDetails = new Map<number, CfDetail[]>();
  const queueRead3 = (withMerges: boolean): { needSync: boolean; merged: Map<number, Excel.RangeAreas> } => {
    let needSync = false;
    cfDetails.clear();
    cap.columnValidations.clear();
    for (const [i, coll] of cap.conditionalFormats) {
      const details = coll.items.map((cf): CfDetail => ({ ...loadRuleDetails(cf), proxy: cf, areas: cf.getRanges().load("address") }));
      cfDetails.set(i, details);
      needSync ||= details.length > 0;
    }
    for (const [i, dv] of cap.validations) {
      if (dv.type !== "Inconsistent" && dv.type !== "MixedCriteria") continue;
      const e = edits[i] as EditOf<"setDataValidation">;
      const r = rangeOf(e.address);
      const ws = ctx.workbook.worksheets.getItem(e.sheet);
      const perCell: Excel.DataValidation[] = [];
      if (rangeWidth(r) * rangeHeight(r) > 2000) {
        throw new WorkbookError(
          `Sheet “${e.sheet}”, ${e.address}: the cells there have different validation rules, too many to keep for Undo. Narrow the range or clear its validation first.`,
          { sheet: e.sheet, cell: e.address },
        );
      }
      for (let row = r.top; row <= r.bottom; row++) {
        for (let c = r.left; c <= r.right; c++) perCell.push(ws.getRange(`${columnLetter(c)}${row}`).dataValidation.load("type, rule, ignoreBlanks, prompt, errorAlert"));
      }
      cap.columnValidations.set(i, perCell);
      needSync = true;
    }
    const merged = new Map<number, Excel.RangeAreas>();
    for (const m of withMerges ? mergeReads.filter((x) => !cap.merges.has(x.index)) : []) {
      const r = m.range ?? tableGrowth(edits[m.index] as Edit);
      if (!r) continue;
      merged.set(m.index, ctx.workbook.worksheets.getItem(m.sheet).getRange(formatRange(r)).getMergedAreasOrNullObject().load("address"));
      needSync = true;
    }
    return { needSync, merged };
  };
  const read3 = queueRead3(true);
  if (read3.needSync) {
    try {
      await ctx.sync();
      for (const [i, areas] of read3.merged) cap.merges.set(i, areas.isNullObject ? [] : officeAreas(areas.address));
    } catch (e) {
      if (!read3.merged.size || (e as { code?: unknown })?.code === "ItemNotFound") throw e;
      if (queueRead3(false).needSync) await ctx.sync();
      for (const m of mergeReads.filter((x) => !cap.merges.has(x.index))) {
        const r = m.range ?? tableGrowth(edits[m.index] as Edit);
        if (r) cap.merges.set(m.index, await readMergedAreas(ctx, m.sheet, r));
      }
    }
  }

  // ---- check, and plan the cell reads for undo
  const problems: string[] = [];
  const where = (e: Edit) => ("sheet" in e ? `Sheet “${e.sheet}”${"address" in e ? `, ${e.address}` : ""}` : "Workbook");
  const reads: ReadRequest[] = [];
  const readIndex = new Map<string, number>();
  const wantCells = (sheet: string, r: RangeAddress): string | null => {
    if (!sheetExisted(sheet)) return null;
    const used = cap.usedRanges.get(lower(sheet));
    const part = used ? intersect(r, used) : null;
    if (!part) return null;
    const key = `${sheet}!${formatRange(part)}`;
    if (!readIndex.has(key)) {
      readIndex.set(key, reads.length);
      reads.push({ sheet, range: part });
    }
    return key;
  };
  // Merged areas as earlier edits leave them, per sheet: what was read around the plan's ranges, less unmerges, plus merges.
  const merges = new Map<string, RangeAddress[]>();
  for (const [i, areas] of cap.merges) {
    const e = edits[i] as Edit;
    if (!("sheet" in e)) continue;
    const list = merges.get(lower(e.sheet)) ?? [];
    for (const a of areas) if (!list.some((m) => sameRange(m, a))) list.push(a);
    merges.set(lower(e.sheet), list);
  }
  const mergesOn = (sheet: string) => {
    let list = merges.get(lower(sheet));
    if (!list) merges.set(lower(sheet), (list = []));
    return list;
  };
  const addedSheets = new Set<string>();
  /** Why a table cannot take `area`: another table or merged cells there (Excel refuses both), or null. */
  const growthBlocker = (sheet: string, t: TableInfo, area: RangeAddress): string | null => {
    const other = [...tables.values()].find((o) => o !== t && lower(o.name) !== lower(t.name) && lower(o.sheet) === lower(sheet) && rangesIntersect(o.range, area));
    if (other) return `table “${other.name}” is in the way (${formatRange(other.range)})`;
    const merged = mergesOn(sheet).find((m) => rangesIntersect(m, area) && !(m.top >= t.range.top && m.bottom <= t.range.bottom && m.left >= t.range.left && m.right <= t.range.right));
    return merged ? `cells ${formatRange(merged)} are merged; unmerge them first` : null;
  };
  const tableAt = new Map<number, TableInfo>();
  const tableBefore = new Map<number, RangeAddress>();

  // Old cells copied to the undo sheet rather than read, by edit index. Not while the plan copies from that
  // sheet (an Undo, or putting back a failed apply): it holds what they put back. Two sources may not share
  // cells of the undo sheet, where each goes at its own address.
  const undoSheetExists = sheetExisted(UNDO_SHEET);
  const copyFromUndoSheet = edits.some((e) => e.type === "copyCells" && lower(e.fromSheet) === lower(UNDO_SHEET));
  const mayCopy = options.copyOldCells === true && !options.rollingBack && !copyFromUndoSheet && structureLock.proxy?.protected !== true;
  const copies = new Map<number, OldCellsCopy>();
  /** Cells of copied ranges whose new text needs Excel's text mark unless the cell is formatted as Text: read for their format only. */
  const textRows = new Map<number, RangeAddress[]>();
  const stamp = newStamp();
  /** A paste back over `r` gives its cells as they were: no colour rules or merged areas there (read, or changed by the plan), and no table the plan makes or resizes over it. */
  const pasteKeepsAsItWas = (i: number, sheet: string, r: RangeAddress): boolean => {
    const probe = pasteProbes.get(i);
    // Without a merged-areas read (an Excel that has none, or a read refused for too many areas) nothing says the paste is safe.
    if (!probe || probe.rules.items.length > 0 || probe.merged === null || !probe.merged.isNullObject) return false;
    return !edits.some(
      (o) =>
        "sheet" in o &&
        lower(o.sheet) === lower(sheet) &&
        (o.type === "replaceConditionalFormats" || o.type === "mergeCells" || o.type === "unmergeCells" || o.type === "createTable" || o.type === "resizeTable") &&
        "address" in o &&
        rangesIntersect(rangeOf(o.address), r),
    );
  };
  const copyOrRead = (i: number, e: EditOf<"setCells"> | EditOf<"fillFormula">, r: RangeAddress): void => {
    const used = cap.usedRanges.get(lower(e.sheet));
    const part = used ? intersect(r, used) : null;
    const clash = [...copies.values()].some((c) => lower(c.sheet) !== lower(e.sheet) && rangesIntersect(c.range, r));
    if (!part || !mayCopy || clash || !pasteKeepsAsItWas(i, e.sheet, r) || !copiesOldCells(r, rangeWidth(part) * rangeHeight(part))) {
      wantCells(e.sheet, r);
      return;
    }
    copies.set(i, { sheet: e.sheet, range: r });
    if (e.type !== "setCells") return;
    const spans: RangeAddress[] = [];
    e.cells.forEach((row, k) => {
      const at = r.top + k;
      if (at < part.top || at > part.bottom || !row.some((c) => typeof c === "string" && excelWouldReinterpret(c))) return;
      const last = spans[spans.length - 1];
      if (last && last.bottom === at - 1) last.bottom = at;
      else spans.push({ ...part, top: at, bottom: at });
    });
    for (const span of spans) wantCells(e.sheet, span);
    textRows.set(i, spans);
  };
  const copySkipped = new Set<number>();

  edits.forEach((e, i) => {
    const say = (msg: string) => problems.push(`edit ${i + 1} (${e.type}) — ${where(e)}: ${msg}`);
    if ("sheet" in e && e.type !== "addSheet") {
      const s = sheets.get(lower(e.sheet));
      if (!s || s.deleted) {
        say(`there is no sheet named “${e.sheet}”`);
        return;
      }
    }
    const fromOriginal = "sheet" in e && sheetExisted(e.sheet) && !addedSheets.has(lower(e.sheet));
    switch (e.type) {
      case "addSheet": {
        const s = sheets.get(lower(e.sheet));
        if (s && !s.deleted) say(`a sheet named “${e.sheet}” already exists`);
        else {
          sheets.set(lower(e.sheet), { name: e.sheet, visibility: VISIBILITY[e.hidden], existed: s?.existed ?? false, deleted: false });
          addedSheets.add(lower(e.sheet));
        }
        break;
      }
      case "deleteSheet": {
        const s = sheets.get(lower(e.sheet));
        if (s) s.deleted = true;
        // Sheets are deleted before the other writes (outside Excel's undo group), so earlier changes to it could not land.
        const before = edits.slice(0, i).findIndex((x) => !isStructureEdit(x) && "sheet" in x && lower(x.sheet) === lower(e.sheet));
        if (before >= 0) say(`change ${before + 1} writes to this sheet before the plan deletes it; leave that change out`);
        const used = cap.usedRanges.get(lower(e.sheet));
        if (fromOriginal && used) wantCells(e.sheet, used);
        break;
      }
      case "setCells": {
        const r = rangeOf(e.address);
        if (e.cells.length !== rangeHeight(r) || e.cells.some((row) => row.length !== rangeWidth(r))) {
          say(`the cells given are ${e.cells.length} × ${e.cells[0]?.length ?? 0} but the range is ${rangeHeight(r)} × ${rangeWidth(r)}`);
        }
        if (fromOriginal) copyOrRead(i, e, r);
        break;
      }
      case "fillFormula":
        if (fromOriginal) copyOrRead(i, e, rangeOf(e.address));
        break;
      case "copyCells": {
        if (!sheetExisted(e.fromSheet) || sheets.get(lower(e.fromSheet))?.deleted) {
          say(`there is no sheet named “${e.fromSheet}” to copy from`);
          break;
        }
        const check = copyChecks.get(i);
        const held = check ? check.values[0]?.[0] : undefined;
        if (e.check && held !== e.check.text) {
          // Putting back a failed apply: a copy whose stamp never landed was never made, and neither were the writes after it.
          if (options.rollingBack) copySkipped.add(i);
          // Ctrl+Z of the apply that made the copy takes the copy back too (both sat in its undo group).
          else say(`the copy of these cells kept on sheet “${e.fromSheet}” has been replaced by a later change (or taken back with Ctrl+Z), so they cannot be put back from it`);
          break;
        }
        if (fromOriginal) wantCells(e.sheet, rangeOf(e.address));
        break;
      }
      case "setNumberFormat": {
        const r = rangeOf(e.address);
        if (typeof e.format !== "string" && (e.format.length !== rangeHeight(r) || e.format.some((row) => row.length !== rangeWidth(r)))) {
          say(`the formats given do not match the range's ${rangeHeight(r)} × ${rangeWidth(r)} cells`);
        }
        if (fromOriginal) wantCells(e.sheet, r);
        break;
      }
      case "unmergeCells": {
        if (!options.readMerges) break;
        const r = rangeOf(e.address);
        const list = mergesOn(e.sheet);
        const at = list.findIndex((m) => sameRange(m, r));
        if (at >= 0) list.splice(at, 1);
        else {
          const touching = list.filter((m) => rangesIntersect(m, r)).map(formatRange);
          say(
            touching.length
              ? `${e.address} is not one merged area: the merged cells there are ${touching.join(", ")}; an unmerge names one of them exactly`
              : `${e.address} is not merged (${formatRange({ ...r, bottom: r.top, right: r.left })} is a cell of its own)`,
          );
        }
        break;
      }
      case "mergeCells": {
        const r = rangeOf(e.address);
        const table = [...tables.values()].find((t) => lower(t.sheet) === lower(e.sheet) && rangesIntersect(t.range, r));
        const clash = mergesOn(e.sheet).find((m) => rangesIntersect(m, r));
        if (table) say(`${e.address} lies in table “${table.name}”; cells of a table cannot be merged`);
        else if (clash) say(`${e.address} overlaps merged cells ${formatRange(clash)}; unmerge them first`);
        else mergesOn(e.sheet).push(r);
        if (fromOriginal) wantCells(e.sheet, r);
        break;
      }
      case "createTable": {
        const r = rangeOf(e.address);
        const merged = mergesOn(e.sheet).find((m) => rangesIntersect(m, r));
        if (merged) say(`${e.address} holds merged cells ${formatRange(merged)}; Excel tables cannot contain merged cells. Unmerge them first`);
        if (tables.has(lower(e.name))) say(`a table named “${e.name}” already exists`);
        else if (rangeHeight(r) < 2) say(`a table needs its header row and at least one row below it`);
        else {
          const clash = [...tables.values()].find((t) => lower(t.sheet) === lower(e.sheet) && rangesIntersect(t.range, r));
          if (clash) say(`the range overlaps table “${clash.name}”`);
          else tables.set(lower(e.name), { name: e.name, sheet: e.sheet, range: r, style: e.style, existed: false, showTotals: false });
        }
        if (fromOriginal) wantCells(e.sheet, { ...r, bottom: r.top });
        break;
      }
      case "removeTable":
      case "addTableColumns":
      case "removeTableColumns":
      case "resizeTable": {
        const name = e.type === "removeTable" ? e.name : e.table;
        const t = tables.get(lower(name));
        if (!t || lower(t.sheet) !== lower(e.sheet)) {
          say(`there is no table named “${name}” on this sheet`);
          break;
        }
        tableAt.set(i, { ...t, range: { ...t.range } });
        tableBefore.set(i, { ...t.range });
        const body = rangeHeight(t.range) - 1;
        if (e.type === "removeTable") {
          tables.delete(lower(name));
        } else if (e.type === "addTableColumns") {
          e.columns.forEach((c) => {
            if (c.values && c.values.length !== body) say(`column “${c.header}” has ${c.values.length} values but the table has ${body} rows`);
            if (c.values && c.formula) say(`column “${c.header}” has both values and a formula`);
          });
          const added = { ...t.range, left: t.range.right + 1, right: t.range.right + e.columns.length };
          const blocked = added.right <= 16_384 ? growthBlocker(e.sheet, t, added) : null;
          if (added.right > 16_384) say(`the table would run past Excel's last column`);
          else if (blocked) say(`table “${t.name}” cannot grow over ${formatRange(added)}: ${blocked}`);
          else {
            if (fromOriginal) wantCells(e.sheet, added);
            t.range = { ...t.range, right: added.right };
          }
        } else if (e.type === "removeTableColumns") {
          if (e.count >= rangeWidth(t.range)) say(`the table has only ${rangeWidth(t.range)} columns`);
          else {
            if (fromOriginal) wantCells(e.sheet, { ...t.range, left: t.range.right - e.count + 1 });
            t.range = { ...t.range, right: t.range.right - e.count };
          }
        } else {
          const r = rangeOf(e.address);
          const blocked = growthBlocker(e.sheet, t, r);
          if (r.top !== t.range.top || !rangesIntersect(r, t.range) || rangeHeight(r) < 2) say(`the new range must keep the header row (row ${t.range.top}) and overlap the table`);
          else if (blocked) say(`table “${t.name}” cannot grow to ${e.address}: ${blocked}`);
          else {
            if (fromOriginal) wantCells(e.sheet, { ...r, bottom: r.top });
            t.range = r;
          }
        }
        break;
      }
      case "setDataValidation": {
        const rule = e.validation?.rule;
        if (rule?.kind === "list") {
          const p = listSourceProblem(rule.values);
          if (p) say(p);
        }
        break;
      }
      default:
        break;
    }
  });

  // Rules a plan cannot express would be lost by a replace or a validation change: refuse rather than lose them.
  const cfBefore = new Map<number, { address: string; rules: ConditionalFormat[] }[]>();
  /** Ids of the rules each replace deletes (ConditionalFormat.id), found again in the writing context. */
  const cfToDelete = new Map<number, string[]>();
  for (const [i, details] of cfDetails) {
    const e = edits[i] as EditOf<"replaceConditionalFormats">;
    const target = rangeOf(e.address);
    const groups: { address: string; rules: ConditionalFormat[] }[] = [];
    const deletions: string[] = [];
    for (const d of details) {
      // A rule may cover several areas (after rows are inserted or cells pasted); it is replaced only when all lie inside.
      const areas = officeAreas(d.areas.address);
      if (!areas.every((r) => r.top >= target.top && r.bottom <= target.bottom && r.left >= target.left && r.right <= target.right)) continue;
      const rule = ruleFromLoaded(d);
      if (!rule && options.rollingBack) {
        deletions.push(d.proxy.id);
        continue;
      }
      if (!rule) {
        problems.push(`edit ${i + 1} (replaceConditionalFormats) — Sheet “${e.sheet}”, ${areas.map(formatRange).join(", ")}: a ${d.proxy.type} colour rule there cannot be put back by Undo; remove it yourself or leave this range out`);
        continue;
      }
      for (const r of areas) groups.push({ address: formatRange(r), rules: [rule] });
      deletions.push(d.proxy.id);
    }
    cfBefore.set(i, groups);
    cfToDelete.set(i, deletions);
  }
  const validationBefore = new Map<number, DataValidation | null | (DataValidation | null)[][]>();
  for (const [i, dv] of cap.validations) {
    const e = edits[i] as EditOf<"setDataValidation">;
    const perCell = cap.columnValidations.get(i);
    const r = rangeOf(e.address);
    const read = (v: Excel.DataValidation) => validationFromOffice({ type: v.type, rule: v.rule, ignoreBlanks: v.ignoreBlanks, prompt: v.prompt, errorAlert: v.errorAlert });
    if (perCell) {
      const grid: (DataValidation | null)[][] = [];
      let k = 0;
      let lost = false;
      for (let row = r.top; row <= r.bottom; row++) {
        const line: (DataValidation | null)[] = [];
        for (let c = r.left; c <= r.right; c++) {
          const v = read(perCell[k++] as Excel.DataValidation);
          if (v === undefined) lost = true;
          line.push(v ?? null);
        }
        grid.push(line);
      }
      if (lost && !options.rollingBack) problems.push(`edit ${i + 1} (setDataValidation) — Sheet “${e.sheet}”, ${e.address}: a validation rule there is of a kind Undo cannot put back; clear it yourself first`);
      validationBefore.set(i, grid);
    } else {
      const v = read(dv);
      if (v === undefined && !options.rollingBack) problems.push(`edit ${i + 1} (setDataValidation) — Sheet “${e.sheet}”, ${e.address}: the ${dv.type} validation there cannot be put back by Undo; clear it yourself first`);
      validationBefore.set(i, v ?? null);
    }
  }

  if (problems.length) {
    throw new WorkbookError(`The changes were not applied; nothing in the workbook was changed. ${problems.join(". ")}.`);
  }

  // ---- read the cells under the plan's ranges that hold something (row blocks)
  const cellsRead = await readRanges(ctx, reads);
  const cellsFor = (sheet: string, r: RangeAddress): CellsRead => {
    const used = cap.usedRanges.get(lower(sheet));
    const part = used ? intersect(r, used) : null;
    if (!part) return fullGrid(r, null);
    const idx = readIndex.get(`${sheet}!${formatRange(part)}`);
    return fullGrid(r, idx === undefined ? null : { range: part, cells: cellsRead[idx] as CellsRead });
  };
  const isEmptyBefore = (sheet: string, r: RangeAddress) => {
    const used = cap.usedRanges.get(lower(sheet));
    return !sheetExisted(sheet) || !used || !intersect(r, used);
  };

  // Cells right of a table must be empty before the table grows over them: a user's data there would be swallowed.
  edits.forEach((e, i) => {
    if (e.type !== "addTableColumns") return;
    const t = tableAt.get(i);
    if (!t || isEmptyBefore(e.sheet, t.range)) return;
    const added = { ...t.range, left: t.range.right + 1, right: t.range.right + e.columns.length };
    const before = cellsFor(e.sheet, added);
    const row = before.values.findIndex((line, k) => line.some((v, j) => v !== null || before.formulas[k]?.[j] !== null));
    if (row >= 0) {
      problems.push(`edit ${i + 1} (addTableColumns) — Sheet “${e.sheet}”: the cells right of table “${t.name}” (${formatRange(added)}) are not empty (row ${added.top + row}); move that data first`);
    }
  });
  if (problems.length) {
    throw new WorkbookError(`The changes were not applied; nothing in the workbook was changed. ${problems.join(". ")}.`);
  }

  // ---- the undo plan
  const charts = chartPlanState(edits, chartReads);
  const metadataBefore = readMetadataKeys(cap.metadataUsed);
  const perEdit: Edit[][] = edits.map((e, i) => inverseOf(e, i));
  function inverseOf(e: Edit, i: number): Edit[] {
    if (e.type === "setMetadata") return [restoreMetadataKey(e.key, metadataBefore.values.get(e.key))];
    if (e.type === "addSheet") return sheetExisted(e.sheet) ? [] : [removeAddedSheet(e.sheet)];
    // Edits on a sheet the plan adds go away with the sheet.
    if (!("sheet" in e) || !sheetExisted(e.sheet) || addedSheets.has(lower(e.sheet))) return [];
    switch (e.type) {
      case "deleteSheet": {
        const used = cap.usedRanges.get(lower(e.sheet));
        const info = sheetItems.items.find((s) => lower(s.name) === lower(e.sheet));
        const contents = used ? { address: formatRange(used), ...cellsFor(e.sheet, used) } : null;
        return restoreDeletedSheet(e.sheet, FROM_VISIBILITY[info?.visibility ?? "Visible"] ?? "visible", contents);
      }
      case "setCells":
      case "fillFormula": {
        const r = rangeOf(e.address);
        const copy = copies.get(i);
        if (copy) return [copyBack(copy, stamp)];
        return [isEmptyBefore(e.sheet, r) ? restoreEmptyCells(e.sheet, e.address) : restoreCells(e.sheet, e.address, cellsFor(e.sheet, r))];
      }
      case "copyCells": {
        const r = rangeOf(e.address);
        if (copySkipped.has(i)) return [];
        // Read, not copied (the undo sheet is this plan's source): contents and number formats; the cells' looks stay as copied.
        if (isEmptyBefore(e.sheet, r)) return [restoreEmptyCells(e.sheet, e.address), restoreNumberFormats(e.sheet, e.address, [["General"]])];
        const before = cellsFor(e.sheet, r);
        return [restoreCells(e.sheet, e.address, before), restoreNumberFormats(e.sheet, e.address, before.numberFormats)];
      }
      case "setNumberFormat": {
        const r = rangeOf(e.address);
        return [restoreNumberFormats(e.sheet, e.address, isEmptyBefore(e.sheet, r) ? [["General"]] : cellsFor(e.sheet, r).numberFormats)];
      }
      case "createTable": {
        const r = rangeOf(e.address);
        const header = { ...r, bottom: r.top };
        return [removeCreatedTable(e.sheet, e.name), restoreCells(e.sheet, formatRange(header), cellsFor(e.sheet, header))];
      }
      case "removeTable": {
        const t = tableAt.get(i) as TableInfo;
        return [recreateRemovedTable(e.sheet, t.name, formatRange(t.range), t.style)];
      }
      case "addTableColumns":
        return [removeAddedTableColumns(e.sheet, e.table, e.columns.length)];
      case "unmergeCells":
        return [remergeCells(e.sheet, e.address)];
      case "mergeCells": {
        const r = rangeOf(e.address);
        return unmergeMergedCells(e.sheet, e.address, isEmptyBefore(e.sheet, r) ? null : cellsFor(e.sheet, r));
      }
      case "removeTableColumns": {
        const t = tableAt.get(i) as TableInfo;
        const removed = { ...t.range, left: t.range.right - e.count + 1 };
        const cells = cellsFor(e.sheet, removed);
        const columns = [];
        for (let j = 0; j < e.count; j++) {
          columns.push({
            header: String(cells.values[0]?.[j] ?? `Column${j + 1}`),
            values: cells.values.slice(1).map((row, k) => cellInputFrom(row[j] ?? null, cells.formulas[k + 1]?.[j] ?? null)),
          });
        }
        return [restoreRemovedTableColumns(e.sheet, e.table, columns)];
      }
      case "resizeTable": {
        const before = tableBefore.get(i) as RangeAddress;
        const r = rangeOf(e.address);
        const header = { ...r, bottom: r.top };
        return [restoreTableSize(e.sheet, e.table, formatRange(before)), restoreCells(e.sheet, formatRange(header), cellsFor(e.sheet, header))];
      }
      case "setStyle":
        return restoreStyles(e.sheet, e.address, styleGrid(e, cap.styles.get(i) as Excel.RangeFormat));
      case "setColumnWidths": {
        const widths = cap.widths.get(i) as Excel.RangeFormat[];
        return [restoreColumnWidths(e.sheet, e.widths.map((w, k) => ({ column: w.column, width: widths[k] ? pointsToChars(widths[k].columnWidth) : null })))];
      }
      case "setDataValidation":
        return restoreValidation(e.sheet, e.address, validationBefore.get(i) ?? null);
      case "replaceConditionalFormats":
        return restoreConditionalFormats(e.sheet, e.address, cfBefore.get(i) ?? []);
      case "setChart":
      case "removeChart":
        return options.drawCharts ? (charts.inverse.get(i) ?? []) : [];
      default:
        return [];
    }
  }
  const inverse = inversePlan(plan.title, perEdit);
  const partial: Edit[][] = edits.map((e, i) => {
    if (!isStructuralEdit(e)) return perEdit[i] ?? [];
    const t = tableAt.get(i);
    // New columns' headers and values go in before the table grows over them.
    if (e.type === "addTableColumns" && t) {
      const added = { ...t.range, left: t.range.right + 1, right: t.range.right + e.columns.length };
      return [isEmptyBefore(e.sheet, added) ? restoreEmptyCells(e.sheet, formatRange(added)) : restoreCells(e.sheet, formatRange(added), cellsFor(e.sheet, added))];
    }
    return (perEdit[i] ?? []).filter((x) => !isStructuralEdit(x));
  });

  // ---- write
  const metadataKeys = [...metadataBefore.keys];
  const needsRecordSheet = metadataSheet === undefined && edits.some((e) => e.type === "setMetadata");
  const structureEdits = edits.flatMap((e, i) => (isStructureEdit(e) ? [i] : []));
  const textFormat = (i: number, sheet: string, r: RangeAddress): boolean[][] | null => {
    if (isEmptyBefore(sheet, r)) return null;
    const spans = textRows.get(i);
    if (spans) {
      // Copied, not read: only the rows whose new text needs the text mark had their formats read.
      if (!spans.length) return null;
      const grid = Array.from({ length: rangeHeight(r) }, () => new Array<boolean>(rangeWidth(r)).fill(false));
      for (const span of spans) {
        cellsFor(sheet, span).numberFormats.forEach((row, k) => row.forEach((f, j) => ((grid[span.top - r.top + k] as boolean[])[span.left - r.left + j] = f === "@")));
      }
      return grid;
    }
    const formats = cellsFor(sheet, r).numberFormats;
    return formats.some((row) => row.includes("@")) ? formats.map((row) => row.map((f) => f === "@")) : null;
  };

  // The undo sheet is made in the structure part: when this apply copies old cells, or, riding on a structure
  // sync this apply makes anyway, when it writes a range big enough that overwriting it later would copy it
  // (a snapshot table drawn now is overwritten by the next draw, which then needs no sync of its own for it).
  const bigWrite = edits.some(writesManyCells);
  const structureSyncAnyway = structureEdits.length > 0 || needsRecordSheet;
  // One left visible (a failure between adding it and hiding it) is hidden again before it takes copies.
  const addsUndoSheet = undoSheetNeedsStructure() && (copies.size > 0 || (mayCopy && bigWrite && structureSyncAnyway));
  const capture = [...new Map([...copies.values()].map((c) => [`${lower(c.sheet)}!${formatRange(c.range)}`, c])).values()];

  return {
    inverse,
    perEdit,
    partial,
    addsUndoSheet,
    structureEdits: needsRecordSheet ? [...structureEdits, edits.findIndex((e) => e.type === "setMetadata")] : structureEdits,
    recordSheetBy: needsRecordSheet ? edits.findIndex((e) => e.type === "setMetadata") : null,
    sheetsBefore: sheetItems.items.map((ws) => ws.name),
    tablesBefore: tableItems.items.map((t) => t.name),
    async writeStructure(wctx, log) {
      const writer = new Writer(wctx, log);
      // The undo sheet goes out with the first structural command, or alone when there is none.
      let undoSheetQueued = !addsUndoSheet;
      const queueUndoSheet = () => {
        if (undoSheetQueued) return;
        undoSheetQueued = true;
        const ws = undoSheetExists ? wctx.workbook.worksheets.getItem(UNDO_SHEET) : wctx.workbook.worksheets.add(UNDO_SHEET);
        ws.visibility = "VeryHidden" as Excel.SheetVisibility;
      };
      // Deletions first, so a plan may delete a sheet and add one of the same name.
      const sheetEdits = structureEdits.filter((i) => !isChartEdit(edits[i] as Edit));
      const order = [...sheetEdits].sort((a, b) => Number(edits[b]?.type === "deleteSheet") - Number(edits[a]?.type === "deleteSheet"));
      for (const i of order) {
        const e = edits[i] as EditOf<"addSheet"> | EditOf<"deleteSheet">;
        log.begin(i);
        await writer.structural(i, () => {
          if (e.type === "deleteSheet") wctx.workbook.worksheets.getItem(e.sheet).delete();
          else {
            const ws = wctx.workbook.worksheets.add(e.sheet);
            if (e.hidden !== "visible") ws.visibility = VISIBILITY[e.hidden] as Excel.SheetVisibility;
          }
          queueUndoSheet();
        });
      }
      // Charts after the sheets they sit on, all in one sync.
      const chartEdits = structureEdits.filter((i) => isChartEdit(edits[i] as Edit));
      if (options.drawCharts && chartEdits.length) {
        const exists = new Map<number, boolean>(charts.existsBefore);
        for (const i of chartEdits) {
          log.begin(i);
          const e = edits[i] as EditOf<"setChart"> | EditOf<"removeChart">;
          await writer.room(chartBytes(e));
          queueChartEdit(wctx, e, exists.get(i) === true);
        }
        queueUndoSheet();
        await writer.flush();
        for (const i of chartEdits) log.structural.add(i);
      }
      if (needsRecordSheet) {
        const i = edits.findIndex((e) => e.type === "setMetadata");
        log.begin(i);
        await writer.structural(i, () => {
          const ws = wctx.workbook.worksheets.add(METADATA_SHEET);
          ws.visibility = "VeryHidden" as Excel.SheetVisibility;
          ws.getRange("A1").values = [[METADATA_TITLE]];
          queueUndoSheet();
        });
      }
      if (!undoSheetQueued) {
        await writer.flush();
        queueUndoSheet();
        await writer.flush();
      }
    },
    async writeRest(wctx, log, progress) {
      const writer = new Writer(wctx, log);
      // The old cells copied ahead of every write, in the same batch: Excel runs a batch's commands in order.
      if (capture.length) await writer.room(queueCapture(wctx, capture, stamp));
      for (let i = 0; i < edits.length; i++) {
        const e = edits[i] as Edit;
        log.begin(i);
        if (!isStructureEdit(e)) await writeEdit(writer, e, i);
        progress?.(i + 1, edits.length);
      }
      log.current = edits.length;
      // suspendApiCalculationUntilNextSync: one page says Excel recalculates after the next sync, another
      // leaves recalculation to the developer. Asking for it costs nothing where it already happened;
      // a workbook the user keeps on manual calculation is left as they chose.
      if (writer.suspendedAny && !manualCalculation) wctx.application.calculate("Recalculate" as Excel.CalculationType);
      // Copies put back are not needed again (an Undo of this Undo was read, not copied).
      if (copyFromUndoSheet && undoSheetExists) queueClearUndoSheet(wctx);
      await writer.flush();
    },
  };

  async function writeEdit(writer: Writer, e: Edit, i: number): Promise<void> {
    const ctx = writer.ctx;
    const sheetOf = (name: string) => ctx.workbook.worksheets.getItem(name);
    switch (e.type) {
      case "addSheet":
      case "deleteSheet":
        return;
      case "setCells": {
        const r = rangeOf(e.address);
        const text = textFormat(i, e.sheet, r);
        const rows = e.cells.map((row, k) => row.map((c, j) => officeInput(c, text?.[k]?.[j] === true)));
        const anyFormula = e.cells.some((row) => row.some((c) => c !== null && typeof c === "object"));
        await writer.grid(e.sheet, r.top, r.left, rows, anyFormula ? "formulas" : "values");
        return;
      }
      case "fillFormula":
        await writer.fill(e.sheet, e.address, e.formula);
        return;
      case "copyCells":
        if (copySkipped.has(i)) return;
        await writer.room(200);
        sheetOf(e.sheet).getRange(e.address).copyFrom(sheetOf(e.fromSheet).getRange(e.fromAddress), "All" as Excel.RangeCopyType);
        return;
      case "createTable":
        // TableCollection.add: "If the address does not contain a sheet name, the currently-active sheet is used": pass the range itself.
        await writer.structural(i, () => {
          const t = sheetOf(e.sheet).tables.add(sheetOf(e.sheet).getRange(e.address), true);
          t.name = e.name;
          t.style = e.style;
        });
        return;
      case "removeTable":
        await writer.structural(i, () => ctx.workbook.tables.getItem(e.name).convertToRange());
        return;
      case "addTableColumns": {
        const t = tableAt.get(i) as TableInfo;
        const left = t.range.right + 1;
        const grown = { ...t.range, right: t.range.right + e.columns.length };
        const bodyTop = t.range.top + 1;
        const bodyBottom = t.range.bottom - (t.showTotals ? 1 : 0);
        // Headers and per-row values go in before the table grows over them: formulas written into an empty
        // table column would become one calculated column of the first formula (office-js #2093, "by design").
        await writer.grid(e.sheet, t.range.top, left, [e.columns.map((c) => asExcelText(c.header))], "values");
        for (let j = 0; j < e.columns.length; j++) {
          const c = e.columns[j] as (typeof e.columns)[number];
          if (!c.values) continue;
          const anyFormula = c.values.some((v) => v !== null && typeof v === "object");
          const cells = c.values.map((v) => [v !== null && typeof v === "object" ? qualifyThisRow(v.formula, e.table) : officeInput(v)]);
          await writer.grid(e.sheet, bodyTop, left + j, cells, anyFormula ? "formulas" : "values");
        }
        await writer.structural(i, () => ctx.workbook.tables.getItem(e.table).resize(sheetOf(e.sheet).getRange(formatRange(grown))));
        // A calculated column's formula only works inside the table; it stops above a shown totals row.
        for (let j = 0; j < e.columns.length; j++) {
          const c = e.columns[j] as (typeof e.columns)[number];
          const column = columnLetter(left + j);
          if (!c.values && c.formula && bodyBottom >= bodyTop) await writer.fill(e.sheet, `${column}${bodyTop}:${column}${bodyBottom}`, c.formula);
        }
        return;
      }
      case "removeTableColumns": {
        const t = tableAt.get(i) as TableInfo;
        const kept = { ...t.range, right: t.range.right - e.count };
        const removed = { ...t.range, left: kept.right + 1 };
        await writer.structural(i, () => ctx.workbook.tables.getItem(e.table).resize(sheetOf(e.sheet).getRange(formatRange(kept))));
        await writer.room(100);
        sheetOf(e.sheet).getRange(formatRange(removed)).clear("All" as Excel.ClearApplyTo);
        return;
      }
      case "resizeTable":
        await writer.structural(i, () => ctx.workbook.tables.getItem(e.table).resize(sheetOf(e.sheet).getRange(e.address)));
        return;
      case "unmergeCells":
        // Excel's Unmerge: the value stays in the top-left cell, the others are empty cells of their own, formats kept.
        await writer.structural(i, () => sheetOf(e.sheet).getRange(e.address).unmerge());
        return;
      case "mergeCells":
        await writer.structural(i, () => sheetOf(e.sheet).getRange(e.address).merge(false));
        return;
      case "setNumberFormat": {
        if (typeof e.format === "string") await writer.same(e.sheet, e.address, e.format, "numberFormat");
        else {
          const r = rangeOf(e.address);
          await writer.grid(e.sheet, r.top, r.left, e.format, "numberFormat");
        }
        return;
      }
      case "setStyle": {
        await writer.room(300);
        const f = sheetOf(e.sheet).getRange(e.address).format;
        const s = e.style;
        if (s.bold !== undefined) f.font.bold = s.bold;
        if (s.italic !== undefined) f.font.italic = s.italic;
        if (s.fontColor !== undefined) f.font.color = s.fontColor;
        if (s.fill === null) f.fill.clear();
        else if (s.fill !== undefined) f.fill.color = s.fill;
        if (s.wrapText !== undefined) f.wrapText = s.wrapText;
        if (s.horizontalAlignment !== undefined) f.horizontalAlignment = s.horizontalAlignment as Excel.HorizontalAlignment;
        if (s.verticalAlignment !== undefined) f.verticalAlignment = s.verticalAlignment as Excel.VerticalAlignment;
        return;
      }
      case "setColumnWidths":
        await writer.room(60 * e.widths.length);
        for (const w of e.widths) sheetOf(e.sheet).getRange(`${w.column}1`).format.columnWidth = charsToPoints(w.width);
        return;
      case "setDataValidation": {
        await writer.room(500 + utf8Bytes(JSON.stringify(e.validation ?? null)));
        const dv = sheetOf(e.sheet).getRange(e.address).dataValidation;
        // Replace, never stack: clear first.
        dv.clear();
        if (!e.validation) return;
        dv.rule = officeValidationRule(e.validation.rule);
        dv.ignoreBlanks = e.validation.allowBlank;
        if (e.validation.errorMessage) dv.errorAlert = { message: e.validation.errorMessage, showAlert: true, style: "Stop" as Excel.DataValidationAlertStyle, title: "" };
        if (e.validation.prompt) dv.prompt = { message: e.validation.prompt, showPrompt: true, title: "" };
        return;
      }
      case "replaceConditionalFormats": {
        await writer.room(200 + utf8Bytes(JSON.stringify(e.rules)));
        const range = sheetOf(e.sheet).getRange(e.address);
        for (const id of cfToDelete.get(i) ?? []) range.conditionalFormats.getItem(id).delete();
        // Excel adds each new format at the top priority; adding the last rule first leaves the plan's first rule on top, as the plan orders them.
        for (const rule of [...e.rules].reverse()) {
          if (rule.kind === "expression") {
            const cf = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
            cf.custom.rule.formula = rule.formula;
            if (rule.fill) cf.custom.format.fill.color = rule.fill;
            if (rule.fontColor) cf.custom.format.font.color = rule.fontColor;
          } else {
            const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
            cf.cellValue.rule = officeCellValueRule(rule);
            if (rule.fill) cf.cellValue.format.fill.color = rule.fill;
            if (rule.fontColor) cf.cellValue.format.font.color = rule.fontColor;
          }
        }
        return;
      }
      case "setMetadata": {
        const row = metadataRowFor(metadataKeys, e.key);
        const index = row - METADATA_FIRST_ROW;
        const oldWidth = metadataBefore.widths.get(row) ?? 0;
        const cells: string[] = e.value === null ? [] : encodeMetadataRow(e.key, e.value);
        const width = Math.max(cells.length, oldWidth, 1);
        const line = Array.from({ length: width }, (_, j) => (cells[j] !== undefined ? asExcelText(cells[j] as string) : ""));
        await writer.grid(METADATA_SHEET, row, 1, [line], "values");
        metadataBefore.widths.set(row, cells.length);
        while (metadataKeys.length <= index) metadataKeys.push(null);
        metadataKeys[index] = e.value === null ? null : e.key;
        return;
      }
    }
  }

  function styleGrid(e: EditOf<"setStyle">, f: Excel.RangeFormat): CellStyle[][] {
    // Excel gives a range's format where all its cells agree and null where they differ; a mixed property goes back to Excel's default.
    const s: CellStyle = {};
    if (e.style.bold !== undefined) s.bold = f.font.bold ?? false;
    if (e.style.italic !== undefined) s.italic = f.font.italic ?? false;
    if (e.style.fontColor !== undefined) s.fontColor = (f.font.color ?? "#000000").toUpperCase();
    if (e.style.fill !== undefined) s.fill = f.fill.color && f.fill.color.toUpperCase() !== "#FFFFFF" ? f.fill.color.toUpperCase() : null;
    if (e.style.wrapText !== undefined) s.wrapText = f.wrapText ?? false;
    if (e.style.horizontalAlignment !== undefined) s.horizontalAlignment = (f.horizontalAlignment ?? "General") as CellStyle["horizontalAlignment"];
    if (e.style.verticalAlignment !== undefined) s.verticalAlignment = (f.verticalAlignment ?? "Bottom") as CellStyle["verticalAlignment"];
    // One look for every cell of the range, so the undo covers all of them, not just the top-left one.
    const r = parseRange(e.address);
    const rows = r ? r.bottom - r.top + 1 : 1;
    const cols = r ? r.right - r.left + 1 : 1;
    return Array.from({ length: rows }, () => new Array<CellStyle>(cols).fill(s));
  }
}

/** The record sheet's keys (column A from row 2), each key's stored value, and each row's width. */
function readMetadataKeys(used: Excel.Range | null): { keys: (CellValue | undefined)[]; values: Map<string, unknown>; widths: Map<number, number> } {
  const keys: (CellValue | undefined)[] = [];
  const values = new Map<string, unknown>();
  const widths = new Map<number, number>();
  if (!used || used.isNullObject) return { keys, values, widths };
  const r = rangeOf(used.address);
  for (let row = METADATA_FIRST_ROW; row <= r.bottom; row++) {
    const line = row >= r.top ? (used.values[row - r.top] ?? []) : [];
    const cells: unknown[] = [...new Array(r.left - 1).fill(""), ...line];
    const key = cells[0];
    keys.push(key === "" ? null : (key as CellValue));
    let width = cells.length;
    while (width > 0 && (cells[width - 1] === "" || cells[width - 1] === null)) width--;
    widths.set(row, width);
    if (typeof key === "string" && key !== "") {
      try {
        values.set(key, JSON.parse(cells.slice(1).map((c) => (typeof c === "string" ? c : "")).join("")));
      } catch {
        // A damaged value cannot be put back as it was; undo then deletes the key.
      }
    }
  }
  return { keys, values, widths };
}

export { columnIndex };
