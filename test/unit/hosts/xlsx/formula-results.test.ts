/**
 * A formula the plan gives a result for is stored with that result as its
 * cached value, typed as Excel types it (t="str", "b", "e", numbers plain),
 * by both file hosts; text stays text, and a result's text is escaped.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { plan, type Plan } from "../../../../src/core/plan/plan";
import { EditSchema } from "../../../../src/core/plan/edits";
import type { WorkbookHost } from "../../../../src/hosts/host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.addRow(["Item", "Amount"]);
  ws.addRow(["a", 2]);
  ws.addRow(["b", 3]);
  ws.addTable({ name: "Items", ref: "A1", columns: [{ name: "Item" }, { name: "Amount" }], rows: [["a", 2], ["b", 3]] });
  // A formula of the user's with the result Excel cached: the file's own, kept as it is.
  ws.getCell("H1").value = { formula: "B2*10", result: 20 };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const hostile = `<b>&"Tom's"</b> ]]>`;

const thePlan: Plan = plan("Formulas with results", [
  {
    type: "setCells",
    sheet: "Data",
    address: "D1:D8",
    cells: [
      [{ formula: "=SUM(B2:B3)", result: 5 }],
      [{ formula: '=IF(B2>1,"<big> & \\"bold\\"","")', result: '<big> & "bold"' }],
      [{ formula: "=B2>1", result: true }],
      [{ formula: "=B2/0", result: { error: "#DIV/0!" } }],
      [{ formula: '=""', result: "" }],
      [{ formula: "=B2*2" }],
      ["=1+1"],
      [{ formula: '=A2&""', result: hostile }],
    ],
  },
  { type: "fillFormula", sheet: "Data", address: "E2:E3", formula: "=B2*3", results: [[6], [null]] },
  { type: "addTableColumns", sheet: "Data", table: "Items", columns: [{ header: "Double", formula: "=[@Amount]*2", results: [4, 6] }] },
]);

async function sheetXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file("xl/worksheets/sheet1.xml")!.async("string");
}

function cellXml(xml: string, ref: string): string {
  const m = new RegExp(`<(?:\\w+:)?c r="${ref}"[^>]*?(?:/>|>.*?</(?:\\w+:)?c>)`, "s").exec(xml);
  if (!m) throw new Error(`no cell ${ref}`);
  return m[0];
}

describe.each([
  ["PackageHost", (b: Uint8Array) => PackageHost.open(b, "book.xlsx")],
  ["XlsxHost", (b: Uint8Array) => XlsxHost.open(b, "book.xlsx")],
] as [string, (b: Uint8Array) => Promise<WorkbookHost & { save(): Promise<Uint8Array> }>][])("%s writes formula results as cached values", (_name, open) => {
  let xml: string;
  let saved: Uint8Array;
  beforeAll(async () => {
    const host = await open(await workbook());
    await host.apply(thePlan);
    saved = await host.save();
    xml = await sheetXml(saved);
  });

  it("types each result as Excel does", () => {
    expect(cellXml(xml, "D1")).toMatch(/^<c r="D1"(?: s="\d+")?><f>SUM\(B2:B3\)<\/f><v>5<\/v><\/c>$/);
    expect(cellXml(xml, "D2")).toMatch(/ t="str"/);
    expect(cellXml(xml, "D3")).toMatch(/ t="b".*<v>1<\/v>/s);
    expect(cellXml(xml, "D4")).toMatch(/ t="e".*<v>#DIV\/0!<\/v>/s);
    expect(cellXml(xml, "D5")).toMatch(/ t="str"/);
    // No result given: no cached value.
    expect(cellXml(xml, "D6")).not.toMatch(/<v>/);
    expect(cellXml(xml, "E2")).toMatch(/<v>6<\/v>/);
    expect(cellXml(xml, "E3")).not.toMatch(/<v>/);
  });

  it("escapes a text result and never makes text a formula", () => {
    expect(cellXml(xml, "D2")).toContain("<v>&lt;big&gt; &amp; &quot;bold&quot;</v>".replace(/&quot;/g, '"'));
    expect(cellXml(xml, "D7")).not.toMatch(/<f>/);
    expect(cellXml(xml, "D8")).not.toContain("<b>");
    expect(cellXml(xml, "D8")).not.toContain("]]>");
  });

  it("reads back the formula and the cached value", async () => {
    const again = await PackageHost.open(saved, "book.xlsx");
    const g = await again.read("Data", "D1:D8");
    expect(g.formulas.map((r) => r[0])).toEqual(["=SUM(B2:B3)", '=IF(B2>1,"<big> & \\"bold\\"","")', "=B2>1", "=B2/0", '=""', "=B2*2", null, '=A2&""']);
    expect(g.values.map((r) => r[0])).toEqual([5, '<big> & "bold"', true, { error: "#DIV/0!" }, "", null, "=1+1", hostile]);
    const e = await again.read("Data", "E2:E3");
    expect(e.values).toEqual([[6], [null]]);
    const c = await again.read("Data", "C2:C3");
    expect(c.formulas.flat().every((f) => f !== null)).toBe(true);
    expect(c.values).toEqual([[4], [6]]);
  });

  it("still asks Excel to calculate the workbook when it opens it", async () => {
    const workbookXml = await (await JSZip.loadAsync(saved)).file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
  });

  it("keeps a formula the file came with as it was", () => {
    expect(cellXml(xml, "H1")).toMatch(/<f>B2\*10<\/f><v>20<\/v>/);
  });
});

describe("a new workbook the toolkit makes (a rollup to a new file)", () => {
  it("stores the results and asks Excel to calculate on open", async () => {
    const host = XlsxHost.create("new.xlsx");
    await host.apply(plan("New", [{ type: "addSheet", sheet: "Sums", hidden: "visible" }, { type: "setCells", sheet: "Sums", address: "A1:A3", cells: [[1], [2], [{ formula: "=SUM(A1:A2)", result: 3 }]] }]));
    const zip = await JSZip.loadAsync(await host.save());
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    expect(cellXml(await zip.file("xl/worksheets/sheet1.xml")!.async("string"), "A3")).toMatch(/<f>SUM\(A1:A2\)<\/f><v>3<\/v>/);
  });
});

describe("the plan's formula results", () => {
  it("are optional, typed, and checked against the range", () => {
    expect(EditSchema.safeParse({ type: "setCells", sheet: "S", address: "A1", cells: [[{ formula: "=1" }]] }).success).toBe(true);
    expect(EditSchema.safeParse({ type: "setCells", sheet: "S", address: "A1", cells: [[{ formula: "=1/0", result: { error: "#DIV/0!" } }]] }).success).toBe(true);
    expect(EditSchema.safeParse({ type: "setCells", sheet: "S", address: "A1", cells: [[{ formula: "=1", result: { error: "oops" } }]] }).success).toBe(false);
    expect(EditSchema.safeParse({ type: "setCells", sheet: "S", address: "A1", cells: [[{ formula: "=1", result: Number.NaN }]] }).success).toBe(false);
    expect(EditSchema.safeParse({ type: "setCells", sheet: "S", address: "A1", cells: [[{ formula: "=1", result: [1] }]] }).success).toBe(false);
    expect(EditSchema.safeParse({ type: "fillFormula", sheet: "S", address: "A1:A2", formula: "=1", results: [[1]] }).success).toBe(false);
    expect(EditSchema.safeParse({ type: "fillFormula", sheet: "S", address: "A1:A2", formula: "=1", results: [[1], [null]] }).success).toBe(true);
    expect(EditSchema.safeParse({ type: "addTableColumns", sheet: "S", table: "T", columns: [{ header: "X", values: [1], results: [1] }] }).success).toBe(false);
  });
});
