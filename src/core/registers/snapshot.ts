/**
 * What the apply and drift planners look at: one register as read from a
 * workbook (cells, its table if it has one, rules and header looks), plus the
 * workbook-wide names and the stored record. Jobs fill it through the host
 * port; core only reads it.
 */
import { columnIndex, formatRange, parseRange, type RangeAddress } from "../grid/address";
import type { CellValue } from "../grid/cell";
import type { DetectedRegister } from "../detect/detect";
import type { SheetCells } from "../detect/sheet-cells";
import type { WorkbookMetadata, RegisterRecord } from "../metadata/schema";
import type { CellStyle, ConditionalFormat, DataValidation } from "../plan/edits";
import type { Band, Template, TemplateColumn } from "../templates/schema";

/** An Excel table already there (the outline's TableOutline, without importing hosts). */
export interface ExistingTable {
  name: string;
  address: string;
  headers: string[];
  showTotals: boolean;
}

export interface ColumnRules {
  validation: DataValidation | null | "mixed";
  conditionalFormats: { address: string; rules: ConditionalFormat[] }[];
}

export interface RegisterSnapshot {
  register: DetectedRegister;
  table: ExistingTable | null;
  /**
   * Cells from the header row to the body's last row, from the register's
   * first column to at least `growthColumns` columns past its last one (to see
   * whether added columns have room).
   */
  cells: SheetCells;
  /** Rules over each existing column's body range, by column letter; null when the host cannot tell. */
  rules: Map<string, ColumnRules> | null;
  /** Looks of the header row cells, left to right; null when the host cannot tell. */
  headerLooks: Pick<CellStyle, "bold" | "fill" | "wrapText">[] | null;
  sheetNames: string[];
  tableNames: string[];
  metadata: WorkbookMetadata;
  /** The lookup sheet's cells when it exists (from A1). */
  lists: SheetCells | null;
}

/** Where the register's table is or will be. */
export interface RegisterGeometry {
  sheet: string;
  headerRow: number;
  firstBodyRow: number;
  lastBodyRow: number;
  left: number;
  right: number;
}

function col(letter: string): number {
  const c = columnIndex(letter);
  if (c === undefined) throw new Error(`bad column letter from detection: ${letter}`);
  return c;
}

/**
 * The table's own range when there is one; otherwise the header row down to
 * the last detected row (totals, legends and trailing blank or ID-only rows
 * stay outside), with at least one body row because a table needs one.
 */
export function registerGeometry(register: DetectedRegister, table: ExistingTable | null): RegisterGeometry {
  const range: RangeAddress | undefined = table ? parseRange(table.address) : undefined;
  if (table && range) {
    return {
      sheet: register.sheet,
      headerRow: range.top,
      firstBodyRow: range.top + 1,
      lastBodyRow: Math.max(range.top + 1, range.bottom - (table.showTotals ? 1 : 0)),
      left: range.left,
      right: range.right,
    };
  }
  return {
    sheet: register.sheet,
    headerRow: register.headerRow,
    firstBodyRow: register.headerRow + 1,
    lastBodyRow: Math.max(register.headerRow + 1, register.lastRow),
    left: col(register.firstColumn),
    right: col(register.lastColumn),
  };
}

export function bodyAddress(g: RegisterGeometry, column: number): string {
  return formatRange({ top: g.firstBodyRow, bottom: g.lastBodyRow, left: column, right: column });
}

/** The stored record for this register: same sheet and same table, or same header row when there is no table. */
export function storedRecordFor(metadata: WorkbookMetadata, register: DetectedRegister, tableName?: string): RegisterRecord | undefined {
  const sheet = register.sheet.toLowerCase();
  return metadata.registers.find(
    (r) => r.sheet.toLowerCase() === sheet && ((tableName && r.table?.toLowerCase() === tableName.toLowerCase()) || r.headerRow === register.headerRow),
  );
}

export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "object") return v.error;
  return String(v);
}

export function sameHeader(a: string, b: string): boolean {
  return a.replace(/\s+/g, " ").trim().toLowerCase() === b.replace(/\s+/g, " ").trim().toLowerCase();
}

/** A template column as it sits in the register: where, under which header, and whether the plan adds it. */
export interface PlacedColumn {
  column: TemplateColumn;
  col: number;
  header: string;
  added: boolean;
  lowConfidence: boolean;
  /** A band column's formula in the other shapes the toolkit writes it (over the score, or over the levels): the toolkit's own, rewritten when the register's levels change kind. */
  toolkitShapes?: string[];
  /** A band column that shows its score column's own band: the field and the bands its formula looks the score up in. */
  bandOf?: { field: string; bands: readonly Band[] };
}

export function templateHasColumn(t: Template, id: string): boolean {
  return t.columns.some((c) => c.id === id);
}
