/**
 * A budget tracker or earned-value sheet read into lines: which rows are
 * records, which are subtotals (by meaning: "Total"/"Subtotal" labels, sums
 * of the rows above, or amounts that equal the rows above with no key),
 * which are block headings; the amounts of each line with the cell they came
 * from; period columns (months across) and a BAC written beside the title.
 * Subtotals are kept apart so nothing is counted twice.
 */
import { columnLetter, parseRange, type RangeAddress } from "../grid/address";
import type { CellValue } from "../grid/cell";
import { formatAt, formulaAt, valueAt } from "../detect/sheet-cells";
import { AMOUNT_FIELDS, readAmount, type AmountField } from "./amounts";
import { monthColumnsNote, readMonthColumns, type MonthColumnRead } from "./month-columns";
import { monthHeader, periodOrUnknown, type Period } from "./periods";

const KEY_FIELDS = ["project", "workPackage", "costCode", "category", "id"] as const;

export interface TrackerCells {
  /** Sheet row and column of values[0][0]. */
  top: number;
  left: number;
  values: CellValue[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
  /** Merged areas of the sheet (group headers over month columns). */
  merges?: RangeAddress[];
}

export interface TrackerSource {
  sheet: string;
  kind: "budget" | "evm";
  headerRow: number;
  /** First row of the header when group rows stand above the header row (as detection found them). */
  headerTop?: number;
  firstRow: number;
  /** Last row of the register as detection found it (for reading month columns against to-date columns). */
  lastRow?: number;
  /** Field id → 1-based column. */
  columns: Record<string, number>;
  /** Field id → header as written. */
  headers: Record<string, string>;
  /** Register columns from (at least) a few rows above the header to the end of the used range. */
  cells: TrackerCells;
  lastColumn: number;
}

/** Where an amount came from: a number in a cell (live), or text read as a number (copied). */
export interface AmountRead {
  value: number;
  column: number;
  typed: boolean;
}

export interface TrackerLine {
  row: number;
  label: string;
  project: string | null;
  workPackage: string | null;
  costCode: string | null;
  category: string | null;
  period: Period | null;
  /** The heading of the block the line is in ("Labour"), when the tracker is laid out in blocks. */
  section: string | null;
  amounts: Partial<Record<AmountField, AmountRead>>;
  /** One per month column (null where blank or unreadable). */
  months: (AmountRead | null)[];
  explanation: string | null;
}

/** One month's column: its period, and what it holds (null: nothing says, and it is left out of the figures). */
export type MonthColumn = MonthColumnRead<Period>;

export interface TrackerProblem {
  cell: string;
  field: string;
  message: string;
}

export interface Tracker {
  sheet: string;
  kind: "budget" | "evm";
  headerRow: number;
  firstRow: number;
  lastRow: number;
  columns: Record<string, number>;
  headers: Record<string, string>;
  lines: TrackerLine[];
  subtotalRows: number[];
  sectionRows: number[];
  monthColumns: MonthColumn[];
  /** The figures are cumulative to date (header says so), not amounts of each period. */
  cumulative: boolean;
  /** BAC written as a label and value above the table ("BAC: 1,450,000"). */
  bacAbove: { value: number; cell: string; typed: boolean } | null;
  problems: TrackerProblem[];
  notes: string[];
}

const TOTAL_LABEL = /^\s*(?:grand\s+|sub[- ]?)?(?:total|totals|sum|subtotal|итого|всего)\b|\btotal\s*$/i;
const GRAND_LABEL = /^\s*(?:grand\s+total|total\s+(?:project|programme|program|budget|cost)s?\s*$|overall\s+total|итого\s+по)/i;
const CUMULATIVE = /cumul|to\s*date|\bctd\b|\bitd\b|running/i;
const BAC_LABEL = /^\s*(?:bac|budget\s+at\s+completion|total\s+budget)\s*[:=]?\s*$/i;

function text(v: CellValue): string | null {
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number") return String(v);
  return null;
}
function filled(v: CellValue): boolean {
  return v !== null && !(typeof v === "string" && v.trim() === "");
}

/** SUM/SUBTOTAL of a range above in the same column. */
function sumsAbove(formula: string | null, row: number): boolean {
  if (!formula) return false;
  const m = /^=?\s*(?:SUM|SUBTOTAL)\s*\(\s*(?:\d+\s*,\s*)?\$?([A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)\s*\)\s*$/i.exec(formula);
  if (!m) return false;
  const r = parseRange(m[1].replace(/\$/g, ""));
  return !!r && r.bottom < row && r.left === r.right;
}

function monthColumnsOf(src: TrackerSource): MonthColumn[] {
  const bottom = src.cells.top + src.cells.values.length - 1;
  return readMonthColumns(
    { cells: src.cells, headerRow: src.headerRow, headerTop: src.headerTop ?? src.headerRow, left: src.cells.left, right: src.lastColumn, firstRow: src.firstRow, lastRow: Math.min(bottom, src.lastRow ?? bottom), kind: src.kind, columns: src.columns },
    monthHeader,
  );
}

/** The register's fields without those whose column turned out to be a month ("Budget Feb-25" mapped as the budget). */
function withoutMonths<T>(byField: Record<string, T>, columns: Record<string, number>, months: readonly MonthColumn[]): Record<string, T> {
  const monthCols = new Set(months.map((m) => m.column));
  return Object.fromEntries(Object.entries(byField).filter(([f]) => !monthCols.has(columns[f])));
}

function bacAboveHeader(src: TrackerSource): Tracker["bacAbove"] {
  for (let r = Math.max(src.cells.top, src.headerRow - 6); r < src.headerRow; r++) {
    for (let c = src.cells.left; c <= src.lastColumn; c++) {
      const v = valueAt(src.cells, r, c);
      if (typeof v !== "string" || !BAC_LABEL.test(v)) continue;
      for (let k = c + 1; k <= Math.min(src.lastColumn, c + 3); k++) {
        const a = readAmount(valueAt(src.cells, r, k));
        if (a.kind === "number" || a.kind === "text") return { value: a.value, cell: `${columnLetter(k)}${r}`, typed: a.kind === "text" };
        if (a.kind === "unreadable") break;
      }
    }
  }
  return null;
}

function repeatsHeader(src: TrackerSource, row: number): boolean {
  let same = 0;
  let total = 0;
  for (const col of Object.values(src.columns)) {
    const h = text(valueAt(src.cells, src.headerRow, col));
    if (!h) continue;
    total++;
    if (text(valueAt(src.cells, row, col))?.toLowerCase() === h.toLowerCase()) same++;
  }
  return total > 0 && same * 2 > total;
}

type RowKind = "blank" | "header" | "section" | "subtotal" | "grandTotal" | "line" | "other";

export function readTracker(given: TrackerSource): Tracker {
  const monthColumns = monthColumnsOf(given);
  const src: TrackerSource = { ...given, columns: withoutMonths(given.columns, given.columns, monthColumns), headers: withoutMonths(given.headers, given.columns, monthColumns) };
  const cells = src.cells;
  const amountCols = AMOUNT_FIELDS.filter((f) => src.columns[f] !== undefined).map((f) => [f, src.columns[f]] as const);
  const keyCols = KEY_FIELDS.filter((f) => src.columns[f] !== undefined).map((f) => src.columns[f]);
  const numberCols = [...amountCols.map(([, c]) => c), ...monthColumns.map((m) => m.column)];
  const bottom = cells.top + cells.values.length - 1;
  const unknownPeriods = new Map<string, Period>();
  const cumulative = (["pv", "ev", "ac", "actual"] as const).some((f) => src.headers[f] !== undefined && CUMULATIVE.test(src.headers[f]));

  const lines: TrackerLine[] = [];
  const subtotalRows: number[] = [];
  const sectionRows: number[] = [];
  const problems: TrackerProblem[] = [];
  const notes: string[] = [];
  let section: string | null = null;
  let gap = 0;
  let lastRow = src.firstRow - 1;
  /** Lines since the last subtotal, for subtotals typed as plain numbers. */
  let sinceSubtotal: TrackerLine[] = [];

  const classify = (row: number): RowKind => {
    const texts: string[] = [];
    let numbers = 0;
    let sums = 0;
    for (let c = cells.left; c <= src.lastColumn; c++) {
      const v = valueAt(cells, row, c);
      if (!filled(v)) continue;
      // Text in an amount column that reads as an amount ("331,250 GBP") is a figure, not a label.
      if (typeof v === "string" && !(numberCols.includes(c) && readAmount(v).kind === "text")) texts.push(v.trim());
      if (numberCols.includes(c) && typeof v === "number") numbers++;
      if (numberCols.includes(c) && sumsAbove(formulaAt(cells, row, c), row)) sums++;
    }
    if (!texts.length && !numbers) {
      let any = false;
      for (let c = cells.left; c <= src.lastColumn; c++) if (filled(valueAt(cells, row, c))) any = true;
      return any ? "other" : "blank";
    }
    if (repeatsHeader(src, row)) return "header";
    const label = texts.find((t) => TOTAL_LABEL.test(t));
    if (label) return GRAND_LABEL.test(label) ? "grandTotal" : "subtotal";
    if (sums > 0) return "subtotal";
    const keyed = keyCols.some((c) => filled(valueAt(cells, row, c)));
    const anyAmount = numberCols.some((c) => filled(valueAt(cells, row, c)));
    if (!anyAmount) return texts.length <= 2 ? "section" : "other";
    if (!keyed && sinceSubtotal.length >= 2 && equalsSumAbove(row)) return "subtotal";
    return "line";
  };

  const equalsSumAbove = (row: number): boolean => {
    let compared = 0;
    for (const [field, col] of amountCols) {
      const a = readAmount(valueAt(cells, row, col));
      if (a.kind !== "number" && a.kind !== "text") continue;
      const sum = sinceSubtotal.reduce((n, l) => n + (l.amounts[field]?.value ?? 0), 0);
      if (Math.abs(sum - a.value) > 0.005) return false;
      compared++;
    }
    return compared > 0;
  };

  const amountOf = (row: number, col: number, field: string): AmountRead | null => {
    const a = readAmount(valueAt(cells, row, col));
    if (a.kind === "number") return { value: a.value, column: col, typed: false };
    if (a.kind === "text") return { value: a.value, column: col, typed: true };
    if (a.kind === "unreadable") problems.push({ cell: `${columnLetter(col)}${row}`, field, message: `“${a.text}” in ${src.sheet}!${columnLetter(col)}${row} (${src.headers[field] ?? field}) is not an amount; it is left out, not counted as zero` });
    return null;
  };

  const str = (field: string, row: number) => (src.columns[field] !== undefined ? text(valueAt(cells, row, src.columns[field])) : null);

  for (let row = src.firstRow; row <= bottom; row++) {
    const kind = classify(row);
    if (kind === "blank") {
      gap++;
      if (gap >= 3 && lines.length) break;
      continue;
    }
    if (kind === "grandTotal") {
      subtotalRows.push(row);
      break;
    }
    if (kind === "subtotal") {
      subtotalRows.push(row);
      sinceSubtotal = [];
      // A total that a heading, a repeated header or a labelled subtotal says is one of several goes on; otherwise it ends the tracker.
      if (!continuesAfterTotal(row)) break;
      gap = 0;
      continue;
    }
    if (kind === "header") {
      gap = 0;
      continue;
    }
    if (kind === "section") {
      section = firstText(row);
      sectionRows.push(row);
      gap = 0;
      continue;
    }
    if (kind === "other") {
      if (lines.length && gap >= 1) break;
      continue;
    }
    gap = 0;
    const amounts: TrackerLine["amounts"] = {};
    for (const [field, col] of amountCols) {
      const a = amountOf(row, col, field);
      if (a) amounts[field] = a;
    }
    const periodCol = src.columns.period;
    const line: TrackerLine = {
      row,
      label: str("workPackage", row) ?? str("costCode", row) ?? str("id", row) ?? str("category", row) ?? str("project", row) ?? firstText(row) ?? `Row ${row}`,
      project: str("project", row),
      workPackage: str("workPackage", row),
      costCode: str("costCode", row),
      category: str("category", row) ?? section,
      period: periodCol !== undefined ? periodOrUnknown(valueAt(cells, row, periodCol), formatAt(cells, row, periodCol), unknownPeriods) : null,
      section,
      amounts,
      months: monthColumns.map((m) => amountOf(row, m.column, `month ${m.header}`)),
      explanation: str("varianceExplanation", row),
    };
    lines.push(line);
    sinceSubtotal.push(line);
    lastRow = row;
  }

  function firstText(row: number): string | null {
    for (let c = cells.left; c <= src.lastColumn; c++) {
      const t = text(valueAt(cells, row, c));
      if (t && typeof valueAt(cells, row, c) === "string") return t;
    }
    return null;
  }

  function continuesAfterTotal(row: number): boolean {
    const labelled = (() => {
      for (let c = cells.left; c <= src.lastColumn; c++) {
        const v = valueAt(cells, row, c);
        if (typeof v === "string" && TOTAL_LABEL.test(v)) return true;
      }
      return false;
    })();
    for (let r = row + 1; r <= Math.min(bottom, row + 4); r++) {
      const k = classify(r);
      if (k === "blank") continue;
      if (k === "section" || k === "header") return hasLineWithin(r + 1, 3);
      if (k === "line") return labelled;
      // The grand total under the last block is a total too: named, so it is never read as a line.
      if (k === "grandTotal") subtotalRows.push(r);
      return false;
    }
    return false;
  }

  function hasLineWithin(from: number, n: number): boolean {
    for (let r = from; r <= Math.min(bottom, from + n - 1); r++) {
      const k = classify(r);
      if (k === "line") return true;
      if (k !== "blank" && k !== "header") return false;
    }
    return false;
  }

  const usedSections = sectionRows.filter((r) => r <= lastRow);
  if (subtotalRows.length) notes.push(`${subtotalRows.length} subtotal or total row(s) (${subtotalRows.join(", ")}) left out of the sums, so nothing is counted twice`);
  if (usedSections.length) notes.push(`laid out in ${usedSections.length} block(s) under headings (rows ${usedSections.join(", ")})`);
  const monthNote = monthColumnsNote(monthColumns);
  if (monthNote) notes.push(monthNote);
  const typed = lines.flatMap((l) => Object.entries(l.amounts).filter(([, a]) => a?.typed).map(([f, a]) => `${columnLetter((a as AmountRead).column)}${l.row} (${f})`));
  if (typed.length) notes.push(`amounts typed as text, read as numbers and copied (not live): ${typed.slice(0, 6).join(", ")}${typed.length > 6 ? ` and ${typed.length - 6} more` : ""}`);
  return {
    sheet: src.sheet,
    kind: src.kind,
    headerRow: src.headerRow,
    firstRow: src.firstRow,
    lastRow,
    columns: src.columns,
    headers: src.headers,
    lines,
    subtotalRows,
    sectionRows: usedSections,
    monthColumns,
    cumulative,
    bacAbove: bacAboveHeader(src),
    problems,
    notes,
  };
}
