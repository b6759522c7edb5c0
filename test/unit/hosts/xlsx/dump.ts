/** A full, comparable picture of a workbook's state for round-trip and undo tests. */
import ExcelJS from "exceljs";
import { formatCell, parseRange, rangeHeight, rangeWidth } from "../../../../src/core/grid/address";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { sheetTables } from "../../../../src/hosts/xlsx/sheet-access";
import { fromExcelCfRule, fromExcelValidation } from "../../../../src/hosts/xlsx/excel-model";
import { cellValueOf, formulaOf } from "../../../../src/hosts/xlsx/cell-values";

export async function reload(host: XlsxHost): Promise<XlsxHost> {
  return XlsxHost.open(await host.save(), host.fileName);
}

export function dumpWorkbook(wb: ExcelJS.Workbook): unknown {
  return wb.worksheets.map((ws) => {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const s = cell.style ?? {};
        const f = formulaOf(cell);
        const entry = {
          // A formula's cached result is Excel's to recompute; undo writes the formula back without one.
          v: f === null ? cellValueOf(cell) : "(formula)",
          f,
          fmt: cell.numFmt || "General",
          b: !!s.font?.bold,
          i: !!s.font?.italic,
          fc: s.font?.color?.argb ?? null,
          fill: (s.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? null,
          wrap: !!s.alignment?.wrapText,
          h: s.alignment?.horizontal ?? null,
        };
        const plain = entry.v === null && entry.f === null && entry.fmt === "General" && !entry.b && !entry.i && !entry.fc && !entry.fill && !entry.wrap && !entry.h;
        if (!plain) cells[cell.address] = entry;
      }),
    );
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    // Per cell, so the picture does not depend on whether the host keeps a cell key or a range key; huge ranges stay whole.
    const validations: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(dv)) {
      if (!v) continue;
      const r = parseRange(k);
      if (!r || rangeWidth(r) * rangeHeight(r) > 10_000) validations[k] = fromExcelValidation(v);
      else for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) validations[formatCell({ row, col })] = fromExcelValidation(v);
    }
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[] }).conditionalFormattings
      .map((cf) => ({ ref: cf.ref, rules: cf.rules.map(fromExcelCfRule) }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
    const widths: Record<string, number> = {};
    for (let c = 1; c <= Math.max(ws.columnCount, 1); c++) {
      const w = ws.getColumn(c).width;
      if (w && Math.abs(w - 8.43) > 0.01) widths[c] = w;
    }
    return {
      name: ws.name,
      state: ws.state,
      cells,
      tables: sheetTables(ws).map((t) => ({ name: t.name, ref: t.model.tableRef, headerRow: t.model.headerRow, columns: t.model.columns.map((c) => c.name) })),
      validations,
      cfs,
      widths,
    };
  });
}
