/** A template's declarative rules over one row. */
import { blank, dateSerial } from "./field-checks";
import type { CellProblem } from "./field-checks";
import type { CustomRule } from "./custom-rules";
import type { CellRead } from "./register-rows";
import { listKey } from "./suggest";

function applies(rule: CustomRule, cells: Record<string, CellRead>): boolean {
  if (!rule.when) return true;
  const cell = cells[rule.when.field];
  if (rule.when.blank !== undefined && blank(cell) !== rule.when.blank) return false;
  if (rule.when.equals) {
    if (!cell || typeof cell.value !== "string") return false;
    const key = listKey(cell.value);
    if (!rule.when.equals.some((e) => listKey(e) === key)) return false;
  }
  return true;
}

/** The rule's own sentence, or one made from what it checks. */
function sentence(rule: CustomRule): string {
  if (rule.message) return rule.message;
  switch (rule.check) {
    case "required":
      return `${rule.field} is required here.`;
    case "oneOf":
      return `${rule.field} must be one of ${rule.values.join(", ")}.`;
    case "range":
      return `${rule.field} must be ${rule.min !== undefined ? `at least ${rule.min}` : ""}${rule.min !== undefined && rule.max !== undefined ? " and " : ""}${rule.max !== undefined ? `at most ${rule.max}` : ""}.`;
    case "notBefore":
      return `${rule.field} must not be before ${rule.other}.`;
    case "maxLength":
      return `${rule.field} must be at most ${rule.max} characters.`;
  }
}

function broken(rule: CustomRule, cells: Record<string, CellRead>): boolean {
  const cell = cells[rule.field];
  switch (rule.check) {
    case "required":
      return blank(cell);
    case "oneOf":
      return !blank(cell) && !rule.values.some((v) => listKey(v) === listKey(String(cell?.value)));
    case "range": {
      if (blank(cell)) return false;
      const n = typeof cell?.value === "number" ? cell.value : NaN;
      return !Number.isFinite(n) || (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max);
    }
    case "notBefore": {
      const a = dateSerial(cell);
      const b = dateSerial(cells[rule.other]);
      return a !== null && b !== null && a < b;
    }
    case "maxLength":
      return !blank(cell) && String(cell?.value).length > rule.max;
  }
}

export function checkCustomRules(rules: readonly CustomRule[], cells: Record<string, CellRead>): { field: string; problem: CellProblem }[] {
  const out: { field: string; problem: CellProblem }[] = [];
  for (const rule of rules) {
    if (!applies(rule, cells) || !broken(rule, cells)) continue;
    out.push({ field: rule.field, problem: { rule: `custom:${rule.id}`, severity: rule.severity, problem: { code: "custom", text: sentence(rule) } } });
  }
  return out;
}
