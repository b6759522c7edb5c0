/**
 * A long register's body for measuring where it ends, without reading every
 * cell of every row: the rows already read (the sheet's preview), its last
 * rows in full (where totals, legends and placeholders sit), and between
 * them only a few columns, enough to prove those rows plain records
 * (core/detect/plain-rows.ts). In Excel that is one round trip however many
 * rows the register has, where reading it whole took one per few megabytes. When the proof fails, or measuring turns out to need the middle
 * rows' cells, the caller reads the body whole as before.
 */
import { formatRange, rangesIntersect, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { comparableText } from "../../core/detect/extent";
import { arePlainRecords, headerWord } from "../../core/detect/plain-rows";
import { hasContent, valueAt, formulaAt, type SheetCells } from "../../core/detect/sheet-cells";
import type { CellsQuery, WorkbookHost } from "../../hosts/host";
import { cellJsonBytes } from "./cell-weight";

/** Rows at the bottom of the used range read in full. */
export const TAIL_ROWS = 60;

export interface LightBodyInput {
  sheet: string;
  /** The cells read so far (the preview), from the top of the used range. */
  head: SheetCells;
  /** The register's columns and the rows to measure down to (the used range's last row). */
  left: number;
  right: number;
  bottom: number;
  headerRow: number;
  firstRow: number;
  idCol?: number;
  /** Merged areas known on the sheet: rows under one are not proven plain here. */
  merges: readonly RangeAddress[];
}

/** What one column of the head says about reading it below: whether it holds formulas, how often a typed value, and what a cell weighs. */
function columnHead(head: SheetCells, col: number, firstRow: number, lastRow: number): { formulas: boolean; typedShare: number; bytes: number } {
  let rows = 0;
  let typed = 0;
  let bytes = 0;
  let formulas = false;
  for (let r = firstRow; r <= lastRow; r++) {
    rows++;
    const f = formulaAt(head, r, col);
    const v = valueAt(head, r, col);
    if (f) formulas = true;
    else if (hasContent(v)) typed++;
    bytes += f ? f.length + 5 : cellJsonBytes(v);
  }
  return { formulas, typedShare: rows ? typed / rows : 0, bytes: rows ? bytes / rows : 8 };
}

/**
 * Cells as a `read` gives them, from the answers of "values", "formulas" and
 * "numberFormats": a cell holds a formula when its formula text is not its
 * value (a text that starts with "=" reads the same in both).
 */
function tailCells(values: CellValue[][], formulaCells: CellValue[][], formats: CellValue[][]): { values: CellValue[][]; formulas: (string | null)[][]; numberFormats: string[][] } {
  return {
    values,
    formulas: formulaCells.map((row, i) => row.map((f, j) => (typeof f === "string" && f.startsWith("=") && f !== values[i]?.[j] ? f : null))),
    numberFormats: formats.map((row) => row.map((f) => (typeof f === "string" && f ? f : "General"))),
  };
}

/** Rows from `from` of a SheetCells, cut to columns left..right. */
function cutRows<T>(rows: readonly T[][] | undefined, fromLeft: number, left: number, right: number): T[][] {
  return (rows ?? []).map((row) => row.slice(left - fromLeft, right - fromLeft + 1));
}

/**
 * The body as described above, or null when the register is too short for
 * it to spare anything, or the middle rows are not proven plain.
 */
export async function lightBody(host: WorkbookHost, input: LightBodyInput): Promise<SheetCells | null> {
  const { head, left, right, bottom, headerRow, firstRow } = input;
  if (!host.queryCells) return null;
  const headBottom = head.top + head.values.length - 1;
  const tailTop = bottom - TAIL_ROWS + 1;
  const middle = { top: headBottom + 1, bottom: tailTop - 1, left, right };
  if (firstRow > headBottom - 5 || middle.bottom - middle.top + 1 < TAIL_ROWS) return null;
  if (input.merges.some((m) => rangesIntersect(m, middle))) return null;

  const headers = new Map<number, string | null>();
  const plan = new Map<number, ReturnType<typeof columnHead>>();
  for (let c = left; c <= right; c++) {
    const h = valueAt(head, headerRow, c);
    headers.set(c, typeof h === "string" && h.trim() ? comparableText(h) : null);
    plan.set(c, columnHead(head, c, firstRow, headBottom));
  }
  // Read: the first column (its text is the row's first), the id, columns with formulas, then the lightest
  // columns typed in nearly every record until two such are read.
  const read = new Set<number>([left, ...(input.idCol ? [input.idCol] : [])]);
  for (const [c, p] of plan) if (p.formulas) read.add(c);
  const typedEnough = (c: number) => (plan.get(c)?.typedShare ?? 0) >= 0.95;
  const byWeight = [...plan.entries()].filter(([c]) => !read.has(c) && typedEnough(c)).sort((a, b) => a[1].bytes - b[1].bytes);
  for (const [c] of byWeight) {
    if ([...read].filter(typedEnough).length >= 2) break;
    read.add(c);
  }

  const columns = [...plan.keys()];
  const queries: CellsQuery[] = [];
  const asked: { col: number; what: "cells" | "formulas" | "word" }[] = [];
  for (const c of columns) {
    const address = formatRange({ top: middle.top, bottom: middle.bottom, left: c, right: c });
    if (read.has(c)) {
      queries.push({ address, ask: "formulas", bytesPerCell: plan.get(c)?.bytes ?? 8 });
      asked.push({ col: c, what: "cells" });
      continue;
    }
    queries.push({ address, ask: "hasFormulas" });
    asked.push({ col: c, what: "formulas" });
    const word = headerWord(headers.get(c) ?? null);
    if (word) {
      queries.push({ address, ask: "hasText", text: word });
      asked.push({ col: c, what: "word" });
    }
  }
  // The last rows in full, asked with the rest: one round trip, and few rows if the proof fails.
  const tailRange = formatRange({ top: tailTop, bottom, left, right });
  const tailAt = queries.length;
  queries.push({ address: tailRange, ask: "values" }, { address: tailRange, ask: "formulas" }, { address: tailRange, ask: "numberFormats" });
  const answers = await host.queryCells(input.sheet, queries);
  const readCells = new Map<number, CellValue[]>();
  const unread = new Map<number, { hasFormulas: boolean; hasHeaderWord: boolean }>();
  asked.forEach((a, k) => {
    const answer = answers[k];
    if (a.what === "cells") {
      readCells.set(a.col, (answer?.cells ?? []).map((row) => row[0] ?? null));
      return;
    }
    const u = unread.get(a.col) ?? { hasFormulas: false, hasHeaderWord: false };
    if (a.what === "formulas") u.hasFormulas = answer?.found !== false;
    else u.hasHeaderWord = answer?.found !== false;
    unread.set(a.col, u);
  });
  const middleRows = middle.bottom - middle.top + 1;
  if (!arePlainRecords({ firstCol: left, lastCol: right, idCol: input.idCol, headers, top: middle.top, read: readCells, unread }, middleRows)) return null;

  const tail = tailCells(answers[tailAt]?.cells ?? [], answers[tailAt + 1]?.cells ?? [], answers[tailAt + 2]?.cells ?? []);
  const none: never[] = [];
  return {
    sheet: input.sheet,
    top: head.top,
    left,
    values: [...cutRows(head.values, head.left, left, right), ...new Array<CellValue[]>(middleRows).fill(none), ...tail.values],
    formulas: [...cutRows(head.formulas, head.left, left, right), ...new Array<(string | null)[]>(middleRows).fill(none), ...tail.formulas],
    numberFormats: [...cutRows(head.numberFormats, head.left, left, right), ...new Array<string[]>(middleRows).fill(none), ...tail.numberFormats],
    merges: [...input.merges],
    plainRows: { top: middle.top, bottom: middle.bottom },
  };
}
