/**
 * Which formula cells of a loaded workbook carry a cached result the plan
 * wrote (core's figure for that formula), as opposed to one the file came
 * with. The part writer keeps a file's own formula cells as they were; a
 * cell in this set it writes out with the plan's result as its value.
 */
import type ExcelJS from "exceljs";

const written = new WeakSet<ExcelJS.Cell>();

export function markPlanResult(cell: ExcelJS.Cell, hasResult: boolean): void {
  if (hasResult) written.add(cell);
  else written.delete(cell);
}

export function hasPlanResult(cell: ExcelJS.Cell): boolean {
  return written.has(cell);
}
