/**
 * The fake must behave like Office.js where the Excel host relies on it,
 * or the host's tests prove nothing: properties need load + sync, commands
 * wait for sync, Excel parses typed text, oversized requests are refused.
 */
import { FakeExcel } from "./fake-excel/fake-excel";
import type { FakeRequestContext } from "./fake-excel/proxies";
import { fromR1C1, toR1C1 } from "./fake-excel/r1c1";

function fakeWith(rows: (string | number | null)[][]): FakeExcel {
  return FakeExcel.fromSeed({ sheets: [{ name: "Sheet1", rows }] });
}

describe("fake Excel", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded, as Office.js does", async () => {
    const fake = fakeWith([["a"]]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load("values");
      expect(() => range.values).toThrow(/PropertyNotLoaded/); // loaded but not synced yet
      await ctx.sync();
      expect(range.values).toEqual([["a"]]);
      expect(() => range.formulas).toThrow(/PropertyNotLoaded/);
    });
  });

  test("writes wait for sync and each sync is counted with its payload", async () => {
    const fake = fakeWith([]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["x", 2]];
      expect(fake.dump()[0]?.cells).toEqual({});
      await ctx.sync();
    });
    expect(fake.dump()[0]?.cells).toEqual({ A1: { value: "x" }, B1: { value: 2 } });
    expect(fake.lastRun.syncs).toHaveLength(1);
    expect(fake.lastRun.syncs[0]?.requestBytes).toBeGreaterThan(JSON.stringify([["x", 2]]).length);
  });

  test("Range.copyFrom runs in queue order, carries a few bytes, moves relative references, and grows or repeats as the docs say", async () => {
    const rows: (string | number | null)[][] = Array.from({ length: 5_000 }, (_, i) => [`R-${i}`, i]);
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "Sheet1", rows, numberFormats: { "B1:B5000": "0.0" } }, { name: "Copy", rows: [] }] });
    fake.state.sheets[0]?.validations.push({ range: { top: 1, left: 2, bottom: 5_000, right: 2 }, rule: { wholeNumber: { operator: "GreaterThan", formula1: "0" } }, ignoreBlanks: true });
    fake.state.sheets[0]?.merges.push({ top: 1, left: 3, bottom: 1, right: 4 });
    await fake.run({}, async (ctx: FakeRequestContext) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("C1:D1").values = [["=B1*2", null]];
      sheet.getRange("C1").formulas = [["=B1*2"]];
      const copy = ctx.workbook.worksheets.getItem("Copy");
      // Queued after the write above and before the one below: it copies C1 as written, and A1 before it changes.
      copy.getRange("A1:D5000").copyFrom(sheet.getRange("A1:D5000"), "All");
      sheet.getRange("A1").values = [["changed"]];
      copy.getRange("F10").copyFrom(sheet.getRange("C1"), "All");
      copy.getRange("H1:H4").copyFrom(sheet.getRange("B1:B2"), "Values");
      await ctx.sync();
    });
    const [, copied] = fake.dump();
    expect(fake.lastRun.syncs[0]?.requestBytes).toBeLessThan(1_000);
    expect(copied?.cells.A1).toEqual({ value: "R-0" });
    expect(copied?.cells.B4999).toEqual({ value: 4_998, numberFormat: "0.0" });
    expect(copied?.cells.C1).toEqual({ value: null, formula: "=B1*2" });
    expect(copied?.cells.F10).toEqual({ value: null, formula: "=E10*2" });
    expect(copied?.validations.map((v) => v.address)).toEqual(["B1:B5000"]);
    expect(copied?.merges).toEqual(["C1:D1"]);
    // "Values" brings no formats; a target twice the source's height holds it twice.
    expect([copied?.cells.H1, copied?.cells.H2, copied?.cells.H3, copied?.cells.H4]).toEqual([{ value: 0 }, { value: 1 }, { value: 0 }, { value: 1 }]);
  });

  test("typed text is parsed like Excel: formulas, numbers, dates, booleans; an apostrophe keeps text", async () => {
    const fake = fakeWith([]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:G1").values = [["=1+1", "-5", "1,000", "TRUE", "2024-03-01", "'=1+1", "plain"]];
      await ctx.sync();
    });
    const cells = fake.dump()[0]?.cells ?? {};
    expect(cells.A1).toEqual({ value: null, formula: "=1+1" });
    expect(cells.B1).toEqual({ value: -5 });
    expect(cells.C1).toEqual({ value: 1000 });
    expect(cells.D1).toEqual({ value: true });
    expect(cells.E1).toEqual({ value: 45352, numberFormat: "yyyy-mm-dd" });
    expect(cells.F1).toEqual({ value: "=1+1" });
    expect(cells.G1).toEqual({ value: "plain" });
  });

  test("null in a written array leaves the cell as it was", async () => {
    const fake = fakeWith([["keep", "x"]]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[null, ""]] as unknown as string[][];
      await ctx.sync();
    });
    expect(fake.dump()[0]?.cells).toEqual({ A1: { value: "keep" } });
  });

  test("a request over 5 MB is refused", async () => {
    const fake = fakeWith([]);
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
    await expect(
      fake.run({}, async (ctx: FakeRequestContext) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A60000").values = big;
        await ctx.sync();
      }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  test("getItemOrNullObject gives a null object; using it for anything but load fails at sync", async () => {
    const fake = fakeWith([]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope").load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      missing.getRange("A1").values = [["x"]];
      await expect(ctx.sync()).rejects.toThrow(/InvalidObjectPath/);
    });
  });

  test("tables.add makes headers unique text and fills blanks with ColumnN", async () => {
    const fake = fakeWith([["Owner", null, "Owner", 2024], ["a", "b", "c", "d"]]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:D2", true).name = "T";
      await ctx.sync();
    });
    const cells = fake.dump()[0]?.cells ?? {};
    expect([cells.A1?.value, cells.B1?.value, cells.C1?.value, cells.D1?.value]).toEqual(["Owner", "Column2", "Owner2", "2024"]);
    expect(fake.dump()[0]?.tables).toEqual([{ name: "T", address: "A1:D2", showTotals: false, style: "TableStyleMedium2" }]);
  });
  test("a range's validation type names the mixture as Office.js does: different rules Inconsistent, some cells without MixedCriteria", async () => {
    const fake = fakeWith([]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:A2").dataValidation.rule = { list: { inCellDropDown: true, source: "a,b" } };
      ws.getRange("A3:A4").dataValidation.rule = { list: { inCellDropDown: true, source: "c" } };
      ws.getRange("B1:B2").dataValidation.rule = { list: { inCellDropDown: true, source: "a,b" } };
      await ctx.sync();
      const types = ["A1:A4", "B1:B4", "A1:A2", "C1:C4"].map((a) => ws.getRange(a).dataValidation.load("type"));
      await ctx.sync();
      expect(types.map((t) => t.type)).toEqual(["Inconsistent", "MixedCriteria", "List", "None"]);
    });
  });

  test("getCellProperties gives the asked-for format of each cell, only after sync", async () => {
    const fake = fakeWith([["a", "b"]]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").format.fill.color = "#ddebf7";
      ws.getRange("A1").format.font.bold = true;
      const props = ws.getRange("A1:B1").getCellProperties({ format: { fill: { color: true, pattern: true }, font: { bold: true }, wrapText: true } });
      expect(() => props.value).toThrow(/ValueNotLoaded/);
      await ctx.sync();
      expect(props.value).toEqual([
        [
          { format: { fill: { color: "#DDEBF7", pattern: "Solid" }, font: { bold: true }, wrapText: false } },
          { format: { fill: { color: "#FFFFFF", pattern: "None" }, font: { bold: false }, wrapText: false } },
        ],
      ]);
    });
  });

  test("a colour rule's custom part exists only on a Custom rule; the OrNullObject form is a null object otherwise", async () => {
    const fake = fakeWith([[1]]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      const cf = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3").conditionalFormats.add("CellValue");
      cf.cellValue.rule = { formula1: "1", operator: "GreaterThan" };
      await ctx.sync();
      const custom = cf.customOrNullObject.load("isNullObject");
      const areas = cf.getRanges().load("address");
      await ctx.sync();
      expect(custom.isNullObject).toBe(true);
      expect(areas.address).toBe("Sheet1!A1:A3");
      cf.custom.rule.load("formula");
      await expect(ctx.sync()).rejects.toThrow(/ItemNotFound/);
    });
  });
  test("a new colour rule goes to the top priority, as Office.js adds them", async () => {
    const fake = fakeWith([[1]]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3");
      range.conditionalFormats.add("Custom").custom.rule.formula = "=A1>1";
      range.conditionalFormats.add("Custom").custom.rule.formula = "=A1>2";
      await ctx.sync();
      const list = range.conditionalFormats.load("items/priority, items/custom/rule/formula");
      await ctx.sync();
      expect(list.items.map((cf) => [cf.priority, cf.custom.rule.formula])).toEqual([
        [0, "=A1>2"],
        [1, "=A1>1"],
      ]);
    });
  });

  test("formulasR1C1 reads a relative formula the same in every cell and writes it back per cell", async () => {
    expect(toR1C1("=A2*$B$3+C$1+SUM(Risk[Score])+'Q1, x'!A1", 2, 3)).toBe("=RC[-2]*R3C2+R1C+SUM(Risk[Score])+'Q1, x'!R[-1]C[-2]");
    expect(fromR1C1("=RC[-2]*R3C2+R1C", 5, 3)).toBe("=A5*$B$3+C$1");
    const fake = fakeWith([
      [1, 2],
      [3, 4],
    ]);
    await fake.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C1:C2").formulasR1C1 = [["=RC[-2]*RC[-1]"], ["=RC[-2]*RC[-1]"]];
      await ctx.sync();
    });
    expect(fake.dump()[0]?.cells.C2).toEqual({ value: null, formula: "=A2*B2" });
  });

  test("one value for a many-cell range is refused: only 2-D arrays are documented", async () => {
    const fake = fakeWith([]);
    await expect(
      fake.run({}, async (ctx: FakeRequestContext) => {
        (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3") as unknown as { numberFormat: unknown }).numberFormat = "0.00";
        await ctx.sync();
      }),
    ).rejects.toThrow(/2-D array/);
  });
});
