/**
 * The package a plan is applied to holds only the cells the plan needs: a
 * sheet it needs no cell of (a big register beside a heat map drawn on new
 * sheets) is neither inflated nor scanned for the cut, chart sheets are not
 * touched, and the sheets a save did not write are not read again for the
 * next apply. What is saved stays what the whole model saves.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { plan, type Plan } from "../../../../src/core/plan/plan";
import type { WorkbookHost } from "../../../../src/hosts/host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { PackageWorkbook } from "../../../../src/hosts/xlsx/package-read";
import { OpcPackage } from "../../../../src/hosts/xlsx/package/opc";
import * as partialSheet from "../../../../src/hosts/xlsx/package/partial-sheet";
import { packageForPlan } from "../../../../src/hosts/xlsx/package/plan-package";
import { cellsPlanNeeds } from "../../../../src/hosts/xlsx/plan-cells";
import * as sheetScan from "../../../../src/hosts/xlsx/sheet-scan";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { packageProblems, partsOf } from "./package-checks";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REGISTER_PART = "xl/worksheets/sheet1.xml";
const NOTES_PART = "xl/worksheets/sheet2.xml";
const CHART_SHEET_PART = "xl/chartsheets/sheet1.xml";

/** A 300-row register in a table, with a drop-down and a colour rule, and a notes sheet. */
async function registerWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Register");
  const rows = Array.from({ length: 300 }, (_, i) => [`R-${i + 1}`, `Risk ${i + 1}`, (i % 5) + 1, (i % 4) + 1, i % 3 ? "Open" : "Closed"]);
  ws.addTable({ name: "RiskRegister", ref: "A1", headerRow: true, columns: ["ID", "Title", "Probability", "Impact", "Status"].map((name) => ({ name })), rows });
  ws.getCell("E2").dataValidation = { type: "list", allowBlank: true, formulae: ['"Open,Closed"'] };
  ws.addConditionalFormatting({ ref: "C2:C301", rules: [{ type: "cellIs", operator: "greaterThan", formulae: ["3"], priority: 1, style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }] });
  wb.addWorksheet("Notes").getCell("A1").value = "Reviewed monthly";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The workbook with a chart sheet listed after its worksheets (a part ExcelJS does not read). */
async function withChartSheet(bytes: Uint8Array): Promise<JSZip> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", workbook.replace("</sheets>", `<sheet name="Trend" sheetId="99" r:id="rIdTrend" xmlns:r="${REL}"/></sheets>`));
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", `<Relationship Id="rIdTrend" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`));
  zip.file(CHART_SHEET_PART, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`);
  return zip;
}

/** A heat map drawn on new sheets: counts by formula over the register's columns (plain and structured references) and a table of its own. */
const heatMapPlan: Plan = plan("heat map", [
  { type: "addSheet", sheet: "Heat Map", hidden: "visible" },
  {
    type: "setCells",
    sheet: "Heat Map",
    address: "A1:C2",
    cells: [
      ["Probability", "Open", "All"],
      [5, { formula: '=COUNTIFS(Register!C:C,5,Register!E:E,"Open")' }, { formula: "=COUNTIFS(RiskRegister[Probability],5)" }],
    ],
  },
  { type: "createTable", sheet: "Heat Map", address: "A1:C2", name: "HeatCounts", style: "TableStyleLight1" },
  { type: "setColumnWidths", sheet: "Heat Map", widths: [{ column: "A", width: 14 }] },
]);

afterEach(() => jest.restoreAllMocks());

describe("the package a plan is applied to", () => {
  it("takes a sheet the plan needs no cell of as the reader holds it without cells, never inflating or cutting its part, and leaves chart sheets alone", async () => {
    const zip = await withChartSheet(await registerWorkbook());
    const reader = await PackageWorkbook.overPackage(new OpcPackage(zip), "risks.xlsx");
    await reader.outline({ previewRows: 0 });
    const sheets = reader.worksheetParts();
    expect(sheets.map((s) => s.name)).toEqual(["Register", "Notes"]);

    // A package over the same zip that has inflated nothing yet: what the cut asks of it is all it inflates.
    const fresh = new OpcPackage(zip);
    const asked = jest.spyOn(OpcPackage.prototype, "text");
    const cut = jest.spyOn(partialSheet, "sheetWithOnlyCells");
    const needed = cellsPlanNeeds(plan("notes", [{ type: "setCells", sheet: "Notes", address: "A1", cells: [["Reviewed weekly"]] }]), reader.tablesRead());
    const bytes = await packageForPlan(fresh, sheets, needed);

    const inflated = asked.mock.calls.map(([part]) => part);
    expect(inflated).toContain(NOTES_PART);
    expect(inflated).not.toContain(REGISTER_PART);
    expect(inflated).not.toContain(CHART_SHEET_PART);
    expect(cut).toHaveBeenCalledTimes(1);
    // The notes' only cell is the one needed: cut, its part reads the same, so it is not written either.
    expect(fresh.changedParts().written.sort()).toEqual(["xl/sharedStrings.xml", REGISTER_PART]);
    const parts = await partsOf(bytes);
    const register = parts.get(REGISTER_PART)!;
    expect(register).toBe(sheets[0].withoutCells);
    // What the model's checks read of the sheet is still there; its cells are not.
    expect(register).toMatch(/<tableParts count="1">/);
    expect(register).toMatch(/<dataValidations/);
    expect(register).toMatch(/<conditionalFormatting sqref="C2:C301"/);
    expect(register).not.toMatch(/<row\b/);
    expect(parts.get(CHART_SHEET_PART)).toBe(await zip.file(CHART_SHEET_PART)!.async("string"));
  });

  it("keeps only the shared strings the cells kept use, each at its index, so the model reads them as the file holds them", async () => {
    const zip = await JSZip.loadAsync(await registerWorkbook());
    const reader = await PackageWorkbook.overPackage(new OpcPackage(zip), "risks.xlsx");
    await reader.outline({ previewRows: 0 });
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    // The register's header and its 11th row, and the notes, from a file with hundreds of strings.
    const needed = new Map([
      ["register", [{ top: 1, bottom: 1, left: 1, right: 5 }, { top: 12, bottom: 12, left: 1, right: 5 }]],
      ["notes", [{ top: 1, bottom: 1, left: 1, right: 1 }]],
    ]);
    const bytes = await packageForPlan(new OpcPackage(zip), reader.worksheetParts(), needed);
    const cutStrings = (await partsOf(bytes)).get("xl/sharedStrings.xml")!;
    // The header's five, the row's three texts and the note, of hundreds.
    expect(strings.match(/<si>/g)!.length).toBeGreaterThan(600);
    expect(cutStrings.match(/<si>/g)!.length).toBe(9);
    expect(cutStrings).not.toMatch(/Risk 12</);
    const model = await XlsxHost.open(bytes, "risks.xlsx");
    const original = await PackageWorkbook.open(await registerWorkbook(), "risks.xlsx");
    for (const [sheet, address] of [["Register", "A1:E1"], ["Register", "A12:E12"], ["Notes", "A1"]]) {
      expect((await model.read(sheet, address)).values).toEqual((await original.read(sheet, address)).values);
    }
    expect((await model.read("Register", "A12:E12")).values).toEqual([["R-11", "Risk 11", 1, 3, "Open"]]);
  });

  it("reads the strings of a list written with a prefix, empty and rich entries among them", async () => {
    const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const zip = new JSZip();
    zip.file("xl/workbook.xml", `<x:workbook xmlns:x="${main}" xmlns:r="${REL}"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`);
    zip.file(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    );
    zip.file(REGISTER_PART, `<x:worksheet xmlns:x="${main}"><x:sheetData><x:row r="1"><x:c r="A1" t='s'><x:v>3</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`);
    const entries = [`<x:si><x:t>zero</x:t></x:si>`, `<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>one</x:t></x:r></x:si>`, `<x:si/>`, `<x:si><x:t xml:space="preserve"> three </x:t></x:si>`, `<x:si><x:t>four</x:t></x:si>`, `<x:si><x:t>five</x:t></x:si>`, `<x:si><x:t>six</x:t></x:si>`];
    zip.file("xl/sharedStrings.xml", `<x:sst xmlns:x="${main}" count="7" uniqueCount="7">${entries.join("")}</x:sst>`);
    const loaded = await JSZip.loadAsync(await zip.generateAsync({ type: "uint8array" }));
    // Row 1 only: the cells kept use entries 1 and 3; the one in row 2 is cut out with its row.
    const bytes = await packageForPlan(new OpcPackage(loaded), [{ name: "S", part: REGISTER_PART }], new Map([["s", [{ top: 1, bottom: 1, left: 1, right: 2 }]]]));
    expect((await partsOf(bytes)).get("xl/sharedStrings.xml")).toBe(`<x:sst xmlns:x="${main}" count="7" uniqueCount="7"><x:si/>${entries[1]}<x:si/>${entries[3]}</x:sst>`);
  });

  it("inflates and cuts a sheet the reader has not read, as before", async () => {
    const zip = await JSZip.loadAsync(await registerWorkbook());
    const reader = await PackageWorkbook.overPackage(new OpcPackage(zip), "risks.xlsx");
    const sheets = reader.worksheetParts();
    expect(sheets.every((s) => s.withoutCells === undefined)).toBe(true);
    const bytes = await packageForPlan(new OpcPackage(zip), sheets, new Map([["register", [{ top: 1, bottom: 1, left: 1, right: 5 }]]]));
    const register = (await partsOf(bytes)).get(REGISTER_PART)!;
    expect(register.match(/<row\b/g)).toHaveLength(1);
    expect(register).toMatch(/<tableParts count="1">/);
    expect((await partsOf(bytes)).get(NOTES_PART)).not.toMatch(/<row\b/);
  });
});

/** Every used cell of every sheet, as the port reads it. */
async function contents(host: WorkbookHost): Promise<unknown> {
  const outline = await host.outline();
  return { outline, grids: await Promise.all(outline.sheets.filter((s) => s.usedRange).map((s) => host.read(s.name, s.usedRange!))) };
}

/** The sheet parts whose cells were read (scanned for cells, not only for what lies around them). */
function cellScans(): jest.SpyInstance {
  return jest.spyOn(sheetScan, "scanSheetPieces");
}
const scannedForCells = (spy: jest.SpyInstance) => spy.mock.calls.filter((c) => c[2]?.readCells !== false).length;

describe("a heat map drawn beside a register through the package host", () => {
  it("never cuts the register, and saves what the whole model saves", async () => {
    const bytes = await registerWorkbook();
    const host = await PackageHost.open(bytes, "risks.xlsx");
    await host.outline();
    const cut = jest.spyOn(partialSheet, "sheetWithOnlyCells");
    await host.apply(heatMapPlan);
    expect(cut).not.toHaveBeenCalled();

    const whole = await XlsxHost.open(bytes, "risks.xlsx");
    await whole.apply(heatMapPlan);
    const saved = await host.save();
    expect(await partsOf(saved)).toEqual(await partsOf(await whole.save()));
    expect(await packageProblems(saved)).toEqual([]);
    // The register's part is the very bytes it came in as.
    const before = await JSZip.loadAsync(bytes);
    const after = await JSZip.loadAsync(saved);
    expect(await after.file(REGISTER_PART)!.async("uint8array")).toEqual(await before.file(REGISTER_PART)!.async("uint8array"));
  });

  it("reads again after an apply only the sheets the save wrote, and reads the same as a host opened on the saved file", async () => {
    const host = await PackageHost.open(await registerWorkbook(), "risks.xlsx");
    await host.outline();
    await host.onCellsChanged(() => undefined);
    const scans = cellScans();
    await host.apply(heatMapPlan);
    // Telling listeners of the change reads no sheet.
    expect(scannedForCells(scans)).toBe(0);
    const read = await contents(host);
    // The new sheet (and the toolkit's metadata, were it written) read; the register and the notes taken over as read.
    expect(scannedForCells(scans)).toBe(1);
    jest.restoreAllMocks();
    expect(read).toEqual(await contents(await PackageHost.open(await host.save(), "risks.xlsx")));
  });

  it("applies a second plan without reading the cells of the sheets the first one wrote, and reads as the whole model after both", async () => {
    const bytes = await registerWorkbook();
    const host = await PackageHost.open(bytes, "risks.xlsx");
    await host.outline();
    await host.apply(heatMapPlan);
    const scans = cellScans();
    const second = plan("second", [
      { type: "setCells", sheet: "Notes", address: "A2", cells: [["Next review in May"]] },
      { type: "resizeTable", sheet: "Heat Map", table: "HeatCounts", address: "A1:D2" },
    ]);
    await host.apply(second);
    expect(scannedForCells(scans)).toBe(0);
    jest.restoreAllMocks();
    const whole = await XlsxHost.open(bytes, "risks.xlsx");
    await whole.apply(heatMapPlan);
    await whole.apply(second);
    expect(await contents(host)).toEqual(await contents(whole));
    expect(await packageProblems(await host.save())).toEqual([]);
  });

  it("reads a sheet the save wrote again, and undo gives back what was read first", async () => {
    const host = await PackageHost.open(await registerWorkbook(), "risks.xlsx");
    const first = await contents(host);
    const applied = await host.apply(plan("close", [{ type: "setCells", sheet: "Register", address: "E3", cells: [["Closed"]] }]));
    expect((await host.read("Register", "E3")).values).toEqual([["Closed"]]);
    await host.apply(applied.undo.inverse);
    expect(await contents(host)).toEqual(first);
  });
});

/** Edits on the register sheet by kind: those that need some of its cells in the model, and those that need none (they change what lies around the cells). */
const onRegister: { kind: string; needsCells: boolean; plan: Plan }[] = [
  { kind: "setCells", needsCells: true, plan: plan("k", [{ type: "setCells", sheet: "Register", address: "E5", cells: [["Closed"]] }]) },
  { kind: "fillFormula", needsCells: true, plan: plan("k", [{ type: "fillFormula", sheet: "Register", address: "F2:F301", formula: "=C2*D2" }]) },
  { kind: "setNumberFormat", needsCells: true, plan: plan("k", [{ type: "setNumberFormat", sheet: "Register", address: "C2:C301", format: "0.0" }]) },
  { kind: "setStyle", needsCells: true, plan: plan("k", [{ type: "setStyle", sheet: "Register", address: "A1:E1", style: { bold: true } }]) },
  { kind: "mergeCells", needsCells: true, plan: plan("k", [{ type: "mergeCells", sheet: "Register", address: "H1:I1" }]) },
  { kind: "addTableColumns", needsCells: true, plan: plan("k", [{ type: "addTableColumns", sheet: "Register", table: "RiskRegister", columns: [{ header: "Score", formula: "=RiskRegister[[#This Row],[Probability]]*RiskRegister[[#This Row],[Impact]]" }] }]) },
  { kind: "resizeTable", needsCells: true, plan: plan("k", [{ type: "resizeTable", sheet: "Register", table: "RiskRegister", address: "A1:F301" }]) },
  { kind: "createTable", needsCells: true, plan: plan("k", [{ type: "createTable", sheet: "Register", address: "H1:I3", name: "Owners", style: "TableStyleLight1" }]) },
  { kind: "setDataValidation", needsCells: false, plan: plan("k", [{ type: "setDataValidation", sheet: "Register", address: "E2:E301", validation: { rule: { kind: "list", values: ["Open", "Closed", "Watch"] }, allowBlank: true } }]) },
  { kind: "replaceConditionalFormats", needsCells: false, plan: plan("k", [{ type: "replaceConditionalFormats", sheet: "Register", address: "C2:C301", rules: [{ kind: "expression", formula: "=$C2>=4", fill: "#FFC7CE" }] }]) },
  { kind: "setColumnWidths", needsCells: false, plan: plan("k", [{ type: "setColumnWidths", sheet: "Register", widths: [{ column: "B", width: 40 }] }]) },
  {
    kind: "setChart",
    needsCells: false,
    plan: plan("k", [{ type: "setChart", sheet: "Register", name: "Probabilities", chartType: "line", title: "Probability", categories: "A2:A11", series: [{ name: "Probability", values: "C2:C11" }], anchor: "H2:O16" }]),
  },
];

describe("what an edit on the register needs of its cells", () => {
  it.each(onRegister)("$kind: the register is cut only where the edit needs cells, and the save is the whole model's", async ({ needsCells, plan: p }) => {
    const bytes = await registerWorkbook();
    const host = await PackageHost.open(bytes, "risks.xlsx");
    await host.outline();
    const cut = jest.spyOn(partialSheet, "sheetWithOnlyCells");
    await host.apply(p);
    // The register is the sheet with the table.
    expect(cut.mock.calls.some(([xml]) => xml.includes("<tableParts"))).toBe(needsCells);
    jest.restoreAllMocks();
    const whole = await XlsxHost.open(bytes, "risks.xlsx");
    await whole.apply(p);
    expect(await partsOf(await host.save())).toEqual(await partsOf(await whole.save()));
  });
});
