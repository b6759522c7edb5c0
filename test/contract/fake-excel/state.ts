/**
 * The workbook an in-memory Excel holds: sheets of cells, tables, data
 * validations, conditional formats. Proxies (proxies.ts) read and change it
 * only when a request context syncs, as Office.js does.
 *
 * Cells are stored row by row in sparse arrays so a 100,000-row register
 * costs a few hundred thousand small arrays, not millions of objects.
 */
import { formatRange, rangeContains, rangesIntersect, type RangeAddress } from "../../../src/core/grid/address";

export type StoredValue = string | number | boolean | { error: string } | null;

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fill?: string | null;
  fontColor?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

export interface RowStore {
  /** Constant value (null when empty or a formula). */
  v: StoredValue[];
  /** Formula text ("=...") or undefined. */
  f: (string | undefined)[];
  /** Number format, undefined = "General". */
  nf: (string | undefined)[];
  st?: (CellStyle | undefined)[];
}

export interface TableState {
  id: number;
  name: string;
  range: RangeAddress;
  showTotals: boolean;
  style: string;
}

export interface ValidationState {
  range: RangeAddress;
  rule: Record<string, unknown>;
  ignoreBlanks: boolean;
  prompt?: { message?: string; showPrompt?: boolean; title?: string };
  errorAlert?: { message?: string; showAlert?: boolean; style?: string; title?: string };
}

export interface ConditionalFormatState {
  id: number;
  /** The first area (the only one unless `areas` says otherwise). */
  range: RangeAddress;
  /** Every area when the rule applies to several (after rows were inserted or cells pasted). */
  areas?: RangeAddress[];
  type: "Custom" | "CellValue";
  formula?: string;
  operator?: string;
  formula1?: string;
  formula2?: string;
  fill?: string;
  fontColor?: string;
}

/** A chart series: the range its values and its x (category) values read; null until set. */
export interface ChartSeriesState {
  name: string;
  values: RangeAddress | null;
  xValues: RangeAddress | null;
}

export interface ChartState {
  id: number;
  name: string;
  chartType: string;
  title: string;
  series: ChartSeriesState[];
  /** The cells setPosition placed it over; null where it was left where add() put it. */
  position: { start: RangeAddress; end: RangeAddress } | null;
}

export interface SheetState {
  id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  rows: Map<number, RowStore>;
  columnWidths: Map<number, number>;
  tables: TableState[];
  validations: ValidationState[];
  conditionalFormats: ConditionalFormatState[];
  merges: RangeAddress[];
  /** Charts on the sheet, in the order added (absent until the first). */
  charts?: ChartState[];
}

export interface WorkbookState {
  sheets: SheetState[];
  nextId: number;
  /** Application.calculationMode; "Automatic" when unset. */
  calculationMode?: "Automatic" | "AutomaticExceptTables" | "Manual";
  /** The sheet the user has open; the first visible one when unset. */
  activeSheetId?: number;
  /**
   * The selected range, as Range.select() or the person left it; `address`
   * may list several areas ("B2:C3,E5"), `activeCell` is the cell typing
   * goes into (the first area's top-left unless set). A1 of the active sheet
   * when unset, as in a workbook just opened.
   */
  selection?: { sheetId: number; address: string; activeCell?: string };
  /** Workbook.protection.protected: the structure is locked, so sheets cannot be added, hidden, shown or deleted. */
  structureProtected?: boolean;
}

export function activeSheet(wb: WorkbookState): SheetState | undefined {
  return wb.sheets.find((s) => s.id === wb.activeSheetId) ?? wb.sheets.find((s) => s.visibility === "Visible");
}

/** Every area a colour rule applies to. */
export function cfAreas(cf: ConditionalFormatState): RangeAddress[] {
  return cf.areas ?? [cf.range];
}

export function newWorkbookState(): WorkbookState {
  return { sheets: [], nextId: 1 };
}

export function newSheet(wb: WorkbookState, name: string): SheetState {
  return {
    id: wb.nextId++,
    name,
    visibility: "Visible",
    rows: new Map(),
    columnWidths: new Map(),
    tables: [],
    validations: [],
    conditionalFormats: [],
    merges: [],
  };
}

export function rowOf(sheet: SheetState, row: number): RowStore {
  let r = sheet.rows.get(row);
  if (!r) {
    r = { v: [], f: [], nf: [] };
    sheet.rows.set(row, r);
  }
  return r;
}

export function findSheet(wb: WorkbookState, name: string): SheetState | undefined {
  const lower = name.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === lower);
}

export function allTables(wb: WorkbookState): { sheet: SheetState; table: TableState }[] {
  return wb.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
}

function hasValue(r: RowStore, c: number): boolean {
  const v = r.v[c];
  return r.f[c] !== undefined || (v !== null && v !== undefined && v !== "");
}

function hasFormat(r: RowStore, c: number): boolean {
  return (r.nf[c] !== undefined && r.nf[c] !== "General") || (r.st?.[c] !== undefined && Object.keys(r.st[c] as object).length > 0);
}

/** Excel's used range: cells with content (valuesOnly) or also formatted cells; null when none. */
export function usedRange(sheet: SheetState, valuesOnly: boolean): RangeAddress | null {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  for (const [row, r] of sheet.rows) {
    const width = Math.max(r.v.length, r.f.length, r.nf.length, r.st?.length ?? 0);
    for (let c = 1; c < width; c++) {
      if (hasValue(r, c) || (!valuesOnly && hasFormat(r, c))) {
        if (row < top) top = row;
        if (row > bottom) bottom = row;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
  }
  if (!valuesOnly) {
    for (const t of sheet.tables) {
      top = Math.min(top, t.range.top);
      bottom = Math.max(bottom, t.range.bottom);
      left = Math.min(left, t.range.left);
      right = Math.max(right, t.range.right);
    }
  }
  return bottom === 0 ? null : { top, left, bottom, right };
}

/** Parts of `area` not covered by `hole` (up to four rectangles). */
export function subtractRange(area: RangeAddress, hole: RangeAddress): RangeAddress[] {
  if (!rangesIntersect(area, hole)) return [area];
  const out: RangeAddress[] = [];
  if (area.top < hole.top) out.push({ ...area, bottom: hole.top - 1 });
  if (area.bottom > hole.bottom) out.push({ ...area, top: hole.bottom + 1 });
  const top = Math.max(area.top, hole.top);
  const bottom = Math.min(area.bottom, hole.bottom);
  if (area.left < hole.left) out.push({ top, bottom, left: area.left, right: hole.left - 1 });
  if (area.right > hole.right) out.push({ top, bottom, left: hole.right + 1, right: area.right });
  return out;
}

export { rangeContains, rangesIntersect, formatRange };
