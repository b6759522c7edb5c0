/**
 * The Excel host against the behaviours of real Excel that Microsoft
 * documents (see src/hosts/excel/OFFICE-JS.md), each played by the fake:
 * undo-group refusals per platform, cell-edit mode, a batch that fails
 * halfway, multi-area colour rules, the 512 merged-areas limit, date
 * validations, quoted sheet names, UTF-8 payloads, 2-D arrays only, table
 * formula autofill, Text-formatted cells, tables added by range, totals rows,
 * growth in the way of other tables, recalculation.
 */
import { METADATA_SHEET } from "../../../../src/core/metadata/schema";
import type { Edit } from "../../../../src/core/plan/edits";
import type { Plan } from "../../../../src/core/plan/plan";
import { WorkbookError } from "../../../../src/hosts/host";
import { rowBytes, utf8Bytes } from "../../../../src/hosts/excel/payload";
import { FakeExcel } from "../../../contract/fake-excel/fake-excel";
import type { FakePlatform } from "../../../contract/fake-excel/context";
import { excelHostOver } from "../../../contract/fake-excel/host-over-fake";
import type { FakeRequestContext } from "../../../contract/fake-excel/proxies";
import type { WorkbookSeed } from "../../../contract/workbook-seed";

const PLATFORMS: FakePlatform[] = ["windows", "mac", "web"];

function plan(edits: Edit[]): Plan {
  return { title: "Test", edits };
}

const register: WorkbookSeed = {
  sheets: [
    {
      name: "Risks",
      rows: [
        ["ID", "Title", "Probability"],
        ["R1", "Vendor late", 3],
        ["R2", "Budget cut", 4],
        ["R3", "Key person leaves", 2],
      ],
      tables: [{ name: "RiskTable", address: "A1:C4" }],
    },
    { name: "Other", rows: [["Name", "Value"], ["a", 1], ["b", 2]] },
  ],
};

/** A plan touching sheets, tables, cells, formats, rules and the record. */
function everyKindOfChange(): Plan {
  return plan([
    { type: "addSheet", sheet: "Lists", hidden: "hidden" },
    { type: "setCells", sheet: "Lists", address: "A1:A3", cells: [["Open"], ["Monitoring"], ["Closed"]] },
    { type: "setCells", sheet: "Risks", address: "B2", cells: [["Vendor very late"]] },
    {
      type: "addTableColumns",
      sheet: "Risks",
      table: "RiskTable",
      columns: [
        { header: "Owner", values: ["Ann", "Bo", null] },
        { header: "Score", formula: "=[@Probability]*2" },
      ],
    },
    { type: "setNumberFormat", sheet: "Risks", address: "C2:C4", format: "0.0" },
    { type: "setDataValidation", sheet: "Risks", address: "D2:D4", validation: { rule: { kind: "list", values: ["Ann", "Bo"] }, allowBlank: true } },
    { type: "replaceConditionalFormats", sheet: "Risks", address: "C2:C4", rules: [{ kind: "expression", formula: "=C2>3", fill: "#FFC7CE" }] },
    { type: "createTable", sheet: "Other", address: "A1:B3", name: "Things", style: "TableStyleLight1" },
    { type: "setMetadata", key: "settings", value: { locale: "en-GB" } },
  ]);
}

const commandsOf = (fake: FakeExcel, run: number) => (fake.runs[run]?.syncs ?? []).reduce((n, s) => n + s.commands, 0);

describe("undo groups: only APIs with undo support run inside mergeUndoGroup", () => {
  test.each(PLATFORMS)("the fake refuses as the undo table says, on %s", async (platform) => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "A" }, { name: "B" }] }, platform);
    const hide = (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("B").visibility = "Hidden";
      return ctx.sync();
    };
    const remove = (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("B").delete();
      return ctx.sync();
    };
    // Worksheet.visibility: supported on the web, not on Windows or Mac.
    if (platform === "web") await expect(fake.run({ mergeUndoGroup: true }, hide)).resolves.toBeUndefined();
    else await expect(fake.run({ mergeUndoGroup: true }, hide)).rejects.toThrow(/UndoNotSupported/);
    // Worksheet.delete: supported nowhere; outside a group it works.
    await expect(fake.run({ mergeUndoGroup: true }, remove)).rejects.toThrow(/UndoNotSupported/);
    await expect(fake.run({}, remove)).resolves.toBeUndefined();
  });

  test.each(PLATFORMS)("a plan adding a hidden sheet and the record sheet applies on %s; Ctrl+Z covers the cells, the pane's Undo the rest", async (platform) => {
    const fake = FakeExcel.fromSeed(register, platform);
    const host = excelHostOver(fake, { supportsUndoGroup: true });
    const before = fake.dump();
    const result = await host.apply(everyKindOfChange());
    expect(result.undo.excelUndoGroup).toBe(true);
    expect(result.undo.notInExcelUndo).toEqual([expect.stringMatching(/Lists/), expect.stringMatching(/record sheet/)]);
    expect(fake.runs.map((r) => r.mergeUndoGroup)).toEqual([false, true]);

    // Ctrl+Z: the grouped part goes; the sheets added outside it stay.
    const applied = fake.dump();
    fake.undo();
    const afterCtrlZ = fake.dump();
    expect(afterCtrlZ.find((s) => s.name === "Risks")).toEqual(before.find((s) => s.name === "Risks"));
    expect(afterCtrlZ.map((s) => s.name)).toEqual(applied.map((s) => s.name));

    // The pane's Undo (on a fresh copy) puts back everything but the record sheet.
    const again = FakeExcel.fromSeed(register, platform);
    const host2 = excelHostOver(again, { supportsUndoGroup: true });
    const r2 = await host2.apply(everyKindOfChange());
    await host2.apply(r2.undo.inverse);
    expect(again.dump().filter((s) => s.name !== METADATA_SHEET)).toEqual(before);
  });
});

describe("cell-edit mode", () => {
  test("every run asks Excel to wait while the user edits a cell (delayForCellEdit), so nothing fails", async () => {
    const fake = FakeExcel.fromSeed(register);
    fake.editingCell = true;
    const host = excelHostOver(fake);
    await host.outline();
    await host.read("Risks", "A1:C4");
    await host.readRules("Risks", ["C2:C4"]);
    await host.apply(plan([{ type: "setCells", sheet: "Risks", address: "B2", cells: [["x"]] }]));
    expect(fake.runs.length).toBeGreaterThan(3);
    expect(fake.runs.every((r) => r.delayForCellEdit)).toBe(true);
  });
});

describe("an apply that fails partway leaves the workbook as it was", () => {
  /** The same changes without sheets added or the record sheet: read, checked and written in one run. */
  const withoutSheetChanges = (): Plan => plan(everyKindOfChange().edits.filter((e) => e.type !== "addSheet" && e.type !== "setMetadata" && !("sheet" in e && e.sheet === "Lists")));

  test.each([
    ["adding sheets: two runs", everyKindOfChange, 2],
    ["without sheet changes: one run", withoutSheetChanges, 1],
  ] as const)("%s — a failure at every command of every run is rolled back and told in plain words", async (_name, makePlan, runs) => {
    const probe = FakeExcel.fromSeed(register);
    await excelHostOver(probe).apply(makePlan());
    expect(probe.runs).toHaveLength(runs);
    const perRun = probe.runs.map((_, r) => commandsOf(probe, r));
    const before = FakeExcel.fromSeed(register).dump();
    const applied = probe.dump();
    let rolledBack = 0;
    for (let run = 0; run < runs; run++) {
      for (let command = 1; command <= (perRun[run] as number); command++) {
        const fake = FakeExcel.fromSeed(register);
        fake.injectFailure = { run, command };
        const error = await excelHostOver(fake)
          .apply(makePlan())
          .then(() => null, (e: unknown) => e);
        if (error === null) {
          // A refused merged-areas read is read again in halves, so a failure there is absorbed and the apply completes.
          expect({ run, command, dump: fake.dump() }).toEqual({ run, command, dump: applied });
          continue;
        }
        expect({ run, command, error }).toEqual({ run, command, error: expect.any(WorkbookError) });
        expect((error as Error).message).toMatch(/^The changes were not applied[.:] .*(put back|Nothing in the workbook was changed)/s);
        if (/put back/.test((error as Error).message)) rolledBack++;
        expect({ run, command, dump: fake.dump() }).toEqual({ run, command, dump: before });
      }
    }
    expect(rolledBack).toBeGreaterThan(10);
  });

  test("the message names the change Excel stopped at", async () => {
    const probe = FakeExcel.fromSeed(register);
    await excelHostOver(probe).apply(everyKindOfChange());
    const fake = FakeExcel.fromSeed(register);
    fake.injectFailure = { run: 1, command: commandsOf(probe, 1) - 1 };
    await expect(excelHostOver(fake).apply(everyKindOfChange())).rejects.toThrow(/Excel stopped (at|between) change \d+ (of 9 )?\(.+\)( and change \d+ of 9)?: GeneralException/);
  });
});

describe("colour rules over several areas", () => {
  test("a rule applying to two areas is replaced through getRanges (getRange throws for it) and Undo brings it back over the same cells", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S", rows: [["Score"], [1], [5], [2], [7], [3]] }] });
    fake.state.sheets[0]!.conditionalFormats.push({
      id: 900,
      range: { top: 2, bottom: 3, left: 1, right: 1 },
      areas: [
        { top: 2, bottom: 3, left: 1, right: 1 },
        { top: 5, bottom: 6, left: 1, right: 1 },
      ],
      type: "Custom",
      formula: "=A2>4",
      fill: "#FF0000",
    });
    const host = excelHostOver(fake, { supportsUndoGroup: false });
    const result = await host.apply(plan([{ type: "replaceConditionalFormats", sheet: "S", address: "A2:A6", rules: [{ kind: "expression", formula: "=A2>3", fill: "#00FF00" }] }]));
    expect(fake.dump()[0]?.conditionalFormats).toEqual([{ address: "A2:A6", type: "Custom", formula: "=A2>3", fill: "#00FF00" }]);
    await host.apply(result.undo.inverse);
    const back = fake.dump()[0]?.conditionalFormats as unknown as { address: string; formula: string; fill: string }[];
    expect(back.map((c) => [c.address, c.formula, c.fill]).sort()).toEqual([
      ["A2:A3", "=A2>4", "#FF0000"],
      ["A5:A6", "=A2>4", "#FF0000"],
    ]);
  });
});

describe("more than 512 merged areas", () => {
  const merged: WorkbookSeed = {
    sheets: [
      {
        name: "Register",
        rows: [["ID", "Title", "Status"], ...Array.from({ length: 600 }, (_, i) => [`R${i + 1}`, `Item ${i + 1}`, null])],
        merges: Array.from({ length: 600 }, (_, i) => `B${i + 2}:C${i + 2}`),
      },
    ],
  };

  test("read gives every merged area of a register with a merged cell per row", async () => {
    const grid = await excelHostOver(FakeExcel.fromSeed(merged)).read("Register", "A1:C601");
    expect(grid.merges).toHaveLength(600);
    expect(grid.values[600]).toEqual(["R600", "Item 600", null]);
  });

  test("the outline reads a preview with more than 512 merged areas", async () => {
    const outline = await excelHostOver(FakeExcel.fromSeed(merged)).outline({ previewRows: 601 });
    expect(outline.sheets[0]?.merges).toHaveLength(600);
    expect(outline.sheets[0]?.preview?.values).toHaveLength(601);
  });

  test("a table over them is refused in words naming merged cells, with nothing written", async () => {
    const fake = FakeExcel.fromSeed(merged);
    const before = fake.dump();
    await expect(excelHostOver(fake).apply(plan([{ type: "createTable", sheet: "Register", address: "A1:C601", name: "Reg", style: "TableStyleMedium2" }]))).rejects.toThrow(
      /holds merged cells B2:C2/,
    );
    expect(fake.dump()).toEqual(before);
  });
});

describe("data validation operands", () => {
  test("a date rule goes as ISO-8601 text, and rules read back (“=10”, dates) match the plan, so a second plan changes nothing", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S" }] });
    const host = excelHostOver(fake);
    const date = { rule: { kind: "date" as const, operator: "between" as const, formula1: 45292, formula2: 45657 }, allowBlank: true };
    const whole = { rule: { kind: "wholeNumber" as const, operator: "greaterThanOrEqual" as const, formula1: 10 }, allowBlank: false };
    await host.apply(
      plan([
        { type: "setDataValidation", sheet: "S", address: "A2:A9", validation: date },
        { type: "setDataValidation", sheet: "S", address: "B2:B9", validation: whole },
      ]),
    );
    expect(fake.dump()[0]?.validations[0]?.rule).toEqual({ date: { operator: "Between", formula1: "2024-01-01", formula2: "2024-12-31" } });
    const rules = await host.readRules("S", ["A2:A9", "B2:B9"]);
    expect(rules.map((r) => r.validation)).toEqual([date, whole]);
  });
});

describe("sheet names Excel quotes in addresses", () => {
  test("a sheet named with a comma reads in the outline and in read, merges included", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "Q1, risks", rows: [["Title", null], ["ID", "Owner"], ["R1", "Ann"]], merges: ["A1:B1"] }] });
    const host = excelHostOver(fake);
    const outline = await host.outline();
    expect(outline.sheets[0]).toMatchObject({ name: "Q1, risks", usedRange: "A1:B3", merges: ["A1:B1"] });
    expect((await host.read("Q1, risks", "A1:B3")).merges).toEqual(["A1:B1"]);
  });
});

describe("payloads are counted in UTF-8 bytes", () => {
  test("utf8Bytes agrees with Node's count for accented, CJK and emoji text", () => {
    for (const text of ["plain", "Échéance dépassée", "項目の遅延リスク", "risk 🚩 flagged"]) expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, "utf8"));
    // A row's estimate is its JSON in UTF-8, counting a separator after each value.
    expect(rowBytes(["項目", "é"])).toBe(Buffer.byteLength(JSON.stringify(["項目", "é"]), "utf8") + 1);
  });

  test("a register of CJK text three times its character count is written in syncs under 5 MB", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S" }] });
    fake.keepUndoSnapshots = false;
    const text = "供应商延迟交付钢结构框架导致安装窗口推迟".repeat(5);
    const rows = 12_000;
    const cells = Array.from({ length: rows }, () => [text, text]);
    await excelHostOver(fake).apply(plan([{ type: "setCells", sheet: "S", address: `A1:B${rows}`, cells }]));
    const requests = fake.lastRun.syncs.map((s) => s.requestBytes);
    expect(Math.max(...requests)).toBeLessThan(5 * 1024 * 1024);
    expect(requests.reduce((a, b) => a + b, 0)).toBeGreaterThan(5 * 1024 * 1024);
  });

  test("a read whose first block Excel refuses as too large is read again smaller, and keeps its merged areas", async () => {
    const text = "Délai de livraison des charpentes métalliques ".repeat(20);
    const rows = [["Title", null, null, null], ...Array.from({ length: 2000 }, (_, i) => [`R${i}`, text, text, text])];
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S", rows, merges: ["A1:B1"] }] });
    const grid = await excelHostOver(fake).read("S", "A1:D2001");
    expect(grid.values).toHaveLength(2001);
    expect(grid.values[2000]?.[3]).toBe(text);
    expect(grid.merges).toEqual(["A1:B1"]);
    expect(fake.lastRun.syncs.length).toBeGreaterThan(3);
  });

  test("the outline's previews are read in parts when together they pass 5 MB", async () => {
    const wide = (name: string) => ({ name, rows: Array.from({ length: 30 }, () => Array.from({ length: 120 }, () => "é".repeat(300))) });
    const fake = FakeExcel.fromSeed({ sheets: [wide("A"), wide("B"), wide("C")] });
    const outline = await excelHostOver(fake).outline();
    expect(outline.sheets.map((s) => s.preview?.values.length)).toEqual([30, 30, 30]);
  });
});

describe("2-D arrays, never one value for many cells", () => {
  test("a formula filled down a range and one number format arrive as arrays; relative references move per row", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S", rows: [["P", "I", "Score"], [1, 2, null], [3, 4, null], [5, 6, null]] }] });
    await excelHostOver(fake).apply(
      plan([
        { type: "fillFormula", sheet: "S", address: "C2:C4", formula: "=A2*B2" },
        { type: "setNumberFormat", sheet: "S", address: "A2:B4", format: "0.00" },
      ]),
    );
    const cells = fake.dump()[0]?.cells ?? {};
    expect([cells.C2?.formula, cells.C3?.formula, cells.C4?.formula]).toEqual(["=A2*B2", "=A3*B3", "=A4*B4"]);
    expect([cells.A2?.numberFormat, cells.B4?.numberFormat]).toEqual(["0.00", "0.00"]);
  });
});

describe("tables", () => {
  test("different formulas in a new column stay as written (an empty table column would take the first as a calculated column)", async () => {
    const fake = FakeExcel.fromSeed(register);
    await excelHostOver(fake).apply(
      plan([{ type: "addTableColumns", sheet: "Risks", table: "RiskTable", columns: [{ header: "Check", values: [{ formula: "=C2*2" }, { formula: "=C3+1" }, { formula: "=C4-1" }] }] }]),
    );
    const cells = fake.dump()[0]?.cells ?? {};
    expect([cells.D2?.formula, cells.D3?.formula, cells.D4?.formula]).toEqual(["=C2*2", "=C3+1", "=C4-1"]);
    expect(fake.dump()[0]?.tables[0]?.address).toBe("A1:D4");
  });

  test("undo of a removed column puts back its this-row formulas: written before the table grows, they carry the table's name", async () => {
    const fake = FakeExcel.fromSeed(register);
    const host = excelHostOver(fake);
    await host.apply(plan([{ type: "addTableColumns", sheet: "Risks", table: "RiskTable", columns: [{ header: "Double", formula: "=[@Probability]*2" }] }]));
    const withColumn = fake.dump();
    const removed = await host.apply(plan([{ type: "removeTableColumns", sheet: "Risks", table: "RiskTable", count: 1 }]));
    expect(removed.undo.inverse.edits[0]).toMatchObject({ type: "addTableColumns", columns: [{ header: "Double", values: [{ formula: "=[@Probability]*2" }, { formula: "=[@Probability]*2" }, { formula: "=[@Probability]*2" }] }] });
    await host.apply(removed.undo.inverse);
    expect(fake.dump()).toEqual(withColumn);
  });

  test("a new table is made on the plan's sheet, not the one the user has open", async () => {
    const fake = FakeExcel.fromSeed(register);
    fake.state.activeSheetId = fake.state.sheets[0]?.id;
    await excelHostOver(fake).apply(plan([{ type: "createTable", sheet: "Other", address: "A1:B3", name: "Things", style: "TableStyleLight1" }]));
    expect(fake.dump().map((s) => s.tables.map((t) => t.name))).toEqual([["RiskTable"], ["Things"]]);
  });

  test("a calculated column stops above a shown totals row", async () => {
    const fake = FakeExcel.fromSeed({
      sheets: [{ name: "S", rows: [["Item", "Cost"], ["a", 1], ["b", 2], ["Total", { formula: "=SUBTOTAL(109,[Cost])" }]], tables: [{ name: "Costs", address: "A1:B4", showTotals: true }] }],
    });
    await excelHostOver(fake).apply(plan([{ type: "addTableColumns", sheet: "S", table: "Costs", columns: [{ header: "Double", formula: "=[@Cost]*2" }] }]));
    const cells = fake.dump()[0]?.cells ?? {};
    expect([cells.C2?.formula, cells.C3?.formula, cells.C4]).toEqual(["=[@Cost]*2", "=[@Cost]*2", undefined]);
  });

  test("a table is not grown over another table or merged cells: refused in words, nothing written", async () => {
    const fake = FakeExcel.fromSeed({
      sheets: [{ name: "S", rows: [["A", "B", "C", "D"], [1, 2, 3, 4], [5, 6, 7, 8]], tables: [{ name: "Left", address: "A1:B3" }, { name: "Right", address: "C1:D3" }] }],
    });
    const before = fake.dump();
    await expect(excelHostOver(fake).apply(plan([{ type: "addTableColumns", sheet: "S", table: "Left", columns: [{ header: "Owner" }] }]))).rejects.toThrow(/table “Right” is in the way/);
    expect(fake.dump()).toEqual(before);
  });
});

describe("text in cells formatted as Text", () => {
  test("keeps no apostrophe: a Text cell takes what it is given as typed", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "S", rows: [["Note"], ["old"]], numberFormats: { "A2:A3": "@" } }] });
    const host = excelHostOver(fake);
    await host.apply(plan([{ type: "setCells", sheet: "S", address: "A2:B3", cells: [["=not a formula", "=also text"], ["-5", "1,000"]] }]));
    const grid = await host.read("S", "A2:B3");
    expect(grid.values).toEqual([
      ["=not a formula", "=also text"],
      ["-5", "1,000"],
    ]);
    expect(grid.formulas).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});

describe("recalculation after suspended calculation", () => {
  test("Excel is asked to recalculate once after the writes, unless the user keeps calculation manual", async () => {
    const write = plan([{ type: "setCells", sheet: "S", address: "A1:A2", cells: [[1], [{ formula: "=A1*2" }]] }]);
    const automatic = FakeExcel.fromSeed({ sheets: [{ name: "S" }] });
    await excelHostOver(automatic).apply(write);
    expect(automatic.lastRun).toMatchObject({ recalculations: 1 });
    expect(automatic.lastRun.suspendedCalculation).toBeGreaterThan(0);
    const manual = FakeExcel.fromSeed({ sheets: [{ name: "S" }] });
    manual.state.calculationMode = "Manual";
    await excelHostOver(manual).apply(write);
    expect(manual.lastRun).toMatchObject({ recalculations: 0 });
  });
});
