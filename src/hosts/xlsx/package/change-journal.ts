/**
 * What the plans applied since a file was opened changed, edit by edit, in
 * the order they ran (rollbacks and undos included). A save replays it over
 * the original package: cells in the touched ranges are written from the
 * workbook as the plans left it, and each structural edit (merges,
 * validations, colour rules, widths, tables, sheets) is made in its part.
 */
import { MAX_COLUMNS, MAX_ROWS, type RangeAddress } from "../../../core/grid/address";
import { METADATA_SHEET } from "../../../core/metadata/schema";
import type { Edit } from "../../../core/plan/edits";

export interface JournalEntry {
  edit: Edit;
  /** The sheet the edit works on (the metadata sheet for setMetadata). */
  sheet: string | undefined;
  /** Cells whose content the edit may write, found before it ran (a table edit's cells depend on the table's range then). */
  cells: RangeAddress[];
}

export const WHOLE_SHEET: RangeAddress = { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS };

/** The cells an edit may write, given the range of a table as it is just before the edit runs. */
export function cellsWrittenBy(e: Edit, rangeOfTable: (sheet: string, name: string) => RangeAddress | undefined, parse: (a: string) => RangeAddress | undefined): RangeAddress[] {
  const r = "address" in e ? parse(e.address) : undefined;
  switch (e.type) {
    case "setCells":
    case "fillFormula":
    case "unmergeCells":
    case "mergeCells":
      return r ? [r] : [];
    case "createTable":
      return r ? [{ ...r, bottom: r.top }] : [];
    case "addTableColumns": {
      const t = rangeOfTable(e.sheet, e.table);
      return t ? [{ top: t.top, bottom: t.bottom, left: t.right + 1, right: Math.min(MAX_COLUMNS, t.right + e.columns.length) }] : [];
    }
    case "removeTableColumns": {
      const t = rangeOfTable(e.sheet, e.table);
      return t ? [{ top: t.top, bottom: t.bottom, left: Math.max(t.left, t.right - e.count + 1), right: t.right }] : [];
    }
    case "resizeTable": {
      const t = rangeOfTable(e.sheet, e.table);
      return t && r && r.right > t.right ? [{ top: r.top, bottom: r.top, left: t.right + 1, right: r.right }] : [];
    }
    case "setMetadata":
      return [WHOLE_SHEET];
    default:
      return [];
  }
}

export function journalSheetOf(e: Edit): string | undefined {
  return "sheet" in e ? e.sheet : e.type === "setMetadata" ? METADATA_SHEET : undefined;
}
