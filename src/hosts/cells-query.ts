/**
 * queryCells for hosts that hold the workbook themselves (the file hosts):
 * one read of the rectangle the questions cover, each answered from it. A
 * read costs them no round trip, so lighter questions only spare the caller.
 */
import { formatRange, parseRange, rangeHeight, rangeWidth, type RangeAddress } from "../core/grid/address";
import { isCellError, type CellValue } from "../core/grid/cell";
import { WorkbookError, type CellsAnswer, type CellsQuery, type Grid } from "./host";
import { MAX_READ_CELLS } from "./xlsx/read-limits";

function rangeOf(sheet: string, address: string): RangeAddress {
  const r = parseRange(address);
  if (!r) throw new WorkbookError(`“${address}” is not a cell range on sheet “${sheet}” (use A1 form such as B3:N40).`, { sheet, cell: address });
  return r;
}

function cut<T>(rows: T[][], from: RangeAddress, to: RangeAddress): T[][] {
  const out: T[][] = [];
  for (let r = to.top; r <= to.bottom; r++) out.push((rows[r - from.top] ?? []).slice(to.left - from.left, to.right - from.left + 1));
  return out;
}

/** A cell as Excel's `Range.formulas` gives it: the formula's text, else the constant (an error as its text). */
function formulaCell(value: CellValue, formula: string | null): CellValue {
  if (formula) return formula;
  return isCellError(value) ? value.error : value;
}

export function answerFrom(grid: Grid, range: RangeAddress, query: CellsQuery): CellsAnswer {
  const from = parseRange(grid.address) ?? range;
  const address = formatRange(range);
  const values = cut(grid.values, from, range);
  if (query.ask === "values") return { address, cells: values };
  if (query.ask === "numberFormats") return { address, cells: cut(grid.numberFormats, from, range) };
  const formulas = cut(grid.formulas, from, range);
  if (query.ask === "formulas") return { address, cells: values.map((row, i) => row.map((v, j) => formulaCell(v, formulas[i]?.[j] ?? null))) };
  if (query.ask === "hasFormulas") return { address, found: formulas.some((row) => row.some((f) => f !== null)) };
  if (query.ask !== "hasText") throw new Error(`unknown cells query ${query.ask}`);
  const wanted = query.text.toLowerCase();
  return { address, found: values.some((row, i) => row.some((v, j) => typeof v === "string" && !formulas[i]?.[j] && v.toLowerCase().includes(wanted))) };
}

/** Answers the queries from one read of their bounding rectangle (one read each when that rectangle is too big to read at once). */
export async function queryCellsByReading(read: (sheet: string, address: string) => Promise<Grid>, sheet: string, queries: readonly CellsQuery[]): Promise<CellsAnswer[]> {
  if (!queries.length) return [];
  const ranges = queries.map((q) => rangeOf(sheet, q.address));
  const box = ranges.reduce((b, r) => ({ top: Math.min(b.top, r.top), left: Math.min(b.left, r.left), bottom: Math.max(b.bottom, r.bottom), right: Math.max(b.right, r.right) }));
  if (rangeWidth(box) * rangeHeight(box) <= MAX_READ_CELLS) {
    const grid = await read(sheet, formatRange(box));
    return queries.map((q, k) => answerFrom(grid, ranges[k] as RangeAddress, q));
  }
  const out: CellsAnswer[] = [];
  for (const [k, q] of queries.entries()) out.push(answerFrom(await read(sheet, q.address), ranges[k] as RangeAddress, q));
  return out;
}
