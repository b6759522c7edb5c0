import ExcelJS from "exceljs";
import { formatRange } from "../../../../src/core/grid/address";
import { contentRange } from "../../../../src/hosts/xlsx/sheet-access";

function sheet(fill: (ws: ExcelJS.Worksheet) => void): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet("S");
  fill(ws);
  return ws;
}

const range = (ws: ExcelJS.Worksheet) => {
  const r = contentRange(ws);
  return r ? formatRange(r) : null;
};

describe("contentRange", () => {
  it("is null for a sheet with no content, styled blanks and empty text included", () => {
    expect(range(sheet(() => undefined))).toBeNull();
    expect(
      range(
        sheet((ws) => {
          ws.getCell("C3").numFmt = "0.0";
          ws.getCell("D4").value = "";
          ws.getCell("E5").value = null;
        }),
      ),
    ).toBeNull();
  });

  it("finds the rows and columns holding content wherever a row starts and ends", () => {
    const ws = sheet((ws) => {
      for (let r = 3; r <= 50; r++) for (let c = 2; c <= 6; c++) ws.getCell(r, c).value = r * c;
      ws.getCell("H20").value = "right, once"; // past every other row's end
      ws.getCell("J21").numFmt = "0.0"; // styled blank further right: not content
      ws.getCell("A40").value = "left, once";
      ws.getCell("C60").value = { formula: "B3*2", result: 12 } as ExcelJS.CellFormulaValue;
      ws.getCell("K70").value = ""; // empty text below: not content
    });
    expect(range(ws)).toBe("A3:H60");
  });

  it("counts a row's only content anywhere in it, and a merged area by its top-left cell", () => {
    const ws = sheet((ws) => {
      ws.getCell("B2").value = 1;
      ws.getCell("E2").value = 2;
      ws.getCell("D5").value = "middle only";
      ws.getCell("H6").value = "right only"; // starts past the range so far
      ws.getCell("G8").value = "merged";
      ws.mergeCells("G8:I9");
    });
    expect(range(ws)).toBe("B2:H8");
  });
});
