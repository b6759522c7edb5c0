/**
 * Array formulas and data tables a plan would write over in part. One
 * formula fills all the cells of such a group: Excel will not let one of
 * them change alone, and a save that writes some of them leaves the others
 * as plain numbers with nothing behind them (or, where the plan wrote a
 * cell the group's formula still spans, a file Excel repairs on open). The
 * package writer keeps every other formula, shared ones included, so these
 * are what a save cannot keep; a plan that writes over a whole group
 * replaces it, which is the plan's own change and no loss.
 */
import type ExcelJS from "exceljs";
import { formatRange, parseRange, type RangeAddress, rangeContains, rangesIntersect } from "../../core/grid/address";
import type { Plan } from "../../core/plan/plan";
import { VALUE_TYPE } from "./cell-values";
import { cellsWrittenBy, journalSheetOf, WHOLE_SHEET } from "./package/change-journal";
import { sheetTables } from "./sheet-access";

export interface FormulaGroup {
  sheet: string;
  kind: "array formula" | "data table";
  /** The cell that holds the group's formula. */
  anchor: string;
  range: RangeAddress;
}

/** The array formulas and data tables of a sheet, as the file holds them. */
export function formulaGroups(ws: ExcelJS.Worksheet): FormulaGroup[] {
  const groups: FormulaGroup[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if ((cell.type as number) !== VALUE_TYPE.Formula) return;
      // ExcelJS carries the formula element's t and ref attributes as shareType and ref, outside its typings.
      const v = cell.value as { shareType?: string; ref?: string };
      if (v.shareType !== "array" && v.shareType !== "dataTable") return;
      const range = parseRange(v.ref ?? cell.address);
      if (range) groups.push({ sheet: ws.name, kind: v.shareType === "array" ? "array formula" : "data table", anchor: cell.address, range });
    }),
  );
  return groups;
}

/** Array formulas and data tables `plan` writes over in part, in words naming file, sheet, cells and what is lost. */
export function formulaGroupLosses(workbook: ExcelJS.Workbook, fileName: string, plan: Plan): string[] {
  const sheetOf = (name: string) => workbook.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
  return lossesOfGroups(
    (sheet) => {
      const ws = sheetOf(sheet);
      return ws ? { name: ws.name, groups: formulaGroups(ws) } : undefined;
    },
    (sheet, name) => {
      const ws = sheetOf(sheet);
      return ws ? sheetTables(ws).find((t) => t.name.toLowerCase() === name.toLowerCase())?.range : undefined;
    },
    fileName,
    plan,
  );
}

/** The same, over any reader of a sheet's formula groups and a table's range (as the workbook holds them before the plan). */
export function lossesOfGroups(
  groupsOf: (sheet: string) => { name: string; groups: readonly FormulaGroup[] } | undefined,
  rangeOfTable: (sheet: string, name: string) => RangeAddress | undefined,
  fileName: string,
  plan: Plan,
): string[] {
  // Tables the plan itself makes or resizes, so later edits on them are placed where they will be.
  const planned = new Map<string, RangeAddress>();
  const tableRange = (sheet: string, name: string) => {
    const key = `${sheet.toLowerCase()}!${name.toLowerCase()}`;
    if (planned.has(key)) return planned.get(key);
    return rangeOfTable(sheet, name);
  };
  const written = new Map<string, RangeAddress[]>();
  for (const e of plan.edits) {
    const sheet = journalSheetOf(e);
    const cells = cellsWrittenBy(e, tableRange, parseRange).filter((r) => r !== WHOLE_SHEET);
    if (e.type === "createTable" || e.type === "resizeTable") {
      const r = parseRange(e.address);
      const name = e.type === "createTable" ? e.name : e.table;
      if (r) planned.set(`${e.sheet.toLowerCase()}!${name.toLowerCase()}`, r);
    }
    if (sheet && cells.length) written.set(sheet.toLowerCase(), [...(written.get(sheet.toLowerCase()) ?? []), ...cells]);
  }
  const losses: string[] = [];
  for (const [sheet, ranges] of written) {
    const found = groupsOf(sheet);
    if (!found) continue;
    for (const g of found.groups) {
      const hits = ranges.filter((r) => rangesIntersect(r, g.range));
      if (!hits.length || hits.some((r) => rangeContains(r, g.range))) continue;
      const where = formatRange(g.range);
      losses.push(
        `“${fileName}”, sheet “${found.name}”, ${where}: the plan writes over part of the ${g.kind} in ${g.anchor} (one formula fills all of ${where}), which saving cannot keep`,
      );
    }
  }
  return losses;
}
