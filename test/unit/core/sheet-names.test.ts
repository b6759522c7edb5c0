import { sheetNamed } from "../../../src/core/sheet-names";

describe("finding a sheet by the name a person typed", () => {
  const names = ["Portfolio", "CPR Risks  ", "NDU  Issues", "Risks", "risks log"];

  test("an exact name wins, whatever its case", () => {
    expect(sheetNamed(names, "CPR Risks  ")).toBe("CPR Risks  ");
    expect(sheetNamed(names, "RISKS")).toBe("Risks");
  });

  test("spaces at the end or doubled inside are not asked of the person", () => {
    expect(sheetNamed(names, "CPR Risks")).toBe("CPR Risks  ");
    expect(sheetNamed(names, " ndu issues")).toBe("NDU  Issues");
  });

  test("no sheet, or two that read the same once tidied, gives none", () => {
    expect(sheetNamed(names, "Budget")).toBeUndefined();
    expect(sheetNamed(["Log ", "Log  "], "log")).toBeUndefined();
    expect(sheetNamed(["Log ", "Log  "], "Log  ")).toBe("Log  ");
  });
});
