/**
 * Which formula cells of a loaded workbook carry a cached result the plan
 * wrote (core's figure for that formula), as opposed to one the file came
 * with. The part writer keeps a file's own formula cells as they were; a
 * cell marked here it writes out with the plan's result as its value.
 */
import type ExcelJS from "exceljs";

// A mark on the cell object itself: a WeakSet of hundreds of thousands of cells costs more to fill and to collect.
const PLAN_RESULT = Symbol("planResult");
type Marked = ExcelJS.Cell & { [PLAN_RESULT]?: boolean };

export function markPlanResult(cell: ExcelJS.Cell, hasResult: boolean): void {
  const c = cell as Marked;
  if (hasResult) c[PLAN_RESULT] = true;
  else if (c[PLAN_RESULT]) c[PLAN_RESULT] = false;
}

export function hasPlanResult(cell: ExcelJS.Cell): boolean {
  return (cell as Marked)[PLAN_RESULT] === true;
}
