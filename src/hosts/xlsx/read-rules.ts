/**
 * Validations, colour rules and header looks of an ExcelJS sheet in the port's
 * shapes, read without creating rows or cells.
 */
import type ExcelJS from "exceljs";
import { formatRange, parseRange, rangeHeight, rangesIntersect, rangeWidth, type RangeAddress } from "../../core/grid/address";
import type { ConditionalFormat, DataValidation } from "../../core/plan/edits";
import type { CellLook, RangeRules } from "../host";
import { fromExcelCfRule, fromExcelValidation } from "./excel-model";
import { validationModel, validationPieces } from "./validation-model";

interface CfEntry {
  ref: string;
  rules: ExcelJS.ConditionalFormattingRule[];
}

/**
 * The validation every cell of `range` has, from the pieces of validations
 * lying on it (never cell by cell: a whole-column range is a million cells).
 * Cells no piece covers have none.
 */
function validationOver(sheet: ExcelJS.Worksheet, range: RangeAddress): DataValidation | null | "mixed" {
  const pieces = validationPieces(validationModel(sheet), range);
  const seen = new Map<string, DataValidation | null>();
  let covered = 0;
  for (const p of pieces) {
    const v = fromExcelValidation(p.validation);
    seen.set(JSON.stringify(v), v);
    covered += rangeWidth(p.range) * rangeHeight(p.range);
  }
  if (covered < rangeWidth(range) * rangeHeight(range)) seen.set(JSON.stringify(null), null);
  return seen.size === 1 ? [...seen.values()][0] : "mixed";
}

export function readSheetRules(sheet: ExcelJS.Worksheet, ranges: RangeAddress[]): RangeRules[] {
  const entries = (sheet as unknown as { conditionalFormattings?: CfEntry[] }).conditionalFormattings ?? [];
  return ranges.map((range) => {
    const conditionalFormats: RangeRules["conditionalFormats"] = [];
    for (const cf of entries) {
      const rules = cf.rules.map(fromExcelCfRule).filter((r): r is ConditionalFormat => r !== undefined);
      for (const part of cf.ref.split(/\s+/).filter(Boolean)) {
        const r = parseRange(part);
        if (r && rangesIntersect(r, range)) conditionalFormats.push({ address: formatRange(r), rules });
      }
    }
    return { address: formatRange(range), validation: validationOver(sheet, range), conditionalFormats };
  });
}

const hexOf = (a: string | undefined): string | null => (a && /^[0-9A-Fa-f]{8}$/.test(a) ? `#${a.slice(2).toUpperCase()}` : null);

export function readSheetLooks(sheet: ExcelJS.Worksheet, range: RangeAddress): CellLook[][] {
  const out: CellLook[][] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.findRow(r);
    const line: CellLook[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const style = row?.findCell(c)?.style ?? {};
      const fill = style.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
      line.push({
        bold: !!style.font?.bold,
        fill: fill && fill.type === "pattern" && fill.pattern === "solid" ? hexOf(fill.fgColor?.argb) : null,
        wrapText: !!style.alignment?.wrapText,
      });
    }
    out.push(line);
  }
  return out;
}
