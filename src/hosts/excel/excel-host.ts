/**
 * The Excel host: the WorkbookHost port over Office.js. It never touches the
 * `Excel` global except in `fromOffice`, so it loads (and is tested) without
 * Office: tests hand it an in-memory Excel through the same `run` shape.
 * OFFICE-JS.md lists every Office.js behaviour it relies on, the page that
 * documents it, and which remain unverified without a real Excel.
 */
import { formatRange, parseRange, rangeHeight, rangesIntersect, rangeWidth, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { decodeMetadataRows, METADATA_FIRST_ROW, METADATA_SHEET } from "../../core/metadata/schema";
import { describeEdit } from "../../core/plan/describe";
import { isChartEdit } from "../../core/plan/edit-kinds";
import type { Edit } from "../../core/plan/edits";
import type { Plan } from "../../core/plan/plan";
import { rangeOnSheet, WorkbookError, type ApplyResult, type CellLook, type CellSelection, type CellsChanged, type StopListening, type Grid, type Progress, type RangeRules, type SheetOutline, type TableOutline, type WorkbookHost, type WorkbookOutline } from "../host";
import type { PreparedApply, WriteLog } from "./apply-plan";
import { readMergedAreas } from "./merged-areas";
import { cellValueFrom, formulaFrom } from "./cell-read";
import { readRanges, type CellsRead } from "./range-reader";
import { queryCellsInExcel } from "./cells-query";
import type { CellsAnswer, CellsQuery } from "../host";
import { CHART_API_SET, chartsNotDrawn } from "./charts-support";
import { officeAreas, readCellLooks, readRangeRules } from "./read-rules";
import { isStructureEdit } from "./structure-edits";
import { UNDO_SHEET, writesManyCells } from "./undo-sheet";

export interface ExcelRunOptions {
  mergeUndoGroup?: boolean;
  /**
   * ExcelApi 1.11. "When false, if the user is in cell edit mode, the batch
   * will automatically fail"; when true it waits until the user leaves the
   * cell. Every run of the host passes true.
   */
  delayForCellEdit?: boolean;
}

export interface ExcelRunner {
  /** `Excel.run` or a stand-in with the same shape. */
  run<T>(options: ExcelRunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** ExcelApi 1.20: one Ctrl+Z undoes a whole merged run. */
  supportsUndoGroup: boolean;
  /** ExcelApi 1.13: merged areas can be read (getMergedAreasOrNullObject). */
  supportsMergedAreas?: boolean;
  /** ExcelApi 1.7: charts can be drawn (see charts.ts for each member's set). */
  supportsCharts?: boolean;
  /** ExcelApi 1.9: Range.copyFrom, so the old cells of a big overwrite are copied for Undo, not read (undo-copy.ts). */
  supportsRangeCopy?: boolean;
}

const PREVIEW_FIELDS = "address, values, formulas, numberFormat, valueTypes";

const VISIBILITY: Record<string, SheetOutline["visibility"]> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

/** "'Q1, risks'!B3:D9" → the range part (the first area; commas inside a quoted sheet name do not split). */
function rangeOf(address: string): RangeAddress {
  const r = officeAreas(address)[0];
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

/** getUsedRange gives A1 for an empty sheet; `corner` is the used range's first cell as read. */
function isEmptyUsedRange(used: Excel.Range, corner: { value: CellValue; formula: string | null } | null): boolean {
  if (used.rowCount !== 1 || used.columnCount !== 1) return false;
  return corner === null || (corner.value === null && corner.formula === null);
}

function cornerOf(range: Excel.Range): { value: CellValue; formula: string | null } {
  const type = (range.valueTypes as string[][])[0]?.[0];
  return { value: cellValueFrom(range.values[0]?.[0], type), formula: formulaFrom(range.formulas[0]?.[0], range.values[0]?.[0], type) };
}

/*
 * Writing is fetched at the first apply, not as the pane starts inside Excel:
 * the pane's first panel only reads. The plan's schema brings all of zod; by
 * the first apply the panel that built the plan has usually loaded it already.
 */
const loadPlanCheck = () => import(/* webpackChunkName: "plan-check" */ "../../core/plan/plan");
const loadApplyInExcel = () => import(/* webpackChunkName: "excel-apply" */ "./apply-plan");

const RECORD_SHEET_ADDED = "Adds the toolkit's hidden record sheet";

export class ExcelHost implements WorkbookHost {
  /** Whether the last outline found the toolkit's record sheet (undefined before any outline). */
  private recordSheetSeen: boolean | undefined;
  /** Whether the last outline found the host's undo sheet (undo-copy.ts). */
  private undoSheetSeen: boolean | undefined;

  constructor(private readonly runner: ExcelRunner) {}

  /** The host inside Excel: the real Excel.run and the API sets this Excel supports. */
  static fromOffice(): ExcelHost {
    const supported = (v: string) => Office.context.requirements.isSetSupported("ExcelApi", v);
    return new ExcelHost({
      run: (options, batch) => Excel.run(options as Excel.RunOptions, batch),
      supportsUndoGroup: supported("1.20"),
      supportsMergedAreas: supported("1.13"),
      supportsCharts: supported(CHART_API_SET),
      supportsRangeCopy: supported("1.9"),
    });
  }

  /**
   * Two syncs whatever the size of the workbook: the first lists sheets and
   * tables; the second queues, for every sheet at once, its used range, the
   * preview rows, merges, table ranges and headers, and the toolkit's record.
   * (Per-sheet calls need the sheet list first: chaining them on a null
   * object to save that sync is not something Office.js promises to allow.)
   * When Excel refuses that second sync (previews over the 5 MB payload, or
   * more than 512 merged areas in a preview), it is read again in parts:
   * used ranges and tables, then previews in syncs under the budget, then
   * merged areas through readMergedAreas.
   */
  async outline(opts: { previewRows?: number } = {}): Promise<WorkbookOutline> {
    const previewRows = Math.max(1, opts.previewRows ?? 30);
    return this.run({}, async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name, items/position, items/visibility");
      const tables = ctx.workbook.tables.load("items/name, items/showTotals, items/worksheet/name");
      await ctx.sync();

      // The host's undo sheet holds copies of cells for Undo: no job is to read it as the user's.
      const own = sheets.items.filter((ws) => ws.name !== UNDO_SHEET);
      const queue = (withPreviews: boolean) => ({
        perSheet: own.map((ws) => {
          // The record sheet is small and read whole; other sheets only give their top rows.
          const used = ws.getUsedRange(true).load(ws.name === METADATA_SHEET ? "address, rowCount, columnCount, values, formulas, valueTypes" : "address, rowCount, columnCount");
          if (ws.name === METADATA_SHEET || !withPreviews) return { ws, used, preview: null as Excel.Range | null, merges: null as Excel.RangeAreas | null };
          // Top rows of the used range: grow its first row downwards, then trim to the used range.
          const preview = used
            .getRow(0)
            .getResizedRange(previewRows - 1, 0)
            .getIntersection(used)
            .load(PREVIEW_FIELDS);
          const merges = this.runner.supportsMergedAreas ? preview.getMergedAreasOrNullObject().load("address") : null;
          return { ws, used, preview, merges };
        }),
        perTable: tables.items.map((t) => ({
          t,
          range: t.getRange().load("address"),
          header: t.getHeaderRowRange().load("values"),
        })),
      });
      let { perSheet, perTable } = queue(true);
      const mergesOf = new Map<string, RangeAddress[]>();
      const previews = new Map<string, Grid>();
      try {
        await ctx.sync();
        for (const p of perSheet) if (p.merges && !p.merges.isNullObject) mergesOf.set(p.ws.name, officeAreas(p.merges.address));
      } catch (e) {
        if ((e as { code?: unknown })?.code === "ItemNotFound") throw e;
        ({ perSheet, perTable } = queue(false));
        await ctx.sync();
        await this.previewsInParts(ctx, perSheet, previewRows, previews, mergesOf);
      }

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
      for (const { ws, used, preview } of perSheet) {
        const grid = preview ? gridFrom(ws.name, preview) : (previews.get(ws.name) ?? null);
        const corner = ws.name === METADATA_SHEET ? cornerOf(used) : grid ? { value: grid.values[0]?.[0] ?? null, formula: grid.formulas[0]?.[0] ?? null } : null;
        const empty = isEmptyUsedRange(used, corner);
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
          merges: empty ? [] : (mergesOf.get(ws.name) ?? []).map(formatRange),
          preview: empty ? null : grid,
        });
      }
      this.recordSheetSeen = sheets.items.some((ws) => ws.name === METADATA_SHEET);
      this.undoSheetSeen = sheets.items.some((ws) => ws.name === UNDO_SHEET);
      const { metadata, issues } = decodeMetadataRows(metadataRows);
      return { name: "", sheets: out, metadata, metadataIssues: issues };
    });
  }

  /** The outline's previews read through readRanges (syncs under the payload budget, refused blocks read again smaller), then their merged areas. */
  private async previewsInParts(
    ctx: Excel.RequestContext,
    perSheet: { ws: Excel.Worksheet; used: Excel.Range }[],
    previewRows: number,
    previews: Map<string, Grid>,
    mergesOf: Map<string, RangeAddress[]>,
  ): Promise<void> {
    const requests = perSheet
      .filter((p) => p.ws.name !== METADATA_SHEET)
      .map((p) => {
        const used = rangeOf(p.used.address);
        return { sheet: p.ws.name, range: { ...used, bottom: Math.min(used.bottom, used.top + previewRows - 1) } };
      });
    const cells = await readRanges(ctx, requests);
    requests.forEach((r, k) => previews.set(r.sheet, { sheet: r.sheet, address: formatRange(r.range), ...(cells[k] as CellsRead) }));
    if (!this.runner.supportsMergedAreas) return;
    for (const r of requests) mergesOf.set(r.sheet, await readMergedAreas(ctx, r.sheet, r.range));
  }

  async read(sheet: string, address: string): Promise<Grid> {
    const range = parseRange(address);
    if (!range) throw new WorkbookError(`“${address}” is not a cell range (use A1 form such as B3:N40).`, { sheet });
    return this.run({}, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet).load("name");
      await ctx.sync();
      if (ws.isNullObject) throw new WorkbookError(`There is no sheet named “${sheet}” in this workbook.`, { sheet });
      const [cells] = await readRanges(ctx, [{ sheet, range }]);
      if (!cells) throw new Error("readRanges returned nothing");
      // After the cells, in syncs of its own: a cell block Excel refuses as too large would take a merged-areas load queued with it.
      const merges = this.runner.supportsMergedAreas ? (await readMergedAreas(ctx, sheet, range)).map(formatRange) : [];
      return { sheet, address: formatRange(range), ...cells, numberFormats: cells.numberFormats, ...(merges.length ? { merges } : {}) };
    });
  }

  /** Lighter questions about ranges (see cells-query.ts): one sync while the answers fit the payload budget, whatever the rows. */
  async queryCells(sheet: string, queries: readonly CellsQuery[]): Promise<CellsAnswer[]> {
    if (!queries.length) return [];
    return this.run({}, (ctx) => namingMissingSheet(sheet, () => queryCellsInExcel(ctx, sheet, queries)));
  }

  /** Validation and colour rules of each range (see read-rules.ts); two syncs at most, whatever the rows. */
  async readRules(sheet: string, addresses: string[]): Promise<RangeRules[]> {
    const ranges = addresses.map((a) => rangeOnSheet(sheet, a));
    return this.run({}, (ctx) => namingMissingSheet(sheet, () => readRangeRules(ctx, sheet, ranges)));
  }

  /** Bold, fill and wrap of every cell of a small range (a header row), in one sync. */
  async readLooks(sheet: string, address: string): Promise<CellLook[][]> {
    const range = rangeOnSheet(sheet, address);
    return this.run({}, (ctx) => namingMissingSheet(sheet, () => readCellLooks(ctx, sheet, range)));
  }

  /**
   * What one Ctrl+Z will not take back: sheets added, hidden or deleted go
   * outside the undo group (Excel on Windows and Mac cannot undo
   * Worksheet.visibility, and no platform Worksheet.delete), and so does the
   * record sheet when the workbook has none yet (as far as the last outline
   * saw).
   */
  undoCoverage(plan: Plan): { excelUndo: boolean; notInExcelUndo: string[] } {
    if (!this.runner.supportsUndoGroup) return { excelUndo: false, notInExcelUndo: [] };
    const outside = plan.edits.filter((e) => isStructureEdit(e) && (this.runner.supportsCharts === true || !isChartEdit(e))).map(describeEdit);
    if (this.recordSheetSeen !== true && plan.edits.some((e) => e.type === "setMetadata")) outside.push(RECORD_SHEET_ADDED);
    return { excelUndo: true, notInExcelUndo: outside };
  }

  /** Charts, where this Excel has no chart API: the rest of the plan applies without them. */
  notDoneBy(plan: Plan): string[] {
    return this.runner.supportsCharts === true ? [] : chartsNotDrawn(plan);
  }

  async apply(input: unknown, progress?: Progress): Promise<ApplyResult> {
    const { checkPlan } = await loadPlanCheck();
    const checked = checkPlan(input);
    if (!checked.ok) {
      throw new WorkbookError(`The changes were not applied because the plan is not valid: ${checked.error.join("; ")}. Nothing in the workbook was changed.`);
    }
    return this.applyPlan(checked.value, progress, true);
  }

  /** Every run passes delayForCellEdit, so a user typing in a cell delays the toolkit instead of failing it. */
  /** One sync: activate the sheet and select the cell, as a person clicking it would. */
  async selectCell(sheet: string, address: string): Promise<void> {
    await this.run({}, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await ctx.sync();
    });
  }

  /**
   * One sync: the selected range and its sheet's name. getSelectedRange
   * "will throw an error" when several ranges are selected; then the active
   * cell (ExcelApi 1.7), which is always one cell, says where the person is,
   * in a second sync. Null when neither can be read (a chart is selected).
   */
  async selection(): Promise<CellSelection | null> {
    return this.run({}, async (ctx) => {
      const selected = ctx.workbook.getSelectedRange().load("address, worksheet/name");
      try {
        await ctx.sync();
        return selectionOf(selected);
      } catch {
        const active = ctx.workbook.getActiveCell().load("address, worksheet/name");
        try {
          await ctx.sync();
          return selectionOf(active);
        } catch {
          return null;
        }
      }
    });
  }

  /**
   * Worksheet changes through `worksheets.onChanged` (ExcelApi 1.9): one run
   * registers the handler and reads the sheets' ids and names (one sync);
   * WorksheetChangedEventArgs carry the sheet's id, so a sheet added or
   * renamed since is looked up again (a run of one sync). Stopping removes the
   * handler through the context that added it, as Office.js requires.
   */
  async onCellsChanged(listener: (change: CellsChanged) => void): Promise<StopListening> {
    const names = new Map<string, string>();
    const nameOf = async (id: string): Promise<string | undefined> => {
      if (!names.has(id)) {
        await this.run({}, async (ctx) => {
          const sheets = ctx.workbook.worksheets.load("items/id, items/name");
          await ctx.sync();
          for (const s of sheets.items) names.set(s.id, s.name);
        });
      }
      return names.get(id);
    };
    const registration = await this.run({}, async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/id, items/name");
      const added = ctx.workbook.worksheets.onChanged.add(async (args: Excel.WorksheetChangedEventArgs) => {
        const sheet = await nameOf(args.worksheetId);
        const area = officeAreas(args.address)[0];
        if (sheet && area) listener({ sheet, address: formatRange(area) });
      });
      await ctx.sync();
      for (const s of sheets.items) names.set(s.id, s.name);
      return added;
    });
    return async () => {
      registration.remove();
      await registration.context.sync();
    };
  }

  private run<T>(options: ExcelRunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.runner.run({ ...options, delayForCellEdit: true }, batch);
  }

  /**
   * A plan that adds, hides or deletes sheets takes two runs. The first reads
   * and checks the whole plan (a refused plan writes nothing), then writes
   * what Excel cannot undo everywhere (sheets added, hidden or deleted, the
   * record sheet) outside any undo group. The second writes the rest inside
   * `mergeUndoGroup` where ExcelApi 1.20 is there, so one Ctrl+Z takes that
   * part back; the result names what it does not cover, which the pane's Undo
   * (the inverse plan) does. Any other plan is read, checked and written in
   * one run inside the group.
   *
   * Office.js does not roll back a run that fails halfway. When a write fails,
   * the inverse of what was already written is applied in a run of its own,
   * and the error says, in plain words, what happened.
   */
  private async applyPlan(plan: Plan, progress: Progress | undefined, rollBack: boolean): Promise<ApplyResult> {
    const { prepareApplyInExcel, WriteLog } = await loadApplyInExcel();
    const excelUndoGroup = this.runner.supportsUndoGroup && rollBack;
    const structureLog = new WriteLog();
    const restLog = new WriteLog();
    let prepared: PreparedApply | undefined;
    const prepare = (ctx: Excel.RequestContext) => prepareApplyInExcel(ctx, plan, { readMerges: this.runner.supportsMergedAreas === true, rollingBack: !rollBack, drawCharts: this.runner.supportsCharts === true, copyOldCells: this.runner.supportsRangeCopy === true });
    // Without sheet structure to write, reading, checking and writing share one run (in the group): nothing can
    // change between the check and the writes. Should the record sheet turn out to be missing, that run ends
    // before writing anything and the two runs below take over.
    const mayChangeSheets =
      plan.edits.some(isStructureEdit) ||
      (this.recordSheetSeen !== true && plan.edits.some((e) => e.type === "setMetadata")) ||
      (this.runner.supportsRangeCopy === true && this.undoSheetSeen !== true && rollBack && plan.edits.some(writesManyCells));
    try {
      if (!mayChangeSheets) {
        await this.run({ mergeUndoGroup: excelUndoGroup }, async (ctx) => {
          const ready = await prepare(ctx);
          if (ready.structureEdits.length || ready.addsUndoSheet) return;
          prepared = ready;
          await ready.writeRest(ctx, restLog, progress);
        });
      }
      if (!prepared) {
        await this.run({}, async (ctx) => {
          prepared = await prepare(ctx);
          if (prepared.structureEdits.length || prepared.addsUndoSheet) await prepared.writeStructure(ctx, structureLog);
        });
        const ready = prepared as PreparedApply | undefined;
        if (!ready) throw new Error("the apply was not prepared");
        await this.run({ mergeUndoGroup: excelUndoGroup }, (ctx) => ready.writeRest(ctx, restLog, progress));
      }
    } catch (e) {
      if (e instanceof WorkbookError || !rollBack) throw e;
      if (!prepared) throw new WorkbookError(`The changes were not applied: Excel could not read what the changes need (${messageOf(e)}). Nothing in the workbook was changed.`);
      throw await this.rollBack(plan, prepared, structureLog, restLog, e);
    }
    const done = prepared as PreparedApply;
    const outside = done.structureEdits.map((i) => plan.edits[i] as Edit).map((e) => (e.type === "setMetadata" ? RECORD_SHEET_ADDED : describeEdit(e)));
    if (done.recordSheetBy !== null) this.recordSheetSeen = true;
    if (done.addsUndoSheet) this.undoSheetSeen = true;
    const notDone = this.notDoneBy(plan);
    return {
      editsApplied: plan.edits.length - notDone.length,
      undo: { excelUndoGroup, inverse: done.inverse, ...(excelUndoGroup && outside.length ? { notInExcelUndo: outside } : {}) },
      ...(notDone.length ? { notDone } : {}),
    };
  }

  /** Puts back what a failed apply wrote; returns the error to show. */
  private async rollBack(plan: Plan, prepared: PreparedApply, structureLog: WriteLog, restLog: WriteLog, cause: unknown): Promise<WorkbookError> {
    const edits = await this.rollbackEdits(plan, prepared, structureLog, restLog);
    // Changes share a sync, so Excel stopped somewhere from the first change not known to be written to the one being written.
    const last = plan.edits.length - 1;
    const from = restLog.current >= 0 ? Math.min(restLog.syncedBelow, last) : structureLog.current;
    const to = restLog.current >= 0 ? Math.min(restLog.current, last) : structureLog.current;
    const failed = plan.edits[from];
    const where = to > from ? `between change ${from + 1} (${describeEdit(failed as Edit)}) and change ${to + 1} of ${plan.edits.length}` : `at change ${from + 1} of ${plan.edits.length} (${failed ? describeEdit(failed) : "the last"})`;
    const what = `Excel stopped ${where}: ${messageOf(cause)}`;
    if (!edits.length) return new WorkbookError(`The changes were not applied. ${what}. Nothing in the workbook was changed.`);
    try {
      await this.applyPlan({ title: `Put back: ${plan.title}`, edits }, undefined, false);
    } catch (again) {
      return new WorkbookError(`The changes were only partly applied. ${what}. Putting back what was already changed also failed (${messageOf(again)}); check the sheets this plan touches before going on.`);
    }
    return new WorkbookError(`The changes were not applied. ${what}. What had already changed was put back, so the workbook is as it was before.`);
  }

  /**
   * The inverse of what a failed apply wrote, last edit first. An edit known
   * to be written gets its whole inverse; one caught mid-way gets the inverse
   * edits that put cells and rules back; a sheet or table it may have added is
   * looked for and removed (one read, only when there is such an edit).
   */
  private async rollbackEdits(plan: Plan, prepared: PreparedApply, structureLog: WriteLog, restLog: WriteLog): Promise<Edit[]> {
    const done = new Set([...structureLog.structural, ...restLog.structural]);
    const reached = (j: number) => (isStructureEdit(plan.edits[j] as Edit) || j === prepared.recordSheetBy ? structureLog.started.has(j) : false) || (restLog.started.has(j) && !isStructureEdit(plan.edits[j] as Edit));
    const uncertain = plan.edits.map((e, j) => reached(j) && !done.has(j) && (e.type === "addSheet" || e.type === "createTable" || j === prepared.recordSheetBy));
    const now = uncertain.some(Boolean) ? await this.sheetsAndTables() : null;
    const isNew = (sheet: string) => now !== null && now.sheets.has(sheet.toLowerCase()) && !prepared.sheetsBefore.some((s) => s.toLowerCase() === sheet.toLowerCase());
    const recordSheetAdded = prepared.recordSheetBy !== null && (done.has(prepared.recordSheetBy) || (uncertain[prepared.recordSheetBy] === true && isNew(METADATA_SHEET)));

    const perEdit = plan.edits.map((e, j): Edit[] => {
      if (!reached(j)) return [];
      const inverse = prepared.perEdit[j] ?? [];
      const partial = prepared.partial[j] ?? [];
      // Without a record sheet before, there is nothing to put back on it: the one this apply added goes as a whole.
      if (e.type === "setMetadata" && prepared.recordSheetBy !== null) return [];
      if (!uncertain[j]) return done.has(j) ? inverse : isStructureEdit(e) ? [] : partial;
      if (e.type === "addSheet") return isNew(e.sheet) ? inverse : [];
      if (e.type === "createTable") {
        const added = (now?.tables ?? []).filter((t) => t.sheet.toLowerCase() === e.sheet.toLowerCase() && !prepared.tablesBefore.includes(t.name) && rangesIntersect(t.range, rangeOf(e.address)));
        return [...added.map((t): Edit => ({ type: "removeTable", sheet: e.sheet, name: t.name })), ...partial];
      }
      return partial;
    });
    const out: Edit[] = [];
    for (let j = perEdit.length - 1; j >= 0; j--) out.push(...(perEdit[j] ?? []));
    if (recordSheetAdded) out.push({ type: "deleteSheet", sheet: METADATA_SHEET });
    return out;
  }

  /** Sheet names and tables as the workbook has them now (two syncs). */
  private sheetsAndTables(): Promise<{ sheets: Set<string>; tables: { name: string; sheet: string; range: RangeAddress }[] }> {
    return this.run({}, async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      const tables = ctx.workbook.tables.load("items/name, items/worksheet/name");
      await ctx.sync();
      const ranges = tables.items.map((t) => t.getRange().load("address"));
      await ctx.sync();
      return {
        sheets: new Set(sheets.items.map((s) => s.name.toLowerCase())),
        tables: tables.items.map((t, k) => ({ name: t.name, sheet: t.worksheet.name, range: rangeOf((ranges[k] as Excel.Range).address) })),
      };
    });
  }
}

function selectionOf(range: Excel.Range): CellSelection | null {
  const area = officeAreas(range.address)[0];
  return area ? { sheet: range.worksheet.name, address: formatRange(area) } : null;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
