/**
 * The package writer on workbooks made here: a save after a plan changes
 * only the parts and the elements the plan touched, appends styles without
 * renumbering, writes cells in row and column order, keeps a shared
 * formula's other cells when its first cell is overwritten, and leaves a
 * consistent package the host and ExcelJS read back.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { packageProblems, partsOf } from "./package-checks";

async function sampleBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.getRow(1).values = ["ID", "Title", "Score"];
  for (let r = 2; r <= 6; r++) ws.getRow(r).values = [r - 1, `Risk ${r - 1}`, r * 2];
  ws.getCell("B2").font = { bold: true };
  ws.mergeCells("E1:F1");
  ws.getCell("E1").value = "Notes";
  const other = wb.addWorksheet("Lists");
  other.getCell("A1").value = "Open";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const cellRefs = (xml: string) => [...xml.matchAll(/<c r="([A-Z]+)(\d+)"/g)].map((m) => [Number(m[2]), m[1].length, m[1]] as const);

describe("saving through the package", () => {
  test("an empty plan gives the file back unchanged", async () => {
    const original = await sampleBook();
    const host = await XlsxHost.open(original, "book.xlsx");
    await host.apply({ title: "nothing", edits: [] });
    expect(await host.save()).toBe(original);
  });

  test("a plan changes only its sheet, styles and new parts; cells stay in order; styles are appended", async () => {
    const original = await sampleBook();
    const before = await partsOf(original);
    const host = await XlsxHost.open(original, "book.xlsx");
    await host.apply({
      title: "plan",
      edits: [
        { type: "setCells", sheet: "Risks", address: "D1:D8", cells: [["Owner"], ["Ann"], [null], ["Bo"], [null], ["Cy"], [null], ["late"]] },
        { type: "setCells", sheet: "Risks", address: "A8", cells: [[7]] },
        { type: "setNumberFormat", sheet: "Risks", address: "C2:C6", format: "0.0" },
        { type: "setStyle", sheet: "Risks", address: "A1:D1", style: { bold: true, fill: "#FFCC00" } },
        { type: "createTable", sheet: "Risks", address: "A1:D6", name: "RiskTable", style: "TableStyleMedium2" },
        { type: "setDataValidation", sheet: "Risks", address: "D2:D6", validation: { rule: { kind: "list", values: ["Ann", "Bo", "Cy"] }, allowBlank: true } },
        { type: "replaceConditionalFormats", sheet: "Risks", address: "C2:C6", rules: [{ kind: "cellValue", operator: "greaterThan", formula1: "8", fill: "#FF0000" }] },
        { type: "setColumnWidths", sheet: "Risks", widths: [{ column: "B", width: 30 }] },
        { type: "fillFormula", sheet: "Risks", address: "G2:G6", formula: "=C2*2" },
        { type: "setMetadata", key: "registers", value: { a: 1 } },
      ],
    });
    const saved = await host.save();
    expect(await packageProblems(saved)).toEqual([]);
    const after = await partsOf(saved);
    const changed = [...before.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
    expect(changed).toEqual(["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    const added = [...after.keys()].filter((p) => !before.has(p)).sort();
    expect(added).toEqual(["xl/tables/table1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/worksheets/sheet3.xml"]);

    // Styles: every format the file had keeps its place; new ones come after.
    const xfs = (xml: string) => /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    const oldXfs = xfs(before.get("xl/styles.xml") ?? "");
    const newXfs = xfs(after.get("xl/styles.xml") ?? "");
    expect(newXfs.slice(0, oldXfs.length)).toEqual(oldXfs);
    expect(newXfs.length).toBeGreaterThan(oldXfs.length);

    // Cells in row order, and in column order inside a row.
    const sheet = after.get("xl/worksheets/sheet1.xml") ?? "";
    const refs = cellRefs(sheet);
    const sorted = [...refs].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
    expect(refs).toEqual(sorted);
    expect(sheet).toContain('<mergeCell ref="E1:F1"/>');

    const again = await XlsxHost.open(saved, "book.xlsx");
    const grid = await again.read("Risks", "A1:G8");
    expect(grid.values[0]).toEqual(["ID", "Title", "Score", "Owner", "Notes", null, null]);
    expect(grid.values[1].slice(0, 4)).toEqual([1, "Risk 1", 4, "Ann"]);
    expect(grid.values[7].slice(0, 4)).toEqual([7, null, null, "late"]);
    expect(grid.formulas[2][6]).toBe("=C3*2");
    expect(grid.numberFormats[1][2]).toBe("0.0");
    const look = await again.readLooks("Risks", "A1:B2");
    expect(look[0][0]).toEqual({ bold: true, fill: "#FFCC00", wrapText: false });
    expect(look[1][1].bold).toBe(true); // B2's own bold kept
    const outline = await again.outline();
    expect(outline.sheets[0].tables).toEqual([expect.objectContaining({ name: "RiskTable", address: "A1:D6", headers: ["ID", "Title", "Score", "Owner"] })]);
    expect(outline.metadata).toBeDefined();
    const [rules] = await again.readRules("Risks", ["D2:D6"]);
    expect(rules.validation).toEqual({ rule: { kind: "list", values: ["Ann", "Bo", "Cy"] }, allowBlank: true });
    await new ExcelJS.Workbook().xlsx.load(saved as unknown as ArrayBuffer);
  });

  test("undo after a save's plan gives back the values, and the untouched sheet stays byte for byte", async () => {
    const original = await sampleBook();
    const host = await XlsxHost.open(original, "book.xlsx");
    const result = await host.apply({ title: "p", edits: [{ type: "setCells", sheet: "Risks", address: "B2:B3", cells: [["x"], ["y"]] }, { type: "addSheet", sheet: "New", hidden: "visible" }] });
    await host.apply(result.undo.inverse);
    const saved = await host.save();
    const again = await XlsxHost.open(saved, "book.xlsx");
    expect((await again.read("Risks", "B2:B3")).values).toEqual([["Risk 1"], ["Risk 2"]]);
    expect((await again.outline()).sheets.map((s) => s.name)).toEqual(["Risks", "Lists"]);
    const a = await partsOf(original);
    const b = await partsOf(saved);
    expect(b.get("xl/worksheets/sheet2.xml")).toBe(a.get("xl/worksheets/sheet2.xml"));
    expect(await packageProblems(saved)).toEqual([]);
  });

  test("overwriting the first cell of a shared formula gives the cells that shared it their own formula", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    for (let r = 1; r <= 4; r++) ws.getCell(r, 1).value = r;
    ws.getCell("B1").value = { formula: "A1*2", result: 2, shareType: "shared", ref: "B1:B4" } as unknown as ExcelJS.CellValue;
    for (let r = 2; r <= 4; r++) ws.getCell(r, 2).value = { sharedFormula: "B1", result: r * 2 } as unknown as ExcelJS.CellValue;
    const original = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await (await JSZip.loadAsync(original)).file("xl/worksheets/sheet1.xml")!.async("string")).toContain('t="shared"');
    const host = await XlsxHost.open(original, "s.xlsx");
    await host.apply({ title: "p", edits: [{ type: "setCells", sheet: "S", address: "B1", cells: [["typed"]] }] });
    const again = await XlsxHost.open(await host.save(), "s.xlsx");
    const grid = await again.read("S", "B1:B4");
    expect(grid.values[0][0]).toBe("typed");
    expect(grid.formulas.map((r) => r[0])).toEqual([null, "=A2*2", "=A3*2", "=A4*2"]);
  });

  test("a header with a line break names its table column as Excel does (_x000a_), and reads back as the header's text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("R");
    ws.getRow(1).values = ["ID", "Date\nRaised"];
    ws.getRow(2).values = [1, 45000];
    const host = await XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "r.xlsx");
    await host.apply({ title: "t", edits: [{ type: "createTable", sheet: "R", address: "A1:B2", name: "Reg", style: "TableStyleMedium2" }] });
    const saved = await host.save();
    const table = await (await JSZip.loadAsync(saved)).file("xl/tables/table1.xml")!.async("string");
    expect(table).toContain('name="Date_x000a_Raised"');
    const again = await XlsxHost.open(saved, "r.xlsx");
    expect((await again.outline()).sheets[0].tables[0].headers).toEqual(["ID", "Date\nRaised"]);
    await again.apply({ title: "t", edits: [{ type: "setCells", sheet: "R", address: "A2", cells: [[2]] }] });
    expect(await (await JSZip.loadAsync(await again.save())).file("xl/tables/table1.xml")!.async("string")).toBe(table);
  });

  test("a chart sheet (which no workbook model holds) stays, in its place, through a save that adds and changes sheets", async () => {
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const zip = await JSZip.loadAsync(await sampleBook());
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", workbookXml.replace(/(<sheet\b[^>]*name="Risks"[^>]*\/>)/, `$1<sheet name="Trend" sheetId="9" r:id="rIdChart9"/>`));
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", `<Relationship Id="rIdChart9" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`));
    const chartsheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`;
    zip.file("xl/chartsheets/sheet1.xml", chartsheet);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file("[Content_Types].xml", types.replace("</Types>", `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>`));
    const host = await PackageHost.open(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), "book.xlsx");
    await host.apply({ title: "a note and a new sheet", edits: [{ type: "setCells", sheet: "Risks", address: "D2", cells: [["checked"]] }, { type: "addSheet", sheet: "Summary", hidden: "visible" }] });
    const saved = await JSZip.loadAsync(await host.save());
    const sheets = [...(await saved.file("xl/workbook.xml")!.async("string")).matchAll(/<sheet\b[^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets).toEqual(["Risks", "Trend", "Lists", "Summary"]);
    expect(await saved.file("xl/chartsheets/sheet1.xml")?.async("string")).toBe(chartsheet);
    expect(await saved.file("xl/_rels/workbook.xml.rels")!.async("string")).toContain('Target="chartsheets/sheet1.xml"');
  });
});
