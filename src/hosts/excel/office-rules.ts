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
      return rule.kind === "date" ? { date: criteria as unknown as Excel.DateTimeDataValidation } : { [rule.kind]: criteria };
    }
  }
}

function operand(x: unknown): number | string | undefined {
  if (typeof x === "number") return x;
  if (typeof x !== "string" || x === "") return undefined;
  if (x.startsWith("=")) return x;
  const n = Number(x);
  return Number.isFinite(n) ? n : `=${x}`;
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
