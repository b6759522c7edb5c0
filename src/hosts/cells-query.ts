/**
 * queryCells for hosts that hold the workbook themselves (the file hosts):
 * a read costs them no round trip but a pass over the sheet, so questions
 * are answered from as few reads as can be.
 */
import { formatRange, parseRange, rangeContains, rangeHeight, rangeWidth, type RangeAddress } from "../core/grid/address";
import { isCellError, type CellValue } from "../core/grid/cell";
import { rangeOnSheet, type CellsAnswer, type CellsQuery, type Grid } from "./host";
import { MAX_READ_CELLS } from "./xlsx/read-limits";

/** A cell as Excel's `Range.formulas` gives it: the formula's text, else the constant (an error as its text). */
function formulaCell(value: CellValue, formula: string | null): CellValue {
  if (formula) return formula;
  return isCellError(value) ? value.error : value;
}

export function answerFrom(grid: Grid, range: RangeAddress, query: CellsQuery): CellsAnswer {
  const from = parseRange(grid.address) ?? range;
  const address = formatRange(range);
  const top = range.top - from.top;
  const left = range.left - from.left;
  const right = range.right - from.left + 1;
  const height = range.bottom - range.top + 1;
  // Rows walked in place: copying every row for every question was most of the time on a long register.
  const each = <T>(fn: (values: CellValue[], formulas: (string | null)[], i: number) => T): T[] => {
    const out: T[] = [];
    for (let i = 0; i < height; i++) out.push(fn(grid.values[top + i] ?? [], grid.formulas[top + i] ?? [], i));
    return out;
  };
  const some = (test: (v: CellValue, f: string | null) => boolean): boolean => {
    for (let i = 0; i < height; i++) {
      const values = grid.values[top + i] ?? [];
      const formulas = grid.formulas[top + i] ?? [];
      for (let j = left; j < right; j++) if (test(values[j] ?? null, formulas[j] ?? null)) return true;
    }
    return false;
  };
  const row = <T>(line: T[], fill: T): T[] => {
    const out = line.slice(left, right);
    while (out.length < right - left) out.push(fill);
    return out;
  };
  switch (query.ask) {
    case "values":
      return { address, cells: each((values) => row(values, null)) };
    case "numberFormats":
      return { address, cells: Array.from({ length: height }, (_, i) => row(grid.numberFormats[top + i] ?? [], "General")) };
    case "formulas":
      return { address, cells: each((values, formulas) => row(values, null).map((v, j) => formulaCell(v, formulas[left + j] ?? null))) };
    case "hasFormulas":
      return { address, found: some((_v, f) => f !== null) };
    case "hasText": {
      const wanted = query.text.toLowerCase();
      return { address, found: some((v, f) => typeof v === "string" && !f && v.toLowerCase().includes(wanted)) };
    }
  }
}

/**
 * Answers queries from reads of the sheet, remembering the last: a read runs
 * from the sheet's first row to the lowest row asked, over the columns asked,
 * so a job's later questions about the same register (its end, then its
 * columns, then some titles) come from the first read. `forget` after every
 * change to the workbook.
 */
export class CellsByReading {
  private last: { sheet: string; range: RangeAddress; grid: Grid } | null = null;

  constructor(private readonly read: (sheet: string, address: string) => Promise<Grid>) {}

  forget(): void {
    this.last = null;
  }

  async query(sheet: string, queries: readonly CellsQuery[]): Promise<CellsAnswer[]> {
    if (!queries.length) return [];
    const ranges = queries.map((q) => rangeOnSheet(sheet, q.address));
    const box = ranges.reduce((b, r) => ({ top: Math.min(b.top, r.top), left: Math.min(b.left, r.left), bottom: Math.max(b.bottom, r.bottom), right: Math.max(b.right, r.right) }));
    const last = this.last;
    if (last && last.sheet.toLowerCase() === sheet.toLowerCase() && rangeContains(last.range, box)) return queries.map((q, k) => answerFrom(last.grid, ranges[k] as RangeAddress, q));
    const tall = { ...box, top: 1 };
    const range = rangeWidth(tall) * rangeHeight(tall) <= MAX_READ_CELLS ? tall : rangeWidth(box) * rangeHeight(box) <= MAX_READ_CELLS ? box : null;
    if (!range) {
      const out: CellsAnswer[] = [];
      for (const [k, q] of queries.entries()) out.push(answerFrom(await this.read(sheet, q.address), ranges[k] as RangeAddress, q));
      return out;
    }
    const grid = await this.read(sheet, formatRange(range));
    this.last = { sheet, range: parseRange(grid.address) ?? range, grid };
    return queries.map((q, k) => answerFrom(grid, ranges[k] as RangeAddress, q));
  }
}
