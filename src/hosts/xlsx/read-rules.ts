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

interface RangeKey {
  key: string;
  r: RangeAddress;
}

/**
 * Keys naming ranges ("B2:B90"), found in one pass. After loading, ExcelJS
 * keys validations by cell, and a validation over whole columns becomes
 * millions of cell keys, so cells are looked up directly, never scanned.
 */
function rangeKeysOf(model: ValidationModel): RangeKey[] {
  const out: RangeKey[] = [];
  for (const key in model) {
    if (!key.includes(":")) continue;
    const r = parseRange(key);
    if (r) out.push({ key, r });
  }
  return out;
}

/** The validation of every cell of `range` in turn. */
function validationOver(model: ValidationModel, rangeKeys: RangeKey[], range: RangeAddress): DataValidation | null | "mixed" {
  const keys = rangeKeys.filter((k) => rangesIntersect(k.r, range));
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
  const model = validationModel(sheet);
  const rangeKeys = rangeKeysOf(model);
  return ranges.map((range) => {
    const conditionalFormats: RangeRules["conditionalFormats"] = [];
    for (const cf of entries) {
      const rules = cf.rules.map(fromExcelCfRule).filter((r): r is ConditionalFormat => r !== undefined);
      for (const part of cf.ref.split(/\s+/).filter(Boolean)) {
        const r = parseRange(part);
        if (r && rangesIntersect(r, range)) conditionalFormats.push({ address: formatRange(r), rules });
      }
    }
    return { address: formatRange(range), validation: validationOver(model, rangeKeys, range), conditionalFormats };
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
