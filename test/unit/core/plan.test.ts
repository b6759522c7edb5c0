import { checkPlan, plan } from "../../../src/core/plan/plan";
import { describe as describePlan, previewPlan } from "../../../src/core/plan/describe";
import type { Edit } from "../../../src/core/plan/edits";

const edits: Edit[] = [
  { type: "createTable", sheet: "Risks", address: "B4:F20", name: "RiskRegister", style: "TableStyleMedium2" },
  {
    type: "addTableColumns",
    sheet: "Risks",
    table: "RiskRegister",
    columns: [{ header: "Owner" }, { header: "Proximity" }],
  },
  {
    type: "setDataValidation",
    sheet: "Risks",
    address: "E5:E20",
    label: "Status",
    validation: { rule: { kind: "list", values: ["Open", "Closed", "Managed", "Proposed", "Rejected"] }, allowBlank: true },
  },
  { type: "setMetadata", key: "registers", value: [] },
];

describe("a plan", () => {
  it("describes itself in plain words, grouped by sheet", () => {
    expect(describePlan(plan("Apply Risk register v1 to “Risks”", edits))).toMatchInlineSnapshot(`
[
  "Apply Risk register v1 to “Risks”: 4 changes",
  "Sheet “Risks”:",
  "  - Makes B4:F20 an Excel table named “RiskRegister”",
  "  - Adds 2 columns “Owner”, “Proximity” at the end of table “RiskRegister”",
  "  - Adds a drop-down to E5:E20 (Status) (5 values)",
  "Workbook:",
  "  - Records “registers” in the workbook",
]
`);
  });

  it("counts edits by type for the preview", () => {
    const preview = previewPlan(plan("t", edits));
    expect(preview.counts).toEqual({ createTable: 1, addTableColumns: 1, setDataValidation: 1, setMetadata: 1 });
    expect(preview.groups.map((g) => g.sheet)).toEqual(["Risks", null]);
  });

  it("says when there is nothing to change", () => {
    expect(describePlan(plan("Apply Risk register v1"))).toEqual(["Apply Risk register v1: nothing to change."]);
  });

  it("accepts a well-formed plan and fills defaults", () => {
    const r = checkPlan({ title: "t", edits: [{ type: "addSheet", sheet: "Lists" }] });
    expect(r).toEqual({ ok: true, value: { title: "t", edits: [{ type: "addSheet", sheet: "Lists", hidden: "visible" }] } });
  });

  it("adds no sheet Excel would refuse: an apostrophe at either end, or History; a sheet another program named so is still written to", () => {
    const r = checkPlan({ title: "t", edits: [{ type: "addSheet", sheet: "Heat Map Vendor'" }, { type: "addSheet", sheet: "'Quoted" }, { type: "addSheet", sheet: "history" }] });
    expect(r.ok ? [] : r.error).toEqual([
      "edits.0.sheet: sheet names cannot begin or end with an apostrophe",
      "edits.1.sheet: sheet names cannot begin or end with an apostrophe",
      "edits.2.sheet: “History” is a sheet name Excel keeps for itself",
    ]);
    expect(checkPlan({ title: "t", edits: [{ type: "setCells", sheet: "Vendors'", address: "A1", cells: [["x"]] }] }).ok).toBe(true);
  });

  it("reports every problem at once, each with its path", () => {
    const r = checkPlan({
      title: "t",
      edits: [
        { type: "addSheet", sheet: "Bad/Name" },
        { type: "setCells", sheet: "Risks", address: "A0", cells: [[Number.NaN]] },
        { type: "fillFormula", sheet: "Risks", address: "H5:H9", formula: "SUM(A1)" },
        { type: "paint", sheet: "Risks" },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchInlineSnapshot(`
[
  "edits.0.sheet: sheet names cannot contain \\ / ? * [ ] :",
  "edits.1.address: not an A1 range",
  "edits.1.cells.0.0: a cell takes text, a finite number, true/false, null or { formula: "=..." }",
  "edits.2.formula: a formula starts with =",
  "edits.3.type: Invalid discriminator value. Expected 'addSheet' | 'deleteSheet' | 'setCells' | 'fillFormula' | 'copyCells' | 'createTable' | 'removeTable' | 'addTableColumns' | 'removeTableColumns' | 'resizeTable' | 'unmergeCells' | 'mergeCells' | 'setNumberFormat' | 'setStyle' | 'setColumnWidths' | 'setDataValidation' | 'replaceConditionalFormats' | 'setChart' | 'removeChart' | 'setMetadata'",
]
`);
  });

  describe("when merged cells are unmerged", () => {
    const lines = (e: Edit[]) => describePlan(plan("t", e)).slice(2);

    it("says which value stays where and which cells become empty", () => {
      expect(
        lines([
          { type: "unmergeCells", sheet: "Risks", address: "A6:A15", label: "Functional" },
          { type: "unmergeCells", sheet: "Risks", address: "A5:C5", label: "Risk Category" },
          { type: "unmergeCells", sheet: "Risks", address: "B3:D5" },
          { type: "unmergeCells", sheet: "Risks", address: "E3:E4", label: "  a very long header text\nthat goes on over two lines  " },
        ]),
      ).toMatchInlineSnapshot(`
[
  "  - Unmerges A6:A15 (“Functional” stays in A6; A7:A15 become empty cells)",
  "  - Unmerges A5:C5 (“Risk Category” stays in A5; B5:C5 become empty cells)",
  "  - Unmerges B3:D5 (the value stays in B3; the other 8 cells become empty cells)",
  "  - Unmerges E3:E4 (“a very long header text that goes on ov…” stays in E3; E4 becomes an empty cell)",
]
`);
    });

    it("describes the merge undo puts back", () => {
      expect(lines([{ type: "mergeCells", sheet: "Risks", address: "A6:A15" }])).toEqual(["  - Merges A6:A15 back into one cell (the value of A6 stays)"]);
    });

    it("counts unmerges apart from other edits", () => {
      const preview = previewPlan(plan("t", [{ type: "unmergeCells", sheet: "Risks", address: "A6:A15" }, ...edits]));
      expect(preview.counts.unmergeCells).toBe(1);
      expect(preview.groups[0]?.lines[0]).toMatch(/^Unmerges A6:A15/);
    });

    it("refuses a merged area of one cell", () => {
      const r = checkPlan({ title: "t", edits: [{ type: "unmergeCells", sheet: "Risks", address: "A6" }, { type: "mergeCells", sheet: "Risks", address: "A6:A6" }] });
      expect(r).toEqual({
        ok: false,
        error: ["edits.0.address: a merged area is an A1 range of at least two cells", "edits.1.address: a merged area is an A1 range of at least two cells"],
      });
    });
  });

  it("keeps a string that looks like a formula apart from a formula", () => {
    const r = checkPlan({
      title: "t",
      edits: [{ type: "setCells", sheet: "Ledger", address: "A1:B1", cells: [["=HYPERLINK(\"x\")", { formula: "=1+1" }]] }],
    });
    expect(r.ok).toBe(true);
    expect(describePlan(r.ok ? r.value : plan("x"))[2]).toBe("  - Writes 2 cells (1 formula) in A1:B1");
  });
});
