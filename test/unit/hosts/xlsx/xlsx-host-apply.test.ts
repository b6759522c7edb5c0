import ExcelJS from "exceljs";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { WorkbookError } from "../../../../src/hosts/host";
import type { Edit } from "../../../../src/core/plan/edits";
import type { Plan } from "../../../../src/core/plan/plan";
import { METADATA_SHEET, METADATA_TITLE } from "../../../../src/core/metadata/schema";
import { dumpWorkbook, reload } from "./dump";

/** A register sheet with values, a formula, a date, styles and formats, made in code. */
async function fixture(): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.getCell("A1").value = "Risk register";
  ["ID", "Title", "Probability", "Impact", "Score", "Raised"].forEach((h, i) => (ws.getRow(3).getCell(i + 1).value = h));
  const rows: [string, string, number, number, Date][] = [
    ["R1", "Supplier late", 3, 4, new Date(Date.UTC(2026, 0, 15))],
    ["R2", "Budget cut", 2, 5, new Date(Date.UTC(2026, 1, 1))],
    ["R3", "Key person leaves", 4, 3, new Date(Date.UTC(2026, 2, 20))],
  ];
  rows.forEach((r, i) => {
    const n = 4 + i;
    ws.getCell(`A${n}`).value = r[0];
    ws.getCell(`B${n}`).value = r[1];
    ws.getCell(`C${n}`).value = r[2];
    ws.getCell(`D${n}`).value = r[3];
    ws.getCell(`E${n}`).value = { formula: `C${n}*D${n}`, result: r[2] * r[3] };
    ws.getCell(`F${n}`).value = r[4];
    ws.getCell(`F${n}`).numFmt = "dd/mm/yyyy";
  });
  ws.getCell("A3").font = { bold: true };
  ws.getCell("B4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  ws.getCell("C5").numFmt = "0.0";
  ws.addConditionalFormatting({ ref: "E4:E6", rules: [{ type: "expression", priority: 1, formulae: ["$E4>=12"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFF0000" } } } }] });
  ws.getCell("C4").dataValidation = { type: "whole", operator: "between", allowBlank: true, formulae: [1, 5] };
  wb.addWorksheet("Lists").getCell("A1").value = "Open";
  return XlsxHost.open((await wb.xlsx.writeBuffer()) as unknown as Uint8Array, "risks.xlsx");
}

const plan = (edits: Edit[], title = "Test plan"): Plan => ({ title, edits });

async function applyAndReload(host: XlsxHost, edits: Edit[]): Promise<XlsxHost> {
  await host.apply(plan(edits));
  return reload(host);
}

describe("XlsxHost.apply", () => {
  it("stores strings as text, never as formulas or numbers, through save and reload", async () => {
    const host = await fixture();
    const texts = ["=1+1", "+44 20 7946 0000", "-5", "@user", "=SUM(A1)", "20%"];
    const after = await applyAndReload(host, [{ type: "setCells", sheet: "Lists", address: "B1:B6", cells: texts.map((t) => [t]) }]);
    const grid = await after.read("Lists", "B1:B6");
    expect(grid.values.map((r) => r[0])).toEqual(texts);
    expect(grid.formulas.every((r) => r[0] === null)).toBe(true);
  });

  it("writes formulas only through { formula }, and numbers, booleans and blanks as such", async () => {
    const host = await fixture();
    const after = await applyAndReload(host, [
      { type: "setCells", sheet: "Lists", address: "A2:D2", cells: [[{ formula: "=LEN(A1)" }, 42, true, null]] },
    ]);
    const grid = await after.read("Lists", "A2:D2");
    expect(grid.formulas[0]).toEqual(["=LEN(A1)", null, null, null]);
    expect(grid.values[0].slice(1)).toEqual([42, true, null]);
  });

  it("fills a formula over a range the way Excel fills it, relative references moving", async () => {
    const host = await fixture();
    const after = await applyAndReload(host, [{ type: "fillFormula", sheet: "Risks", address: "G4:G6", formula: "=C4+$D$4" }]);
    expect((await after.read("Risks", "G4:G6")).formulas.map((r) => r[0])).toEqual(["=C4+$D$4", "=C5+$D$4", "=C6+$D$4"]);
  });

  it("adopts a range as a table keeping every value, formula, format and style in it", async () => {
    const host = await fixture();
    const before = dumpWorkbook((await reload(host)).workbook) as { cells: unknown }[];
    const after = await applyAndReload(host, [{ type: "createTable", sheet: "Risks", address: "A3:F6", name: "RiskRegister", style: "TableStyleMedium2" }]);
    const dump = dumpWorkbook(after.workbook) as { cells: unknown; tables: unknown[] }[];
    expect(dump[0].cells).toEqual(before[0].cells);
    expect(dump[0].tables).toEqual([{ name: "RiskRegister", ref: "A3:F6", headerRow: true, columns: ["ID", "Title", "Probability", "Impact", "Score", "Raised"] }]);
    const outline = await after.outline();
    expect(outline.sheets[0].tables[0]).toMatchObject({ name: "RiskRegister", address: "A3:F6", headers: ["ID", "Title", "Probability", "Impact", "Score", "Raised"], showTotals: false });
  });

  it("names blank and repeated header cells as Excel does, and undo puts the header cells back", async () => {
    const host = await fixture();
    await host.apply(plan([{ type: "setCells", sheet: "Lists", address: "A3:C4", cells: [["Likelihood", "Likelihood", null], [1, 2, 3]] }]));
    const original = dumpWorkbook((await reload(host)).workbook);
    const result = await host.apply(plan([{ type: "createTable", sheet: "Lists", address: "A3:C4", name: "T1", style: "TableStyleLight1" }]));
    expect((await host.read("Lists", "A3:C3")).values[0]).toEqual(["Likelihood", "Likelihood2", "Column3"]);
    await host.apply(result.undo.inverse);
    expect(dumpWorkbook((await reload(host)).workbook)).toEqual(original);
  });

  it("adds table columns with values or a calculated formula and grows the table", async () => {
    const host = await fixture();
    await host.apply(plan([{ type: "createTable", sheet: "Risks", address: "A3:F6", name: "RiskRegister", style: "TableStyleMedium2" }]));
    const after = await applyAndReload(host, [
      {
        type: "addTableColumns",
        sheet: "Risks",
        table: "RiskRegister",
        columns: [
          { header: "Owner", values: ["Ann", "Bo", "=cut"] },
          { header: "Rating", formula: "=RiskRegister[[#This Row],[Probability]]*2" },
          { header: "Notes" },
        ],
      },
    ]);
    const outline = await after.outline();
    expect(outline.sheets[0].tables[0].address).toBe("A3:I6");
    expect(outline.sheets[0].tables[0].headers.slice(6)).toEqual(["Owner", "Rating", "Notes"]);
    const grid = await after.read("Risks", "G4:H6");
    expect(grid.values.map((r) => r[0])).toEqual(["Ann", "Bo", "=cut"]);
    expect(grid.formulas.map((r) => r[1])).toEqual(Array(3).fill("=RiskRegister[[#This Row],[Probability]]*2"));
  });

  it("refuses to grow a table over cells that are not empty, naming sheet and cell, and changes nothing", async () => {
    const host = await fixture();
    await host.apply(plan([{ type: "createTable", sheet: "Risks", address: "A3:F6", name: "RiskRegister", style: "TableStyleMedium2" }]));
    host.workbook.getWorksheet("Risks")!.getCell("G5").value = "user note";
    const before = dumpWorkbook(host.workbook);
    const attempt = host.apply(
      plan([
        { type: "setCells", sheet: "Risks", address: "A10", cells: [["written first?"]] },
        { type: "addTableColumns", sheet: "Risks", table: "RiskRegister", columns: [{ header: "Owner" }] },
      ]),
    );
    await expect(attempt).rejects.toThrow(WorkbookError);
    await expect(attempt).rejects.toMatchObject({ where: { file: "risks.xlsx", sheet: "Risks", cell: "G5" } });
    expect(dumpWorkbook(host.workbook)).toEqual(before);
  });

  it("refuses an invalid plan as a whole and leaves the workbook unchanged", async () => {
    const host = await fixture();
    const before = dumpWorkbook(host.workbook);
    const bad = plan([
      { type: "setCells", sheet: "Risks", address: "A10", cells: [["ok"]] },
      { type: "setCells", sheet: "Risks", address: "not a range", cells: [["x"]] },
    ]);
    await expect(host.apply(bad)).rejects.toThrow(/not valid, so nothing was changed/);
    await expect(host.apply(plan([{ type: "setCells", sheet: "Nope", address: "A1", cells: [["x"]] }]))).rejects.toMatchObject({ where: { sheet: "Nope" } });
    await expect(host.apply(plan([{ type: "setCells", sheet: "Risks", address: "A1:B1", cells: [["x"]] }]))).rejects.toThrow(/1 cells but A1:B1 is 2 wide/);
    await expect(host.apply(plan([{ type: "createTable", sheet: "Risks", address: "A3:F6", name: "T", style: "TableStyleMedium2" }, { type: "createTable", sheet: "Risks", address: "E5:H9", name: "U", style: "TableStyleMedium2" }]))).rejects.toThrow(/overlaps table “T”/);
    expect(dumpWorkbook(host.workbook)).toEqual(before);
  });

  it("replaces data validation and conditional formats instead of stacking them", async () => {
    const host = await fixture();
    const dv = (values: string[]): Edit => ({ type: "setDataValidation", sheet: "Risks", address: "C4:C6", validation: { rule: { kind: "list", values }, allowBlank: true } });
    const cf = (fill: string): Edit => ({ type: "replaceConditionalFormats", sheet: "Risks", address: "E4:E6", rules: [{ kind: "expression", formula: "=$E4>=16", fill }] });
    const after = await applyAndReload(host, [dv(["1", "2"]), cf("#00FF00"), dv(["1", "2", "3"]), cf("#0000FF")]);
    const dump = dumpWorkbook(after.workbook) as { validations: Record<string, unknown>; cfs: unknown[] }[];
    expect(Object.keys(dump[0].validations).sort()).toEqual(["C4", "C5", "C6"]);
    expect(dump[0].validations.C5).toEqual({ rule: { kind: "list", values: ["1", "2", "3"] }, allowBlank: true });
    expect(dump[0].cfs).toEqual([{ ref: "E4:E6", rules: [{ kind: "expression", formula: "=$E4>=16", fill: "#0000FF" }] }]);
  });

  it("writes number formats, styles, column widths and a hidden sheet that survive save and reload", async () => {
    const host = await fixture();
    const after = await applyAndReload(host, [
      { type: "setNumberFormat", sheet: "Risks", address: "C4:D6", format: "0.00" },
      { type: "setNumberFormat", sheet: "Risks", address: "A4:B4", format: [["@", "0%"]] },
      { type: "setStyle", sheet: "Risks", address: "A3:F3", style: { bold: true, fill: "#DDEBF7", wrapText: true, horizontalAlignment: "Center" } },
      { type: "setColumnWidths", sheet: "Risks", widths: [{ column: "B", width: 40 }] },
      { type: "addSheet", sheet: "Scales", hidden: "hidden" },
    ]);
    const grid = await after.read("Risks", "A4:D4");
    expect(grid.numberFormats[0]).toEqual(["@", "0%", "0.00", "0.00"]);
    const ws = after.workbook.getWorksheet("Risks")!;
    expect(ws.getCell("B3").font?.bold).toBe(true);
    expect(ws.getCell("B3").alignment).toMatchObject({ wrapText: true, horizontal: "center" });
    expect(ws.getColumn("B").width).toBe(40);
    // The yellow fill B4 had is still there, and other cells sharing A3's old style were not restyled.
    expect((ws.getCell("B4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFFF00");
    expect(ws.getCell("C5").numFmt).toBe("0.00");
    const outline = await after.outline();
    expect(outline.sheets.find((s) => s.name === "Scales")?.visibility).toBe("hidden");
  });

  it("stores metadata in a very hidden sheet that outline reads back and does not list", async () => {
    const host = await fixture();
    const register = { sheet: "Risks", kind: "risk", templateId: "risk", templateVersion: "1", headerRow: 3, mapping: { id: "ID" }, confirmed: true };
    const after = await applyAndReload(host, [
      { type: "setMetadata", key: "registers", value: [register] },
      { type: "setMetadata", key: "settings", value: { scale: 5 } },
    ]);
    const ws = after.workbook.getWorksheet(METADATA_SHEET)!;
    expect(ws.state).toBe("veryHidden");
    expect(ws.getCell("A1").value).toBe(METADATA_TITLE);
    const outline = await after.outline();
    expect(outline.sheets.map((s) => s.name)).toEqual(["Risks", "Lists"]);
    expect(outline.metadata.registers).toEqual([register]);
    expect(outline.metadata.settings).toEqual({ scale: 5 });
    expect(outline.metadataIssues).toEqual([]);
    await after.apply(plan([{ type: "setMetadata", key: "settings", value: null }]));
    expect((await after.outline()).metadata.settings).toEqual({});
  });

  it("reports corrupt metadata as an issue naming the cell instead of throwing", async () => {
    const host = await fixture();
    await host.apply(plan([{ type: "setMetadata", key: "settings", value: { a: 1 } }, { type: "setMetadata", key: "registers", value: [] }]));
    host.workbook.getWorksheet(METADATA_SHEET)!.getCell("B2").value = "{not json";
    const outline = await (await reload(host)).outline();
    expect(outline.metadataIssues).toEqual([expect.objectContaining({ sheet: METADATA_SHEET, cell: "B2", key: "settings" })]);
    expect(outline.metadata.registers).toEqual([]);
  });

  it("reports progress per edit and per chunk of a big write", async () => {
    const host = XlsxHost.create("big.xlsx");
    const calls: [number, number][] = [];
    const cells = Array.from({ length: 20_000 }, (_, i) => [i, `row ${i}`, null, i * 2, true, "x"]);
    await host.apply(plan([{ type: "addSheet", sheet: "Data", hidden: "visible" }, { type: "setCells", sheet: "Data", address: "A1:F20000", cells }]), (d, t) => calls.push([d, t]));
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls[calls.length - 1][0]).toBe(calls[calls.length - 1][1]);
    expect(calls.every(([d], i) => i === 0 || d >= calls[i - 1][0])).toBe(true);
  });
});

describe("undo through the inverse plan", () => {
  it("puts a font colour back as an explicit colour (automatic colour comes back black)", async () => {
    const host = await fixture();
    const result = await host.apply(plan([{ type: "setStyle", sheet: "Risks", address: "B5", style: { fontColor: "#0000FF" } }]));
    expect(result.undo.inverse.edits).toEqual([{ type: "setStyle", sheet: "Risks", address: "B5", style: { fontColor: "#000000" } }]);
  });

  it("gives back the original workbook after every kind of edit", async () => {
    const host = await fixture();
    const original = dumpWorkbook((await reload(host)).workbook);
    const p = plan([
      { type: "addSheet", sheet: "Scales", hidden: "veryHidden" },
      { type: "setCells", sheet: "Scales", address: "A1:B2", cells: [["a", 1], [{ formula: "=B1*2" }, null]] },
      { type: "setCells", sheet: "Risks", address: "B4:C5", cells: [["changed", 9], ["=text", null]] },
      { type: "fillFormula", sheet: "Risks", address: "G4:G6", formula: "=C4*2" },
      { type: "createTable", sheet: "Risks", address: "A3:F6", name: "RiskRegister", style: "TableStyleMedium2" },
      { type: "addTableColumns", sheet: "Risks", table: "RiskRegister", columns: [{ header: "Owner", values: ["a", "b", "c"] }] },
      { type: "resizeTable", sheet: "Risks", table: "RiskRegister", address: "A3:H7" },
      { type: "setNumberFormat", sheet: "Risks", address: "C4:F6", format: "0.00" },
      { type: "setStyle", sheet: "Risks", address: "A3:C4", style: { bold: true, italic: true, fill: "#FF0000", wrapText: true, horizontalAlignment: "Right" } },
      { type: "setColumnWidths", sheet: "Risks", widths: [{ column: "C", width: 30 }] },
      { type: "setDataValidation", sheet: "Risks", address: "C4:D6", validation: { rule: { kind: "list", values: ["1", "2", "3", "4", "5"] }, allowBlank: true } },
      { type: "replaceConditionalFormats", sheet: "Risks", address: "A1:Z100", rules: [{ kind: "cellValue", operator: "greaterThan", formula1: "10", fill: "#FFC7CE" }] },
      { type: "setMetadata", key: "settings", value: { x: 1 } },
    ]);
    const result = await host.apply(p);
    expect(result.editsApplied).toBe(p.edits.length);
    expect(result.undo.excelUndoGroup).toBe(false);
    const changed = await reload(host);
    expect(dumpWorkbook(changed.workbook)).not.toEqual(original);
    await changed.apply(result.undo.inverse);
    expect(dumpWorkbook((await reload(changed)).workbook)).toEqual(original);
  });

  it("restores metadata keys, removed table columns and deleted sheets", async () => {
    const host = await fixture();
    await host.apply(plan([
      { type: "setMetadata", key: "settings", value: { x: 1 } },
      { type: "createTable", sheet: "Risks", address: "A3:F6", name: "RiskRegister", style: "TableStyleMedium2" },
    ]));
    const original = dumpWorkbook((await reload(host)).workbook);
    const result = await host.apply(plan([
      { type: "setMetadata", key: "settings", value: { x: 2 } },
      { type: "removeTableColumns", sheet: "Risks", table: "RiskRegister", count: 2 },
      { type: "removeTable", sheet: "Risks", name: "RiskRegister" },
      { type: "deleteSheet", sheet: "Lists" },
    ]));
    expect((await host.outline()).sheets.map((s) => s.name)).toEqual(["Risks"]);
    await host.apply(result.undo.inverse);
    const back = await reload(host);
    // A re-added sheet comes back last: addSheet has no tab position, so compare sheets by name.
    const byName = (d: unknown) => [...(d as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(dumpWorkbook(back.workbook))).toEqual(byName(original));
    expect((await back.outline()).metadata.settings).toEqual({ x: 1 });
  });
});
