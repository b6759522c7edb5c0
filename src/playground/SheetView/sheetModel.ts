import type ExcelJS from "exceljs";
import { columnLetter, parseRange, type RangeAddress } from "../../core/grid/address";
import type { TableOutline } from "../../hosts/host";
import { contentRange, mergedRanges } from "../../hosts/xlsx/sheet-access";

export const DEFAULT_ROW_PX = 22;
const MAX_ROW_PX = 96;
/** Wider sheets are cut off in the view (the file keeps every column). */
export const MAX_VIEW_COLUMNS = 80;

export interface MergeSpan {
  colSpan: number;
  rowSpan: number;
}

export interface ViewTable {
  name: string;
  range: RangeAddress;
}

/** What the sheet view needs to draw a worksheet; cells are read lazily, only for rows on screen. */
export interface SheetModel {
  worksheet: ExcelJS.Worksheet;
  rowCount: number;
  colCount: number;
  /** True when the sheet has more columns than the view draws. */
  columnsCut: boolean;
  colWidths: number[];
  /** rowTops[i] is the pixel offset of row i + 1; rowTops[rowCount] is the full height. */
  rowTops: Float64Array;
  masters: Map<string, MergeSpan>;
  covered: Set<string>;
  tables: ViewTable[];
  letters: string[];
}

export const cellKey = (row: number, col: number): string => `${row}:${col}`;

/** Excel column widths are in characters of the default font; about 7 px each plus padding. */
function columnPx(width: number | undefined): number {
  return Math.round((width ?? 8.43) * 7 + 5);
}

export function buildSheetModel(worksheet: ExcelJS.Worksheet, tables: TableOutline[]): SheetModel {
  const content = contentRange(worksheet);
  const viewTables: ViewTable[] = tables.flatMap((t) => {
    const range = parseRange(t.address);
    return range ? [{ name: t.name, range }] : [];
  });
  const merges = mergedRanges(worksheet);
  let bottom = content?.bottom ?? 0;
  let right = content?.right ?? 0;
  for (const r of [...viewTables.map((t) => t.range), ...merges]) {
    bottom = Math.max(bottom, r.bottom);
    right = Math.max(right, r.right);
  }
  // A little empty sheet past the data, so the view reads as a sheet and not a report.
  const rowCount = Math.max(bottom + 5, 30);
  const fullCols = Math.max(right + 2, 10);
  const colCount = Math.min(fullCols, MAX_VIEW_COLUMNS);

  const colWidths: number[] = [];
  for (let c = 1; c <= colCount; c++) colWidths.push(columnPx(worksheet.getColumn(c).width));
  const rowTops = new Float64Array(rowCount + 1);
  for (let r = 1; r <= rowCount; r++) {
    const pt = worksheet.findRow(r)?.height;
    const px = pt ? Math.min(Math.max(Math.round((pt * 4) / 3), 16), MAX_ROW_PX) : DEFAULT_ROW_PX;
    rowTops[r] = rowTops[r - 1] + px;
  }

  const masters = new Map<string, MergeSpan>();
  const covered = new Set<string>();
  for (const m of merges) {
    masters.set(cellKey(m.top, m.left), { colSpan: m.right - m.left + 1, rowSpan: m.bottom - m.top + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(cellKey(r, c));
  }
  const letters = Array.from({ length: colCount }, (_, i) => columnLetter(i + 1));
  return { worksheet, rowCount, colCount, columnsCut: fullCols > colCount, colWidths, rowTops, masters, covered, tables: viewTables, letters };
}

/** The first row whose bottom edge is below `offset` (binary search over rowTops). */
export function rowAt(model: SheetModel, offset: number): number {
  let lo = 1;
  let hi = model.rowCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.rowTops[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface TablePart {
  table: ViewTable;
  header: boolean;
  banded: boolean;
  edges: { top: boolean; bottom: boolean; left: boolean; right: boolean };
}

export function tablePartAt(model: SheetModel, row: number, col: number): TablePart | undefined {
  for (const table of model.tables) {
    const r = table.range;
    if (row < r.top || row > r.bottom || col < r.left || col > r.right) continue;
    return {
      table,
      header: row === r.top,
      banded: row > r.top && (row - r.top) % 2 === 1,
      edges: { top: row === r.top, bottom: row === r.bottom, left: col === r.left, right: col === r.right },
    };
  }
  return undefined;
}
