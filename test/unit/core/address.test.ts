import { columnIndex, columnLetter, formatRange, parseCell, parseRange, quoteSheetName } from "../../../src/core/grid/address";

describe("A1 addresses", () => {
  it.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"],
  ])("column %i is %s and back", (n, letters) => {
    expect(columnLetter(n)).toBe(letters);
    expect(columnIndex(letters)).toBe(n);
  });

  it("refuses columns past XFD", () => {
    expect(columnIndex("XFE")).toBeUndefined();
    expect(() => columnLetter(16385)).toThrow(RangeError);
  });

  it("parses cells and ranges, absolute or not, with or without a sheet", () => {
    expect(parseCell("$C$7")).toEqual({ row: 7, col: 3 });
    expect(parseRange("'Risk Log'!$B$3:$D$10")).toEqual({ top: 3, left: 2, bottom: 10, right: 4 });
    expect(parseRange("D10:B3")).toEqual({ top: 3, left: 2, bottom: 10, right: 4 });
    expect(formatRange({ top: 3, left: 2, bottom: 3, right: 2 })).toBe("B3");
  });

  it("returns undefined for bad input instead of throwing", () => {
    for (const bad of ["", "A0", "1A", "A1:B2:C3", "A1048577", "risk"]) expect(parseRange(bad)).toBeUndefined();
  });

  it("quotes sheet names only when a formula needs it", () => {
    expect(quoteSheetName("Risks")).toBe("Risks");
    expect(quoteSheetName(" Stakeholder Register ")).toBe("' Stakeholder Register '");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
  });
});
