/**
 * Small read helpers over ExcelJS worksheets that never create rows or cells
 * (ExcelJS's getRow/getCell do, which would change the workbook by reading it),
 * plus the few internals ExcelJS keeps untyped (merges, table models).
 */
import type ExcelJS from "exceljs";
import { formatRange, parseRange, type RangeAddress } from "../../core/grid/address";
import { hasContent } from "./cell-values";

/**
 * The tight range of cells that hold something; null for an empty sheet.
 * ExcelJS's own dimensions count styled blanks. Each row is searched from its
 * ends only as far as the range found so far: a register's rows usually
 * start and end at the same columns, so a long sheet costs a cell or two a row.
 */
export function contentRange(ws: ExcelJS.Worksheet): RangeAddress | null {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  const filled = (row: ExcelJS.Row, c: number) => {
    const cell = row.findCell(c);
    return !!cell && hasContent(cell);
  };
  for (let r = 1, last = ws.rowCount; r <= last; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const n = row.cellCount;
    let first = 0;
    for (let c = 1; c <= n; c++) {
      if (filled(row, c)) {
        first = c;
        break;
      }
    }
    if (first === 0) continue;
    if (r < top) top = r;
    bottom = r;
    if (first < left) left = first;
    if (first > right) right = first;
    for (let c = n; c > right; c--) {
      if (filled(row, c)) {
        right = c;
        break;
      }
    }
  }
  return bottom === 0 ? null : { top, left, bottom, right };
}

interface MergeRange {
  model: { top: number; left: number; bottom: number; right: number };
}

/** Merged areas of a sheet. ExcelJS keeps them in an untyped `_merges` map keyed by top-left cell. */
export function mergedRanges(ws: ExcelJS.Worksheet): RangeAddress[] {
  const merges = (ws as unknown as { _merges?: Record<string, MergeRange> })._merges ?? {};
  return Object.values(merges).map((m) => ({ ...m.model }));
}

/** The parts of an ExcelJS table model this host reads and writes (ExcelJS types them loosely). */
export interface TableModel {
  name: string;
  displayName?: string;
  ref?: string;
  tableRef: string;
  autoFilterRef?: string;
  headerRow: boolean;
  totalsRow: boolean;
  columns: { name: string; filterButton?: boolean; totalsRowLabel?: string; totalsRowFunction?: string; totalsRowFormula?: string;
    /** The host's own: a calculated column's formula ("=" first), which ExcelJS neither reads nor writes (see calculated-columns.ts). */
    calculatedColumnFormula?: string;
  }[];
  rows?: unknown[][];
  style?: { theme?: string; name?: string; showFirstColumn?: boolean; showLastColumn?: boolean; showRowStripes?: boolean; showColumnStripes?: boolean };
}

export interface SheetTable {
  name: string;
  model: TableModel;
  range: RangeAddress;
}

/** A sheet's tables with their models. `ws.tables` maps name → Table, whose `table` is the model. */
export function sheetTables(ws: ExcelJS.Worksheet): SheetTable[] {
  const tables = (ws as unknown as { tables: Record<string, { table: TableModel }> }).tables ?? {};
  const out: SheetTable[] = [];
  for (const t of Object.values(tables)) {
    const model = t.table;
    const range = parseRange(model.tableRef ?? model.ref ?? "");
    if (range) out.push({ name: model.name, model, range });
  }
  return out;
}

export function tableAddress(t: SheetTable): string {
  return formatRange(t.range);
}
