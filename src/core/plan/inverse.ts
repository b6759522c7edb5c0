/**
 * Building the inverse of a plan from what a host captured before applying
 * it: plain data in ("these cells held these values", "this range had this
 * validation"), edits out. Hosts differ in how they read the "before" state;
 * the edits that put it back are the same, so both hosts build them here.
 *
 * The inverse of a plan is the inverses of its edits in reverse order, each
 * captured just before its edit ran (see `inversePlan`).
 */
import { columnLetter, formatRange, parseRange, type RangeAddress } from "../grid/address";
import { isCellError, type CellValue } from "../grid/cell";
import type { CellInput, ChartSpec, CellStyle, ConditionalFormat, DataValidation, Edit } from "./edits";
import type { Plan } from "./plan";

/** Excel's default column width (characters of the default font), for columns that had none set. */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/** The input that types a cell back in: its formula if it had one, else its value. */
export function cellInputFrom(value: CellValue, formula: string | null): CellInput {
  if (formula) return { formula };
  if (value === null || isCellError(value)) return null; // a typed-in error value has no input form; it goes back blank
  return value;
}

/**
 * Rectangles of equal cells (by key) covering a grid: runs along each row,
 * merged with the run directly above when it has the same columns and key.
 * Keeps undo plans small for the usual case of whole columns alike.
 */
export function rectanglesOf<T>(grid: T[][], key: (t: T) => string, origin: { top: number; left: number }): { range: RangeAddress; value: T }[] {
  const done: { range: RangeAddress; value: T; key: string }[] = [];
  let open: { range: RangeAddress; value: T; key: string }[] = [];
  grid.forEach((row, i) => {
    const r = origin.top + i;
    const runs: { range: RangeAddress; value: T; key: string }[] = [];
    let j = 0;
    while (j < row.length) {
      const k = key(row[j]);
      let end = j;
      while (end + 1 < row.length && key(row[end + 1]) === k) end++;
      runs.push({ range: { top: r, bottom: r, left: origin.left + j, right: origin.left + end }, value: row[j], key: k });
      j = end + 1;
    }
    const next: typeof open = [];
    for (const run of runs) {
      const above = open.find((o) => o.key === run.key && o.range.left === run.range.left && o.range.right === run.range.right && o.range.bottom === r - 1);
      if (above) {
        above.range.bottom = r;
        next.push(above);
      } else next.push(run);
    }
    for (const o of open) if (!next.includes(o)) done.push(o);
    open = next;
  });
  done.push(...open);
  return done.map(({ range, value }) => ({ range, value }));
}

/** Puts a range's values and formulas back. */
export function restoreCells(sheet: string, address: string, before: { values: CellValue[][]; formulas: (string | null)[][] }): Edit {
  const cells = before.values.map((row, i) => row.map((v, j) => cellInputFrom(v, before.formulas[i]?.[j] ?? null)));
  return { type: "setCells", sheet, address, cells, label: "Undo" };
}

/**
 * Puts back cells a host copied, whole, to the same-sized range `fromAddress`
 * of `fromSheet` before overwriting them (values, formulas, number formats,
 * styles): a few bytes of undo whatever the size of the range.
 */
export function restoreCopiedCells(sheet: string, address: string, fromSheet: string, fromAddress: string, check?: { address: string; text: string }): Edit {
  return { type: "copyCells", sheet, address, fromSheet, fromAddress, ...(check ? { check } : {}) };
}

/** Every style property a plan can set: a style read with these keys says how each one stands. */
export const ALL_STYLE_KEYS: CellStyle = { bold: false, italic: false, fill: null, fontColor: "#000000", wrapText: false, horizontalAlignment: "General", verticalAlignment: "Bottom" };

/**
 * A copy of cells as plain edits, for hosts that carry out `copyCells` by
 * reading the source: its values and formulas (formulas already moved to the
 * target), its number formats and its styles, written at `address`.
 */
export function copiedCellsAsEdits(sheet: string, address: string, source: { values: CellValue[][]; formulas: (string | null)[][]; numberFormats: string[][]; styles: CellStyle[][] }): Edit[] {
  return [restoreCells(sheet, address, source), restoreNumberFormats(sheet, address, source.numberFormats), ...restoreStyles(sheet, address, source.styles)];
}

/** Clears a range that was empty before, sharing one row array so a big new block costs no memory to undo. */
export function restoreEmptyCells(sheet: string, address: string): Edit {
  const r = parseRange(address);
  if (!r) throw new RangeError(`not an A1 range: ${address}`);
  const row: CellInput[] = new Array(r.right - r.left + 1).fill(null);
  const cells: CellInput[][] = new Array(r.bottom - r.top + 1).fill(row);
  return { type: "setCells", sheet, address, cells, label: "Undo" };
}

/** Puts number formats back: one format when the range had one, else one per cell. */
export function restoreNumberFormats(sheet: string, address: string, before: string[][]): Edit {
  const first = before[0]?.[0] ?? "General";
  const uniform = before.every((row) => row.every((f) => f === first));
  return { type: "setNumberFormat", sheet, address, format: uniform ? first : before.map((row) => [...row]), label: "Undo" };
}

/**
 * Puts styles back. `before` holds, per cell, the values of the properties
 * the edit changed (a host captures only those), grouped into rectangles.
 */
export function restoreStyles(sheet: string, address: string, before: CellStyle[][]): Edit[] {
  const r = parseRange(address);
  if (!r) throw new RangeError(`not an A1 range: ${address}`);
  return rectanglesOf(before, (s) => JSON.stringify(s), r).map(({ range, value }) => ({
    type: "setStyle" as const,
    sheet,
    address: formatRange(range),
    style: value,
  }));
}

/** Puts validation back: clear the range, then each part that had one. */
export function restoreValidation(sheet: string, address: string, before: DataValidation | null | (DataValidation | null)[][]): Edit[] {
  if (!Array.isArray(before)) return [{ type: "setDataValidation", sheet, address, validation: before, label: "Undo" }];
  const r = parseRange(address);
  if (!r) throw new RangeError(`not an A1 range: ${address}`);
  const edits: Edit[] = [{ type: "setDataValidation", sheet, address, validation: null, label: "Undo" }];
  for (const { range, value } of rectanglesOf(before, (v) => JSON.stringify(v), r)) {
    if (value) edits.push({ type: "setDataValidation", sheet, address: formatRange(range), validation: value, label: "Undo" });
  }
  return edits;
}

/**
 * Puts conditional formats back. `before` lists the rules that lay inside the
 * address, grouped by the range each applied to; bigger ranges go first so a
 * later, smaller replace does not remove them.
 */
export function restoreConditionalFormats(
  sheet: string,
  address: string,
  before: ConditionalFormat[] | { address: string; rules: ConditionalFormat[] }[],
): Edit[] {
  const groups = (before as unknown[]).every((g) => typeof g === "object" && g !== null && "rules" in g)
    ? (before as { address: string; rules: ConditionalFormat[] }[])
    : [{ address, rules: before as ConditionalFormat[] }];
  const area = (a: string) => {
    const r = parseRange(a);
    return r ? (r.bottom - r.top + 1) * (r.right - r.left + 1) : 0;
  };
  const edits: Edit[] = [{ type: "replaceConditionalFormats", sheet, address, rules: [], label: "Undo" }];
  const merged = new Map<string, ConditionalFormat[]>();
  for (const g of groups) merged.set(g.address, [...(merged.get(g.address) ?? []), ...g.rules]);
  [...merged.entries()]
    .filter(([, rules]) => rules.length > 0)
    .sort((a, b) => area(b[0]) - area(a[0]))
    .forEach(([a, rules]) => edits.push({ type: "replaceConditionalFormats", sheet, address: a, rules, label: "Undo" }));
  return edits;
}

/** Puts column widths back; a column with no width of its own gets Excel's default. */
export function restoreColumnWidths(sheet: string, before: { column: string; width: number | null }[]): Edit {
  return {
    type: "setColumnWidths",
    sheet,
    widths: before.map(({ column, width }) => ({ column, width: width && width > 0 ? Math.min(width, 255) : DEFAULT_COLUMN_WIDTH })),
  };
}

/** Puts a metadata key back; `undefined` (the key was absent) deletes it. */
export function restoreMetadataKey(key: string, before: unknown): Edit {
  return { type: "setMetadata", key, value: before === undefined ? null : before };
}

export function removeAddedSheet(sheet: string): Edit {
  return { type: "deleteSheet", sheet };
}

/** Brings back a deleted sheet with its visibility and cell contents (values and formulas). */
export function restoreDeletedSheet(
  sheet: string,
  visibility: "visible" | "hidden" | "veryHidden",
  contents: { address: string; values: CellValue[][]; formulas: (string | null)[][] } | null,
): Edit[] {
  const edits: Edit[] = [{ type: "addSheet", sheet, hidden: visibility }];
  if (contents) edits.push(restoreCells(sheet, contents.address, contents));
  return edits;
}

export function removeCreatedTable(sheet: string, name: string): Edit {
  return { type: "removeTable", sheet, name };
}

export function recreateRemovedTable(sheet: string, name: string, address: string, style: string): Edit {
  return { type: "createTable", sheet, name, address, style };
}

export function removeAddedTableColumns(sheet: string, table: string, count: number): Edit {
  return { type: "removeTableColumns", sheet, table, count };
}

/** Adds back columns removed from a table's end, with their headers and body cells. */
export function restoreRemovedTableColumns(sheet: string, table: string, columns: { header: string; values: CellInput[] }[]): Edit {
  return { type: "addTableColumns", sheet, table, columns: columns.map((c) => ({ header: c.header, values: c.values })) };
}

/** Undoes an unmerge: the area merged again. The cells it split were empty or cleared by later inverses first. */
export function remergeCells(sheet: string, address: string): Edit {
  return { type: "mergeCells", sheet, address };
}

/**
 * Undoes a merge: the area split again and, when the merge discarded values
 * of its other cells, those values put back.
 */
export function unmergeMergedCells(sheet: string, address: string, before: { values: CellValue[][]; formulas: (string | null)[][] } | null): Edit[] {
  const edits: Edit[] = [{ type: "unmergeCells", sheet, address }];
  if (before && before.values.some((row, i) => row.some((v, j) => (i > 0 || j > 0) && (v !== null || (before.formulas[i]?.[j] ?? null) !== null)))) {
    edits.push(restoreCells(sheet, address, before));
  }
  return edits;
}

export function restoreTableSize(sheet: string, table: string, address: string): Edit {
  return { type: "resizeTable", sheet, table, address };
}

/**
 * Undoes a chart edit: the chart of that name as it was before (when the host
 * knew it), else no chart of that name.
 */
export function restoreChart(sheet: string, name: string, before: ChartSpec | null): Edit {
  return before ? { ...before, sheet, name } : { type: "removeChart", sheet, name };
}

/** The inverse plan: each edit's inverse, last edit first. */
export function inversePlan(title: string, perEdit: Edit[][]): Plan {
  const edits: Edit[] = [];
  for (let i = perEdit.length - 1; i >= 0; i--) edits.push(...perEdit[i]);
  return { title: `Undo: ${title}`, edits };
}

/** Column letters of a range, left to right, for capturing widths. */
export function columnsOf(range: RangeAddress): string[] {
  const out: string[] = [];
  for (let c = range.left; c <= range.right; c++) out.push(columnLetter(c));
  return out;
}
