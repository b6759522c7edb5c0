import { parseRange, type RangeAddress } from "../../../../src/core/grid/address";
import type { CellValue } from "../../../../src/core/grid/cell";
import { headerRowAt } from "../../../../src/core/detect/pointed-header";
import type { SheetCells } from "../../../../src/core/detect/sheet-cells";

function sheet(rows: CellValue[][], merges: string[] = [], numberFormats?: string[][]): SheetCells {
  return { sheet: "S", top: 1, left: 1, values: rows, merges: merges.map((m) => parseRange(m) as RangeAddress), ...(numberFormats ? { numberFormats } : {}) };
}

/** A weekly log under a title with no gap, all its records text, a second block beside it after an empty column. */
const log = sheet([
  ["Weekly catch-up", null, null, null, null, null, null],
  ["Item", "Who", "By When", "Where We Are", null, "Status", "Meaning"],
  ["Thing 1", "Jo", "Friday", "Started", null, "Started", "work begun"],
  ["Thing 2", "Al", null, "Done", null, "Done", "finished"],
  [null, null, null, null, null, null, null],
  ["Notes", null, null, null, null, null, null],
]);

describe("the header row of the cell a person selected", () => {
  test.each([
    ["the header cell itself", 2, 2, 2],
    ["a record under it", 4, 4, 2],
    ["an empty cell inside a record", 4, 3, 2],
    ["the block beside it, on the same header row", 4, 7, 2],
  ])("%s (row %i, column %i) → header row %i", (_, row, col, header) => {
    expect(headerRowAt(log, row, col)?.headerRow).toBe(header);
  });

  it("names a column of the block the cell is in, so blocks side by side stay apart", () => {
    expect(headerRowAt(log, 3, 7)?.column).toBe(7);
    expect(headerRowAt(log, 3, 1)?.column).toBe(1);
  });

  it("a title or a lone note is its own row when nothing below it reads as a header", () => {
    expect(headerRowAt(log, 6, 1)?.headerRow).toBe(6);
  });

  it("an empty part of the sheet points at nothing", () => {
    expect(headerRowAt(log, 5, 2)).toBeNull();
  });

  it("a row of numbers or dates is never the header: the labels above it are", () => {
    const s = sheet(
      [
        ["ID", "Raised", "Cost"],
        ["A-1", 45000, 300],
        ["A-2", 45001, 400],
      ],
      [],
      [
        ["General", "General", "General"],
        ["General", "dd/mm/yyyy", "0"],
        ["General", "dd/mm/yyyy", "0"],
      ],
    );
    expect(headerRowAt(s, 3, 3)?.headerRow).toBe(1);
  });

  it("a group row merged over the labels gives way to the labels under it", () => {
    const s = sheet(
      [
        ["Risk", null, "Inherent", null, "Residual", null],
        ["ID", "Description", "Likelihood", "Impact", "Likelihood", "Impact"],
        ["R-1", "Vendor", "High", "Low", "Low", "Low"],
      ],
      ["A1:B1", "C1:D1", "E1:F1"],
    );
    expect(headerRowAt(s, 3, 4)?.headerRow).toBe(2);
  });
});
