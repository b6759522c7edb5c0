/**
 * A workbook saved from Excel after a big apply carries the Excel host's very
 * hidden undo sheet (old cells copied there, a stamp in its last cell). The
 * file hosts leave it out of every outline, so no job takes it for the
 * user's sheet or a register, and a save keeps it as it was.
 */
import ExcelJS from "exceljs";
import { UNDO_SHEET } from "../../../../src/core/metadata/schema";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { PackageWorkbook } from "../../../../src/hosts/xlsx/package-read";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { detectRegisters } from "../../../../src/jobs/registers/detect";

async function savedFromExcel(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const risks = wb.addWorksheet("Risks");
  risks.getRow(1).values = ["Risk ID", "Risk Title", "Owner", "Probability", "Impact", "Status"];
  for (let i = 0; i < 4; i++) risks.getRow(2 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, "Ann", 1 + i, 2, "Open"];
  const undo = wb.addWorksheet(UNDO_SHEET, { state: "veryHidden" });
  // The old copy of a register, as a copy at the same address leaves it, and the stamp.
  undo.getRow(1).values = ["Risk ID", "Risk Title", "Owner", "Probability", "Impact", "Status"];
  for (let i = 0; i < 4; i++) undo.getRow(2 + i).values = [`R${i + 1}`, `Old ${i + 1}`, "Ann", 5, 5, "Open"];
  undo.getCell("XFD1048576").value = "undo 1";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("the Excel host's undo sheet in a file", () => {
  test.each([
    ["package host", (b: Uint8Array) => PackageHost.open(b, "book.xlsx")],
    ["package reader", (b: Uint8Array) => PackageWorkbook.open(b, "book.xlsx")],
    ["ExcelJS host", (b: Uint8Array) => XlsxHost.open(b, "book.xlsx")],
  ])("the %s leaves it out of the outline and detection", async (_, open) => {
    const host = await open(await savedFromExcel());
    const outline = await host.outline({ previewRows: 30 });
    expect(outline.sheets.map((s) => s.name)).toEqual(["Risks"]);
    expect((await detectRegisters(host)).map((r) => r.sheet)).toEqual(["Risks"]);
  });

  test("a save through the package host keeps it, very hidden", async () => {
    const host = await PackageHost.open(await savedFromExcel(), "book.xlsx");
    await host.apply({ title: "one cell", edits: [{ type: "setCells", sheet: "Risks", address: "G1", cells: [["Note"]] }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await host.save()) as unknown as ArrayBuffer);
    const undo = wb.getWorksheet(UNDO_SHEET);
    expect(undo?.state).toBe("veryHidden");
    expect(undo?.getCell("B2").value).toBe("Old 1");
  });
});
