/**
 * Excel on the web refuses a request or a response over 5 MB, and reads of
 * more than 5,000,000 cells. Writes are cut into row blocks measured by the
 * JSON they send; reads are cut into row blocks sized from what earlier
 * blocks weighed. The budget keeps a margin under the limit for the
 * commands that travel with the data.
 */

export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What one sync may carry in cell data; the rest of the 5 MB is headroom. */
export const SYNC_BUDGET_BYTES = 4 * 1024 * 1024;
export const READ_CELL_LIMIT = 5_000_000;
/** A first guess per cell for a read of values, formulas, number formats and value types. */
export const READ_BYTES_PER_CELL_GUESS = 120;

/** JSON size of one row of a 2-D array, as it travels in a request. */
export function rowBytes(row: readonly unknown[]): number {
  let n = 2;
  for (const x of row) {
    if (typeof x === "string") n += x.length + 3;
    else if (typeof x === "number") n += 12;
    else n += 6;
  }
  return n;
}

/** Splits rows into blocks of at most `budget` bytes each (a row bigger than the budget goes alone). */
export function rowBlocks(rows: readonly (readonly unknown[])[], budget = SYNC_BUDGET_BYTES): { start: number; end: number; bytes: number }[] {
  const blocks: { start: number; end: number; bytes: number }[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const b = rowBytes(row);
    if (i > start && bytes + b > budget) {
      blocks.push({ start, end: i, bytes });
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (rows.length > start) blocks.push({ start, end: rows.length, bytes });
  return blocks;
}

/** Rows per read block for a range `columns` wide, from a bytes-per-cell estimate. */
export function readBlockRows(columns: number, bytesPerCell: number, budget = SYNC_BUDGET_BYTES): number {
  const byBytes = Math.floor(budget / Math.max(1, columns * bytesPerCell));
  const byCells = Math.floor(READ_CELL_LIMIT / Math.max(1, columns));
  return Math.max(1, Math.min(byBytes, byCells));
}
