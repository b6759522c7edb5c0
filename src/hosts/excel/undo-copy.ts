/**
 * Keeping the cells an apply overwrites by copying them inside Excel instead
 * of reading them out. Reading a big range for Undo costs syncs that grow
 * with its rows (values, formulas, formats and types travel both ways under
 * the 5 MB payload limit); `Range.copyFrom(range, "All")` (ExcelApi 1.9) is a
 * command of a few bytes whatever the size. The copies go to a very hidden
 * sheet the host owns, each at the same address as its source so relative
 * references in copied formulas point at the same cells when copied back.
 *
 * The sheet holds one apply's copies at a time: it is cleared before each
 * capture, and a stamp in its last cell names the capture, so an Undo kept
 * from an earlier apply (another panel's, say) finds the copy is no longer
 * its own and refuses rather than putting back someone else's cells.
 */
import { formatRange, MAX_COLUMNS, MAX_ROWS, type RangeAddress } from "../../core/grid/address";
import { restoreCopiedCells } from "../../core/plan/inverse";
import type { Edit } from "../../core/plan/edits";
import { readsInSyncsOfItsOwn, UNDO_SHEET } from "./undo-sheet";

/** Where the stamp of the copies on the undo sheet is kept: its last cell, which no copy may cover. */
export const STAMP_CELL: RangeAddress = { top: MAX_ROWS, left: MAX_COLUMNS, bottom: MAX_ROWS, right: MAX_COLUMNS };
const STAMP_ADDRESS = formatRange(STAMP_CELL);

/** Whether the old cells of `range`, `held` of which lie in the sheet's used range, are better copied than read. */
export function copiesOldCells(range: RangeAddress, held: number): boolean {
  const holdsStamp = range.bottom === MAX_ROWS && range.right === MAX_COLUMNS;
  return !holdsStamp && readsInSyncsOfItsOwn(held);
}

let stamps = 0;
/** A name for one capture, unlikely ever to repeat in a workbook. */
export function newStamp(now = Date.now()): string {
  stamps = (stamps + 1) % 1_000_000;
  return `undo ${now.toString(36)}-${stamps.toString(36)}-${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
}

export interface OldCellsCopy {
  sheet: string;
  range: RangeAddress;
}

/**
 * Queues the capture: the undo sheet cleared, each range copied to the same
 * address there, then the stamp. Queued ahead of the writes in the same
 * batch, it runs before them; the stamp goes last, so a stamp in place means
 * every copy before it ran.
 */
export function queueCapture(ctx: Excel.RequestContext, copies: readonly OldCellsCopy[], stamp: string): number {
  const undo = ctx.workbook.worksheets.getItem(UNDO_SHEET);
  undo.getRange().clear("All" as Excel.ClearApplyTo);
  for (const c of copies) {
    const address = formatRange(c.range);
    undo.getRange(address).copyFrom(ctx.workbook.worksheets.getItem(c.sheet).getRange(address), "All" as Excel.RangeCopyType);
  }
  undo.getRange(STAMP_ADDRESS).values = [[stamp]];
  return 200 + copies.length * 200;
}

/** Queues emptying the undo sheet once the copies on it are no longer needed. */
export function queueClearUndoSheet(ctx: Excel.RequestContext): void {
  ctx.workbook.worksheets.getItem(UNDO_SHEET).getRange().clear("All" as Excel.ClearApplyTo);
}

/** The inverse of an overwrite whose old cells were copied: copy them back, if the copy is still this capture's. */
export function copyBack(c: OldCellsCopy, stamp: string): Edit {
  const address = formatRange(c.range);
  return restoreCopiedCells(c.sheet, address, UNDO_SHEET, address, { address: STAMP_ADDRESS, text: stamp });
}
