/**
 * The fake's merged cells behave as Office.js documents them where the Excel
 * host relies on it: merge keeps the top-left value, unmerge splits every
 * area it touches, getMergedAreasOrNullObject reflects both, and a table
 * cannot be made over merged cells.
 */
import { FakeExcel } from "./fake-excel/fake-excel";
import type { FakeRequestContext } from "./fake-excel/proxies";

function fake(): FakeExcel {
  return FakeExcel.fromSeed({
    sheets: [{ name: "Risks", rows: [["Category", null, "Owner"], ["Functional", "R-1", "Ana"], [null, "R-2", "Bob"]], merges: ["A1:B1", "A2:A3"] }],
  });
}

async function mergedAreas(f: FakeExcel, address: string): Promise<string | null> {
  return f.run({}, async (ctx: FakeRequestContext) => {
    const areas = ctx.workbook.worksheets.getItem("Risks").getRange(address).getMergedAreasOrNullObject().load("address");
    await ctx.sync();
    return areas.isNullObject ? null : areas.address;
  });
}

describe("fake Excel merged cells", () => {
  test("getMergedAreasOrNullObject lists the areas touching a range, or is a null object", async () => {
    const f = fake();
    expect(await mergedAreas(f, "A1:C3")).toBe("Risks!A1:B1,Risks!A2:A3");
    expect(await mergedAreas(f, "A3")).toBe("Risks!A2:A3");
    expect(await mergedAreas(f, "C1:C3")).toBeNull();
  });

  test("unmerge splits every area the range touches and leaves the values where they are", async () => {
    const f = fake();
    await f.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Risks").getRange("A3").unmerge();
      await ctx.sync();
    });
    expect(await mergedAreas(f, "A1:C3")).toBe("Risks!A1:B1");
    expect(f.dump()[0]?.cells.A2).toEqual({ value: "Functional" });
  });

  test("merge keeps only the top-left value; across merges row by row", async () => {
    const f = fake();
    await f.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Risks").getRange("B2:C3").merge(false);
      await ctx.sync();
    });
    expect(await mergedAreas(f, "B2:C3")).toBe("Risks!B2:C3");
    expect(Object.keys(f.dump()[0]?.cells ?? {}).filter((a) => /^[BC][23]$/.test(a))).toEqual(["B2"]);
    const g = FakeExcel.fromSeed({ sheets: [{ name: "Risks", rows: [["a", "b"], ["c", "d"]] }] });
    await g.run({}, async (ctx: FakeRequestContext) => {
      ctx.workbook.worksheets.getItem("Risks").getRange("A1:B2").merge(true);
      await ctx.sync();
    });
    expect(await mergedAreas(g, "A1:B2")).toBe("Risks!A1:B1,Risks!A2:B2");
    expect(g.dump()[0]?.cells).toEqual({ A1: { value: "a" }, A2: { value: "c" } });
  });

  test("a merge cutting across a merged area, or a table over merged cells, is refused", async () => {
    const f = fake();
    await expect(
      f.run({}, async (ctx: FakeRequestContext) => {
        ctx.workbook.worksheets.getItem("Risks").getRange("B1:C1").merge(false);
        await ctx.sync();
      }),
    ).rejects.toThrow(/cuts across the merged area A1:B1/);
    await expect(
      f.run({}, async (ctx: FakeRequestContext) => {
        ctx.workbook.worksheets.getItem("Risks").tables.add("A1:C3", true);
        await ctx.sync();
      }),
    ).rejects.toThrow(/merged cells/);
    expect(f.dump()[0]?.tables).toEqual([]);
  });
});
