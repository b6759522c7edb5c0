/**
 * What a cell weighs in the JSON of a read, to size reads from the rows
 * already seen (a preview) before asking for many more like them.
 */
import type { CellValue } from "../../core/grid/cell";

/** A cell's weight in a read's JSON: the value itself, and the brackets and comma of its one-cell row. */
export function cellJsonBytes(v: CellValue): number {
  if (v === null) return 5;
  if (typeof v === "string") return v.length + 5;
  if (typeof v === "object") return v.error.length + 5;
  return String(v).length + 3;
}
