/**
 * ExcelHost.readRules and readLooks over the fake Excel: the port's shapes,
 * mixtures reported as "mixed", rules of kinds a plan cannot express left
 * out, and syncs that do not grow with rows or with the ranges asked about.
 */
import type { Edit } from "../../../../src/core/plan/edits";
import { WorkbookError } from "../../../../src/hosts/host";
import { officeAreas, rangeValidation } from "../../../../src/hosts/excel/read-rules";
import { FakeExcel } from "../../../contract/fake-excel/fake-excel";
import { excelHostOver } from "../../../contract/fake-excel/host-over-fake";

function registerFake(rows: number): FakeExcel {
  const body = Array.from({ length: rows }, (_, i) => [`R${i + 1}`, "Open", 3, 4, null]);
  return FakeExcel.fromSeed({ sheets: [{ name: "Risks", rows: [["ID", "Status", "Prob", "Impact", "Score"], ...body] }] });
}

const bands: Edit = {
  type: "replaceConditionalFormats",
  sheet: "Risks",
  address: "E2:E11",
  rules: [
    { kind: "cellValue", operator: "between", formula1: "1", formula2: "4", fill: "#C6EFCE" },
    { kind: "cellValue", operator: "between", formula1: "5", formula2: "12", fill: "#FFEB9C" },
    { kind: "cellValue", operator: "between", formula1: "15", formula2: "25", fill: "#FFC7CE" },
  ],
};

async function applied(fake: FakeExcel, edits: Edit[]): Promise<void> {
  await excelHostOver(fake, { supportsUndoGroup: false }).apply({ title: "set up", edits });
}

describe("ExcelHost.readRules", () => {
  test("reports each range's validation and the colour rules touching it, rules sharing an area together in priority order", async () => {
    const fake = registerFake(10);
    await applied(fake, [
      { type: "setDataValidation", sheet: "Risks", address: "B2:B11", validation: { rule: { kind: "list", values: ["Open", "Closed"] }, allowBlank: true, errorMessage: "Pick one" } },
      { type: "setDataValidation", sheet: "Risks", address: "C2:C11", validation: { rule: { kind: "wholeNumber", operator: "between", formula1: 1, formula2: 5 }, allowBlank: false } },
      { type: "setDataValidation", sheet: "Risks", address: "D2:D11", validation: { rule: { kind: "listRange", source: "=Lists!$A$2:$A$6" }, allowBlank: true } },
      bands,
      { type: "replaceConditionalFormats", sheet: "Risks", address: "A2:A11", rules: [{ kind: "expression", formula: "=$E2>=15", fill: "#FFC7CE", fontColor: "#9C0006" }] },
    ]);
    const host = excelHostOver(fake);
    const rules = await host.readRules("Risks", ["A2:A11", "B2:B11", "C2:C11", "D2:D11", "E2:E11"]);
    expect(rules).toEqual([
      { address: "A2:A11", validation: null, conditionalFormats: [{ address: "A2:A11", rules: [{ kind: "expression", formula: "=$E2>=15", fill: "#FFC7CE", fontColor: "#9C0006" }] }] },
      { address: "B2:B11", validation: { rule: { kind: "list", values: ["Open", "Closed"] }, allowBlank: true, errorMessage: "Pick one" }, conditionalFormats: [] },
      { address: "C2:C11", validation: { rule: { kind: "wholeNumber", operator: "between", formula1: 1, formula2: 5 }, allowBlank: false }, conditionalFormats: [] },
      { address: "D2:D11", validation: { rule: { kind: "listRange", source: "=Lists!$A$2:$A$6" }, allowBlank: true }, conditionalFormats: [] },
      { address: "E2:E11", validation: null, conditionalFormats: [{ address: "E2:E11", rules: bands.type === "replaceConditionalFormats" ? bands.rules : [] }] },
    ]);
  });

  test("a rule over part of the range, or over a wider one, comes back with its own area", async () => {
    const fake = registerFake(10);
    // The wider rule first: a replace over D2:E20 would take out a rule inside it.
    await applied(fake, [{ type: "replaceConditionalFormats", sheet: "Risks", address: "D2:E20", rules: [{ kind: "expression", formula: "=$D2=0", fill: "#00FF00" }] }]);
    await applied(fake, [{ type: "replaceConditionalFormats", sheet: "Risks", address: "E2:E5", rules: [{ kind: "expression", formula: "=$E2>20", fill: "#FF0000" }] }]);
    const [e] = await excelHostOver(fake).readRules("Risks", ["E2:E11"]);
    // In priority order: Excel puts the rule added later on top.
    expect(e?.conditionalFormats).toEqual([
      { address: "E2:E5", rules: [{ kind: "expression", formula: "=$E2>20", fill: "#FF0000" }] },
      { address: "D2:E20", rules: [{ kind: "expression", formula: "=$D2=0", fill: "#00FF00" }] },
    ]);
  });

  test("cells with different validations, or some with none, are reported as mixed", async () => {
    const fake = registerFake(10);
    await applied(fake, [
      { type: "setDataValidation", sheet: "Risks", address: "B2:B5", validation: { rule: { kind: "list", values: ["Open"] }, allowBlank: true } },
      { type: "setDataValidation", sheet: "Risks", address: "C2:C5", validation: { rule: { kind: "list", values: ["1", "2"] }, allowBlank: true } },
      { type: "setDataValidation", sheet: "Risks", address: "C6:C11", validation: { rule: { kind: "list", values: ["1", "2", "3"] }, allowBlank: true } },
      { type: "setDataValidation", sheet: "Risks", address: "D2:D11", validation: { rule: { kind: "list", values: ["x"] }, allowBlank: true } },
      { type: "setDataValidation", sheet: "Risks", address: "D4:D4", validation: { rule: { kind: "list", values: ["x"] }, allowBlank: false } },
    ]);
    const rules = await excelHostOver(fake).readRules("Risks", ["B2:B11", "C2:C11", "D2:D11", "A2:A11"]);
    expect(rules.map((r) => r.validation)).toEqual(["mixed", "mixed", "mixed", null]);
  });

  test("syncs stay the same from 10 to 20,000 rows and from one range to every column", async () => {
    const syncsFor = async (rows: number, addresses: (rows: number) => string[]) => {
      const fake = registerFake(rows);
      await applied(fake, [
        { type: "setDataValidation", sheet: "Risks", address: `B2:B${rows + 1}`, validation: { rule: { kind: "list", values: ["Open", "Closed"] }, allowBlank: true } },
        { ...bands, address: `E2:E${rows + 1}` } as Edit,
      ]);
      await excelHostOver(fake).readRules("Risks", addresses(rows));
      return fake.lastRun.syncs.length;
    };
    const one = (rows: number) => [`E2:E${rows + 1}`];
    const all = (rows: number) => ["A", "B", "C", "D", "E"].map((c) => `${c}2:${c}${rows + 1}`);
    expect(await syncsFor(10, one)).toBe(2);
    expect(await syncsFor(20_000, one)).toBe(2);
    expect(await syncsFor(20_000, all)).toBe(2);
  });

  test("without colour rules it takes one sync", async () => {
    const fake = registerFake(10);
    await excelHostOver(fake).readRules("Risks", ["A2:A11", "B2:B11"]);
    expect(fake.lastRun.syncs).toHaveLength(1);
  });

  test("a missing sheet or a bad address is a WorkbookError naming it", async () => {
    const host = excelHostOver(registerFake(3));
    await expect(host.readRules("Nope", ["A1:A3"])).rejects.toThrow(WorkbookError);
    await expect(host.readRules("Nope", ["A1:A3"])).rejects.toThrow(/Nope/);
    await expect(host.readRules("Risks", ["not a range"])).rejects.toThrow(/not a range/);
    await expect(host.readLooks("Nope", "A1:E1")).rejects.toThrow(/Nope/);
  });
});

describe("ExcelHost.readLooks", () => {
  test("bold, solid fill and wrap per cell, in one sync", async () => {
    const fake = registerFake(3);
    await applied(fake, [
      { type: "setStyle", sheet: "Risks", address: "A1:C1", style: { bold: true, fill: "#ddebf7", wrapText: true } },
      { type: "setStyle", sheet: "Risks", address: "D1", style: { italic: true } },
    ]);
    const looks = await excelHostOver(fake).readLooks("Risks", "A1:E1");
    expect(fake.lastRun.syncs).toHaveLength(1);
    const styled = { bold: true, fill: "#DDEBF7", wrapText: true };
    const plain = { bold: false, fill: null, wrapText: false };
    expect(looks).toEqual([[styled, styled, styled, plain, plain]]);
  });

  test("a cleared fill reads as no fill", async () => {
    const fake = registerFake(3);
    await applied(fake, [{ type: "setStyle", sheet: "Risks", address: "A1:B1", style: { fill: "#FFEB9C" } }]);
    await applied(fake, [{ type: "setStyle", sheet: "Risks", address: "B1", style: { fill: null } }]);
    const [row] = await excelHostOver(fake).readLooks("Risks", "A1:B1");
    expect(row?.map((l) => l.fill)).toEqual(["#FFEB9C", null]);
  });
});

describe("reading Office's answers", () => {
  test("a mixture of validations is 'mixed'; a kind a plan cannot express counts as none, as in the xlsx host", () => {
    const none = { ignoreBlanks: true, prompt: { message: "", showPrompt: false, title: "" }, errorAlert: { message: "", showAlert: true, style: "Stop", title: "" } } as const;
    expect(rangeValidation({ type: "Inconsistent", rule: {}, ...none } as never)).toBe("mixed");
    expect(rangeValidation({ type: "MixedCriteria", rule: {}, ...none } as never)).toBe("mixed");
    expect(rangeValidation({ type: "None", rule: {}, ...none } as never)).toBeNull();
    expect(rangeValidation({ type: "Custom", rule: { custom: { formula: "=LEN(A1)<5" } }, ...none } as never)).toBeNull();
    expect(rangeValidation({ type: "List", rule: { list: { source: "a,b", inCellDropDown: true } }, ...none } as never)).toEqual({ rule: { kind: "list", values: ["a", "b"] }, allowBlank: true });
  });

  test("address lists: several areas, quoted sheet names with commas, absolute references, whole columns and rows", () => {
    expect(officeAreas("Risks!H2:H40, Risks!J2:J40")).toEqual([
      { top: 2, bottom: 40, left: 8, right: 8 },
      { top: 2, bottom: 40, left: 10, right: 10 },
    ]);
    expect(officeAreas("'Risks, 2025'!$B$3:$C$9,'Risks, 2025'!E5")).toEqual([
      { top: 3, bottom: 9, left: 2, right: 3 },
      { top: 5, bottom: 5, left: 5, right: 5 },
    ]);
    expect(officeAreas("Risks!H:I")).toEqual([{ top: 1, bottom: 1_048_576, left: 8, right: 9 }]);
    expect(officeAreas("Risks!$3:$4")).toEqual([{ top: 3, bottom: 4, left: 1, right: 16_384 }]);
  });
});
