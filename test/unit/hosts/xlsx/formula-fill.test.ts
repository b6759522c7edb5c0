import { formulaFiller, shiftFormula } from "../../../../src/hosts/xlsx/formula-fill";
import { rectanglesOf, restoreNumberFormats } from "../../../../src/core/plan/inverse";

describe("shiftFormula", () => {
  it.each([
    ["=C4*D4", 2, 0, "=C6*D6"],
    ["=$C4*D$4+$E$1", 1, 1, "=$C5*E$4+$E$1"],
    ["=SUM(A1:B2)", 3, 0, "=SUM(A4:B5)"],
    ['=IF(A1="A1","B2",LOG10(A1))', 1, 0, '=IF(A2="A1","B2",LOG10(A2))'],
    ["=Risks[@Q1]*2+Risks[[#This Row],[Impact]]", 5, 0, "=Risks[@Q1]*2+Risks[[#This Row],[Impact]]"],
    ["='My Sheet'!A1+Lists!B2", 1, 0, "='My Sheet'!A2+Lists!B3"],
    ["=A1", -1, 0, "=#REF!"],
  ])("%s moved by (%d, %d) is %s", (f, dr, dc, out) => {
    expect(shiftFormula(f, dr, dc)).toBe(out);
  });
});

describe("formulaFiller", () => {
  it.each([
    "=C4*D4",
    "=$C4*D$4+$E$1",
    "=Risks[@Q1]*2+Risks[[#This Row],[Impact]]",
    "=$A$1+B$2",
    "=$A1+$B2",
    "=A1048576",
    "=XFD1+1",
    '="A1"&Lists!$B$2',
  ])("moves %s as shiftFormula does, in every direction", (f) => {
    const at = formulaFiller(f);
    for (const [dr, dc] of [[0, 0], [1, 0], [7, 0], [-1, 0], [0, 1], [0, 3], [0, -1], [2, 2], [-1, -1]]) expect(at(dr, dc)).toBe(shiftFormula(f, dr, dc));
  });

  it("leaves a formula that reads the same in every row as it is, however far down", () => {
    const f = "=RiskRegister[[#This Row],[Residual Probability]]*RiskRegister[[#This Row],[Residual Impact]]";
    expect(formulaFiller(f)(99_999, 0)).toBe(f);
  });
});

describe("inverse helpers", () => {
  it("groups equal cells into rectangles", () => {
    const grid = [
      ["a", "a", "b"],
      ["a", "a", "b"],
      ["c", "a", "b"],
    ];
    const rects = rectanglesOf(grid, (s) => s, { top: 2, left: 1 }).map((r) => [r.value, r.range]);
    expect(rects).toEqual(
      expect.arrayContaining([
        ["a", { top: 2, bottom: 3, left: 1, right: 2 }],
        ["b", { top: 2, bottom: 4, left: 3, right: 3 }],
        ["c", { top: 4, bottom: 4, left: 1, right: 1 }],
        ["a", { top: 4, bottom: 4, left: 2, right: 2 }],
      ]),
    );
    expect(rects).toHaveLength(4);
  });

  it("restores one number format when the range had one, else one per cell", () => {
    expect(restoreNumberFormats("S", "A1:B1", [["0.0", "0.0"]])).toMatchObject({ format: "0.0" });
    expect(restoreNumberFormats("S", "A1:B1", [["0.0", "General"]])).toMatchObject({ format: [["0.0", "General"]] });
  });
});
