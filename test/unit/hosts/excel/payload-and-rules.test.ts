import type { DataValidation } from "../../../../src/core/plan/edits";
import { conditionalFormatFromOffice, officeCellValueRule, officeValidationRule, validationFromOffice } from "../../../../src/hosts/excel/office-rules";
import { readBlockRows, rowBlocks, rowBytes } from "../../../../src/hosts/excel/payload";
import { charsToPoints, pointsToChars } from "../../../../src/hosts/excel/apply-plan";

describe("row blocks", () => {
  test("every block stays under the budget and together they cover every row once", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ["x".repeat(i % 50), i, true]);
    const blocks = rowBlocks(rows, 2_000);
    expect(blocks[0]?.start).toBe(0);
    expect(blocks[blocks.length - 1]?.end).toBe(1000);
    blocks.forEach((b, k) => {
      expect(b.bytes).toBeLessThanOrEqual(2_000);
      if (k > 0) expect(b.start).toBe(blocks[k - 1]?.end);
      expect(b.bytes).toBe(rows.slice(b.start, b.end).reduce((n, r) => n + rowBytes(r), 0));
    });
  });

  test("a row estimate is never below its JSON size", () => {
    const row = ["a\"b", 123456.789, false, ""];
    expect(rowBytes(row)).toBeGreaterThanOrEqual(JSON.stringify(row).length);
  });

  test("read blocks respect both the byte budget and the 5,000,000-cell limit", () => {
    expect(readBlockRows(15, 120, 4_000_000)).toBe(2222);
    expect(readBlockRows(16_384, 0.0001, 4_000_000)).toBe(Math.floor(5_000_000 / 16_384));
  });
});

describe("Office rule shapes", () => {
  test.each<DataValidation>([
    { rule: { kind: "list", values: ["Open", "Closed"] }, allowBlank: true, prompt: "Pick one" },
    { rule: { kind: "listRange", source: "=Lists!$A$2:$A$9" }, allowBlank: false },
    { rule: { kind: "wholeNumber", operator: "between", formula1: 1, formula2: 5 }, allowBlank: true, errorMessage: "1 to 5" },
    { rule: { kind: "date", operator: "greaterThan", formula1: "=TODAY()" }, allowBlank: true },
  ])("validation %j goes to Office and back unchanged", (v) => {
    const office = officeValidationRule(v.rule);
    const type = { list: "List", listRange: "List", wholeNumber: "WholeNumber", decimal: "Decimal", date: "Date" }[v.rule.kind];
    const back = validationFromOffice({
      type,
      rule: office,
      ignoreBlanks: v.allowBlank,
      prompt: v.prompt ? { message: v.prompt, showPrompt: true, title: "" } : undefined,
      errorAlert: v.errorMessage ? { message: v.errorMessage, showAlert: true, style: "Stop" as Excel.DataValidationAlertStyle, title: "" } : undefined,
    });
    expect(back).toEqual(v);
  });

  test("a kind of validation a plan cannot express is reported as such, not dropped", () => {
    expect(validationFromOffice({ type: "TextLength", rule: {}, ignoreBlanks: true })).toBeUndefined();
    expect(validationFromOffice({ type: "None", rule: {}, ignoreBlanks: true })).toBeNull();
  });

  test("colour rules go to Office and back", () => {
    const cellValue = { kind: "cellValue" as const, operator: "greaterThanOrEqual" as const, formula1: "16", fill: "#FFC7CE" };
    const office = officeCellValueRule(cellValue);
    expect(conditionalFormatFromOffice({ type: "CellValue", cellValue: office as { formula1: string; operator: string }, fill: "#ffc7ce" })).toEqual(cellValue);
    expect(conditionalFormatFromOffice({ type: "Custom", formula: "=$H2>=16", fontColor: "#9C0006" })).toEqual({ kind: "expression", formula: "=$H2>=16", fontColor: "#9C0006" });
    expect(conditionalFormatFromOffice({ type: "DataBar" })).toBeUndefined();
  });

  test("column widths: characters to points and back", () => {
    expect(charsToPoints(8.43)).toBeCloseTo(48, 0);
    expect(pointsToChars(charsToPoints(30))).toBeCloseTo(30, 1);
  });
});
