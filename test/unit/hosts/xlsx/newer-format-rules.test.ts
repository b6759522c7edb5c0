/**
 * Workbooks as Excel 2010+ writes them: colour rules and drop-downs that
 * refer to another sheet live in the x14 extension under <extLst>, and
 * validations often cover whole columns. The XML is put in with jszip because
 * ExcelJS cannot write either.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookError } from "../../../../src/hosts/host";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { parseXmlFragment } from "../../../../src/hosts/xlsx/mini-xml";
import { inversePlan } from "../../../../src/core/plan/inverse";

const X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"';
const XM = 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';

/** One x14 rule with its formulas and an inline style, as Excel writes it. */
function x14Rule(attrs: string, id: string, formulae: string[], dxf = "<fill><patternFill><bgColor rgb=\"FFFFC000\"/></patternFill></fill>"): string {
  return `<x14:cfRule ${attrs} id="{${id}}">${formulae.map((f) => `<xm:f>${f}</xm:f>`).join("")}<x14:dxf>${dxf}</x14:dxf></x14:cfRule>`;
}

const EXTENSION = [
  `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" ${X14}><x14:conditionalFormattings>`,
  `<x14:conditionalFormatting ${XM}>`,
  x14Rule('type="cellIs" priority="1" operator="equal"', "00000000-0000-0000-0000-000000000001", ["Definitions!$F$3"]),
  x14Rule('type="cellIs" priority="2" operator="equal"', "00000000-0000-0000-0000-000000000002", ["Definitions!$F$2"], '<font><b/><color theme="5" tint="-0.25"/></font><fill><patternFill><bgColor rgb="FFC00000"/></patternFill></fill>'),
  "<xm:sqref>R5:R1048576 R2:R3</xm:sqref></x14:conditionalFormatting>",
  `<x14:conditionalFormatting ${XM}>`,
  x14Rule('type="beginsWith" priority="3" operator="beginsWith" text="Clo"', "00000000-0000-0000-0000-000000000003", ['LEFT(D2,LEN(Definitions!$A$1))=Definitions!$A$1', "Definitions!$A$1"]),
  "<xm:sqref>D2:D50</xm:sqref></x14:conditionalFormatting>",
  `<x14:conditionalFormatting ${XM}>`,
  x14Rule('type="duplicateValues" priority="4"', "00000000-0000-0000-0000-000000000004", []),
  "<xm:sqref>A2:A50</xm:sqref></x14:conditionalFormatting>",
  "</x14:conditionalFormattings></ext>",
  `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" ${X14}><x14:dataValidations count="1" ${XM}>`,
  '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>Definitions!$B$2:$B$6</xm:f></x14:formula1><xm:sqref>N2:N1048576</xm:sqref></x14:dataValidation>',
  "</x14:dataValidations></ext></extLst>",
].join("");

const WHOLE_COLUMN_DATES =
  '<dataValidations count="1"><dataValidation type="date" operator="greaterThan" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="E2:G1048576"><formula1>1</formula1></dataValidation></dataValidations>';

/** A register like the Risk Register Excel wrote: whole-column dates, x14 colour rules and a drop-down fed from Definitions. */
const DRAWING = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">',
  '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>9</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>17</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>',
  '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>How to fill in this register</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>',
  '<xdr:twoCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>',
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="Chart 2"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic/></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>',
  "</xdr:wsDr>",
].join("");

async function excel2010Register(opts: { extension?: boolean; wholeColumns?: boolean; drawing?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Issue Register");
  ws.addRow(["ID", "Title", "Type", "Status", "Date Raised", "Last Update", "Closure Date"]);
  for (let i = 1; i <= 5; i++) ws.addRow([i, `Risk ${i}`, "Threat", i % 2 ? "Open" : "Closed", new Date(Date.UTC(2024, 0, i))]);
  ws.getCell("R2").value = "High";
  const defs = wb.addWorksheet("Definitions");
  defs.getCell("A1").value = "Clo";
  ["Threat", "Opportunity"].forEach((t, i) => (defs.getCell(`B${i + 2}`).value = t));
  defs.getCell("F2").value = "High";
  defs.getCell("F3").value = "Medium";
  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const part = "xl/worksheets/sheet1.xml";
  let xml = await zip.file(part)!.async("string");
  if (opts.wholeColumns !== false) xml = xml.replace("<pageMargins", `${WHOLE_COLUMN_DATES}<pageMargins`);
  if (opts.extension !== false) xml = xml.replace("</worksheet>", `${EXTENSION}</worksheet>`);
  if (opts.drawing) {
    zip.file("xl/drawings/drawing1.xml", DRAWING);
    zip.file(
      "xl/worksheets/_rels/sheet1.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
    );
  }
  zip.file(part, xml);
  return zip.generateAsync({ type: "uint8array" });
}

function validationKeys(host: XlsxHost, sheet: string): string[] {
  return Object.keys((host.sheet(sheet) as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model).sort();
}

describe("x14 colour rules (the cause, in plain ExcelJS)", () => {
  test("ExcelJS 4.4 reads an x14 cellIs rule without its formula, and its writer then fails on the whole file", async () => {
    const wb = new ExcelJS.Workbook();
    // Without the whole-column dates, which ExcelJS alone would expand into three million cell keys.
    await wb.xlsx.load((await excel2010Register({ wholeColumns: false })) as unknown as ArrayBuffer);
    const rule = (wb.getWorksheet("Issue Register") as unknown as { conditionalFormattings: { rules: { type: string; formulae?: unknown }[] }[] }).conditionalFormattings[0].rules[0];
    expect(rule.type).toBe("cellIs");
    expect(rule.formulae).toBeUndefined();
    await expect(wb.xlsx.writeBuffer()).rejects.toThrow(/forEach/);
  });
});

describe("opening and saving a workbook with x14 rules", () => {
  test("saves, keeping the cross-sheet colour rules with their operator, formula and style", async () => {
    const host = await XlsxHost.open(await excel2010Register(), "Risk Register.xlsx");
    const again = await XlsxHost.open(await host.save(), "Risk Register.xlsx");
    const [r] = await again.readRules("Issue Register", ["R2:R3"]);
    expect(r.conditionalFormats).toEqual([
      {
        address: "R2:R3",
        rules: [
          { kind: "cellValue", operator: "equal", formula1: "Definitions!$F$3", fill: "#FFC000" },
          { kind: "cellValue", operator: "equal", formula1: "Definitions!$F$2", fill: "#C00000" },
        ],
      },
    ]);
    const rules = (again.sheet("Issue Register") as unknown as { conditionalFormattings: { ref: string; rules: { style?: { font?: unknown } }[] }[] }).conditionalFormattings;
    expect(rules.find((c) => c.ref === "R5:R1048576 R2:R3")?.rules[1].style?.font).toEqual({ bold: true, color: { theme: 5, tint: -0.25 } });
  });

  test("a text rule that carries its formula is kept as a formula rule", async () => {
    const host = await XlsxHost.open(await excel2010Register(), "Risk Register.xlsx");
    const again = await XlsxHost.open(await host.save(), "Risk Register.xlsx");
    const [d] = await again.readRules("Issue Register", ["D2:D50"]);
    expect(d.conditionalFormats).toEqual([{ address: "D2:D50", rules: [{ kind: "expression", formula: "=LEFT(D2,LEN(Definitions!$A$1))=Definitions!$A$1", fill: "#FFC000" }] }]);
  });

  test("a rule ExcelJS cannot model is kept in the saved file, so the outline names no loss", async () => {
    const original = await excel2010Register();
    const host = await XlsxHost.open(original, "Risk Register.xlsx");
    expect(host.unkeptRules).toEqual([{ sheet: "Issue Register", address: "A2:A50", kind: "duplicateValues" }]);
    expect((await host.outline()).notKeptOnSave).toBeUndefined();
    await host.apply({ title: "t", edits: [{ type: "setCells", sheet: "Issue Register", address: "B2", cells: [["Risk one"]] }] });
    const saved = await host.save();
    const xml = await (await JSZip.loadAsync(saved)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toContain('<x14:cfRule type="duplicateValues"');
    const again = await XlsxHost.open(saved, "Risk Register.xlsx");
    expect((await again.read("Issue Register", "A1:E6")).values[3]).toEqual([3, "Risk 3", "Threat", "Open", 45294]);
    expect((await again.read("Issue Register", "B2")).values).toEqual([["Risk one"]]);
  });

  test("a workbook with nothing left out says nothing", async () => {
    const host = await XlsxHost.open(await excel2010Register({ extension: false }), "Plain.xlsx");
    expect((await host.outline()).notKeptOnSave).toBeUndefined();
  });

  test("x14 drop-downs fed from another sheet are kept (ExcelJS alone drops them)", async () => {
    const host = await XlsxHost.open(await excel2010Register(), "Risk Register.xlsx");
    const again = await XlsxHost.open(await host.save(), "Risk Register.xlsx");
    const [n] = await again.readRules("Issue Register", ["N2:N200"]);
    expect(n.validation).toEqual({ rule: { kind: "listRange", source: "=Definitions!$B$2:$B$6" }, allowBlank: true });
  });

  test("a workbook built here (not opened from a file) refuses to save, writing nothing, a rule ExcelJS cannot write", async () => {
    const host = XlsxHost.create("Plain.xlsx");
    host.workbook.addWorksheet("Issue Register").addConditionalFormatting({ ref: "B2:B6", rules: [{ type: "duplicateValues", priority: 9 } as unknown as ExcelJS.ConditionalFormattingRule] });
    const saving = host.save();
    await expect(saving).rejects.toThrow(WorkbookError);
    await expect(saving).rejects.toThrow(/“Issue Register”, B2:B6.*duplicateValues/);
  });
});

describe("shapes and charts", () => {
  test("are kept, part for part, when the file is saved after a plan, and no preview warns of their loss", async () => {
    const original = await excel2010Register({ extension: false, drawing: true });
    const host = await XlsxHost.open(original, "Risk Register.xlsx");
    expect((await host.outline()).notKeptOnSave).toBeUndefined();
    await host.apply({ title: "t", edits: [{ type: "setCells", sheet: "Issue Register", address: "B3", cells: [["Risk two"]] }] });
    const before = await JSZip.loadAsync(original);
    const after = await JSZip.loadAsync(await host.save());
    const drawingParts = Object.keys(before.files).filter((n) => /drawing|chart/.test(n) && !before.files[n].dir);
    expect(drawingParts.length).toBeGreaterThan(0);
    for (const name of drawingParts) expect(await after.file(name)?.async("string")).toBe(await before.file(name)!.async("string"));
    const rels = "xl/worksheets/_rels/sheet1.xml.rels";
    expect(await after.file(rels)?.async("string")).toBe(await before.file(rels)!.async("string"));
  });
});

describe("whole-column validations", () => {
  test("are kept as one range each, not a key per cell, and written back as the same range", async () => {
    const host = await XlsxHost.open(await excel2010Register(), "Risk Register.xlsx");
    expect(validationKeys(host, "Issue Register")).toEqual(["E2:G1048576", "N2:N1048576"]);
    const zip = await JSZip.loadAsync(await host.save());
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toContain('sqref="E2:G1048576"');
    expect(xml).toContain("<xm:sqref>N2:N1048576</xm:sqref>");
  });

  test("setting a drop-down on part of one column cuts the column's validation around it, and undo puts it back", async () => {
    const host = await XlsxHost.open(await excel2010Register({ extension: false }), "Register.xlsx");
    const status = { rule: { kind: "list" as const, values: ["Open", "Closed"] }, allowBlank: true };
    const result = await host.apply({ title: "t", edits: [{ type: "setDataValidation", sheet: "Issue Register", address: "F2:F6", validation: status }] });
    // The date rectangle is cut into the bands around F2:F6 (above, below, left, right): a handful of keys, never one per cell.
    expect(validationKeys(host, "Issue Register")).toEqual(["E2:E6", "E7:G1048576", "F2:F6", "G2:G6"]);
    const date = { rule: { kind: "date", operator: "greaterThan", formula1: 1 }, allowBlank: true };
    const again = await XlsxHost.open(await host.save(), "Register.xlsx");
    const rules = await again.readRules("Issue Register", ["F2:F6", "F7:F1048576", "E2:E1048576", "G2:G1048576"]);
    expect(rules.map((r) => r.validation)).toEqual([status, date, date, date]);

    // The undo of a whole-column change is a few range edits, not a million cells.
    expect(result.undo.inverse.edits.length).toBeLessThanOrEqual(2);
    await host.apply(result.undo.inverse);
    const undone = await host.readRules("Issue Register", ["E2:G1048576"]);
    expect(undone[0].validation).toEqual(date);
  });

  test("removing a validation from a whole column leaves the neighbouring columns' validation", async () => {
    const host = await XlsxHost.open(await excel2010Register({ extension: false }), "Register.xlsx");
    const result = await host.apply({ title: "t", edits: [{ type: "setDataValidation", sheet: "Issue Register", address: "F1:F1048576", validation: null }] });
    expect(validationKeys(host, "Issue Register")).toEqual(["E2:E1048576", "G2:G1048576"]);
    expect(result.undo.inverse.edits).toHaveLength(2);
    expect(result.undo.inverse.edits.some((e) => e.type === "setDataValidation" && e.address === "F2:F1048576")).toBe(true);
    await host.apply(inversePlan("undo", [result.undo.inverse.edits]));
    expect(validationKeys(host, "Issue Register")).toEqual(["E2:E1048576", "F2:F1048576", "G2:G1048576"]);
  });
});

describe("mini XML reader", () => {
  test("reads elements, attributes and text with entities, and refuses unbalanced tags", () => {
    const [el] = parseXmlFragment('<a x="1 &amp; 2"><b/><c>&lt;x&gt; &#65;&#x42;</c><!-- note --></a>');
    expect(el).toEqual({ name: "a", attrs: { x: "1 & 2" }, text: "", children: [{ name: "b", attrs: {}, children: [], text: "" }, { name: "c", attrs: {}, children: [], text: "<x> AB" }] });
    expect(() => parseXmlFragment("<a><b></a>")).toThrow();
  });
});
