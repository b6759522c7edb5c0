import ExcelJS from "exceljs";

/**
 * A small risk register whose last Status cell is an array formula spanning
 * one column past the register (the cell there left empty, as a file may
 * hold it): the template's new columns fill that empty cell.
 */
export async function registerBesideArrayFormula(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addRow(["Risk ID", "Title", "Owner", "Probability", "Impact", "Status"]);
  for (let i = 1; i <= 4; i++) ws.addRow([`R-${i}`, `Risk ${i}`, "A. Patel", 3, 4, "Open"]);
  // ExcelJS writes an array formula from shareType and ref, outside its typings.
  ws.getCell("F5").value = { formula: 'IF(D5>2,"Open","Closed")', shareType: "array", ref: "F5:G5", result: "Open" } as unknown as ExcelJS.CellValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
