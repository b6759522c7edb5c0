/**
 * queryCells in Excel: each question loads only what answers it. Values,
 * formulas or number formats of a range are one property each (a `read`
 * loads four together, and merged areas in a sync of their own), cut
 * into row blocks sized from the bytes per cell the caller saw (a preview's
 * rows) and packed with the other questions into syncs under the payload
 * budget; a sync Excel refuses as too large is sent again with its blocks
 * halved (each half weighed as the whole was, so they go in more syncs). "hasFormulas" is `getSpecialCellsOrNullObject("Formulas")` and
 * "hasText" `findOrNullObject` (ExcelApi 1.9), each a null object or not: a
 * few bytes whatever the rows.
 *
 * `values` alone gives an error as its text ("#N/A"), as a text cell holding
 * those characters would read: only such cells are told apart afterwards,
 * through `valueTypes` of the rows that hold them.
 */
import { formatRange, rangeHeight, rangeWidth, type RangeAddress } from "../../core/grid/address";
import { ERROR_TEXT, type CellValue } from "../../core/grid/cell";
import { rangeOnSheet, type CellsAnswer, type CellsQuery } from "../host";
import { cellValueFrom } from "./cell-read";
import { readBlockRows, rowBytes, SYNC_BUDGET_BYTES } from "./payload";
import { isPayloadRefusal } from "./range-reader";

/** First guesses per cell for one property (values or formulas; value types), before the caller's measure. */
const CELL_GUESS_BYTES = 24;
const TYPE_BYTES = 10;
/** What a yes/no question weighs in a sync, request and response. */
const QUESTION_BYTES = 200;


type Field = "values" | "formulas" | "numberFormat" | "valueTypes";

interface Unit {
  query: number;
  range: RangeAddress;
  field: Field | "hasFormulas" | "hasText";
  bytes: number;
}

interface Loaded {
  unit: Unit;
  proxy: Excel.Range | Excel.RangeAreas;
}

function isOneCell(r: RangeAddress): boolean {
  return r.top === r.bottom && r.left === r.right;
}

/** A range's rows cut into blocks of about `perCell` bytes a cell, each under the budget. */
function blocks(query: number, range: RangeAddress, field: Field, perCell: number, budget: number): Unit[] {
  const width = rangeWidth(range);
  const rows = readBlockRows(width, perCell, budget);
  const out: Unit[] = [];
  for (let top = range.top; top <= range.bottom; top += rows) {
    const block = { ...range, top, bottom: Math.min(range.bottom, top + rows - 1) };
    out.push({ query, range: block, field, bytes: rangeHeight(block) * width * perCell });
  }
  return out;
}

/** A unit of a refused sync in halves of rows, each thought to weigh at least its share of the whole budget (the sync weighed more). */
function halves(u: Unit, share: number): Unit[] {
  if (u.field === "hasFormulas" || u.field === "hasText" || u.range.top === u.range.bottom) return [u];
  const mid = u.range.top + Math.floor((u.range.bottom - u.range.top) / 2);
  const bytes = Math.max(u.bytes, share);
  return [
    { ...u, range: { ...u.range, bottom: mid }, bytes },
    { ...u, range: { ...u.range, top: mid + 1 }, bytes },
  ];
}

export async function queryCellsInExcel(ctx: Excel.RequestContext, sheet: string, queries: readonly CellsQuery[], budget = SYNC_BUDGET_BYTES): Promise<CellsAnswer[]> {
  const ranges = queries.map((q) => rangeOnSheet(sheet, q.address));
  const answers: CellsAnswer[] = ranges.map((r) => ({ address: formatRange(r) }));
  const cells = ranges.map((r) => Array.from({ length: rangeHeight(r) }, () => new Array<CellValue>(rangeWidth(r)).fill(null)));
  const units: Unit[] = [];
  queries.forEach((q, k) => {
    const r = ranges[k] as RangeAddress;
    if (q.ask === "values" || q.ask === "formulas" || q.ask === "numberFormats") units.push(...blocks(k, r, q.ask === "numberFormats" ? "numberFormat" : q.ask, q.bytesPerCell ?? CELL_GUESS_BYTES, budget));
    // A one-cell range would make find and special cells look at the whole sheet: its value answers instead.
    else if (isOneCell(r)) units.push({ query: k, range: r, field: q.ask === "hasText" ? "values" : "formulas", bytes: QUESTION_BYTES });
    else units.push({ query: k, range: r, field: q.ask, bytes: QUESTION_BYTES });
  });
  const suspects = new Map<number, { rows: Set<number> }>();

  const take = (l: Loaded) => {
    const { unit } = l;
    const q = queries[unit.query] as CellsQuery;
    const base = ranges[unit.query] as RangeAddress;
    if (unit.field === "hasFormulas" || unit.field === "hasText") {
      answers[unit.query] = { ...answers[unit.query], found: !(l.proxy as Excel.RangeAreas).isNullObject };
      return;
    }
    const range = l.proxy as Excel.Range;
    const grid = unit.field === "values" ? range.values : unit.field === "formulas" ? range.formulas : unit.field === "numberFormat" ? (range.numberFormat as unknown[][]) : (range.valueTypes as unknown[][]);
    const into = cells[unit.query] as CellValue[][];
    grid.forEach((row, i) => {
      const at = unit.range.top - base.top + i;
      row.forEach((v, j) => {
        const col = unit.range.left - base.left + j;
        const line = into[at] as CellValue[];
        if (unit.field === "valueTypes") {
          if (v === "Error" && typeof line[col] === "string") line[col] = { error: line[col] as string };
          return;
        }
        if (unit.field === "numberFormat") {
          line[col] = typeof v === "string" && v !== "" ? v : "General";
          return;
        }
        line[col] = v === "" || v === null || v === undefined ? null : cellValueFrom(v, undefined);
        if (unit.field === "values" && typeof v === "string" && ERROR_TEXT.test(v)) {
          const s = suspects.get(unit.query) ?? suspects.set(unit.query, { rows: new Set() }).get(unit.query)!;
          s.rows.add(base.top + at);
        }
      });
    });
    if (isOneCell(base) && q.ask === "hasFormulas") answers[unit.query] = { ...answers[unit.query], found: typeof into[0]?.[0] === "string" && (into[0][0] as string).startsWith("=") };
    if (isOneCell(base) && q.ask === "hasText") answers[unit.query] = { ...answers[unit.query], found: typeof into[0]?.[0] === "string" && (into[0][0] as string).toLowerCase().includes(q.text.toLowerCase()) };
  };

  await runUnits(ctx, sheet, queries, units, budget, take);
  // Texts that read as errors: their rows' value types say which are errors.
  const typeUnits: Unit[] = [];
  for (const [query, s] of suspects) {
    const base = ranges[query] as RangeAddress;
    const rows = [...s.rows];
    const span = { ...base, top: Math.min(...rows), bottom: Math.max(...rows) };
    typeUnits.push(...blocks(query, span, "valueTypes", TYPE_BYTES, budget));
  }
  await runUnits(ctx, sheet, queries, typeUnits, budget, take);

  queries.forEach((q, k) => {
    if (q.ask === "values" || q.ask === "formulas" || q.ask === "numberFormats") answers[k] = { ...answers[k], cells: cells[k] as CellValue[][] };
  });
  return answers;
}

/** Loads the units in syncs packed under the budget; a refused sync goes again with its blocks halved. */
async function runUnits(ctx: Excel.RequestContext, sheet: string, queries: readonly CellsQuery[], units: Unit[], budget: number, take: (l: Loaded) => void): Promise<void> {
  let todo = units;
  while (todo.length) {
    const batch: Unit[] = [];
    let bytes = 0;
    while (todo.length && (batch.length === 0 || bytes + (todo[0] as Unit).bytes <= budget)) {
      const u = todo.shift() as Unit;
      batch.push(u);
      bytes += u.bytes;
    }
    const ws = ctx.workbook.worksheets.getItem(sheet);
    const loaded: Loaded[] = batch.map((unit) => {
      const range = ws.getRange(formatRange(unit.range));
      if (unit.field === "hasFormulas") return { unit, proxy: range.getSpecialCellsOrNullObject("Formulas").load("cellCount") };
      if (unit.field === "hasText") {
        const q = queries[unit.query] as Extract<CellsQuery, { ask: "hasText" }>;
        return { unit, proxy: range.findOrNullObject(q.text, { completeMatch: false, matchCase: false }).load("address") as unknown as Excel.RangeAreas };
      }
      return { unit, proxy: range.load(unit.field) };
    });
    try {
      await ctx.sync();
    } catch (e) {
      if (!isPayloadRefusal(e) || batch.every((u) => halves(u, 0).length === 1)) throw e;
      todo = [...batch.flatMap((u) => halves(u, budget / batch.length)), ...todo];
      continue;
    }
    loaded.forEach(take);
    // Later blocks of the same query are sized from what this one weighed.
    for (const l of loaded) {
      if (l.unit.field === "hasFormulas" || l.unit.field === "hasText" || l.unit.field === "valueTypes") continue;
      const range = l.proxy as Excel.Range;
      const grid = l.unit.field === "values" ? range.values : l.unit.field === "formulas" ? range.formulas : (range.numberFormat as unknown[][]);
      const measured = grid.reduce((n, row) => n + rowBytes(row), 0) / Math.max(1, rangeWidth(l.unit.range) * rangeHeight(l.unit.range));
      todo = todo.map((u) => (u.query === l.unit.query && u.field === l.unit.field ? { ...u, bytes: rangeWidth(u.range) * rangeHeight(u.range) * Math.max(4, measured * 1.25) } : u));
    }
  }
}
