/**
 * The Excel host: the WorkbookHost port over Office.js. It never touches the
 * `Excel` global except in `fromOffice`, so it loads (and is tested) without
 * Office: tests hand it an in-memory Excel through the same `run` shape.
 */
import { formatRange, parseRange, rangeHeight, rangeWidth, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { decodeMetadataRows, METADATA_FIRST_ROW, METADATA_SHEET } from "../../core/metadata/schema";
import { checkPlan } from "../../core/plan/plan";
import { WorkbookError, type ApplyResult, type CellLook, type Grid, type Progress, type RangeRules, type SheetOutline, type TableOutline, type WorkbookHost, type WorkbookOutline } from "../host";
import { applyPlanInExcel, areasOf } from "./apply-plan";
import { cellValueFrom, formulaFrom } from "./cell-read";
import { readRanges } from "./range-reader";
import { readCellLooks, readRangeRules } from "./read-rules";

export interface ExcelRunOptions {
  mergeUndoGroup?: boolean;
}

export interface ExcelRunner {
  /** `Excel.run` or a stand-in with the same shape. */
  run<T>(options: ExcelRunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** ExcelApi 1.20: one Ctrl+Z undoes a whole merged run. */
  supportsUndoGroup: boolean;
  /** ExcelApi 1.13: merged areas can be read (getMergedAreasOrNullObject). */
  supportsMergedAreas?: boolean;
}

const VISIBILITY: Record<string, SheetOutline["visibility"]> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

/** "Sheet 1'!B3:D9" → the range part. */
function rangeOf(address: string): RangeAddress {
  const r = parseRange(address.split(",")[0] ?? "");
  if (!r) throw new Error(`Excel returned an address that is not A1: ${address}`);
  return r;
}

function gridFrom(sheet: string, range: Excel.Range): Grid {
  const types = range.valueTypes as string[][];
  const formulas = range.formulas;
  return {
    sheet,
    address: formatRange(rangeOf(range.address)),
    values: range.values.map((row, i) => row.map((v, j) => cellValueFrom(v, types[i]?.[j]))),
    formulas: range.values.map((row, i) => row.map((v, j) => formulaFrom(formulas[i]?.[j], v, types[i]?.[j]))),
    numberFormats: (range.numberFormat as unknown[][]).map((row) => row.map((f) => (typeof f === "string" && f !== "" ? f : "General"))),
  };
}

/** getUsedRange gives A1 for an empty sheet; `cells` is a loaded range starting at the used range's corner. */
function isEmptyUsedRange(used: Excel.Range, cells: Excel.Range): boolean {
  if (used.rowCount !== 1 || used.columnCount !== 1) return false;
  const types = cells.valueTypes as string[][];
  return types[0]?.[0] === "Empty" && formulaFrom(cells.formulas[0]?.[0], cells.values[0]?.[0], "Empty") === null;
}

export class ExcelHost implements WorkbookHost {
  constructor(private readonly runner: ExcelRunner) {}

  /** The host inside Excel: the real Excel.run and the API sets this Excel supports. */
  static fromOffice(): ExcelHost {
    const supported = (v: string) => Office.context.requirements.isSetSupported("ExcelApi", v);
    return new ExcelHost({
      run: (options, batch) => Excel.run(options as Excel.RunOptions, batch),
      supportsUndoGroup: supported("1.20"),
      supportsMergedAreas: supported("1.13"),
    });
  }

  /**
   * Two syncs whatever the size of the workbook: the first lists sheets and
   * tables; the second queues, for every sheet at once, its used range, the
   * preview rows, merges, table ranges and headers, and the toolkit's record.
   * (Per-sheet calls need the sheet list first: chaining them on a null
   * object to save that sync is not something Office.js promises to allow.)
   */
  async outline(opts: { previewRows?: number } = {}): Promise<WorkbookOutline> {
    const previewRows = Math.max(1, opts.previewRows ?? 30);
    return this.runner.run({}, async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name, items/position, items/visibility");
      const tables = ctx.workbook.tables.load("items/name, items/showTotals, items/worksheet/name");
      await ctx.sync();

      const perSheet = sheets.items.map((ws) => {
        // The record sheet is small and read whole; other sheets only give their top rows.
        const used = ws.getUsedRange(true).load(ws.name === METADATA_SHEET ? "address, rowCount, columnCount, values, formulas, valueTypes" : "address, rowCount, columnCount");
        if (ws.name === METADATA_SHEET) return { ws, used, preview: null, merges: null };
        // Top rows of the used range: grow its first row downwards, then trim to the used range.
        const preview = used
          .getRow(0)
          .getResizedRange(previewRows - 1, 0)
          .getIntersection(used)
          .load("address, values, formulas, numberFormat, valueTypes");
        const merges = this.runner.supportsMergedAreas ? preview.getMergedAreasOrNullObject().load("address") : null;
        return { ws, used, preview, merges };
      });
      const perTable = tables.items.map((t) => ({
        t,
        range: t.getRange().load("address"),
        header: t.getHeaderRowRange().load("values"),
      }));
      await ctx.sync();

      const tablesBySheet = new Map<string, TableOutline[]>();
      for (const { t, range, header } of perTable) {
        const sheet = t.worksheet.name;
        const outline: TableOutline = {
          name: t.name,
          sheet,
          address: formatRange(rangeOf(range.address)),
          headers: (header.values[0] ?? []).map((h) => String(h)),
          showTotals: t.showTotals,
        };
        tablesBySheet.set(sheet, [...(tablesBySheet.get(sheet) ?? []), outline]);
      }

      let metadataRows: CellValue[][] = [];
      const out: SheetOutline[] = [];
      for (const { ws, used, preview, merges } of perSheet) {
        const empty = isEmptyUsedRange(used, preview ?? used);
        if (ws.name === METADATA_SHEET) {
          if (!empty) metadataRows = metadataRowsFrom(used);
          continue;
        }
        out.push({
          name: ws.name,
          position: ws.position,
          visibility: VISIBILITY[ws.visibility] ?? "visible",
          usedRange: empty ? null : formatRange(rangeOf(used.address)),
          tables: tablesBySheet.get(ws.name) ?? [],
          merges: !empty && merges && !merges.isNullObject ? merges.address.split(",").map((a) => formatRange(rangeOf(a))) : [],
          preview: empty || !preview ? null : gridFrom(ws.name, preview),
        });
      }
      const { metadata, issues } = decodeMetadataRows(metadataRows);
      return { name: "", sheets: out, metadata, metadataIssues: issues };
    });
  }

  async read(sheet: string, address: string): Promise<Grid> {
    const range = parseRange(address);
    if (!range) throw new WorkbookError(`“${address}” is not a cell range (use A1 form such as B3:N40).`, { sheet });
    return this.runner.run({}, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet).load("name");
      await ctx.sync();
      if (ws.isNullObject) throw new WorkbookError(`There is no sheet named “${sheet}” in this workbook.`, { sheet });
      // Queued before the cell reads, so it travels with their first sync.
      const areas = this.runner.supportsMergedAreas ? ctx.workbook.worksheets.getItem(sheet).getRange(formatRange(range)).getMergedAreasOrNullObject().load("address") : null;
      const [cells] = await readRanges(ctx, [{ sheet, range }]);
      if (!cells) throw new Error("readRanges returned nothing");
      const merges = areas && !areas.isNullObject ? areasOf(areas.address).map(formatRange) : [];
      return { sheet, address: formatRange(range), ...cells, numberFormats: cells.numberFormats, ...(merges.length ? { merges } : {}) };
    });
  }

  /** Validation and colour rules of each range (see read-rules.ts); two syncs at most, whatever the rows. */
  async readRules(sheet: string, addresses: string[]): Promise<RangeRules[]> {
    const ranges = addresses.map((a) => rangeOrError(sheet, a));
    return this.runner.run({}, (ctx) => namingMissingSheet(sheet, () => readRangeRules(ctx, sheet, ranges)));
  }

  /** Bold, fill and wrap of every cell of a small range (a header row), in one sync. */
  async readLooks(sheet: string, address: string): Promise<CellLook[][]> {
    const range = rangeOrError(sheet, address);
    return this.runner.run({}, (ctx) => namingMissingSheet(sheet, () => readCellLooks(ctx, sheet, range)));
  }

  async apply(input: unknown, progress?: Progress): Promise<ApplyResult> {
    const checked = checkPlan(input);
    if (!checked.ok) {
      throw new WorkbookError(`The changes were not applied because the plan is not valid: ${checked.error.join("; ")}. Nothing in the workbook was changed.`);
    }
    const plan = checked.value;
    const excelUndoGroup = this.runner.supportsUndoGroup;
    return this.runner.run({ mergeUndoGroup: excelUndoGroup }, async (ctx) => {
      const { inverse } = await applyPlanInExcel(ctx, plan, progress, { readMerges: this.runner.supportsMergedAreas === true });
      return { editsApplied: plan.edits.length, undo: { excelUndoGroup, inverse } };
    });
  }
}

function rangeOrError(sheet: string, address: string): RangeAddress {
  const range = parseRange(address);
  if (!range) throw new WorkbookError(`“${address}” is not a cell range on sheet “${sheet}” (use A1 form such as B3:N40).`, { sheet, cell: address });
  return range;
}

/**
 * Runs reads that look the sheet up by name; Excel's ItemNotFound becomes a
 * WorkbookError naming the sheet. (Checking first would cost a sync of its own.)
 */
async function namingMissingSheet<T>(sheet: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if ((e as { code?: unknown })?.code === "ItemNotFound") throw new WorkbookError(`There is no sheet named “${sheet}” in this workbook.`, { sheet });
    throw e;
  }
}

/** The record sheet's rows from METADATA_FIRST_ROW on, aligned to sheet rows. */
function metadataRowsFrom(used: Excel.Range): CellValue[][] {
  const r = rangeOf(used.address);
  const types = used.valueTypes as string[][];
  const rows: CellValue[][] = [];
  for (let row = METADATA_FIRST_ROW; row <= r.bottom; row++) {
    const i = row - r.top;
    if (i < 0) {
      rows.push([]);
      continue;
    }
    const line: CellValue[] = new Array<CellValue>(r.left - 1).fill(null);
    (used.values[i] ?? []).forEach((v, j) => line.push(cellValueFrom(v, types[i]?.[j])));
    rows.push(line);
  }
  return rows;
}

export { rangeHeight, rangeWidth };
