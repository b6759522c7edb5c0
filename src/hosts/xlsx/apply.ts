/**
 * Applying a plan to an ExcelJS workbook. Three passes:
 *   1. checkPlan (zod) once over the whole plan;
 *   2. preconditions of every edit, checked against a light model of sheets
 *      and tables that later edits see as earlier edits leave them, so a plan
 *      that would fail half-way is refused before anything is written;
 *   3. the edits, each capturing what it needs for undo just before it runs.
 * If an edit still fails half-way, what was done is undone and the error
 * says so.
 */
import type ExcelJS from "exceljs";
import {
  columnIndex,
  formatCell,
  formatRange,
  MAX_COLUMNS,
  parseRange,
  rangeContains,
  rangeHeight,
  rangesIntersect,
  rangeWidth,
  type RangeAddress,
} from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { encodeMetadataRow, METADATA_FIRST_ROW, METADATA_SHEET, METADATA_TITLE, metadataRowFor } from "../../core/metadata/schema";
import { formulaInput, type CellInput, type ConditionalFormat, type DataValidation, type Edit, type EditOf } from "../../core/plan/edits";
import {
  cellInputFrom,
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
  remergeCells,
  unmergeMergedCells,
} from "../../core/plan/inverse";
import { checkPlan, type Plan } from "../../core/plan/plan";
import { WorkbookError, type ApplyResult, type Progress } from "../host";
import { cellValueOf, formulaOf, hasContent, isMergeSlave, numberFormatOf, toExcelValue } from "./cell-values";
import { fromExcelCfRule, fromExcelValidation, styleBefore, toExcelCfRule, toExcelValidation, withStyle } from "./excel-model";
import { refreshCalculatedColumns } from "./calculated-columns";
import { formulaFiller } from "./formula-fill";
import { copyAsEdits, copyCheckProblem } from "./copy-cells";
import { shareIfUnstyled, styleOf } from "./shared-styles";
import { markPlanResult } from "./cached-results";
import { contentRange, mergedRanges, sheetTables, type SheetTable } from "./sheet-access";
import { clearValidations, putValidation, validationModel, validationPieces } from "./validation-model";
import { cellsWrittenBy, journalSheetOf } from "./package/change-journal";
import type { XlsxHost } from "./xlsx-host";
import { applyChartEdit, chartRefusal } from "./chart-apply";

/** Cells per progress report in big writes. */
const CHUNK_CELLS = 50_000;

type Visibility = "visible" | "hidden" | "veryHidden";

// ---------------------------------------------------------------------------
// Pass 2: preconditions against a model of what earlier edits leave behind.

interface TableState {
  sheet: string;
  name: string;
  range: RangeAddress;
  headers: string[];
  totalsRow: boolean;
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly sheet?: string,
    readonly cell?: string,
  ) {
    super(message);
  }
}

function rangeOf(address: string): RangeAddress {
  const r = parseRange(address);
  if (!r) throw new Refusal(`“${address}” is not an A1 range`);
  return r;
}

class PlanWorld {
  readonly sheets = new Map<string, string>(); // lower-case name → name
  readonly tables = new Map<string, TableState>(); // lower-case name → table

  constructor(private readonly host: XlsxHost) {
    for (const ws of host.workbook.worksheets) {
      this.sheets.set(ws.name.toLowerCase(), ws.name);
      for (const t of sheetTables(ws)) {
        this.tables.set(t.name.toLowerCase(), {
          sheet: ws.name,
          name: t.name,
          range: t.range,
          headers: t.model.columns.map((c) => c.name),
          totalsRow: !!t.model.totalsRow,
        });
      }
    }
  }

  sheetName(sheet: string): string {
    const s = this.sheets.get(sheet.toLowerCase());
    if (!s) throw new Refusal(`there is no sheet “${sheet}”`, sheet);
    return s;
  }

  /** The sheet as it is now in the workbook (undefined when an earlier edit of the plan adds it). */
  liveSheet(sheet: string): ExcelJS.Worksheet | undefined {
    return this.host.findSheet(sheet);
  }

  table(sheet: string, name: string): TableState {
    const t = this.tables.get(name.toLowerCase());
    if (!t || t.sheet.toLowerCase() !== sheet.toLowerCase()) throw new Refusal(`there is no table “${name}” on sheet “${sheet}”`, sheet);
    return t;
  }

  tablesOn(sheet: string): TableState[] {
    return [...this.tables.values()].filter((t) => t.sheet.toLowerCase() === sheet.toLowerCase());
  }

  /** Does any cell in range hold something (in the workbook as it is before the plan)? */
  firstFilledCell(sheet: string, range: RangeAddress): string | undefined {
    const ws = this.liveSheet(sheet);
    if (!ws) return undefined;
    for (let r = range.top; r <= range.bottom; r++) {
      const row = ws.findRow(r);
      if (!row) continue;
      for (let c = range.left; c <= range.right; c++) {
        const cell = row.findCell(c);
        if (cell && hasContent(cell)) return formatCell({ row: r, col: c });
      }
    }
    return undefined;
  }

  private readonly merges = new Map<string, RangeAddress[]>(); // lower-case sheet name → merged areas as earlier edits leave them

  /** Merged areas of a sheet as earlier edits of the plan leave them (unmerges and merges are modelled; a new sheet has none). */
  mergesOf(sheet: string): RangeAddress[] {
    const key = sheet.toLowerCase();
    let list = this.merges.get(key);
    if (!list) {
      const ws = this.liveSheet(sheet);
      list = ws ? mergedRanges(ws) : [];
      this.merges.set(key, list);
    }
    return list;
  }

  mergesIn(sheet: string, range: RangeAddress): RangeAddress[] {
    return this.mergesOf(sheet).filter((m) => rangesIntersect(m, range));
  }

  /** A sheet added or deleted by the plan starts with no merged areas. */
  forgetMerges(sheet: string): void {
    this.merges.set(sheet.toLowerCase(), []);
  }
}

const sameRange = (a: RangeAddress, b: RangeAddress) => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

function checkShape(rows: unknown[][], range: RangeAddress, what: string): void {
  const h = rangeHeight(range);
  const w = rangeWidth(range);
  if (rows.length !== h) throw new Refusal(`${what} has ${rows.length} rows but ${formatRange(range)} has ${h}`, undefined, formatRange(range));
  rows.forEach((row, i) => {
    if (row.length !== w) {
      throw new Refusal(`${what}, row ${i + 1}, has ${row.length} cells but ${formatRange(range)} is ${w} wide`, undefined, formatCell({ row: range.top + i, col: range.left }));
    }
  });
}

function checkEdit(world: PlanWorld, e: Edit): void {
  switch (e.type) {
    case "addSheet":
      if (world.sheets.has(e.sheet.toLowerCase())) throw new Refusal(`a sheet named “${e.sheet}” already exists`, e.sheet);
      world.sheets.set(e.sheet.toLowerCase(), e.sheet);
      world.forgetMerges(e.sheet);
      return;
    case "deleteSheet": {
      const name = world.sheetName(e.sheet);
      world.sheets.delete(name.toLowerCase());
      world.forgetMerges(name);
      for (const t of world.tablesOn(name)) world.tables.delete(t.name.toLowerCase());
      return;
    }
    case "setCells": {
      world.sheetName(e.sheet);
      const range = rangeOf(e.address);
      checkShape(e.cells, range, "the cell block");
      for (const m of world.mergesIn(e.sheet, range)) {
        for (let r = Math.max(m.top, range.top); r <= Math.min(m.bottom, range.bottom); r++) {
          for (let c = Math.max(m.left, range.left); c <= Math.min(m.right, range.right); c++) {
            if ((r !== m.top || c !== m.left) && e.cells[r - range.top][c - range.left] !== null) {
              throw new Refusal(`${formatCell({ row: r, col: c })} is inside merged cells ${formatRange(m)}; only its top-left cell can hold a value`, e.sheet, formatCell({ row: r, col: c }));
            }
          }
        }
      }
      return;
    }
    case "copyCells": {
      world.sheetName(e.sheet);
      world.sheetName(e.fromSheet);
      rangeOf(e.address);
      rangeOf(e.fromAddress);
      return;
    }
    case "fillFormula":
    case "setStyle":
    case "setDataValidation":
    case "replaceConditionalFormats":
      world.sheetName(e.sheet);
      rangeOf(e.address);
      return;
    case "setNumberFormat": {
      world.sheetName(e.sheet);
      const range = rangeOf(e.address);
      if (Array.isArray(e.format)) checkShape(e.format, range, "the number formats");
      return;
    }
    case "setColumnWidths":
      world.sheetName(e.sheet);
      for (const w of e.widths) if (columnIndex(w.column) === undefined) throw new Refusal(`column “${w.column}” is beyond Excel's last column XFD`, e.sheet);
      return;
    case "setChart":
    case "removeChart":
      world.sheetName(e.sheet);
      return;
    case "setMetadata":
      if (!world.sheets.has(METADATA_SHEET.toLowerCase())) world.sheets.set(METADATA_SHEET.toLowerCase(), METADATA_SHEET);
      return;
    case "unmergeCells": {
      const sheet = world.sheetName(e.sheet);
      const range = rangeOf(e.address);
      const merges = world.mergesOf(sheet);
      const at = merges.findIndex((m) => sameRange(m, range));
      if (at < 0) {
        const corner = formatCell({ row: range.top, col: range.left });
        const touching = world.mergesIn(sheet, range).map(formatRange);
        throw new Refusal(
          touching.length
            ? `${e.address} is not one merged area: the merged cells there are ${touching.join(", ")}; an unmerge names one of them exactly`
            : `${e.address} is not merged (${corner} is a cell of its own)`,
          sheet,
          touching[0] ?? corner,
        );
      }
      merges.splice(at, 1);
      return;
    }
    case "mergeCells": {
      const sheet = world.sheetName(e.sheet);
      const range = rangeOf(e.address);
      const clash = world.mergesIn(sheet, range)[0];
      if (clash) throw new Refusal(`${e.address} overlaps merged cells ${formatRange(clash)}; unmerge them first`, sheet, formatRange(clash));
      const table = world.tablesOn(sheet).find((t) => rangesIntersect(t.range, range));
      if (table) throw new Refusal(`${e.address} lies in table “${table.name}” (${formatRange(table.range)}); cells of a table cannot be merged`, sheet, e.address);
      world.mergesOf(sheet).push(range);
      return;
    }
    case "createTable": {
      const sheet = world.sheetName(e.sheet);
      const range = rangeOf(e.address);
      if (world.tables.has(e.name.toLowerCase())) throw new Refusal(`a table named “${e.name}” already exists; table names are unique in a workbook`, sheet);
      if (rangeHeight(range) < 2) throw new Refusal(`a table needs its header row and at least one row below it; ${e.address} is one row`, sheet, e.address);
      for (const t of world.tablesOn(sheet)) {
        if (rangesIntersect(t.range, range)) throw new Refusal(`${e.address} overlaps table “${t.name}” (${formatRange(t.range)})`, sheet, e.address);
      }
      const merge = world.mergesIn(sheet, range)[0];
      if (merge) throw new Refusal(`${e.address} holds merged cells ${formatRange(merge)}; Excel tables cannot contain merged cells. Unmerge them first`, sheet, formatRange(merge));
      world.tables.set(e.name.toLowerCase(), { sheet, name: e.name, range, headers: new Array(rangeWidth(range)).fill(""), totalsRow: false });
      return;
    }
    case "removeTable": {
      const t = world.table(e.sheet, e.name);
      world.tables.delete(t.name.toLowerCase());
      return;
    }
    case "addTableColumns": {
      const t = world.table(e.sheet, e.table);
      const n = e.columns.length;
      if (t.range.right + n > MAX_COLUMNS) throw new Refusal(`table “${t.name}” would pass Excel's last column XFD`, t.sheet);
      const right: RangeAddress = { top: t.range.top, bottom: t.range.bottom, left: t.range.right + 1, right: t.range.right + n };
      const filled = world.firstFilledCell(t.sheet, right);
      if (filled) {
        throw new Refusal(`table “${t.name}” cannot grow into ${formatRange(right)}: ${filled} is not empty. Move what is there, or insert columns after the table, and try again`, t.sheet, filled);
      }
      for (const other of world.tablesOn(t.sheet)) {
        if (other !== t && rangesIntersect(other.range, right)) throw new Refusal(`table “${t.name}” cannot grow into table “${other.name}”`, t.sheet, formatRange(right));
      }
      const merge = world.mergesIn(t.sheet, right)[0];
      if (merge) throw new Refusal(`table “${t.name}” cannot grow over merged cells ${formatRange(merge)}`, t.sheet, formatRange(merge));
      const bodyRows = rangeHeight(t.range) - 1 - (t.totalsRow ? 1 : 0);
      const seen = new Set(t.headers.map((h) => h.toLowerCase()));
      for (const col of e.columns) {
        if (seen.has(col.header.toLowerCase())) throw new Refusal(`table “${t.name}” already has a column “${col.header}”`, t.sheet);
        seen.add(col.header.toLowerCase());
        if (col.values && col.values.length !== bodyRows) {
          throw new Refusal(`column “${col.header}” has ${col.values.length} values but table “${t.name}” has ${bodyRows} rows`, t.sheet);
        }
        if (col.values && col.formula) throw new Refusal(`column “${col.header}” gives both values and a formula; give one`, t.sheet);
        if (col.results && col.results.length !== bodyRows) {
          throw new Refusal(`column “${col.header}” has ${col.results.length} formula results but table “${t.name}” has ${bodyRows} rows`, t.sheet);
        }
      }
      t.range = { ...t.range, right: t.range.right + n };
      t.headers = [...t.headers, ...e.columns.map((c) => c.header)];
      return;
    }
    case "removeTableColumns": {
      const t = world.table(e.sheet, e.table);
      if (e.count >= rangeWidth(t.range)) throw new Refusal(`table “${t.name}” has ${rangeWidth(t.range)} columns; cannot remove ${e.count}`, t.sheet);
      t.range = { ...t.range, right: t.range.right - e.count };
      t.headers = t.headers.slice(0, t.headers.length - e.count);
      return;
    }
    case "resizeTable": {
      const t = world.table(e.sheet, e.table);
      const range = rangeOf(e.address);
      if (range.top !== t.range.top || range.left !== t.range.left) {
        throw new Refusal(`a table keeps its header row and first column when resized; ${e.address} does not start at ${formatCell({ row: t.range.top, col: t.range.left })}`, t.sheet, e.address);
      }
      if (rangeHeight(range) < 2) throw new Refusal(`a table needs its header row and at least one row below it`, t.sheet, e.address);
      for (const other of world.tablesOn(t.sheet)) {
        if (other !== t && rangesIntersect(other.range, range)) throw new Refusal(`${e.address} overlaps table “${other.name}”`, t.sheet, e.address);
      }
      const w = rangeWidth(range);
      t.headers = w <= t.headers.length ? t.headers.slice(0, w) : [...t.headers, ...new Array(w - t.headers.length).fill("")];
      t.range = range;
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// Pass 3: the edits. Each returns the edits that undo it.

interface Ctx {
  host: XlsxHost;
  tick: (units?: number) => void;
}

function ws(ctx: Ctx, sheet: string): ExcelJS.Worksheet {
  return ctx.host.sheet(sheet);
}

/** Values and formulas of a range, and whether it was all empty (then undo is a cheap clear). */
function captureCells(sheet: ExcelJS.Worksheet, range: RangeAddress): { values: CellValue[][]; formulas: (string | null)[][]; empty: boolean } {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  let empty = true;
  const w = rangeWidth(range);
  for (let r = range.top; r <= range.bottom; r++) {
    const vRow: CellValue[] = new Array(w).fill(null);
    const fRow: (string | null)[] = new Array(w).fill(null);
    const row = sheet.findRow(r);
    if (row) {
      for (let c = range.left; c <= range.right; c++) {
        const cell = row.findCell(c);
        if (!cell || isMergeSlave(cell)) continue;
        const f = formulaOf(cell);
        const v = cellValueOf(cell);
        if (f !== null || v !== null) empty = false;
        vRow[c - range.left] = v;
        fRow[c - range.left] = f;
      }
    }
    values.push(vRow);
    formulas.push(fRow);
  }
  return { values, formulas, empty };
}

function undoCells(sheet: ExcelJS.Worksheet, range: RangeAddress): Edit {
  const before = captureCells(sheet, range);
  return before.empty ? restoreEmptyCells(sheet.name, formatRange(range)) : restoreCells(sheet.name, formatRange(range), before);
}

function writeCell(cell: ExcelJS.Cell, input: CellInput): void {
  // Writing to a merged cell's non-top-left part would write the top-left one in ExcelJS; nothing is meant there.
  if (isMergeSlave(cell)) return;
  cell.value = toExcelValue(input);
  markPlanResult(cell, input !== null && typeof input === "object" && input.result !== undefined);
  shareIfUnstyled(cell);
}

/** Keeps table column names equal to their header cells after cells in a header row change. */
function syncTableHeaders(sheet: ExcelJS.Worksheet, range: RangeAddress): void {
  for (const t of sheetTables(sheet)) {
    if (!t.model.headerRow || t.range.top < range.top || t.range.top > range.bottom || !rangesIntersect(t.range, range)) continue;
    t.model.columns.forEach((col, j) => {
      const cell = sheet.findCell(t.range.top, t.range.left + j);
      const v = cell ? cellValueOf(cell) : null;
      if (v !== null && typeof v !== "object") col.name = String(v);
    });
  }
}

function setCells(ctx: Ctx, e: EditOf<"setCells">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const undo = undoCells(sheet, range);
  let pending = 0;
  e.cells.forEach((inputs, i) => {
    const row = sheet.getRow(range.top + i);
    for (let j = 0; j < inputs.length; j++) writeCell(row.getCell(range.left + j), inputs[j]);
    pending += inputs.length;
    if (pending >= CHUNK_CELLS) {
      ctx.tick(Math.floor(pending / CHUNK_CELLS));
      pending %= CHUNK_CELLS;
    }
  });
  syncTableHeaders(sheet, range);
  refreshCalculatedColumns(sheet, range);
  return [undo];
}

function fillFormula(ctx: Ctx, e: EditOf<"fillFormula">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const undo = undoCells(sheet, range);
  const formulaAt = formulaFiller(e.formula);
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.getRow(r);
    for (let c = range.left; c <= range.right; c++) {
      writeCell(row.getCell(c), formulaInput(formulaAt(r - range.top, c - range.left), e.results?.[r - range.top]?.[c - range.left]));
    }
  }
  refreshCalculatedColumns(sheet, range);
  return [undo];
}

/** Carried out as the plain writes of what the source holds; undone by their inverses, last first. */
function copyCells(ctx: Ctx, e: EditOf<"copyCells">): Edit[] {
  const from = ws(ctx, e.fromSheet);
  const problem = copyCheckProblem(from, e);
  if (problem) throw new Refusal(problem, e.fromSheet, e.check?.address);
  const inverses = copyAsEdits(from, e).map((x) => applyEdit(ctx, x));
  return inverses.reverse().flat();
}

function setNumberFormat(ctx: Ctx, e: EditOf<"setNumberFormat">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const before: string[][] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.findRow(r);
    const out: string[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const cell = row?.findCell(c);
      out.push(cell ? numberFormatOf(cell) : "General");
    }
    before.push(out);
  }
  const format = e.format;
  // Cells that shared a style share the new one; ExcelJS shares style objects, so never mutate one.
  const cache = new Map<Partial<ExcelJS.Style>, Map<string, Partial<ExcelJS.Style>>>();
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.getRow(r);
    for (let c = range.left; c <= range.right; c++) {
      const cell = row.getCell(c);
      const numFmt = typeof format === "string" ? format : format[r - range.top][c - range.left];
      const old = styleOf(cell);
      let byFormat = cache.get(old);
      if (!byFormat) cache.set(old, (byFormat = new Map()));
      let made = byFormat.get(numFmt);
      if (!made) byFormat.set(numFmt, (made = { ...old, numFmt }));
      cell.style = made;
    }
  }
  ctx.tick(Math.floor((rangeWidth(range) * rangeHeight(range)) / CHUNK_CELLS));
  return [restoreNumberFormats(sheet.name, formatRange(range), before)];
}

function setStyle(ctx: Ctx, e: EditOf<"setStyle">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const before = [];
  const cache = new Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>();
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.getRow(r);
    const out = [];
    for (let c = range.left; c <= range.right; c++) {
      const cell = row.getCell(c);
      const old = styleOf(cell);
      out.push(styleBefore(old, e.style));
      let made = cache.get(old);
      if (!made) {
        made = withStyle(old, e.style);
        cache.set(old, made);
      }
      cell.style = made;
    }
    before.push(out);
  }
  return restoreStyles(sheet.name, formatRange(range), before);
}

function setColumnWidths(ctx: Ctx, e: EditOf<"setColumnWidths">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const before = e.widths.map(({ column }) => ({ column, width: sheet.getColumn(column).width ?? null }));
  for (const { column, width } of e.widths) sheet.getColumn(column).width = width;
  return [restoreColumnWidths(sheet.name, before)];
}

// ---- data validation ----

/** Ranges up to this many cells record their before-state cell by cell (undo merges alike cells); bigger ones by the pieces of what was there. */
const CELLWISE_UNDO_CELLS = 10_000;

/** What lay on the range before, in the form restoreValidation takes, found from the range's own pieces (never by walking the whole model). */
function validationsBefore(sheet: ExcelJS.Worksheet, range: RangeAddress): Edit[] {
  const pieces = validationPieces(validationModel(sheet), range);
  const converted = new Map<ExcelJS.DataValidation, DataValidation | null>();
  const conv = (x: ExcelJS.DataValidation) => {
    if (!converted.has(x)) converted.set(x, fromExcelValidation(x));
    return converted.get(x) ?? null;
  };
  const address = formatRange(range);
  if (pieces.length === 0) return restoreValidation(sheet.name, address, null);
  if (pieces.length === 1 && rangeContains(pieces[0].range, range)) return restoreValidation(sheet.name, address, conv(pieces[0].validation));
  if (rangeWidth(range) * rangeHeight(range) <= CELLWISE_UNDO_CELLS) {
    const before: (DataValidation | null)[][] = Array.from({ length: rangeHeight(range) }, () => new Array<DataValidation | null>(rangeWidth(range)).fill(null));
    for (const p of pieces) {
      const v = conv(p.validation);
      for (let r = p.range.top; r <= p.range.bottom; r++) for (let c = p.range.left; c <= p.range.right; c++) before[r - range.top][c - range.left] = v;
    }
    return restoreValidation(sheet.name, address, before);
  }
  const undo = restoreValidation(sheet.name, address, null);
  for (const p of pieces) {
    const v = conv(p.validation);
    if (v) undo.push(...restoreValidation(sheet.name, formatRange(p.range), v));
  }
  return undo;
}

function setDataValidation(ctx: Ctx, e: EditOf<"setDataValidation">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const undo = validationsBefore(sheet, range);
  // Replace, never stack: what covered the range goes, the parts of it outside the range stay.
  const model = validationModel(sheet);
  if (e.validation) putValidation(model, range, toExcelValidation(e.validation));
  else clearValidations(model, range);
  return undo;
}

// ---- conditional formats ----

interface CfEntry {
  ref: string;
  rules: ExcelJS.ConditionalFormattingRule[];
}

function replaceConditionalFormats(ctx: Ctx, e: EditOf<"replaceConditionalFormats">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  // ExcelJS keeps the sheet's rules in an array it leaves out of its typings.
  const holder = sheet as unknown as { conditionalFormattings: CfEntry[] };
  const entries = holder.conditionalFormattings;
  const inside = (cf: CfEntry) =>
    cf.ref
      .split(/\s+/)
      .filter(Boolean)
      .every((part) => {
        const r = parseRange(part);
        return !!r && rangeContains(range, r);
      });
  const removed = entries.filter(inside);
  const before: { address: string; rules: ConditionalFormat[] }[] = [];
  for (const cf of removed) {
    const rules = cf.rules.map(fromExcelCfRule).filter((r): r is ConditionalFormat => r !== undefined);
    for (const part of cf.ref.split(/\s+/).filter(Boolean)) before.push({ address: formatRange(rangeOf(part)), rules });
  }
  holder.conditionalFormattings = entries.filter((cf) => !inside(cf));
  if (e.rules.length) sheet.addConditionalFormatting({ ref: formatRange(range), rules: e.rules.map(toExcelCfRule) });
  return restoreConditionalFormats(sheet.name, formatRange(range), before);
}

// ---- merged cells ----

/**
 * Unmerges one area as Excel's Unmerge does: the top-left cell keeps its
 * value and style, the other cells become empty cells of their own. ExcelJS
 * resets those cells' styles to the row's and column's when it unmerges;
 * Excel keeps each cell's own format, so the styles are put back.
 */
function unmergeCells(ctx: Ctx, e: EditOf<"unmergeCells">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const styles: { cell: ExcelJS.Cell; style: Partial<ExcelJS.Style> }[] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    for (let c = range.left; c <= range.right; c++) {
      const cell = sheet.findCell(r, c);
      if (cell && isMergeSlave(cell)) styles.push({ cell, style: cell.style });
    }
  }
  sheet.unMergeCells(formatRange(range));
  for (const { cell, style } of styles) cell.style = style;
  return [remergeCells(sheet.name, formatRange(range))];
}

/** Merges an area, each cell keeping its own style (undo puts back a merge an unmerge split; its cells are empty by then). */
function mergeCells(ctx: Ctx, e: EditOf<"mergeCells">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const before = captureCells(sheet, range);
  sheet.mergeCellsWithoutStyle(formatRange(range));
  return unmergeMergedCells(sheet.name, formatRange(range), before.empty ? null : before);
}

// ---- sheets ----

function addSheet(ctx: Ctx, e: EditOf<"addSheet">): Edit[] {
  const state = e.hidden === "visible" ? "visible" : e.hidden;
  ctx.host.workbook.addWorksheet(e.sheet, { state });
  return [removeAddedSheet(e.sheet)];
}

function visibilityOf(sheet: ExcelJS.Worksheet): Visibility {
  return sheet.state === "veryHidden" ? "veryHidden" : sheet.state === "hidden" ? "hidden" : "visible";
}

function deleteSheet(ctx: Ctx, e: EditOf<"deleteSheet">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const used = contentRange(sheet);
  const contents = used ? { address: formatRange(used), ...captureCells(sheet, used) } : null;
  const undo = restoreDeletedSheet(sheet.name, visibilityOf(sheet), contents);
  ctx.host.workbook.removeWorksheet(sheet.id);
  ctx.host.forgetCharts(sheet.name);
  return undo;
}

// ---- metadata ----

function metadataSheet(ctx: Ctx): { sheet: ExcelJS.Worksheet; created: boolean } {
  const existing = ctx.host.workbook.worksheets.find((w) => w.name === METADATA_SHEET);
  if (existing) return { sheet: existing, created: false };
  const sheet = ctx.host.workbook.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
  sheet.getCell("A1").value = METADATA_TITLE;
  return { sheet, created: true };
}

function setMetadata(ctx: Ctx, e: EditOf<"setMetadata">): Edit[] {
  const { sheet, created } = metadataSheet(ctx);
  const keys: (CellValue | undefined)[] = [];
  const last = sheet.lastRow?.number ?? 0;
  for (let r = METADATA_FIRST_ROW; r <= last; r++) {
    const cell = sheet.findCell(r, 1);
    keys.push(cell ? cellValueOf(cell) : null);
  }
  const rowNumber = metadataRowFor(keys, e.key);
  const row = sheet.getRow(rowNumber);
  let before: unknown = undefined;
  if (keys[rowNumber - METADATA_FIRST_ROW] === e.key) {
    let text = "";
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cellValueOf(cell);
      if (c > 1 && typeof v === "string") text += v;
    });
    try {
      before = JSON.parse(text);
    } catch {
      before = undefined; // a damaged record has nothing to go back to; undo deletes the key
    }
  }
  const width = row.cellCount;
  for (let c = 1; c <= width; c++) row.getCell(c).value = null;
  if (e.value !== null) encodeMetadataRow(e.key, e.value).forEach((text, i) => (row.getCell(i + 1).value = text));
  return created ? [removeAddedSheet(METADATA_SHEET)] : [restoreMetadataKey(e.key, before)];
}

// ---- tables ----

function findTable(sheet: ExcelJS.Worksheet, name: string): SheetTable {
  const t = sheetTables(sheet).find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!t) throw new WorkbookError(`there is no table “${name}” on sheet “${sheet.name}”`, { sheet: sheet.name });
  return t;
}

function setTableRange(t: SheetTable, range: RangeAddress): void {
  const ref = formatRange(range);
  t.model.tableRef = ref;
  t.model.ref = formatCell({ row: range.top, col: range.left });
  const filterBottom = t.model.totalsRow ? range.bottom - 1 : range.bottom;
  t.model.autoFilterRef = formatRange({ ...range, bottom: filterBottom });
  t.range = range;
}

/**
 * Header names Excel would give cells left..right of a header row: the cell's
 * text, "ColumnN" for a blank, and a number appended to a repeat. Returns the
 * names and which cells need writing because their text differs.
 */
function headerNames(sheet: ExcelJS.Worksheet, row: number, left: number, right: number, taken: string[]): { names: string[]; writes: { col: number; name: string }[] } {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  const names: string[] = [];
  const writes: { col: number; name: string }[] = [];
  for (let c = left; c <= right; c++) {
    const cell = sheet.findCell(row, c);
    const v = cell ? cellValueOf(cell) : null;
    const isFormula = cell ? formulaOf(cell) !== null : false;
    let name = v === null || typeof v === "object" ? "" : String(v).trim() === "" ? "" : String(v);
    if (name === "") name = `Column${c - left + 1 + taken.length}`;
    let unique = name;
    for (let k = 2; used.has(unique.toLowerCase()); k++) unique = `${name}${k}`;
    used.add(unique.toLowerCase());
    names.push(unique);
    // Excel keeps header cells as plain text; a formula header becomes its text.
    if (unique !== v || isFormula) writes.push({ col: c, name: unique });
  }
  return { names, writes };
}

function createTable(ctx: Ctx, e: EditOf<"createTable">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const range = rangeOf(e.address);
  const header: RangeAddress = { ...range, bottom: range.top };
  const headerUndo = undoCells(sheet, header);
  const { names, writes } = headerNames(sheet, range.top, range.left, range.right, []);
  // The header cells' values as they are, so ExcelJS's addTable (which writes the column names into them) changes nothing it should not.
  const keep = new Map<number, ExcelJS.CellValue>();
  for (let c = range.left; c <= range.right; c++) {
    if (!writes.some((w) => w.col === c)) keep.set(c, sheet.findCell(range.top, c)?.value ?? null);
  }
  // rows: [] so ExcelJS writes only the header row; the body stays exactly as it is.
  sheet.addTable({
    name: e.name,
    displayName: e.name,
    ref: formatCell({ row: range.top, col: range.left }),
    headerRow: true,
    totalsRow: false,
    style: { theme: e.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: names.map((name) => ({ name, filterButton: true })),
    rows: [],
  });
  for (const [c, v] of keep) sheet.getCell(range.top, c).value = v;
  const t = findTable(sheet, e.name);
  setTableRange(t, range);
  return writes.length ? [removeCreatedTable(sheet.name, e.name), headerUndo] : [removeCreatedTable(sheet.name, e.name)];
}

function removeTable(ctx: Ctx, e: EditOf<"removeTable">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const t = findTable(sheet, e.name);
  const style = t.model.style?.theme ?? t.model.style?.name ?? "TableStyleMedium2";
  sheet.removeTable(t.name);
  return [recreateRemovedTable(sheet.name, t.name, formatRange(t.range), style)];
}

function bodyRows(t: SheetTable): { first: number; last: number } {
  return { first: t.range.top + (t.model.headerRow ? 1 : 0), last: t.range.bottom - (t.model.totalsRow ? 1 : 0) };
}

function addTableColumns(ctx: Ctx, e: EditOf<"addTableColumns">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const t = findTable(sheet, e.table);
  const { first, last } = bodyRows(t);
  e.columns.forEach((col, j) => {
    const c = t.range.right + 1 + j;
    sheet.getCell(t.range.top, c).value = col.header;
    // The new cells are empty (checked first), so a column with no formula and no values needs no cells at all.
    const formulaAt = col.formula ? formulaFiller(col.formula) : undefined;
    for (let r = first; r <= last; r++) {
      if (formulaAt) writeCell(sheet.getCell(r, c), formulaInput(formulaAt(r - first, 0), col.results?.[r - first]));
      else if (col.values && col.values[r - first] !== null) writeCell(sheet.getCell(r, c), col.values[r - first]);
    }
    t.model.columns.push({ name: col.header, filterButton: true, totalsRowFunction: "none" });
  });
  const left = t.range.right + 1;
  setTableRange(t, { ...t.range, right: t.range.right + e.columns.length });
  // A formula column (or one put back by an undo, with the same formula in every row) is a calculated column.
  refreshCalculatedColumns(sheet, { top: first, bottom: last, left, right: t.range.right });
  return [removeAddedTableColumns(sheet.name, t.name, e.columns.length)];
}

function removeTableColumns(ctx: Ctx, e: EditOf<"removeTableColumns">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const t = findTable(sheet, e.table);
  const { first, last } = bodyRows(t);
  const from = t.range.right - e.count + 1;
  const columns: { header: string; values: CellInput[] }[] = [];
  for (let c = from; c <= t.range.right; c++) {
    const values: CellInput[] = [];
    for (let r = first; r <= last; r++) {
      const cell = sheet.findCell(r, c);
      values.push(cell ? cellInputFrom(cellValueOf(cell), formulaOf(cell)) : null);
    }
    columns.push({ header: t.model.columns[c - t.range.left].name, values });
  }
  for (let r = t.range.top; r <= t.range.bottom; r++) {
    for (let c = from; c <= t.range.right; c++) {
      const cell = sheet.findCell(r, c);
      if (cell) writeCell(cell, null);
    }
  }
  t.model.columns.splice(t.model.columns.length - e.count, e.count);
  setTableRange(t, { ...t.range, right: from - 1 });
  return [restoreRemovedTableColumns(sheet.name, t.name, columns)];
}

function resizeTable(ctx: Ctx, e: EditOf<"resizeTable">): Edit[] {
  const sheet = ws(ctx, e.sheet);
  const t = findTable(sheet, e.table);
  const old = t.range;
  const range = rangeOf(e.address);
  const undo: Edit[] = [restoreTableSize(sheet.name, t.name, formatRange(old))];
  const width = rangeWidth(range);
  if (width > t.model.columns.length) {
    const added: RangeAddress = { top: range.top, bottom: range.top, left: old.right + 1, right: range.right };
    undo.push(undoCells(sheet, added));
    const { names, writes } = headerNames(sheet, range.top, added.left, added.right, t.model.columns.map((c) => c.name));
    for (const w of writes) sheet.getCell(range.top, w.col).value = w.name;
    for (const name of names) t.model.columns.push({ name, filterButton: true, totalsRowFunction: "none" });
  } else {
    t.model.columns.splice(width);
  }
  setTableRange(t, range);
  return undo;
}

// ---------------------------------------------------------------------------

function unitsOf(e: Edit): number {
  if (e.type === "setCells") return 1 + Math.floor((e.cells.length * (e.cells[0]?.length ?? 0)) / CHUNK_CELLS);
  if (e.type === "setNumberFormat") {
    const r = parseRange(e.address);
    return 1 + (r ? Math.floor((rangeWidth(r) * rangeHeight(r)) / CHUNK_CELLS) : 0);
  }
  return 1;
}

function applyEdit(ctx: Ctx, e: Edit): Edit[] {
  const tableRange = (sheet: string, name: string) => {
    const ws = ctx.host.findSheet(sheet);
    return ws ? sheetTables(ws).find((t) => t.name.toLowerCase() === name.toLowerCase())?.range : undefined;
  };
  ctx.host.journal.push({ edit: e, sheet: journalSheetOf(e), cells: cellsWrittenBy(e, tableRange, parseRange) });
  switch (e.type) {
    case "addSheet":
      return addSheet(ctx, e);
    case "deleteSheet":
      return deleteSheet(ctx, e);
    case "setCells":
      return setCells(ctx, e);
    case "fillFormula":
      return fillFormula(ctx, e);
    case "copyCells":
      return copyCells(ctx, e);
    case "createTable":
      return createTable(ctx, e);
    case "removeTable":
      return removeTable(ctx, e);
    case "addTableColumns":
      return addTableColumns(ctx, e);
    case "removeTableColumns":
      return removeTableColumns(ctx, e);
    case "resizeTable":
      return resizeTable(ctx, e);
    case "unmergeCells":
      return unmergeCells(ctx, e);
    case "mergeCells":
      return mergeCells(ctx, e);
    case "setNumberFormat":
      return setNumberFormat(ctx, e);
    case "setStyle":
      return setStyle(ctx, e);
    case "setColumnWidths":
      return setColumnWidths(ctx, e);
    case "setDataValidation":
      return setDataValidation(ctx, e);
    case "replaceConditionalFormats":
      return replaceConditionalFormats(ctx, e);
    case "setMetadata":
      return setMetadata(ctx, e);
    case "setChart":
    case "removeChart":
      return applyChartEdit(ctx.host.charts, e);
  }
}

function sheetOf(e: Edit): string | undefined {
  return "sheet" in e ? e.sheet : e.type === "setMetadata" ? METADATA_SHEET : undefined;
}

export async function applyPlan(host: XlsxHost, input: Plan, progress?: Progress): Promise<ApplyResult> {
  const file = host.fileName;
  const check = checkPlan(input);
  if (!check.ok) {
    const shown = check.error.slice(0, 8).join("; ");
    const more = check.error.length > 8 ? ` (and ${check.error.length - 8} more)` : "";
    throw new WorkbookError(`The plan for “${file}” is not valid, so nothing was changed: ${shown}${more}.`, { file });
  }
  const plan = check.value;
  const world = new PlanWorld(host);
  plan.edits.forEach((e, i) => {
    try {
      checkEdit(world, e);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      const sheet = err.sheet ?? sheetOf(e);
      const where = [sheet ? `sheet “${sheet}”` : "", err.cell ? `cell ${err.cell}` : ""].filter(Boolean).join(", ");
      throw new WorkbookError(`Nothing was changed in “${file}”: edit ${i + 1} (${e.type})${where ? ` on ${where}` : ""} cannot be applied: ${err.message}.`, {
        file,
        ...(sheet ? { sheet } : {}),
        ...(err.cell ? { cell: err.cell } : {}),
      });
    }
  });

  const chartProblem = await chartRefusal(host.charts, plan);
  if (chartProblem) {
    const e = plan.edits[chartProblem.index] as Edit;
    throw new WorkbookError(`Nothing was changed in “${file}”: edit ${chartProblem.index + 1} (${e.type}) on sheet “${chartProblem.sheet}” cannot be applied: ${chartProblem.message}.`, { file, sheet: chartProblem.sheet });
  }

  const total = plan.edits.reduce((n, e) => n + unitsOf(e), 0);
  let done = 0;
  const tick = (units = 1) => {
    if (units <= 0) return;
    done = Math.min(total, done + units);
    progress?.(done, total);
  };
  const ctx: Ctx = { host, tick };
  const inverses: Edit[][] = [];
  for (const [i, e] of plan.edits.entries()) {
    const before = done;
    try {
      inverses.push(applyEdit(ctx, e));
    } catch (err) {
      const rolledBack = rollBack(host, inverses);
      const sheet = sheetOf(e);
      throw new WorkbookError(
        `Applying edit ${i + 1} (${e.type}) to “${file}” failed: ${(err as Error).message}. ${rolledBack ? "The earlier edits were undone; the workbook is as it was." : "Undoing the earlier edits also failed; do not save this workbook."}`,
        { file, ...(sheet ? { sheet } : {}) },
      );
    }
    tick(before + unitsOf(e) - done);
  }
  return { editsApplied: plan.edits.length, undo: { excelUndoGroup: false, inverse: inversePlan(plan.title, inverses) } };
}

function rollBack(host: XlsxHost, inverses: Edit[][]): boolean {
  try {
    const ctx: Ctx = { host, tick: () => undefined };
    for (let i = inverses.length - 1; i >= 0; i--) for (const e of inverses[i]) applyEdit(ctx, e);
    return true;
  } catch {
    return false;
  }
}
