/**
 * What ExcelJS's unmerge leaves behind, checked where the host relies on it:
 * the top-left cell keeps its value and style, the other cells become cells
 * of their own (not pointing at the top-left one) and keep their own styles,
 * which ExcelJS alone would reset; a saved file holds no merge any more.
 */
import ExcelJS from "exceljs";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import type { Edit } from "../../../../src/core/plan/edits";

const VALUE_TYPE_NULL = 0;
const VALUE_TYPE_MERGE = 1;

async function registerWithMerges(): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.getCell("A1").value = "Category";
  ws.getCell("C1").value = "Description";
  ws.getCell("A2").value = "Functional";
  ws.getCell("C2").value = "Scope creep";
  ws.getCell("C3").value = "Late sign-off";
  ws.getCell("C4").value = "Vendor exit";
  const border: Partial<ExcelJS.Borders> = { left: { style: "thin" }, right: { style: "thin" } };
  ws.getCell("A1").font = { bold: true };
  ws.getCell("A1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
  ws.getCell("B1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
  for (const a of ["A2", "A3", "A4"]) ws.getCell(a).border = border;
  ws.getCell("A3").numFmt = "0.0";
  ws.mergeCellsWithoutStyle("A1:B1");
  ws.mergeCellsWithoutStyle("A2:A4");
  return XlsxHost.open((await wb.xlsx.writeBuffer()) as unknown as Uint8Array, "merges.xlsx");
}

const unmerges: Edit[] = [
  { type: "unmergeCells", sheet: "Risks", address: "A1:B1" },
  { type: "unmergeCells", sheet: "Risks", address: "A2:A4" },
];

describe("xlsx host unmerge", () => {
  test("leaves the value and style in the top-left cell and the other cells empty, each with its own style", async () => {
    const host = await registerWithMerges();
    const ws = host.workbook.getWorksheet("Risks") as ExcelJS.Worksheet;
    expect(ws.getCell("A3").type).toBe(VALUE_TYPE_MERGE);
    await host.apply({ title: "t", edits: unmerges });

    expect(ws.getCell("A2").value).toBe("Functional");
    expect(ws.getCell("A1").value).toBe("Category");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    for (const a of ["B1", "A3", "A4"]) {
      expect(ws.getCell(a).type).toBe(VALUE_TYPE_NULL);
      expect(ws.getCell(a).value).toBeNull();
      expect(ws.getCell(a).master.address).toBe(a);
    }
    expect(ws.getCell("B1").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } });
    expect(ws.getCell("A3").border).toEqual({ left: { style: "thin" }, right: { style: "thin" } });
    expect(ws.getCell("A3").numFmt).toBe("0.0");
    // Writing to a former slave cell writes that cell, not the top-left one.
    ws.getCell("A3").value = "x";
    expect(ws.getCell("A2").value).toBe("Functional");
  });

  test("a saved file keeps no merge and reads back the same values", async () => {
    const host = await registerWithMerges();
    await host.apply({ title: "t", edits: unmerges });
    const again = await XlsxHost.open(await host.save(), "merges.xlsx");
    const outline = await again.outline({ previewRows: 10 });
    expect(outline.sheets[0]?.merges).toEqual([]);
    expect((await again.read("Risks", "A1:C4")).values).toEqual([
      ["Category", null, "Description"],
      ["Functional", null, "Scope creep"],
      [null, null, "Late sign-off"],
      [null, null, "Vendor exit"],
    ]);
  });

  test("undo merges the areas back, each cell keeping its style", async () => {
    const host = await registerWithMerges();
    const result = await host.apply({ title: "t", edits: unmerges });
    await host.apply(result.undo.inverse);
    const ws = host.workbook.getWorksheet("Risks") as ExcelJS.Worksheet;
    expect(ws.getCell("A3").type).toBe(VALUE_TYPE_MERGE);
    expect(ws.getCell("A3").master.address).toBe("A2");
    expect(ws.getCell("B1").master.address).toBe("A1");
    expect(ws.getCell("A3").border).toEqual({ left: { style: "thin" }, right: { style: "thin" } });
    expect((await host.outline({ previewRows: 10 })).sheets[0]?.merges.sort()).toEqual(["A1:B1", "A2:A4"]);
  });
});
