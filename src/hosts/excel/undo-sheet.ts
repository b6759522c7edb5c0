/**
 * The host's undo sheet and when it is used, without the capture machinery
 * (undo-copy.ts): the host's start path asks these, and the outline leaves
 * the sheet out.
 */
import { parseRange, rangeHeight, rangeWidth } from "../../core/grid/address";
import type { Edit } from "../../core/plan/edits";
import { READ_BYTES_PER_CELL_GUESS, SYNC_BUDGET_BYTES } from "./payload";

export { UNDO_SHEET } from "../../core/metadata/schema";

/**
 * A read of this many cells would go out in syncs of its own (readRanges
 * packs only ranges under a quarter of the budget together): above it the
 * old cells are copied, below it read, exactly as before and at no extra sync.
 */
export function readsInSyncsOfItsOwn(cells: number, budget = SYNC_BUDGET_BYTES): boolean {
  return cells * READ_BYTES_PER_CELL_GUESS > budget / 4;
}

/** An edit writing so many cells that, over cells holding something, their old state would be copied rather than read. */
export function writesManyCells(e: Edit): boolean {
  if (e.type !== "setCells" && e.type !== "fillFormula") return false;
  const r = parseRange(e.address);
  return r !== undefined && readsInSyncsOfItsOwn(rangeWidth(r) * rangeHeight(r));
}
