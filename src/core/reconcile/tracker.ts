/**
 * A budget tracker's actuals (or an earned-value table's actual cost), as lines
 * to reconcile: one per row and period.
 * Trackers keep actuals either as period rows (a Period column beside Actual)
 * or as monthly columns (one column per month, often under an "Actual" group
 * header beside "Budget" and "Forecast" months); a tracker with neither has
 * actuals to date per row. Subtotal and total rows are left out so nothing is
 * counted twice.
 */
import { columnIndex, columnLetter } from "../grid/address";
import type { DetectedRegister } from "../detect/detect";
import { TOTAL_LABEL } from "../detect/extent";
import { formatAt, hasContent, headerTextOf, valueAt, type SheetCells } from "../detect/sheet-cells";
import { readMonthColumns } from "../finance/month-columns";
import type { CellValue } from "../grid/cell";
import { readCents } from "./amount";
import { keyText } from "./key";
import { readPeriod } from "./period";
import type { PeriodRef, ReconcileFinding } from "./types";

export interface TrackerLine {
  project: string;
  costCode: string;
  period: PeriodRef | null;
  cents: number;
  /** The actual's cell on the tracker sheet, e.g. "H12". */
  cell: string;
}

export type TrackerLayout = "periodRows" | "monthlyColumns" | "toDate";

export interface TrackerActuals {
  sheet: string;
  layout: TrackerLayout;
  lines: TrackerLine[];
  /** Which key fields the tracker has. */
  has: { project: boolean; costCode: boolean; period: boolean };
  /** Where the actuals were read, in words ("Budget!H5:H40", "Budget!N4:Y40 (12 monthly columns)"). */
  where: string;
  findings: ReconcileFinding[];
  notes: string[];
}

/** The period a month header names, as reconciliation keys periods (calendar months and fiscal periods, to match a ledger's). */
function headerPeriod(value: CellValue, numberFormat: string): PeriodRef | null {
  const r = readPeriod(value, numberFormat);
  return r.kind === "period" ? { key: r.key, label: r.label } : null;
}

/**
 * The same meaning under another template's field: an earned-value table's
 * actual cost (AC) is the actual, its work package the account it is booked to.
 */
const SAME_MEANING: Record<string, string[]> = { actual: ["actual", "ac"], costCode: ["costCode", "workPackage"] };

function colOf(reg: DetectedRegister, field: string): number | undefined {
  for (const f of SAME_MEANING[field] ?? [field]) {
    const c = reg.columns[f];
    if (c) return columnIndex(c.column);
  }
  return undefined;
}

interface MonthlyColumn {
  col: number;
  period: PeriodRef;
}

/** The tracker's monthly actual columns, as the one reader of month columns finds them (finance's variance reads the same). */
function monthlyActualColumns(reg: DetectedRegister, cells: SheetCells, notes: string[]): MonthlyColumn[] {
  const left = columnIndex(reg.firstColumn) ?? 1;
  const columns = Object.fromEntries(Object.entries(reg.columns).map(([f, c]) => [f, columnIndex(c.column) ?? left]));
  const months = readMonthColumns(
    { cells, headerRow: reg.headerRow, headerTop: reg.headerTop ?? reg.headerRow, left, right: columnIndex(reg.lastColumn) ?? left, firstRow: reg.firstRow, lastRow: reg.lastRow, kind: reg.kind === "evm" ? "evm" : "budget", columns },
    headerPeriod,
  );
  const actual = months.filter((m) => m.measure === "actual");
  if (actual.length && actual.every((m) => m.from === "tracker")) notes.push(`${actual.length} monthly columns with no word saying what they hold were read as actuals (${actual[0].because})`);
  return actual.map((m) => ({ col: m.column, period: m.period }));
}

function rowsToRead(reg: DetectedRegister): number[] {
  const skip = new Set([...(reg.subtotalRows ?? []), ...(reg.repeatedHeaderRows ?? []), ...reg.skippedRows.blank, ...reg.skippedRows.idOnly]);
  const rows: number[] = [];
  for (let r = reg.firstRow; r <= reg.lastRow; r++) if (!skip.has(r)) rows.push(r);
  return rows;
}

function isTotalRow(cells: SheetCells, row: number, keyCols: (number | undefined)[]): boolean {
  return keyCols.some((c) => c !== undefined && TOTAL_LABEL.test(headerTextOf(valueAt(cells, row, c))));
}

/** The actuals of a detected budget tracker; `cells` covers its header (and group rows above) down to its last row. */
export function trackerActuals(reg: DetectedRegister, cells: SheetCells): TrackerActuals {
  const notes: string[] = [];
  const findings: ReconcileFinding[] = [];
  const projectCol = colOf(reg, "project");
  const costCol = colOf(reg, "costCode");
  const periodCol = colOf(reg, "period");
  const actualCol = colOf(reg, "actual");
  const monthly = monthlyActualColumns(reg, cells, notes);
  const layout: TrackerLayout = monthly.length ? "monthlyColumns" : periodCol !== undefined && actualCol !== undefined ? "periodRows" : "toDate";
  const amountCols: { col: number; period: PeriodRef | null }[] = monthly.length ? monthly : actualCol !== undefined ? [{ col: actualCol, period: null }] : [];
  const rows = rowsToRead(reg);
  const lines: TrackerLine[] = [];
  const finding = (cell: string, field: string, message: string) => findings.push({ source: "tracker", sheet: reg.sheet, cell, field, message });
  for (const row of rows) {
    if (isTotalRow(cells, row, [projectCol, costCol, columnIndex(reg.firstColumn)])) continue;
    const project = projectCol === undefined ? "" : keyText(valueAt(cells, row, projectCol));
    const costCode = costCol === undefined ? "" : keyText(valueAt(cells, row, costCol));
    let rowPeriod: PeriodRef | null = null;
    let periodProblem: string | null = null;
    if (layout === "periodRows" && periodCol !== undefined) {
      const v = valueAt(cells, row, periodCol);
      const r = readPeriod(v, formatAt(cells, row, periodCol));
      if (r.kind === "period") rowPeriod = { key: r.key, label: r.label };
      else periodProblem = r.kind === "ambiguous" ? `period “${keyText(v)}” is ambiguous (${r.readings.join(" or ")})` : hasContent(v) ? `period “${keyText(v)}” cannot be read as one month or fiscal period` : "the period is empty";
    }
    for (const { col, period } of amountCols) {
      const cell = `${columnLetter(col)}${row}`;
      const reading = readCents(valueAt(cells, row, col));
      if (reading.kind === "blank") continue;
      if (reading.kind === "unreadable") {
        finding(cell, "actual", `the actual ${reading.reason}; it is not counted`);
        continue;
      }
      if (!project && !costCode && (projectCol !== undefined || costCol !== undefined)) {
        finding(cell, "project", "an actual on a row with no project or cost code; it cannot be matched and is listed as tracker-only");
      }
      if (periodProblem) finding(`${columnLetter(periodCol ?? col)}${row}`, "period", `${periodProblem}; the row is listed as tracker-only`);
      lines.push({ project, costCode, period: period ?? rowPeriod, cents: reading.cents, cell });
    }
  }
  const letters = amountCols.map((a) => columnLetter(a.col));
  const where =
    amountCols.length === 0
      ? `${reg.sheet} (no actuals found)`
      : monthly.length
        ? `${reg.sheet}!${letters[0]}${reg.firstRow}:${letters[letters.length - 1]}${reg.lastRow} (${monthly.length} monthly columns)`
        : `${reg.sheet}!${letters[0]}${reg.firstRow}:${letters[0]}${reg.lastRow}`;
  return {
    sheet: reg.sheet,
    layout,
    lines,
    has: { project: projectCol !== undefined, costCode: costCol !== undefined, period: layout !== "toDate" },
    where,
    findings,
    notes,
  };
}
