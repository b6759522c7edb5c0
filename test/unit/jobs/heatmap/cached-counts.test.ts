/**
 * A heat-map count carries core's figure as its cached result only where the
 * risks were placed by values typed in: where a level or status column holds
 * formulas, the values read are the file's cached results of them, which
 * Excel may calculate otherwise, so the counts are written without one.
 */
import ExcelJS from "exceljs";
import type { CellInput } from "../../../../src/core/plan/edits";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { planHeatMaps } from "../../../../src/jobs/heatmap/heatmap";

async function register(probabilityAsFormula: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addRow(["Risk ID", "Title", "Owner", "Probability", "Impact", "Status"]);
  for (let k = 0; k < 6; k++) {
    const p = 1 + (k % 5);
    ws.addRow([`R${k + 1}`, `Risk ${k + 1}`, "Ann", probabilityAsFormula ? ({ formula: `${p}*1`, result: p } as ExcelJS.CellFormulaValue) : p, 5 - (k % 5), "Open"]);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The count cells of the map: formula cells whose formula counts rows (COUNTIFS or SUMPRODUCT). */
async function countCells(host: PackageHost | XlsxHost): Promise<Extract<CellInput, { formula: string }>[]> {
  const drawing = await planHeatMaps(host, { now: new Date(Date.UTC(2026, 0, 1)) });
  if (!drawing.ok) throw new Error(drawing.message);
  return drawing.plan.edits
    .flatMap((e) => (e.type === "setCells" && e.sheet === "Heat Map" ? e.cells.flat() : []))
    .filter((c): c is Extract<CellInput, { formula: string }> => typeof c === "object" && c !== null && "formula" in c && /COUNTIFS|SUMPRODUCT/.test(c.formula));
}

describe.each([
  ["package host", (b: Uint8Array) => PackageHost.open(b, "risks.xlsx")],
  ["ExcelJS host", (b: Uint8Array) => XlsxHost.open(b, "risks.xlsx")],
])("heat-map count results on the %s", (_, open) => {
  test("typed levels: every count carries its result", async () => {
    const cells = await countCells(await open(await register(false)));
    expect(cells.length).toBe(25);
    expect(cells.every((c) => typeof c.result === "number")).toBe(true);
    expect(cells.reduce((n, c) => n + (c.result as number), 0)).toBe(6);
  });

  test("levels that are formulas: the counts are written without a result", async () => {
    const cells = await countCells(await open(await register(true)));
    expect(cells.length).toBe(25);
    expect(cells.some((c) => "result" in c)).toBe(false);
  });
});
