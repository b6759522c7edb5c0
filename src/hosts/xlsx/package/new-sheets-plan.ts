/**
 * A plan that only builds new sheets (adds them, then writes cells, number
 * formats, looks, colour rules and column widths on them, and records
 * metadata in a workbook that has no record yet), carried out without a
 * workbook model: there is nothing on those sheets to read back, merge with
 * or keep, so the cells the plan writes are the sheet, and the package saver
 * writes them as it writes a model's (save-package.ts). This is how a new
 * output workbook (a Portfolio sheet of hundreds of rows) is written without
 * loading ExcelJS. A plan that does anything else, or that works on a sheet
 * the workbook already has, gets `undefined`: the host applies it through
 * the model as before.
 */
import { columnIndex, MAX_COLUMNS, MAX_ROWS, parseRange, rangeHeight, rangeWidth, type RangeAddress } from "../../../core/grid/address";
import { encodeMetadataRow, METADATA_FIRST_ROW, METADATA_SHEET, METADATA_TITLE, metadataRowFor } from "../../../core/metadata/schema";
import type { CellInput, Edit } from "../../../core/plan/edits";
import { removeAddedSheet } from "../../../core/plan/inverse";
import { checkPlan, type Plan } from "../../../core/plan/plan";
import { cellsWrittenBy, journalSheetOf, type JournalEntry } from "./change-journal";
import { formulaContent, scalar } from "./model-cells";
import type { SheetToSave } from "./save-package";
import type { CellContent, CellSource } from "./sheet-cells";

/** The cells of a sheet the plan builds: what setCells wrote, and empty cells where only a look was set (as a model holds them). */
class PlannedCells implements CellSource {
  private readonly byRow = new Map<number, Map<number, CellInput>>();

  private rowOf(row: number): Map<number, CellInput> {
    let r = this.byRow.get(row);
    if (!r) this.byRow.set(row, (r = new Map()));
    return r;
  }

  write(row: number, col: number, input: CellInput): void {
    this.rowOf(row).set(col, input);
  }

  /** The cell exists (so its look is written) without its content changing. */
  touch(range: RangeAddress): void {
    for (let r = range.top; r <= range.bottom; r++) {
      const cells = this.rowOf(r);
      for (let c = range.left; c <= range.right; c++) if (!cells.has(c)) cells.set(c, null);
    }
  }

  valueAt(row: number, col: number): CellInput | undefined {
    return this.byRow.get(row)?.get(col);
  }

  rows(): number[] {
    return [...this.byRow.keys()].sort((a, b) => a - b);
  }

  columns(row: number): number[] {
    return [...(this.byRow.get(row)?.keys() ?? [])].sort((a, b) => a - b);
  }

  content(row: number, col: number, p: string): CellContent {
    const v = this.byRow.get(row)?.get(col);
    if (v === undefined || v === null) return null;
    if (typeof v === "object") return formulaContent(p, v.formula, v.result);
    return scalar(p, v);
  }
}

interface PlannedSheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  cells: PlannedCells;
}

function fits(range: RangeAddress | undefined): range is RangeAddress {
  return !!range && range.top >= 1 && range.left >= 1 && range.bottom <= MAX_ROWS && range.right <= MAX_COLUMNS;
}

function shaped(rows: readonly unknown[][], range: RangeAddress): boolean {
  return rows.length === rangeHeight(range) && rows.every((r) => r.length === rangeWidth(range));
}

export interface NewSheetsApplied {
  /** Every sheet of the workbook after the plan, in tab order: those it had (untouched), then those the plan added. */
  sheets: SheetToSave[];
  journal: JournalEntry[];
  /** The plan that takes the workbook back: the added sheets deleted. */
  undo: Edit[][];
}

/**
 * The plan carried out on new sheets of a workbook whose sheets are
 * `existing` (their names, in tab order); undefined when the plan is not of
 * that kind or anything in it is out of the ordinary (a bad range, a shape
 * that does not match): the model's apply then does it, or refuses it with
 * its own message.
 */
export function applyToNewSheets(input: Plan, existing: readonly string[]): NewSheetsApplied | undefined {
  // Asked first, before the plan is checked: most plans work on sheets the workbook has.
  const adds = new Set(input.edits.flatMap((e) => (e.type === "addSheet" ? [e.sheet.toLowerCase()] : [])));
  if (!adds.size || !input.edits.every((e) => e.type === "setMetadata" || adds.has(e.sheet.toLowerCase()))) return undefined;
  const check = checkPlan(input);
  if (!check.ok) return undefined;
  const plan = check.value;
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const added = new Map<string, PlannedSheet>();
  const journal: JournalEntry[] = [];
  const undo: Edit[][] = [];
  const addSheet = (name: string, state: PlannedSheet["state"]) => {
    const sheet: PlannedSheet = { name, state, cells: new PlannedCells() };
    added.set(name.toLowerCase(), sheet);
    taken.add(name.toLowerCase());
    undo.push([removeAddedSheet(name)]);
    return sheet;
  };
  for (const e of plan.edits) {
    if (e.type === "addSheet") {
      if (taken.has(e.sheet.toLowerCase())) return undefined;
      addSheet(e.sheet, e.hidden);
    } else if (e.type === "setMetadata") {
      let meta = added.get(METADATA_SHEET.toLowerCase());
      if (!meta) {
        if (taken.has(METADATA_SHEET.toLowerCase())) return undefined;
        meta = addSheet(METADATA_SHEET, "veryHidden");
        meta.cells.write(1, 1, METADATA_TITLE);
      }
      const keys: (CellInput | undefined)[] = [];
      const last = Math.max(0, ...meta.cells.rows());
      for (let r = METADATA_FIRST_ROW; r <= last; r++) keys.push(meta.cells.valueAt(r, 1) ?? null);
      const row = metadataRowFor(keys.map((k) => (k !== null && typeof k === "object" ? null : k)), e.key);
      for (const c of meta.cells.columns(row)) meta.cells.write(row, c, null);
      if (e.value !== null) encodeMetadataRow(e.key, e.value).forEach((text, i) => meta.cells.write(row, i + 1, text));
    } else if (e.type === "setCells" || e.type === "setNumberFormat" || e.type === "setStyle" || e.type === "replaceConditionalFormats") {
      const sheet = added.get(e.sheet.toLowerCase());
      const range = parseRange(e.address);
      // An edit on a sheet the workbook already has (or on none) is the model's.
      if (!sheet || !fits(range)) return undefined;
      if (e.type === "setCells") {
        if (!shaped(e.cells, range)) return undefined;
        e.cells.forEach((row, i) => row.forEach((input, j) => sheet.cells.write(range.top + i, range.left + j, input)));
      } else if (e.type === "setNumberFormat") {
        if (Array.isArray(e.format) && !shaped(e.format, range)) return undefined;
        sheet.cells.touch(range);
      } else if (e.type === "setStyle") sheet.cells.touch(range);
    } else if (e.type === "setColumnWidths") {
      if (!added.has(e.sheet.toLowerCase()) || !e.widths.every((w) => columnIndex(w.column) !== undefined)) return undefined;
    } else return undefined;
    journal.push({ edit: e, sheet: journalSheetOf(e), cells: cellsWrittenBy(e, () => undefined, parseRange) });
  }
  const plannedSheets: SheetToSave[] = [...added.values()].map((s) => ({ name: s.name, state: s.state, cells: () => s.cells, merges: () => [], tables: () => [] }));
  // The sheets the workbook has are listed so the saver keeps them; the plan touched none of them.
  const kept: SheetToSave[] = existing.map((name) => ({ name, cells: () => new PlannedCells(), merges: () => [], tables: () => [] }));
  return { sheets: [...kept, ...plannedSheets], journal, undo };
}
