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

/**
 * UTF-8 bytes of a string: the 5 MB limit is on bytes, and accented text takes
 * two per letter, CJK three (characters would undercount it threefold).
 */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON size in UTF-8 bytes of one row of a 2-D array, as it travels in a request. */
export function rowBytes(row: readonly unknown[]): number {
  let n = 2;
  for (const x of row) {
    if (typeof x === "string") n += utf8Bytes(x) + 3;
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
