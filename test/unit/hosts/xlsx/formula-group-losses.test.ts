import ExcelJS from "exceljs";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { plan } from "../../../../src/core/plan/plan";

async function withArray(): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Calc");
  ws.getCell("A1").value = 1;
  ws.getCell("A2").value = 2;
  // ExcelJS writes an array formula from shareType and ref, outside its typings.
  ws.getCell("B1").value = { formula: "A1:A2*2", shareType: "array", ref: "B1:B2", result: 2 } as unknown as ExcelJS.CellValue;
  ws.getCell("B2").value = 4;
  return XlsxHost.open(new Uint8Array(await wb.xlsx.writeBuffer()), "calc.xlsx");
}

describe("XlsxHost.notKeptBy", () => {
  test("names an array formula a plan writes over in part, by file, sheet and cells", async () => {
    const host = await withArray();
    const losses = host.notKeptBy(plan("t", [{ type: "setCells", sheet: "Calc", address: "B2", cells: [[9]] }]));
    expect(losses).toEqual([expect.stringMatching(/^“calc\.xlsx”, sheet “Calc”, B1:B2: .*array formula in B1/)]);
  });

  test("says nothing for a plan that replaces the whole group or writes beside it", async () => {
    const host = await withArray();
    expect(host.notKeptBy(plan("t", [{ type: "setCells", sheet: "Calc", address: "B1:B2", cells: [[1], [2]] }]))).toEqual([]);
    expect(host.notKeptBy(plan("t", [{ type: "setCells", sheet: "Calc", address: "C1:C2", cells: [[1], [2]] }]))).toEqual([]);
  });
});
