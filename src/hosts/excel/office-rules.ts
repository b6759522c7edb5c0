/**
 * The plan's data validations and colour rules in Office.js shapes, and back
 * (for undo). Only kinds a plan can express come back; anything else returns
 * undefined so the caller can refuse rather than lose a user's rule.
 */
import type { ConditionalFormat, DataValidation, ValidationRule } from "../../core/plan/edits";

type Operator = Exclude<ValidationRule, { kind: "list" | "listRange" }>["operator"];

const VALIDATION_OPERATORS: Record<Operator, string> = {
  between: "Between",
  notBetween: "NotBetween",
  equal: "EqualTo",
  notEqual: "NotEqualTo",
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  greaterThanOrEqual: "GreaterThanOrEqualTo",
  lessThanOrEqual: "LessThanOrEqualTo",
};

type CfOperator = Extract<ConditionalFormat, { kind: "cellValue" }>["operator"];
const CF_OPERATORS: Record<CfOperator, string> = {
  between: "Between",
  equal: "EqualTo",
  notEqual: "NotEqualTo",
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  greaterThanOrEqual: "GreaterThanOrEqual",
  lessThanOrEqual: "LessThanOrEqual",
};

function reverse<K extends string>(map: Record<K, string>, office: unknown): K | undefined {
  return (Object.keys(map) as K[]).find((k) => map[k] === office);
}

/** Inline list sources are comma-separated and at most 255 characters in Excel. */
export function listSourceProblem(values: string[]): string | undefined {
  const withComma = values.find((v) => v.includes(","));
  if (withComma) return `the drop-down value “${withComma}” contains a comma, which Excel reads as a separator; keep long or comma lists on a lookup sheet (listRange)`;
  const joined = values.join(",");
  if (joined.length > 255) return `the drop-down values come to ${joined.length} characters, over Excel's 255 for a typed-in list; keep them on a lookup sheet (listRange)`;
  return undefined;
}

const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** A date serial as ISO 8601 ("2024-03-01", with a time when it has one). */
export function serialToIso(serial: number): string {
  const iso = new Date(EPOCH + Math.round(serial * DAY)).toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * DateTimeDataValidation.formula1: "it can be passed in as a Date, a Range
 * object, or a string formula (where the string is either a stringified
 * date/time in ISO8601 format, a cell reference like "=A1", or a formula)":
 * never a number, so a plan's date serial goes as ISO text.
 */
function dateOperand(x: number | string): string {
  return typeof x === "number" ? serialToIso(x) : x;
}

export function officeValidationRule(rule: ValidationRule): Excel.DataValidationRule {
  switch (rule.kind) {
    case "list":
      return { list: { inCellDropDown: true, source: rule.values.join(",") } };
    case "listRange":
      return { list: { inCellDropDown: true, source: rule.source } };
    default: {
      const criteria = {
        operator: VALIDATION_OPERATORS[rule.operator],
        formula1: rule.formula1,
        ...(rule.formula2 !== undefined ? { formula2: rule.formula2 } : {}),
      } as Excel.BasicDataValidation;
      if (rule.kind !== "date") return { [rule.kind]: criteria };
      const date = { ...criteria, formula1: dateOperand(rule.formula1), ...(rule.formula2 !== undefined ? { formula2: dateOperand(rule.formula2) } : {}) };
      return { date: date as unknown as Excel.DateTimeDataValidation };
    }
  }
}

/**
 * A criterion operand as read back. "When retrieving the value, it will
 * always be returned as a string formula, for example: "=10"", so "=10" is the
 * number 10 a plan wrote; an ISO date is its serial; other formulas stay.
 */
function operand(x: unknown): number | string | undefined {
  if (typeof x === "number") return x;
  if (typeof x !== "string" || x === "") return undefined;
  const body = x.startsWith("=") ? x.slice(1).trim() : x;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(body)) return Number(body);
  const iso = /^"?(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?"?$/.exec(body);
  if (iso) {
    const t = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0));
    return (t - EPOCH) / DAY;
  }
  return `=${body}`;
}

export interface OfficeValidation {
  type: string;
  rule: Excel.DataValidationRule;
  ignoreBlanks: boolean;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
}

/** An Office validation as the plan's DataValidation; null for none; undefined when a plan cannot express it. */
export function validationFromOffice(v: OfficeValidation): DataValidation | null | undefined {
  if (v.type === "None") return null;
  const extras = {
    allowBlank: v.ignoreBlanks,
    ...(v.errorAlert?.showAlert && v.errorAlert.message ? { errorMessage: v.errorAlert.message } : {}),
    ...(v.prompt?.showPrompt && v.prompt.message ? { prompt: v.prompt.message } : {}),
  };
  const list = v.rule.list;
  if (v.type === "List" && list) {
    const source = String(list.source ?? "");
    if (source.startsWith("=")) return { rule: { kind: "listRange", source }, ...extras };
    const values = source.split(",").filter((s) => s !== "");
    return values.length ? { rule: { kind: "list", values }, ...extras } : undefined;
  }
  const kinds = { WholeNumber: "wholeNumber", Decimal: "decimal", Date: "date" } as const;
  const kind = kinds[v.type as keyof typeof kinds];
  if (!kind) return undefined;
  const c = (v.rule as Record<string, { operator?: string; formula1?: unknown; formula2?: unknown } | undefined>)[kind];
  const operator = reverse(VALIDATION_OPERATORS, c?.operator);
  const formula1 = operand(c?.formula1);
  if (!c || !operator || formula1 === undefined) return undefined;
  const formula2 = operand(c.formula2);
  return {
    rule: { kind, operator, formula1: formula1 as number | `=${string}`, ...(formula2 !== undefined ? { formula2: formula2 as number | `=${string}` } : {}) },
    ...extras,
  } as DataValidation;
}

export function officeCellValueRule(rule: Extract<ConditionalFormat, { kind: "cellValue" }>): Excel.ConditionalCellValueRule {
  return { formula1: rule.formula1, ...(rule.formula2 !== undefined ? { formula2: rule.formula2 } : {}), operator: CF_OPERATORS[rule.operator] as Excel.ConditionalCellValueOperator };
}

export interface OfficeConditionalFormat {
  type: string;
  formula?: string | null;
  cellValue?: { formula1?: string; formula2?: string; operator?: string } | null;
  fill?: string | null;
  fontColor?: string | null;
}

export function conditionalFormatFromOffice(cf: OfficeConditionalFormat): ConditionalFormat | undefined {
  const colours = {
    ...(cf.fill ? { fill: cf.fill.toUpperCase() } : {}),
    ...(cf.fontColor ? { fontColor: cf.fontColor.toUpperCase() } : {}),
  };
  if (cf.type === "Custom" && cf.formula && cf.formula.startsWith("=")) {
    return { kind: "expression", formula: cf.formula as `=${string}`, ...colours };
  }
  if (cf.type === "CellValue" && cf.cellValue) {
    const operator = reverse(CF_OPERATORS, cf.cellValue.operator);
    if (!operator || !cf.cellValue.formula1) return undefined;
    return {
      kind: "cellValue",
      operator,
      formula1: cf.cellValue.formula1,
      ...(cf.cellValue.formula2 ? { formula2: cf.cellValue.formula2 } : {}),
      ...colours,
    };
  }
  return undefined;
}

/** A colour rule's details, queued to load in the caller's next sync; read back with `ruleFromLoaded`. */
export interface LoadedRuleDetails {
  type: string;
  formula?: Excel.ConditionalFormatRule;
  cellValue?: Excel.CellValueConditionalFormat;
  fill?: Excel.ConditionalRangeFill;
  font?: Excel.ConditionalRangeFont;
}

/** Queues the loads that tell a rule's kind, formula and colours (`cf.type` must already be loaded). */
export function loadRuleDetails(cf: Excel.ConditionalFormat): LoadedRuleDetails {
  const d: LoadedRuleDetails = { type: cf.type };
  if (cf.type === "Custom") {
    d.formula = cf.custom.rule.load("formula");
    d.fill = cf.custom.format.fill.load("color");
    d.font = cf.custom.format.font.load("color");
  } else if (cf.type === "CellValue") {
    d.cellValue = cf.cellValue.load("rule");
    d.fill = cf.cellValue.format.fill.load("color");
    d.font = cf.cellValue.format.font.load("color");
  }
  return d;
}

/** The plan's form of a rule whose details were loaded and synced; undefined for kinds a plan cannot express. */
export function ruleFromLoaded(d: LoadedRuleDetails): ConditionalFormat | undefined {
  return conditionalFormatFromOffice({
    type: d.type,
    formula: d.formula?.formula ?? null,
    cellValue: (d.cellValue?.rule as { formula1?: string; formula2?: string; operator?: string } | undefined) ?? null,
    fill: d.fill?.color ?? null,
    fontColor: d.font?.color ?? null,
  });
}
