/**
 * A register's rows read for the jobs that read records (validation, the
 * rollup, the heat map): one read of the register's block, each mapped
 * column's cell by field. Apart from the validation job so that a job that
 * only reads rows (a rollup worker) does not load the checks.
 */
import { columnIndex, formatRange } from "../../core/grid/address";
import { dateToSerial, type CellValue } from "../../core/grid/cell";
import type { DetectedRegister } from "../../core/detect/detect";
import type { Template } from "../../core/templates/schema";
import type { RegisterRows } from "../../core/validate/register-rows";
import type { WorkbookHost } from "../../hosts/host";

/** An Excel serial for a day (no time) in local time, as registers store dates. */
export function daySerial(d: Date): number {
  return Math.floor(dateToSerial(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()))));
}

/** One register's mapped columns, row by row, from one read of its block (the rollup reads registers the same way). */
export async function readRegisterRows(host: WorkbookHost, register: DetectedRegister, template: Template, onTemplate: boolean): Promise<RegisterRows> {
  const left = columnIndex(register.firstColumn) ?? 1;
  const right = columnIndex(register.lastColumn) ?? left;
  const columns: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const [field, mapped] of Object.entries(register.columns)) {
    columns[field] = mapped.column;
    headers[field] = mapped.header.replace(/\s+/g, " ").trim() || field;
  }
  const base = { sheet: register.sheet, kind: register.kind, template, onTemplate, columns, headers };
  if (register.lastRow < register.firstRow) return { ...base, rows: [] };
  const grid = await host.read(register.sheet, formatRange({ top: register.firstRow, bottom: register.lastRow, left, right }));
  const skip = new Set([...register.skippedRows.blank, ...register.skippedRows.idOnly]);
  const offsets = Object.entries(columns).map(([field, letter]) => [field, (columnIndex(letter) ?? left) - left] as const);
  const rows: RegisterRows["rows"] = [];
  grid.values.forEach((values, i) => {
    const row = register.firstRow + i;
    if (skip.has(row)) return;
    const cells: RegisterRows["rows"][number]["cells"] = {};
    for (const [field, offset] of offsets) {
      const value: CellValue = values[offset] ?? null;
      cells[field] = { value, format: grid.numberFormats[i]?.[offset] ?? "General", formula: grid.formulas[i]?.[offset] ?? null };
    }
    rows.push({ row, cells });
  });
  return { ...base, rows };
}
