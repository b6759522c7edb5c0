import ExcelJS from "exceljs";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { NO_STYLE, StyleInterner } from "../../../../src/hosts/xlsx/shared-styles";
import type { Edit } from "../../../../src/core/plan/edits";
import { reload } from "./dump";

async function opened(build: (ws: ExcelJS.Worksheet) => void): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("Risks"));
  return XlsxHost.open((await wb.xlsx.writeBuffer()) as unknown as Uint8Array, "risks.xlsx");
}

const apply = (host: XlsxHost, edits: Edit[]) => host.apply({ title: "Test plan", edits });

describe("shared cell styles", () => {
  it("cells read without a style share one frozen object; styled cells keep their look", async () => {
    const host = await opened((ws) => {
      ws.getCell("A1").value = "ID";
      ws.getCell("B1").value = 3;
      ws.getCell("C1").value = 4;
      ws.getCell("C1").numFmt = "0.0";
    });
    const ws = host.sheet("Risks");
    expect(ws.getCell("A1").style).toBe(NO_STYLE);
    expect(ws.getCell("B1").style).toBe(NO_STYLE);
    expect(ws.getCell("C1").style.numFmt).toBe("0.0");
    expect(Object.isFrozen(NO_STYLE)).toBe(true);
    // A mutation through the shared object would restyle every unstyled cell; it is refused instead.
    expect(() => {
      (ws.getCell("A1").style as Record<string, unknown>).numFmt = "0%";
    }).toThrow(TypeError);
    expect(ws.getCell("B1").style.numFmt).toBeUndefined();
  });

  it("a number format over new cells gives them one style object, and the file reads back the same", async () => {
    const host = await opened((ws) => {
      ws.getCell("A1").value = "Raised";
      ws.getCell("A2").value = "Note";
      ws.getCell("A2").font = { italic: true };
    });
    await apply(host, [
      { type: "setCells", sheet: "Risks", address: "B1:B3", cells: [[1], [2], [3]] },
      { type: "setNumberFormat", sheet: "Risks", address: "A1:C3", format: "0.000" },
    ]);
    const ws = host.sheet("Risks");
    const plain = ws.getCell("C3").style;
    expect(plain.numFmt).toBe("0.000");
    for (const a of ["A1", "A3", "B1", "B2", "B3", "C1", "C2"]) expect(ws.getCell(a).style).toBe(plain);
    // The italic cell gets its own object: a different look.
    expect(ws.getCell("A2").style).not.toBe(plain);
    expect(ws.getCell("A2").style).toMatchObject({ numFmt: "0.000", font: { italic: true } });
    const back = (await reload(host)).sheet("Risks");
    expect(back.getCell("B2").value).toBe(2);
    expect(back.getCell("C3").numFmt).toBe("0.000");
    expect(back.getCell("A2").font?.italic).toBe(true);
    expect(back.getCell("A1").font?.italic).toBeFalsy();
  });

  it("added table columns with neither formula nor values create no cells; a formula column fills every row", async () => {
    const host = await opened((ws) => {
      ws.addRow(["ID", "Probability", "Impact"]);
      for (let i = 1; i <= 4; i++) ws.addRow([`R${i}`, i, 2]);
    });
    await apply(host, [
      { type: "createTable", sheet: "Risks", address: "A1:C5", name: "Risks", style: "TableStyleMedium2" },
      {
        type: "addTableColumns",
        sheet: "Risks",
        table: "Risks",
        columns: [{ header: "Owner" }, { header: "Score", formula: "=Risks[[#This Row],[Probability]]*Risks[[#This Row],[Impact]]" }, { header: "Note", values: ["a", null, null, "d"] }],
      },
    ]);
    const ws = host.sheet("Risks");
    for (let r = 2; r <= 5; r++) expect(ws.findCell(r, 4)).toBeUndefined();
    expect(ws.findCell(3, 6)).toBeUndefined();
    expect(ws.getCell("F5").value).toBe("d");
    for (let r = 2; r <= 5; r++) expect(ws.getCell(r, 5).formula).toBe("Risks[[#This Row],[Probability]]*Risks[[#This Row],[Impact]]");
    expect(ws.getCell("E2").style).toBe(NO_STYLE);
    const back = (await reload(host)).sheet("Risks");
    expect(back.getCell("D1").value).toBe("Owner");
    expect(back.getCell("E4").formula).toBe("Risks[[#This Row],[Probability]]*Risks[[#This Row],[Impact]]");
  });

  it("the interner gives equal looks one object and different looks their own", () => {
    const font = { bold: true };
    const fill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    const interner = new StyleInterner();
    const a = interner.share({ numFmt: "0.0", font });
    expect(interner.share({ numFmt: "0.0", font })).toBe(a);
    expect(interner.share({ numFmt: "0.00", font })).not.toBe(a);
    expect(interner.share({ numFmt: "0.0", font, fill })).not.toBe(a);
    expect(interner.share({ numFmt: "0.0", font: { bold: true } })).not.toBe(a);
    expect(interner.share({})).toBe(NO_STYLE);
    expect(interner.share(undefined)).toBe(NO_STYLE);
  });
});

describe("shared cell styles in a CSV file", () => {
  it("its cells share the empty style too", async () => {
    const host = await XlsxHost.open(new TextEncoder().encode("ID,Score\nR1,3\nR2,4\n"), "risks.csv");
    const ws = host.workbook.worksheets[0];
    for (const a of ["A1", "B1", "A2", "B3"]) expect(ws.getCell(a).style).toBe(NO_STYLE);
    const saved = await XlsxHost.open(await host.save(), "risks.xlsx");
    expect(saved.workbook.worksheets[0].getCell("B3").value).toBe(4);
  });
});
