import { METADATA_SHEET, METADATA_TITLE, encodeMetadataRow } from "../../../../src/core/metadata/schema";
import type { Edit } from "../../../../src/core/plan/edits";
import type { Plan } from "../../../../src/core/plan/plan";
import { WorkbookError } from "../../../../src/hosts/host";
import { excelWouldReinterpret } from "../../../../src/hosts/excel/text-safety";
import { FakeExcel } from "../../../contract/fake-excel/fake-excel";
import { excelHostOver } from "../../../contract/fake-excel/host-over-fake";
import type { WorkbookSeed } from "../../../contract/workbook-seed";

const messyRegister: WorkbookSeed = {
  sheets: [
    {
      name: "Risks",
      origin: "B1",
      rows: [
        ["Project Falcon — Risk Register", null, null],
        ["Prepared by: PMO", null, null],
        [null, null, null],
        ["Risk ID", "Description", "Impact (High/Med/Low)"],
        ["R1", "Vendor late", "High"],
        ["R2", { formula: "=B5&\"x\"" }, { error: "#N/A" }],
      ],
      merges: ["B1:D1"],
      numberFormats: { "B6:B6": "@" },
    },
    { name: "Empty" },
    {
      name: METADATA_SHEET,
      visibility: "veryHidden",
      rows: [[METADATA_TITLE], encodeMetadataRow("settings", { locale: "en-GB" })],
    },
  ],
};

function plan(edits: Edit[]): Plan {
  return { title: "Test", edits };
}

describe("ExcelHost.outline", () => {
  test("lists visible sheets with used range, preview, merges and the stored record, in two syncs", async () => {
    const fake = FakeExcel.fromSeed(messyRegister);
    const outline = await excelHostOver(fake).outline({ previewRows: 5 });
    expect(fake.lastRun.syncs).toHaveLength(2);
    expect(outline.sheets.map((s) => s.name)).toEqual(["Risks", "Empty"]);
    const risks = outline.sheets[0];
    expect(risks?.usedRange).toBe("B1:D6");
    expect(risks?.merges).toEqual(["B1:D1"]);
    expect(risks?.preview?.address).toBe("B1:D5");
    expect(risks?.preview?.values[3]).toEqual(["Risk ID", "Description", "Impact (High/Med/Low)"]);
    expect(outline.sheets[1]).toMatchObject({ usedRange: null, preview: null, tables: [] });
    expect(outline.metadata.settings).toEqual({ locale: "en-GB" });
    expect(outline.metadataIssues).toEqual([]);
  });

  test("reports tables with their headers", async () => {
    const fake = FakeExcel.fromSeed({
      sheets: [{ name: "S", rows: [["A", "B"], [1, 2]], tables: [{ name: "Things", address: "A1:B2" }] }],
    });
    const outline = await excelHostOver(fake).outline();
    expect(outline.sheets[0]?.tables).toEqual([{ name: "Things", sheet: "S", address: "A1:B2", headers: ["A", "B"], showTotals: false }]);
  });
});

describe("ExcelHost.read", () => {
  test("gives errors as values, formulas only where there are formulas, number formats", async () => {
    const fake = FakeExcel.fromSeed(messyRegister);
    const grid = await excelHostOver(fake).read("Risks", "B5:D6");
    expect(grid.values).toEqual([
      ["R1", "Vendor late", "High"],
      ["R2", null, { error: "#N/A" }],
    ]);
    expect(grid.formulas).toEqual([
      [null, null, null],
      [null, '=B5&"x"', null],
    ]);
    expect(grid.numberFormats[1]).toEqual(["@", "General", "General"]);
  });

  test("a missing sheet is a WorkbookError naming it", async () => {
    const fake = FakeExcel.fromSeed(messyRegister);
    await expect(excelHostOver(fake).read("Nope", "A1")).rejects.toThrow(/no sheet named “Nope”/);
  });

  test("a big range is read in row blocks, none over 5 MB", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`row ${i}`, "x".repeat(60), i]);
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "Big", rows }] });
    const grid = await excelHostOver(fake).read("Big", "A1:C40000");
    expect(grid.values).toHaveLength(40_000);
    expect(grid.values[39_999]).toEqual(["row 39999", "x".repeat(60), 39_999]);
    const syncs = fake.lastRun.syncs;
    expect(syncs.length).toBeGreaterThan(2);
    for (const s of syncs) expect(s.responseBytes).toBeLessThan(5 * 1024 * 1024);
  });
});

describe("ExcelHost.apply", () => {
  test("text that Excel would parse is written as text and reads back unchanged", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S" }] });
    const host = excelHostOver(fake);
    const texts = ["=SUM(A1:A3)", "+44 20 7946 0000", "-5", "@risk", "1,000", "TRUE", "2024-03-01", "Mar 2024", "'quoted", "#N/A", " 42", "plain"];
    await host.apply(plan([{ type: "setCells", sheet: "S", address: "A1:L1", cells: [texts] }]));
    const grid = await host.read("S", "A1:L1");
    expect(grid.values[0]).toEqual(texts);
    expect(grid.formulas[0]).toEqual(texts.map(() => null));
    expect(grid.numberFormats[0]).toEqual(texts.map(() => "General"));
  });

  test("a formula's cached result is for files: Excel gets the formula alone and calculates it", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S", rows: [[2, 3]] }] });
    const host = excelHostOver(fake);
    await host.apply(plan([{ type: "setCells", sheet: "S", address: "C1", cells: [[{ formula: "=A1*B1", result: 99 }]] }]));
    const grid = await host.read("S", "C1");
    expect(grid.formulas[0]).toEqual(["=A1*B1"]);
    expect(grid.values[0][0]).not.toBe(99);
  });

  test("an invalid plan is refused before Excel is touched", async () => {
    const fake = FakeExcel.fromSeed(messyRegister);
    const before = JSON.stringify(fake.dump());
    const bad = { title: "x", edits: [{ type: "setCells", sheet: "Risks", address: "not a range", cells: [] }] };
    await expect(excelHostOver(fake).apply(bad as unknown as Plan)).rejects.toThrow(WorkbookError);
    expect(fake.runs).toHaveLength(0);
    expect(JSON.stringify(fake.dump())).toBe(before);
  });

  test("a plan that does not fit the workbook is refused with nothing written", async () => {
    const fake = FakeExcel.fromSeed(messyRegister);
    const before = JSON.stringify(fake.dump());
    const p = plan([
      { type: "setCells", sheet: "Risks", address: "F1", cells: [["written?"]] },
      { type: "addTableColumns", sheet: "Risks", table: "Nope", columns: [{ header: "Owner" }] },
      { type: "setCells", sheet: "Missing", address: "A1", cells: [["x"]] },
    ]);
    await expect(excelHostOver(fake).apply(p)).rejects.toThrow(/no table named “Nope”.*no sheet named “Missing”/s);
    expect(JSON.stringify(fake.dump())).toBe(before);
  });

  test("list values with commas are refused (Excel would split them)", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S" }] });
    const p = plan([{ type: "setDataValidation", sheet: "S", address: "A1:A5", validation: { rule: { kind: "list", values: ["Open, pending", "Closed"] }, allowBlank: true } }]);
    await expect(excelHostOver(fake).apply(p)).rejects.toThrow(/contains a comma/);
  });

  test("one merged undo group where ExcelApi 1.20 is there; Ctrl+Z restores everything", async () => {
    const fake = FakeExcel.fromSeed(messyRegister);
    const before = JSON.stringify(fake.dump());
    const result = await excelHostOver(fake, { supportsUndoGroup: true }).apply(plan([{ type: "setCells", sheet: "Risks", address: "B5", cells: [["R9"]] }]));
    expect(result.undo.excelUndoGroup).toBe(true);
    expect(fake.lastRun.mergeUndoGroup).toBe(true);
    fake.undo();
    expect(JSON.stringify(fake.dump())).toBe(before);
  });

  test("without ExcelApi 1.20 the run is not merged and the inverse plan undoes it", async () => {
    const fake = FakeExcel.fromSeed(messyRegister);
    const host = excelHostOver(fake, { supportsUndoGroup: false });
    const before = JSON.stringify(fake.dump());
    const result = await host.apply(
      plan([
        { type: "setCells", sheet: "Risks", address: "B5:C6", cells: [["R9", "=not a formula"], [null, 4]] },
        { type: "setNumberFormat", sheet: "Risks", address: "B5:B6", format: "0.00" },
        { type: "setColumnWidths", sheet: "Risks", widths: [{ column: "C", width: 30 }] },
      ]),
    );
    expect(result.undo.excelUndoGroup).toBe(false);
    expect(fake.lastRun.mergeUndoGroup).toBe(false);
    expect(JSON.stringify(fake.dump())).not.toBe(before);
    await host.apply(result.undo.inverse);
    const after = fake.dump();
    // Column C had no width of its own; undo sets Excel's default, which is the same width.
    expect(after[0]?.columnWidths["3"]).toBeCloseTo(48, 1);
    after[0]!.columnWidths = {};
    expect(JSON.stringify(after)).toBe(before);
  });

  test("progress is reported per edit", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S" }] });
    const seen: [number, number][] = [];
    await excelHostOver(fake).apply(
      plan([
        { type: "setCells", sheet: "S", address: "A1", cells: [["a"]] },
        { type: "setCells", sheet: "S", address: "A2", cells: [["b"]] },
      ]),
      (d, t) => seen.push([d, t]),
    );
    expect(seen).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});

describe("text safety", () => {
  test.each([
    ["=1", true],
    ["-", true],
    ["12 Main St", true],
    ["Jan 5", true],
    ["true", true],
    ["'x", true],
    ["Open", false],
    ["R-1", false],
    ["", false],
  ])("%j → %s", (text, protectedText) => {
    expect(excelWouldReinterpret(text)).toBe(protectedText);
  });
});
