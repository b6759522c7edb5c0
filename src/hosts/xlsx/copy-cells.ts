/**
 * `copyCells` in a file: the source range read from the model (values,
 * formulas moved to the target as a copy moves them, number formats, styles)
 * and written at the target as plain edits, so the save's journal and the
 * undo treat them as any other write.
 */
import type ExcelJS from "exceljs";
import { parseCell, parseRange, rangeHeight, rangeWidth, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import type { CellStyle, Edit, EditOf } from "../../core/plan/edits";
import { ALL_STYLE_KEYS, copiedCellsAsEdits } from "../../core/plan/inverse";
import { cellValueOf, formulaOf, isMergeSlave, numberFormatOf } from "./cell-values";
import { styleBefore } from "./excel-model";
import { formulaFiller } from "./formula-fill";
import { styleOf } from "./shared-styles";

/** Why the copy cannot be made (its check cell no longer holds the text), or null. */
export function copyCheckProblem(from: ExcelJS.Worksheet, e: EditOf<"copyCells">): string | null {
  if (!e.check) return null;
  const at = parseCell(e.check.address);
  const cell = at ? from.findCell(at.row, at.col) : undefined;
  const held = cell ? cellValueOf(cell) : null;
  return held === e.check.text ? null : `the copy kept on sheet “${e.fromSheet}” is no longer the one this change was made with (${e.check.address} holds ${held === null ? "nothing" : `“${String(held)}”`}); a later change replaced it`;
}

/** The edits that write the cells of `e.fromAddress` on `from` at `e.address` of `e.sheet`. */
export function copyAsEdits(from: ExcelJS.Worksheet, e: EditOf<"copyCells">): Edit[] {
  const source = parseRange(e.fromAddress) as RangeAddress;
  const target = parseRange(e.address) as RangeAddress;
  const down = target.top - source.top;
  const across = target.left - source.left;
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: string[][] = [];
  const styles: CellStyle[][] = [];
  const w = rangeWidth(source);
  const plain = styleBefore({}, ALL_STYLE_KEYS);
  for (let i = 0; i < rangeHeight(source); i++) {
    const row = from.findRow(source.top + i);
    const v: CellValue[] = new Array<CellValue>(w).fill(null);
    const f: (string | null)[] = new Array<string | null>(w).fill(null);
    const nf: string[] = new Array<string>(w).fill("General");
    const st: CellStyle[] = new Array<CellStyle>(w).fill(plain);
    for (let j = 0; j < w; j++) {
      const cell = row?.findCell(source.left + j);
      if (!cell) continue;
      nf[j] = numberFormatOf(cell);
      st[j] = styleBefore(styleOf(cell), ALL_STYLE_KEYS);
      if (isMergeSlave(cell)) continue;
      const formula = formulaOf(cell);
      v[j] = cellValueOf(cell);
      f[j] = formula === null ? null : formulaFiller(formula)(down, across);
    }
    values.push(v);
    formulas.push(f);
    numberFormats.push(nf);
    styles.push(st);
  }
  return copiedCellsAsEdits(e.sheet, e.address, { values, formulas, numberFormats, styles });
}
