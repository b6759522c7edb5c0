/**
 * The plan that writes the summary sheet: the sheet (once), its cells in one
 * 2-D write, number formats, bold header rows, one set of RAG colour rules
 * (replaced, never stacked) and the record of which sheet is ours. Run again,
 * it rewrites the same sheet in place, clearing what the last run left beyond
 * the new block; when nothing changed the plan is empty.
 */
import { columnLetter, formatRange, parseRange } from "../grid/address";
import type { CellValue } from "../grid/cell";
import type { CellInput, Edit } from "../plan/edits";
import { plan, type Plan } from "../plan/plan";
import { normaliseFormula } from "../registers/formulas";
import { chartChanges, drawnCharts, sameCharts, summaryCharts, type DrawnChart } from "./summary-charts";
import { SUMMARY_SHEET, type SummaryCell, type SummaryLayout } from "./summary-sheet";
import { freeSheetName } from "../grid/sheet-names";

export const FINANCE_METADATA_KEY = "finance";

export interface ExistingSummary {
  /** The summary sheet as read (values, formulas, formats), or null when the workbook has none yet. */
  grid: { address: string; values: CellValue[][]; formulas: (string | null)[][]; numberFormats: string[][] } | null;
  /** The record says this sheet was written by the variance job. */
  ours: boolean;
  /** The charts the record says the job drew there. */
  charts?: DrawnChart[];
}

function sameCell(planned: CellInput, value: CellValue, formula: string | null): boolean {
  if (planned !== null && typeof planned === "object") return formula !== null && normaliseFormula(formula) === normaliseFormula(planned.formula);
  if (formula !== null) return false;
  if (planned === null) return value === null || value === "";
  return planned === value;
}

/** A formula cell carries the figure core computed for it as its cached result; a cell core has no figure for gets none. */
function withResult(cell: SummaryCell | undefined): CellInput {
  const input = cell?.input ?? null;
  if (input === null || typeof input !== "object" || cell?.expect === undefined || cell.expect === null) return input;
  if (typeof cell.expect === "number" && !Number.isFinite(cell.expect)) return input;
  return { ...input, result: cell.expect };
}

function unchanged(layout: SummaryLayout, grid: NonNullable<ExistingSummary["grid"]>, formatOf: (row: number, col: number) => string | undefined): boolean {
  const r = parseRange(grid.address);
  if (!r || r.top !== 1 || r.left !== 1) return false;
  const height = Math.max(layout.rows.length, r.bottom);
  const width = Math.max(layout.width, r.right);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const planned = layout.rows[i]?.[j]?.input ?? null;
      if (!sameCell(planned, grid.values[i]?.[j] ?? null, grid.formulas[i]?.[j] ?? null)) return false;
      const f = formatOf(i + 1, j + 1);
      if (f && (grid.numberFormats[i]?.[j] ?? "General") !== f) return false;
    }
  }
  return true;
}

/** The number format the layout gives a cell (formats are single-column ranges), by column then row. */
function formatLookup(layout: SummaryLayout): (row: number, col: number) => string | undefined {
  const byColumn = new Map<number, { top: number; bottom: number; format: string }[]>();
  for (const f of layout.formats) {
    const r = parseRange(f.address);
    if (!r) continue;
    for (let c = r.left; c <= r.right; c++) byColumn.set(c, [...(byColumn.get(c) ?? []), { top: r.top, bottom: r.bottom, format: f.format }]);
  }
  return (row, col) => byColumn.get(col)?.find((x) => row >= x.top && row <= x.bottom)?.format;
}

/** The sheet name to write: ours if the record says so, else the first free "PMO Finance", "PMO Finance 2"... */
export function summarySheetName(sheets: readonly string[], recorded: string | null): string {
  if (recorded && sheets.includes(recorded)) return recorded;
  return freeSheetName(SUMMARY_SHEET, sheets);
}

export function planSummary(layout: SummaryLayout, sheet: string, existing: ExistingSummary): Plan {
  const title = `Budget variance and earned value on “${sheet}”`;
  const charts = summaryCharts(layout, sheet);
  const drawn = drawnCharts(charts);
  const before = existing.ours ? (existing.charts ?? []) : [];
  const record: Edit = { type: "setMetadata", key: FINANCE_METADATA_KEY, value: { sheet, charts: drawn.map((d) => ({ ...d })) } };
  if (existing.grid && existing.ours && unchanged(layout, existing.grid, formatLookup(layout))) {
    return sameCharts(before, drawn) ? plan(title, []) : plan(title, [...chartChanges(charts, before, sheet, false), record]);
  }
  const edits: Edit[] = [];
  if (!existing.grid) edits.push({ type: "addSheet", sheet, hidden: "visible" });
  const old = existing.grid ? parseRange(existing.grid.address) : undefined;
  const height = Math.max(layout.rows.length, old?.bottom ?? 0);
  const width = Math.max(layout.width, old?.right ?? 0);
  const cells: CellInput[][] = [];
  for (let i = 0; i < height; i++) {
    const row: CellInput[] = [];
    for (let j = 0; j < width; j++) row.push(withResult(layout.rows[i]?.[j]));
    cells.push(row);
  }
  edits.push({ type: "setCells", sheet, address: formatRange({ top: 1, left: 1, bottom: height, right: width }), cells, label: "variance and earned value formulas" });
  for (const f of layout.formats) edits.push({ type: "setNumberFormat", sheet, address: f.address, format: f.format });
  for (const r of layout.headerRows) edits.push({ type: "setStyle", sheet, address: formatRange({ top: r, bottom: r, left: 1, right: layout.width }), style: { bold: true } });
  edits.push({ type: "setStyle", sheet, address: "A1:A1", style: { bold: true } });
  const area = formatRange({ top: 1, left: 1, bottom: height, right: width });
  edits.push({
    type: "replaceConditionalFormats",
    sheet,
    address: area,
    label: "RAG colours (the words Red, Amber, Green stay readable without them)",
    rules: [
      { kind: "cellValue", operator: "equal", formula1: '"Red"', fill: "#FFC7CE", fontColor: "#9C0006" },
      { kind: "cellValue", operator: "equal", formula1: '"Amber"', fill: "#FFEB9C", fontColor: "#9C5700" },
      { kind: "cellValue", operator: "equal", formula1: '"Green"', fill: "#C6EFCE", fontColor: "#006100" },
    ],
  });
  edits.push({ type: "setColumnWidths", sheet, widths: Array.from({ length: layout.width }, (_, i) => ({ column: columnLetter(i + 1), width: i < 4 ? 22 : 14 })) });
  edits.push(...chartChanges(charts, before, sheet, true));
  if (!existing.ours || !sameCharts(before, drawn)) edits.push(record);
  return plan(title, edits);
}
