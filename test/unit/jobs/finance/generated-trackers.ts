/**
 * Generated budget trackers and earned value sheets, laid out the ways real
 * ones are: blocks under category headings with subtotal rows and a grand
 * total, months across, rows per work package and period. Each comes with
 * the totals its lines add up to, computed here from the generated data.
 */
import ExcelJS from "exceljs";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const money = (r: () => number, lo: number, hi: number) => Math.round((lo + r() * (hi - lo)) * 100) / 100;

export interface GeneratedTracker {
  bytes: Uint8Array;
  sheet: string;
  /** Sum of the line budgets (subtotals not counted). */
  budget: number;
  actual: number;
  lines: number;
  subtotalRows: number[];
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Blocks under headings ("Labour"), each closed by a "Subtotal" row of SUMs, and a grand total of the subtotals. */
export async function blockTracker(seed: number, blocks = ["Labour", "Materials", "Contractors"], subtotals: "labelled" | "typed" = "labelled"): Promise<GeneratedTracker> {
  const r = rng(seed);
  const wb = new ExcelJS.Workbook();
  const sheet = "Budget";
  const ws = wb.addWorksheet(sheet);
  ws.getCell("A1").value = "Project budget tracker";
  ws.getRow(3).values = ["Cost Code", "Description", "Budget", "Actual", "Forecast at Completion", "Variance Explanation"];
  let row = 4;
  let budget = 0;
  let actual = 0;
  let lines = 0;
  const subtotalRows: number[] = [];
  const subtotalCells: number[] = [];
  blocks.forEach((name, b) => {
    ws.getCell(row, 1).value = name;
    row++;
    const first = row;
    const n = 2 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      const bud = money(r, 1000, 90000);
      const act = money(r, 0, bud * 1.2);
      const fac = money(r, act, bud * 1.3 + 1);
      ws.getRow(row).values = [`${String.fromCharCode(65 + b)}${100 + i}`, `${name} item ${i + 1}`, bud, act, fac, r() < 0.3 ? "Scope grew" : null];
      budget += bud;
      actual += act;
      lines++;
      row++;
    }
    if (subtotals === "labelled") {
      ws.getCell(row, 2).value = `Subtotal ${name}`;
      for (const c of ["C", "D", "E"]) ws.getCell(`${c}${row}`).value = { formula: `SUM(${c}${first}:${c}${row - 1})` } as ExcelJS.CellFormulaValue;
    } else {
      // Typed as plain numbers with no label and no code: a subtotal only by what it adds up to.
      for (const [k, c] of [[3, "C"], [4, "D"], [5, "E"]] as const) {
        let sum = 0;
        for (let x = first; x < row; x++) sum += Number(ws.getCell(`${c}${x}`).value);
        ws.getCell(row, k).value = Math.round(sum * 100) / 100;
      }
    }
    subtotalRows.push(row);
    subtotalCells.push(row);
    row++;
  });
  ws.getCell(row, 2).value = "Grand total";
  for (const c of ["C", "D", "E"]) ws.getCell(`${c}${row}`).value = { formula: subtotalCells.map((s) => `${c}${s}`).join("+") } as ExcelJS.CellFormulaValue;
  subtotalRows.push(row);
  return { bytes: await bytesOf(wb), sheet, budget, actual, lines, subtotalRows };
}

/** Months across: spend per month in columns "Jan-25".."Jun-25", a project and category per line, budget and actual to date. */
export async function monthlyTracker(seed: number, lineCount = 8): Promise<GeneratedTracker & { months: number[] }> {
  const r = rng(seed);
  const wb = new ExcelJS.Workbook();
  const sheet = "Monthly";
  const ws = wb.addWorksheet(sheet);
  const months = ["Jan-25", "Feb-25", "Mar-25", "Apr-25", "May-25", "Jun-25"];
  ws.getRow(1).values = ["Project", "Cost Code", "Category", "Budget", "Actual", ...months];
  let budget = 0;
  let actual = 0;
  const monthTotals = months.map(() => 0);
  for (let i = 0; i < lineCount; i++) {
    const spend = months.map(() => (r() < 0.15 ? null : money(r, 0, 8000)));
    const act = spend.reduce((a: number, b) => a + (b ?? 0), 0);
    const bud = money(r, act * 0.8, act * 1.3 + 100);
    ws.getRow(2 + i).values = [i % 2 ? "Alpha" : "Beta", `CC-${i + 1}`, i % 3 ? "Opex" : "Capex", bud, act, ...spend];
    spend.forEach((s, k) => (monthTotals[k] += s ?? 0));
    budget += bud;
    actual += act;
  }
  return { bytes: await bytesOf(wb), sheet, budget, actual, lines: lineCount, subtotalRows: [], months: monthTotals };
}

/** Rows per work package and month (amounts of the month, not cumulative); BAC repeated on each row. */
export async function evmPeriodRows(seed: number, packages = 3, periods = 5, reported = 3): Promise<GeneratedTracker & { pv: number; ev: number; ac: number; bac: number }> {
  const r = rng(seed);
  const wb = new ExcelJS.Workbook();
  const sheet = "EVM";
  const ws = wb.addWorksheet(sheet);
  ws.getRow(1).values = ["Work Package", "Period", "BAC", "PV", "EV", "AC", "ETC"];
  let row = 2;
  let pv = 0;
  let ev = 0;
  let ac = 0;
  let bac = 0;
  for (let w = 0; w < packages; w++) {
    const b = money(r, 20000, 200000);
    bac += b;
    for (let p = 0; p < periods; p++) {
      const planned = money(r, 0, b / periods);
      const earned = p < reported ? money(r, 0, planned * 1.2) : null;
      const cost = p < reported ? (w === 0 && p === 0 ? 0 : money(r, 0, planned * 1.3)) : null;
      ws.getRow(row).values = [`WP-${w + 1}`, `2025-${String(p + 1).padStart(2, "0")}`, b, planned, earned, cost, p < reported ? money(r, 0, b) : null];
      if (p < reported) {
        pv += planned;
        ev += earned ?? 0;
        ac += cost ?? 0;
      }
      row++;
    }
  }
  return { bytes: await bytesOf(wb), sheet, budget: bac, actual: ac, lines: packages * periods, subtotalRows: [], pv, ev, ac, bac };
}

/**
 * How a tracker with months across says what its month columns hold:
 * - actualOnly: an "Actual" group header merged over the months, beside Budget and Actual to date;
 * - budgetOnly: a "Budget" group header merged over the months (the budget phased by month), beside Budget and Actual;
 * - budgetAndActual: "Budget" and "Actual" groups of the same months under merged headers, and no to-date columns;
 * - wordsInHeaders: each month header says its measure ("Jan-25 Budget", "Actual Jan-25"), alternating;
 * - planByMonth: months with no words at all that add up to the Budget column, beside an Actual to date column.
 */
export type MonthLayout = "actualOnly" | "budgetOnly" | "budgetAndActual" | "wordsInHeaders" | "planByMonth";
export const MONTH_LAYOUTS: readonly MonthLayout[] = ["actualOnly", "budgetOnly", "budgetAndActual", "wordsInHeaders", "planByMonth"];

export interface MonthGroupsTracker extends GeneratedTracker {
  /** Period keys in time order ("2025-01"...). */
  periods: string[];
  /** Per period, the sum of the lines' budget months (null: the tracker has no budget months). */
  monthBudget: (number | null)[];
  /** Per period, the sum of the lines' actual months (null: the tracker has no actual months). */
  monthActual: (number | null)[];
  /** The actuals a reconciliation should read: by month when there are actual months, else the to-date column. */
  actualCells: { layout: "monthlyColumns" | "toDate"; count: number; cents: number };
}

/** A tracker of one of the month layouts above, with the sums its lines add up to. */
export async function monthGroupsTracker(seed: number, layout: MonthLayout, lineCount = 6): Promise<MonthGroupsTracker> {
  const r = rng(seed);
  const wb = new ExcelJS.Workbook();
  const sheet = "Tracker";
  const ws = wb.addWorksheet(sheet);
  ws.getCell("A1").value = "Programme budget tracker FY2025";
  const months = ["Jan-25", "Feb-25", "Mar-25", "Apr-25", "May-25", "Jun-25"];
  const periods = months.map((_, i) => `2025-${String(i + 1).padStart(2, "0")}`);
  const keys = ["Project", "Cost Code", "Category"];
  const toDate = layout === "budgetAndActual" || layout === "wordsInHeaders" ? [] : ["Budget", layout === "planByMonth" ? "Actual to date" : "Actual"];
  const first = keys.length + toDate.length + 1;
  let header: string[];
  if (layout === "budgetAndActual") header = [...keys, ...months, ...months];
  else if (layout === "wordsInHeaders") header = [...keys, ...months.flatMap((m, i) => (i % 2 ? [`Budget ${m}`, `Actual ${m}`] : [`${m} Budget`, `${m} Actual`]))];
  else header = [...keys, ...toDate, ...months];
  ws.getRow(4).values = header;
  const group = (text: string, from: number) => {
    ws.getCell(3, from).value = text;
    ws.mergeCells(3, from, 3, from + months.length - 1);
  };
  if (layout === "actualOnly") group("Actual", first);
  if (layout === "budgetOnly") group("Budget", first);
  if (layout === "budgetAndActual") {
    group("Budget", first);
    group("Actual", first + months.length);
  }
  const monthBudget: (number | null)[] = months.map(() => null);
  const monthActual: (number | null)[] = months.map(() => null);
  let budget = 0;
  let actual = 0;
  let cents = 0;
  let count = 0;
  for (let i = 0; i < lineCount; i++) {
    const planned = months.map(() => money(r, 500, 9000));
    const spent = months.map((_, k) => (k >= 4 || r() < 0.15 ? null : money(r, 0, 9500)));
    const bud = Math.round(planned.reduce((a, b) => a + b, 0) * 100) / 100;
    const act = Math.round(spent.reduce((a: number, b) => a + (b ?? 0), 0) * 100) / 100;
    const keyCells = [i % 2 ? "Alpha" : "Beta", `CC-${i + 1}`, i % 3 ? "Opex" : "Capex"];
    let cellsOfRow: (string | number | null)[];
    if (layout === "actualOnly") cellsOfRow = [...keyCells, money(r, act, act * 1.3 + 100), act, ...spent];
    else if (layout === "budgetOnly" || layout === "planByMonth") cellsOfRow = [...keyCells, bud, act, ...planned];
    else if (layout === "budgetAndActual") cellsOfRow = [...keyCells, ...planned, ...spent];
    else cellsOfRow = [...keyCells, ...planned.flatMap((p, k) => [p, spent[k]])];
    ws.getRow(5 + i).values = cellsOfRow;
    budget += layout === "actualOnly" ? (cellsOfRow[3] as number) : bud;
    actual += act;
    planned.forEach((p, k) => (monthBudget[k] = (monthBudget[k] ?? 0) + p));
    spent.forEach((s, k) => (monthActual[k] = s === null ? monthActual[k] : (monthActual[k] ?? 0) + s));
    if (layout === "actualOnly" || layout === "budgetAndActual" || layout === "wordsInHeaders") {
      for (const s of spent) if (s !== null) (count++, (cents += Math.round(s * 100)));
    } else if (act !== 0) (count++, (cents += Math.round(act * 100)));
  }
  const hasBudgetMonths = layout !== "actualOnly";
  const hasActualMonths = layout === "actualOnly" || layout === "budgetAndActual" || layout === "wordsInHeaders";
  return {
    bytes: await bytesOf(wb),
    sheet,
    budget,
    actual,
    lines: lineCount,
    subtotalRows: [],
    periods,
    monthBudget: months.map((_, k) => (hasBudgetMonths ? monthBudget[k] : null)),
    monthActual: months.map((_, k) => (hasActualMonths ? monthActual[k] : null)),
    actualCells: { layout: hasActualMonths ? "monthlyColumns" : "toDate", count, cents },
  };
}

/** Earned value by month across: "Planned" and "Actual" groups of the same months (merged headers), a BAC and an EV to date per work package. */
export async function evmMonthGroups(seed: number, packages = 4, months = 5, reported = 3): Promise<{ bytes: Uint8Array; sheet: string; pvByMonth: number[]; acByMonth: (number | null)[]; pvToDate: number; ac: number }> {
  const r = rng(seed);
  const wb = new ExcelJS.Workbook();
  const sheet = "EV by month";
  const ws = wb.addWorksheet(sheet);
  ws.getCell("A1").value = "Earned value by month";
  const names = Array.from({ length: months }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);
  ws.getRow(4).values = ["Work Package", "BAC", "EV", ...names, ...names];
  ws.getCell(3, 4).value = "Planned";
  ws.mergeCells(3, 4, 3, 3 + months);
  ws.getCell(3, 4 + months).value = "Actual";
  ws.mergeCells(3, 4 + months, 3, 3 + 2 * months);
  const pvByMonth = names.map(() => 0);
  const acByMonth: (number | null)[] = names.map(() => null);
  for (let w = 0; w < packages; w++) {
    const planned = names.map(() => money(r, 1000, 9000));
    const actual = names.map((_, k) => (k < reported ? money(r, 500, 9500) : null));
    const bac = Math.round(planned.reduce((a, b) => a + b, 0) * 100) / 100;
    ws.getRow(5 + w).values = [`WP-${w + 1}`, bac, money(r, 0, bac), ...planned, ...actual];
    planned.forEach((p, k) => (pvByMonth[k] += p));
    actual.forEach((a, k) => (acByMonth[k] = a === null ? acByMonth[k] : (acByMonth[k] ?? 0) + a));
  }
  const sum = (xs: (number | null)[]) => xs.reduce((n: number, x) => n + (x ?? 0), 0);
  return { bytes: await bytesOf(wb), sheet, pvByMonth, acByMonth, pvToDate: sum(pvByMonth.slice(0, reported)), ac: sum(acByMonth) };
}
