/**
 * What the heat map reads of a risk register: only the values of the columns
 * it places risks by (id, probability, impact, their residual pair, status),
 * not every column's formulas and formats; then the titles, which are long
 * text, of every risk while they are light enough to read at once, otherwise
 * of the risks the map's sheet lists (the ten highest on either basis). In
 * Excel that is one round trip for the columns and one for the titles,
 * however many rows the register has.
 */
import { columnIndex, formatRange, parseRange } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import type { DetectedRegister } from "../../core/detect/detect";
import { topRisks, type HeatMap } from "../../core/heatmap/model";
import type { RegisterRows } from "../../core/validate/register-rows";
import type { Template } from "../../core/templates/schema";
import type { CellsQuery, Grid, WorkbookHost } from "../../hosts/host";
import { cellJsonBytes } from "../registers/cell-weight";

/** The fields a risk is placed by. */
/** The columns that place a risk on the map and count it as open. */
export const LEVEL_FIELDS = ["probability", "impact", "residualProbability", "residualImpact", "status"] as const;
const PLACING_FIELDS = ["id", ...LEVEL_FIELDS] as const;
/** Titles of every risk are read with the rest while their estimated weight stays under this. */
export const ALL_TITLES_BYTES = 1_000_000;

/** What a cell of `column` weighs in a read, from the rows of the preview that lie in the register. */
function bytesPerCell(preview: Grid | null, column: number, firstRow: number, lastRow: number): number {
  const at = preview ? parseRange(preview.address) : undefined;
  const top = at?.top ?? 1;
  const left = at?.left ?? 1;
  let n = 0;
  let bytes = 0;
  (preview?.values ?? []).forEach((row, i) => {
    const r = top + i;
    if (r < firstRow || r > lastRow) return;
    const v = row[column - left] ?? null;
    n++;
    bytes += cellJsonBytes(v);
  });
  return n ? bytes / n : 16;
}


export interface RiskRowsRead {
  /** The placing fields' values; the titles come after the risks are placed (titlesFor). */
  rows: RegisterRows;
  /** The columns a risk's title comes from: its title, else its description (as mapRisks takes them). */
  titleColumns: { title?: number; description?: number };
  /** Whether a placing column holds formulas: its values are then the file's cached results, which Excel may calculate otherwise. */
  placedByFormulas: boolean;
}

/** The register's rows with the placing fields' values (and the titles when light), in one queryCells. */
export async function readRiskRows(host: WorkbookHost & Required<Pick<WorkbookHost, "queryCells">>, register: DetectedRegister, template: Template, preview: Grid | null): Promise<RiskRowsRead> {
  const columns: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const [field, mapped] of Object.entries(register.columns)) {
    columns[field] = mapped.column;
    headers[field] = mapped.header.replace(/\s+/g, " ").trim() || field;
  }
  const columnOf = (field: string) => (register.columns[field] ? columnIndex(register.columns[field].column) : undefined);
  const titleColumns = { ...(columnOf("title") !== undefined ? { title: columnOf("title") } : {}), ...(columnOf("description") !== undefined ? { description: columnOf("description") } : {}) };
  const base = { sheet: register.sheet, kind: register.kind, template, onTemplate: false, columns, headers };
  const height = register.lastRow - register.firstRow + 1;
  if (height <= 0) return { rows: { ...base, rows: [] }, titleColumns, placedByFormulas: false };
  const fields: { field: string; col: number }[] = [];
  for (const field of PLACING_FIELDS) {
    const col = columnOf(field);
    if (col !== undefined) fields.push({ field, col });
  }
  const columnRange = (col: number) => formatRange({ top: register.firstRow, bottom: register.lastRow, left: col, right: col });
  const queries: CellsQuery[] = [
    ...fields.map(({ col }): CellsQuery => ({ address: columnRange(col), ask: "values", bytesPerCell: bytesPerCell(preview, col, register.firstRow, register.lastRow) })),
    ...fields.filter(({ field }) => field !== "id").map(({ col }): CellsQuery => ({ address: columnRange(col), ask: "hasFormulas" })),
  ];
  const answers = await host.queryCells(register.sheet, queries);
  const placedByFormulas = answers.slice(fields.length).some((a) => a?.found === true);
  const byField = fields.map(({ field }, k) => [field, (answers[k]?.cells ?? []).map((row) => row[0] ?? null)] as const);
  const skip = new Set([...register.skippedRows.blank, ...register.skippedRows.idOnly]);
  const rows: RegisterRows["rows"] = [];
  for (let i = 0; i < height; i++) {
    const row = register.firstRow + i;
    if (skip.has(row)) continue;
    const cells: RegisterRows["rows"][number]["cells"] = {};
    // Only values are read: the heat map places risks by values alone.
    for (const [field, values] of byField) cells[field] = { value: values[i] ?? null, format: "General", formula: null };
    rows.push({ row, cells });
  }
  return { rows: { ...base, rows }, titleColumns, placedByFormulas };
}

/**
 * Fills in the titles of the risks placed, in one queryCells after the
 * placing: every risk's while they weigh little, otherwise those the map's
 * sheet lists (the ten highest, inherent and residual).
 */
export async function titlesFor(
  host: WorkbookHost & Required<Pick<WorkbookHost, "queryCells">>,
  register: DetectedRegister,
  titleColumns: RiskRowsRead["titleColumns"],
  map: HeatMap,
  preview: Grid | null,
): Promise<void> {
  const cols = [titleColumns.title, titleColumns.description].filter((c): c is number => c !== undefined);
  const mine = map.risks.filter((r) => r.sheet === register.sheet);
  if (!mine.length || !cols.length) return;
  const height = register.lastRow - register.firstRow + 1;
  const perCell = cols.map((c) => bytesPerCell(preview, c, register.firstRow, register.lastRow));
  const weight = perCell.reduce((n, b) => n + height * b, 0);
  const all = weight <= ALL_TITLES_BYTES;
  const shown = all ? mine : [...new Set([...topRisks(map, "inherent"), ...topRisks(map, "residual")])].filter((r) => r.sheet === register.sheet);
  const queries: CellsQuery[] = all
    ? cols.map((c, j) => ({ address: formatRange({ top: register.firstRow, bottom: register.lastRow, left: c, right: c }), ask: "values", bytesPerCell: perCell[j] }))
    : shown.flatMap((r) => cols.map((c) => ({ address: formatRange({ top: r.row, bottom: r.row, left: c, right: c }), ask: "values" as const })));
  const answers = await host.queryCells(register.sheet, queries);
  const at = (k: number, risk: { row: number }, j: number): CellValue => (all ? answers[j]?.cells?.[risk.row - register.firstRow]?.[0] : answers[k * cols.length + j]?.cells?.[0]?.[0]) ?? null;
  shown.forEach((r, k) => {
    const title = titleColumns.title !== undefined ? at(k, r, 0) : null;
    const description = titleColumns.description !== undefined ? at(k, r, cols.length - 1) : null;
    // As mapRisks makes a title of the cells.
    r.title = String(title ?? description ?? "").trim();
  });
}
