/**
 * The corpus workbooks after the register job's plan, saved through the
 * package, opened and recalculated by LibreOffice (an independent engine):
 * each opens, and no cell shows an error that did not show one when
 * LibreOffice recalculated the original.
 */
import ExcelJS from "exceljs";
import { formatCell } from "../../src/core/grid/address";
import { cellValueOf } from "../../src/hosts/xlsx/cell-values";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { applyTopRegister } from "../corpus/apply-top-register";
import { recalculateMany, sofficePath } from "./libreoffice";
import { corpusBytes, corpusFiles } from "../corpus-files";

const files = corpusFiles();

/** "Sheet!A1 #DIV/0!" for every cell showing an error in a workbook LibreOffice recalculated. */
async function errorCells(recalculated: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(recalculated as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const v = cellValueOf(cell);
        if (v !== null && typeof v === "object") out.push(`${ws.name}!${formatCell({ row: r, col: c })} ${v.error}`);
      }),
    );
  }
  return out;
}

const maybe = sofficePath() ? describe : describe.skip;

maybe("corpus workbooks after a plan, recalculated in LibreOffice", () => {
  test.each(files)("%s", async (file) => {
    const original = corpusBytes(file);
    const host = await XlsxHost.open(original, file);
    if (!(await applyTopRegister(host))) return;
    const saved = await host.save();
    const [recalculatedOriginal, recalculatedSaved] = await recalculateMany([
      { bytes: original, name: `before-${file}` },
      { bytes: saved, name: `after-${file}` },
    ]);
    const before = new Set(await errorCells(recalculatedOriginal));
    const after = await errorCells(recalculatedSaved);
    expect(after.filter((e) => !before.has(e))).toEqual([]);
  });
});
