/**
 * Months across: the columns of a tracker that each hold one month's amounts,
 * and what each holds (budget, forecast, actual...). Trackers say it in words:
 * a group header over the months ("Budget" merged over Jan..Dec beside
 * "Actual" over Jan..Dec), or the month header itself ("Jan Actual", "Budget
 * Feb-25"). The nearest words decide: the column's own header, then each
 * group row above it, nearest first. Only where no word decides does the
 * tracker decide: an earned value table's months are planned value; a budget
 * tracker's are actuals, unless it has its own to-date Actual column that the
 * months do not add up to (then they are the budget phased by month when they
 * add up to its Budget column, and unknown otherwise).
 * This is the one reader of month columns: the variance job and the reconcile
 * job both use it, each with its own reading of a period.
 */
import { isBlank, type CellValue } from "../grid/cell";
import type { RangeAddress } from "../grid/address";
import { formatAt, headerTextOf, mergeAt, valueAt, type SheetCells } from "../detect/sheet-cells";
import { AMOUNT_FIELDS, readAmount } from "./amounts";

/** What a month column holds. "budget" is the plan: budget, baseline or planned value. */
export type MonthMeasure = "budget" | "forecast" | "actual" | "earned" | "committed";

/** Where a month column's measure was read: its own header, a group header above it, or the tracker (no word said). */
export type MeasureSource = "header" | "group" | "tracker";

export interface MonthColumnRead<P> {
  column: number;
  /** The header as written (one line). */
  header: string;
  period: P;
  /** null: nothing says what the column holds, and the tracker cannot tell either. */
  measure: MonthMeasure | null;
  from: MeasureSource;
  /** The words that decided (a group header's text, the header itself), or why the tracker decided. */
  because: string;
}

export interface MonthFrame {
  cells: Pick<SheetCells, "top" | "left" | "values" | "numberFormats"> & { merges?: RangeAddress[] };
  headerRow: number;
  /** First row of the header: group rows above the header row, as detection found them (headerRow when none). */
  headerTop: number;
  left: number;
  right: number;
  /** Rows below the header the amounts are on (for adding up months against a to-date column). */
  firstRow: number;
  lastRow: number;
  kind: "budget" | "evm";
  /** Field id → 1-based column, as the register was mapped. */
  columns: Record<string, number>;
}

/** Reads the period a month header names (its measure words taken out); null when it names none. */
export type PeriodReader<P> = (value: CellValue, numberFormat: string) => P | null;

const MEASURE_WORDS: [MonthMeasure, RegExp][] = [
  ["actual", /\b(?:actuals?|spend|spent|expenditure|incurred|outturn|cost\s+to\s+date|ac)\b/i],
  ["budget", /\b(?:budget(?:ed)?|plan(?:ned)?|baseline|phasing|pv|bac)\b/i],
  ["forecast", /\b(?:forecast(?:ed)?|fcst|estimated?|estimates|projected|projection|outlook|eac|etc)\b/i],
  ["earned", /\b(?:earned|ev)\b/i],
  ["committed", /\b(?:commit(?:ted|ments?)?)\b/i],
];
const ANY_MEASURE = new RegExp(MEASURE_WORDS.map(([, re]) => re.source).join("|"), "gi");

/** Fields whose mapped column may be a month column after all ("Budget Feb-25" mapped as the budget). */
const AMOUNT_FIELD_SET = new Set<string>(AMOUNT_FIELDS);

/** The one measure some words name; null when they name none or several ("Budget vs Actual"). */
export function measureOfWords(words: string): MonthMeasure | null {
  const named = MEASURE_WORDS.filter(([, re]) => re.test(words)).map(([m]) => m);
  return named.length === 1 ? named[0] : null;
}

/** A header with the words that say what the column holds taken out: "Jan-25 Actual" → "Jan-25". */
function periodText(header: string): string {
  return header.replace(ANY_MEASURE, " ").replace(/[()[\]]/g, " ").replace(/\s+/g, " ").replace(/^[\s:–—\-/|]+|[\s:–—\-/|]+$/g, "");
}

function cellsOf(frame: MonthFrame): SheetCells {
  return { sheet: "", ...frame.cells, merges: frame.cells.merges ?? [] };
}

/**
 * The group header over a column in one row above the header: a merged cell
 * over it (not one merged down into the header row, which is the column's own
 * name), its own text, or text written once at the start of a group of month
 * columns without a merge (the nearest text to the left, when that text stands
 * over a month column itself and is not a merged area that ends before this one).
 */
function groupText(cells: SheetCells, row: number, col: number, frame: MonthFrame, isMonth: (c: number) => boolean): string {
  const merge = mergeAt(cells, row, col);
  if (merge) return merge.bottom >= frame.headerRow ? "" : headerTextOf(valueAt(cells, merge.top, merge.left));
  const own = headerTextOf(valueAt(cells, row, col));
  if (own) return own;
  for (let c = col - 1; c >= frame.left; c--) {
    if (isBlank(valueAt(cells, row, c)) && !mergeAt(cells, row, c)) continue;
    if (mergeAt(cells, row, c) || !isMonth(c)) return "";
    return headerTextOf(valueAt(cells, row, c));
  }
  return "";
}

function amountAt(cells: SheetCells, row: number, col: number): number | null {
  const a = readAmount(valueAt(cells, row, col));
  return a.kind === "number" || a.kind === "text" ? a.value : null;
}

/** Whether, row by row, the months add up to the amounts of `total` (at least one row with figures, none that differs). */
function addUpTo(cells: SheetCells, frame: MonthFrame, months: number[], total: number | undefined): boolean {
  if (total === undefined) return false;
  let compared = 0;
  for (let row = frame.firstRow; row <= frame.lastRow; row++) {
    const figures = months.map((c) => amountAt(cells, row, c)).filter((n): n is number => n !== null);
    const want = amountAt(cells, row, total);
    if (!figures.length && (want === null || want === 0)) continue;
    const sum = figures.reduce((n, x) => n + x, 0);
    if (want === null || Math.abs(sum - want) > 0.005 + Math.abs(want) * 1e-9) return false;
    compared++;
  }
  return compared > 0;
}

/** What months no word speaks for hold, by the tracker: its kind, and its own to-date columns. */
function trackerMeasure(cells: SheetCells, frame: MonthFrame, months: number[], monthSet: Set<number>): { measure: MonthMeasure | null; because: string } {
  if (frame.kind === "evm") return { measure: "budget", because: "an earned value table's months are its planned value" };
  const own = (field: string) => (frame.columns[field] !== undefined && !monthSet.has(frame.columns[field]) ? frame.columns[field] : undefined);
  const actual = own("actual") ?? own("ac");
  if (actual === undefined) return { measure: "actual", because: "a budget tracker with no Actual column of its own keeps its actuals by month" };
  if (addUpTo(cells, frame, months, actual)) return { measure: "actual", because: "they add up to the tracker's Actual column on every row" };
  if (addUpTo(cells, frame, months, own("budget"))) return { measure: "budget", because: "they add up to the tracker's Budget column on every row (the budget phased by month), not to its Actual column" };
  return { measure: null, because: "the tracker has its own Actual column and the months add up neither to it nor to the Budget column" };
}

/**
 * The month columns of a tracker and what each holds. Fewer than two months is
 * no months across: one month-named column is more likely a date field.
 */
export function readMonthColumns<P>(frame: MonthFrame, readPeriod: PeriodReader<P>): MonthColumnRead<P>[] {
  const cells = cellsOf(frame);
  const fieldOf = new Map(Object.entries(frame.columns).map(([f, c]) => [c, f]));
  const found: { column: number; header: string; period: P }[] = [];
  for (let col = frame.left; col <= frame.right; col++) {
    const field = fieldOf.get(col);
    if (field !== undefined && !AMOUNT_FIELD_SET.has(field)) continue;
    const value = valueAt(cells, frame.headerRow, col);
    const header = typeof value === "string" ? headerTextOf(value) : "";
    const period = readPeriod(typeof value === "string" ? periodText(header) : value, formatAt(cells, frame.headerRow, col));
    if (period === null) continue;
    // A mapped amount column is a month only when its header says a measure too ("Budget Feb-25"), not when it is a bare date.
    if (field !== undefined && !measureOfWords(header)) continue;
    found.push({ column: col, header: header || String(value ?? ""), period });
  }
  if (found.length < 2) return [];
  const monthSet = new Set(found.map((f) => f.column));
  const decided = found.map((f) => {
    const own = measureOfWords(f.header);
    if (own) return { ...f, measure: own, from: "header" as const, because: f.header };
    for (let row = frame.headerRow - 1; row >= Math.max(frame.headerTop, cells.top); row--) {
      const words = groupText(cells, row, f.column, frame, (c) => monthSet.has(c));
      const m = words ? measureOfWords(words) : null;
      if (m) return { ...f, measure: m, from: "group" as const, because: words };
    }
    return null;
  });
  const unsaid = found.filter((_, i) => decided[i] === null);
  const byTracker = unsaid.length ? trackerMeasure(cells, frame, unsaid.map((f) => f.column), monthSet) : null;
  return found.map((f, i) => decided[i] ?? { ...f, measure: byTracker?.measure ?? null, from: "tracker" as const, because: byTracker?.because ?? "" });
}

const MEASURE_NAMES: Record<MonthMeasure, string> = { budget: "budget", forecast: "forecast", actual: "actuals", earned: "earned value", committed: "commitments" };

/** In words, for a tracker's notes: how many month columns were read as what, and why. */
export function monthColumnsNote(columns: readonly MonthColumnRead<unknown>[]): string | null {
  if (!columns.length) return null;
  const parts = new Map<string, number>();
  for (const c of columns) {
    const what = c.measure ? MEASURE_NAMES[c.measure] : "unknown and left out";
    const why = c.from === "group" ? `under “${c.because}”` : c.from === "header" ? "as their headers say" : c.because;
    const key = `${what} (${why})`;
    parts.set(key, (parts.get(key) ?? 0) + 1);
  }
  const range = `${columns[0].header} to ${columns[columns.length - 1].header}`;
  return `${columns.length} month columns (${range}): ${[...parts].map(([k, n]) => `${n} read as ${k}`).join("; ")}`;
}
