/**
 * Checks of one cell against its template column: required, type, allowed
 * values. Each returns problems with the fix that is safe, if there is one.
 */
import { isBlank, isCellError, isDateFormat, serialToIsoDate, type CellValue } from "../grid/cell";
import type { TemplateColumn } from "../templates/schema";
import type { Problem, RuleId, ValueFix, Severity } from "./finding";
import { matchAllowed } from "./suggest";
import { readAmountText, readDateText, readPercentText } from "./typed-text";
import type { CellRead } from "./register-rows";

export interface CellProblem {
  rule: RuleId;
  severity: Severity;
  problem: Problem;
  fix?: ValueFix;
}

/** A cell reads as blank when it holds nothing or only spaces. */
export function blank(cell: CellRead | undefined): boolean {
  return !cell || isBlank(cell.value);
}

const DATE_FORMAT = "yyyy-mm-dd";
/** Excel's last day, 9999-12-31. */
const MAX_SERIAL = 2_958_465;

/** A cell's date as a serial, when it holds one (a date, or a number shown as a date); text dates count only when they read one way. */
export function dateSerial(cell: CellRead | undefined): number | null {
  if (!cell) return null;
  if (typeof cell.value === "number") return cell.value > 0 && cell.value <= MAX_SERIAL ? cell.value : null;
  if (typeof cell.value === "string") {
    const r = readDateText(cell.value);
    return r.kind === "date" ? r.serial : null;
  }
  return null;
}

export function isoOf(serial: number): string {
  return serialToIsoDate(serial);
}

function text(v: CellValue): string {
  return typeof v === "string" ? v : String(v);
}

function typeCheck(column: TemplateColumn, cell: CellRead, currency: string): CellProblem[] {
  const v = cell.value;
  switch (column.type) {
    case "number":
    case "integer":
    case "currency": {
      if (typeof v === "number") {
        return column.type === "integer" && !Number.isInteger(v) ? [{ rule: "type", severity: "error", problem: { code: "not_whole", value: v } }] : [];
      }
      if (typeof v !== "string") return [{ rule: "type", severity: "error", problem: { code: "not_a_number", text: text(v) } }];
      const reading = readAmountText(v, column.type === "currency");
      if (reading.kind === "none") return [{ rule: "type", severity: "error", problem: { code: "not_a_number", text: v } }];
      if (reading.kind === "ambiguous") return [{ rule: "type", severity: "warning", problem: { code: "number_ambiguous", text: v, readings: reading.readings } }];
      if (column.type === "currency" || reading.currency !== null) {
        const foreign = reading.currency !== null && reading.currency !== currency;
        return [
          {
            rule: "type",
            severity: "warning",
            problem: { code: "amount_as_text", text: v, value: reading.value, currency: reading.currency, workbookCurrency: currency },
            // An amount in another currency is not the same number in the workbook's: no fix.
            ...(foreign ? {} : { fix: { value: reading.value, description: `store ${reading.value} as a number` } }),
          },
        ];
      }
      return [{ rule: "type", severity: "warning", problem: { code: "number_as_text", text: v, value: reading.value }, fix: { value: reading.value, description: `store ${reading.value} as a number` } }];
    }
    case "percent": {
      if (typeof v === "number") return [];
      if (typeof v === "string") {
        const p = readPercentText(v);
        if (p !== null) return [{ rule: "type", severity: "warning", problem: { code: "percent_as_text", text: v, value: p }, fix: { value: p, numberFormat: "0%", description: `store ${v.trim()} as a percentage` } }];
      }
      return [{ rule: "type", severity: "error", problem: { code: "not_a_percent", text: text(v) } }];
    }
    case "date": {
      if (typeof v === "number") return v > 0 && v <= MAX_SERIAL ? [] : [{ rule: "type", severity: "error", problem: { code: "not_a_date", text: text(v) } }];
      if (typeof v !== "string") return [{ rule: "type", severity: "error", problem: { code: "not_a_date", text: text(v) } }];
      const r = readDateText(v);
      if (r.kind === "date") {
        return [
          {
            rule: "type",
            severity: "warning",
            problem: { code: "date_as_text", text: v, iso: r.iso },
            fix: { value: r.serial, ...(isDateFormat(cell.format) ? {} : { numberFormat: DATE_FORMAT }), description: `store the date ${r.iso}` },
          },
        ];
      }
      if (r.kind === "ambiguous") return [{ rule: "type", severity: "warning", problem: { code: "date_ambiguous", text: v, readings: r.readings } }];
      return [{ rule: "type", severity: "error", problem: { code: "not_a_date", text: v } }];
    }
    case "list": {
      if (!column.allowedValues || typeof v !== "string") return [];
      const m = matchAllowed(v, column.allowedValues);
      if (m.kind === "exact") return [];
      if (m.kind === "spelling") return [{ rule: "allowed", severity: "warning", problem: { code: "list_spelling", text: v, canonical: m.canonical }, fix: { value: m.canonical, description: `write “${m.canonical}”` } }];
      return [{ rule: "allowed", severity: "error", problem: { code: "not_in_list", text: v, allowed: column.allowedValues, ...(m.suggestion ? { suggestion: m.suggestion } : {}) } }];
    }
    case "text":
    case "level":
      // Levels need the whole column to know their scale: see level-checks.
      return [];
  }
}

/** Required, cell errors, type and allowed values of one cell. */
export function checkCell(column: TemplateColumn, cell: CellRead | undefined, currency: string): CellProblem[] {
  if (cell && isCellError(cell.value)) return [{ rule: "cell-error", severity: "error", problem: { code: "cell_error", error: cell.value.error } }];
  if (blank(cell)) return column.required ? [{ rule: "required", severity: "error", problem: { code: "missing_required" } }] : [];
  return typeCheck(column, cell as CellRead, currency);
}
