import { copiesOldCells, newStamp } from "../../../../src/hosts/excel/undo-copy";
import { readsInSyncsOfItsOwn } from "../../../../src/hosts/excel/undo-sheet";
import { READ_BYTES_PER_CELL_GUESS, SYNC_BUDGET_BYTES } from "../../../../src/hosts/excel/payload";

describe("when old cells are copied rather than read", () => {
  const line = Math.floor(SYNC_BUDGET_BYTES / 4 / READ_BYTES_PER_CELL_GUESS);

  it("is where readRanges stops packing a range with others and reads it in syncs of its own", () => {
    expect(line).toBe(8_738);
    expect(readsInSyncsOfItsOwn(line)).toBe(false);
    expect(readsInSyncsOfItsOwn(line + 1)).toBe(true);
  });

  it("counts the cells that hold something, and never covers the undo sheet's stamp cell", () => {
    const range = { top: 1, left: 1, bottom: 100_000, right: 4 };
    expect(copiesOldCells(range, 400_000)).toBe(true);
    expect(copiesOldCells(range, 4_000)).toBe(false);
    expect(copiesOldCells({ top: 1_000_000, left: 16_000, bottom: 1_048_576, right: 16_384 }, 1_000_000)).toBe(false);
  });

  it("names each capture differently", () => {
    const stamps = new Set(Array.from({ length: 1_000 }, () => newStamp(0)));
    expect(stamps.size).toBe(1_000);
  });
});
