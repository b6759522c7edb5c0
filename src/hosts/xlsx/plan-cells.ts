/**
 * The cells a plan reads or writes while it is applied, per sheet: what a
 * model built for that plan alone must hold so that applying it there does
 * exactly what applying it to the whole workbook does (its checks, the
 * before-state its undo records, the cells a save writes). Everything else
 * the plan touches (validations, colour rules, widths, tables, merged areas)
 * lies outside the cells and is always in the model.
 */
import { MAX_COLUMNS, parseRange, type RangeAddress } from "../../core/grid/address";
import { METADATA_SHEET } from "../../core/metadata/schema";
import type { Plan } from "../../core/plan/plan";

/** Lower-case sheet name → the ranges needed, or "all" for every cell of the sheet. */
export type NeededCells = Map<string, RangeAddress[] | "all">;

/** A table as the workbook holds it before the plan. */
export interface KnownTable {
  sheet: string;
  name: string;
  range: RangeAddress;
}

export function cellsPlanNeeds(plan: Plan, tables: readonly KnownTable[]): NeededCells {
  const out: NeededCells = new Map();
  const need = (sheet: string, range: RangeAddress | "all") => {
    const key = sheet.toLowerCase();
    const have = out.get(key);
    if (have === "all") return;
    if (range === "all") out.set(key, "all");
    else out.set(key, [...(have ?? []), range]);
  };
  // Tables as earlier edits of the plan leave them (the plan may make a table and then grow it).
  const ranges = new Map(tables.map((t) => [`${t.sheet.toLowerCase()}!${t.name.toLowerCase()}`, t.range]));
  const tableKey = (sheet: string, name: string) => `${sheet.toLowerCase()}!${name.toLowerCase()}`;
  for (const e of plan.edits) {
    const r = "address" in e ? parseRange(e.address) : undefined;
    switch (e.type) {
      case "setCells":
        if (!r) break;
        need(e.sheet, r);
        // Writing a table's header cells renames its columns from the whole header row.
        for (const [key, t] of ranges) {
          if (key.startsWith(`${e.sheet.toLowerCase()}!`) && t.top >= r.top && t.top <= r.bottom && t.left <= r.right && r.left <= t.right) need(e.sheet, { ...t, bottom: t.top });
        }
        break;
      case "copyCells": {
        const from = parseRange(e.fromAddress);
        if (r) need(e.sheet, r);
        if (from) need(e.fromSheet, from);
        break;
      }
      case "fillFormula":
      case "setNumberFormat":
      case "setStyle":
      case "mergeCells":
      case "unmergeCells":
        if (r) need(e.sheet, r);
        break;
      case "createTable":
        if (r) {
          need(e.sheet, { ...r, bottom: r.top });
          ranges.set(tableKey(e.sheet, e.name), r);
        }
        break;
      case "addTableColumns": {
        const t = ranges.get(tableKey(e.sheet, e.table));
        if (!t) break;
        const right = Math.min(MAX_COLUMNS, t.right + e.columns.length);
        need(e.sheet, { top: t.top, bottom: t.bottom, left: t.right + 1, right });
        ranges.set(tableKey(e.sheet, e.table), { ...t, right });
        break;
      }
      case "removeTableColumns": {
        const t = ranges.get(tableKey(e.sheet, e.table));
        if (!t) break;
        const left = Math.max(t.left, t.right - e.count + 1);
        need(e.sheet, { top: t.top, bottom: t.bottom, left, right: t.right });
        ranges.set(tableKey(e.sheet, e.table), { ...t, right: left - 1 });
        break;
      }
      case "resizeTable": {
        const t = ranges.get(tableKey(e.sheet, e.table));
        if (t && r && r.right > t.right) need(e.sheet, { top: r.top, bottom: r.top, left: t.right + 1, right: r.right });
        if (r) ranges.set(tableKey(e.sheet, e.table), r);
        break;
      }
      case "removeTable":
        ranges.delete(tableKey(e.sheet, e.name));
        break;
      case "deleteSheet":
      case "addSheet":
        need(e.sheet, "all");
        break;
      case "setMetadata":
        need(METADATA_SHEET, "all");
        break;
      case "setDataValidation":
      case "replaceConditionalFormats":
      case "setColumnWidths":
        break;
    }
  }
  return out;
}
