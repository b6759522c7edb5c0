/**
 * Validations, colour rules and header looks of an ExcelJS sheet in the port's
 * shapes, read without creating rows or cells.
 */
import type ExcelJS from "exceljs";
import { formatCell, formatRange, parseRange, rangesIntersect, type RangeAddress } from "../../core/grid/address";
import type { ConditionalFormat, DataValidation } from "../../core/plan/edits";
import type { CellLook, RangeRules } from "../host";
import { fromExcelCfRule, fromExcelValidation } from "./excel-model";

type ValidationModel = Record<string, ExcelJS.DataValidation | undefined>;

function validationModel(sheet: ExcelJS.Worksheet): ValidationModel {
  return (sheet as unknown as { dataValidations: { model: ValidationModel } }).dataValidations.model;
}

interface CfEntry {
  ref: string;
  rules: ExcelJS.ConditionalFormattingRule[];
}

function sameValidation(a: DataValidation | null, b: DataValidation | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The validation of every cell of `range` in turn: keys are cells ("B2") after loading, ranges ("B2:B90") after writing. */
function validationOver(sheet: ExcelJS.Worksheet, range: RangeAddress): DataValidation | null | "mixed" {
  const model = validationModel(sheet);
  const keys = Object.keys(model)
    .map((key) => ({ key, r: parseRange(key) }))
    .filter((k): k is { key: string; r: RangeAddress } => !!k.r && rangesIntersect(k.r, range));
  if (!keys.length) return null;
  const converted = new Map<string, DataValidation | null>();
  const at = (row: number, col: number): DataValidation | null => {
    const cellKey = formatCell({ row, col });
    let key: string | undefined = model[cellKey] ? cellKey : undefined;
    if (!key) key = keys.find((k) => row >= k.r.top && row <= k.r.bottom && col >= k.r.left && col <= k.r.right)?.key;
    if (!key) return null;
    if (!converted.has(key)) converted.set(key, fromExcelValidation(model[key]));
    return converted.get(key) ?? null;
  };
  const first = at(range.top, range.left);
  for (let r = range.top; r <= range.bottom; r++) {
    for (let c = range.left; c <= range.right; c++) if (!sameValidation(at(r, c), first)) return "mixed";
  }
  return first;
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
