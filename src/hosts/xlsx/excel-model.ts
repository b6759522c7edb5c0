/**
 * Translating the plan's validation, conditional-format and style shapes to
 * ExcelJS models and back (back is for undo: what was there before).
 */
import type ExcelJS from "exceljs";
import { dateToSerial, serialToDate } from "../../core/grid/cell";
import type { CellStyle, ConditionalFormat, DataValidation } from "../../core/plan/edits";

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
const hexOf = (a: string | undefined): string | undefined => (a && /^[0-9A-Fa-f]{8}$/.test(a) ? `#${a.slice(2).toUpperCase()}` : undefined);

// ---- data validation -------------------------------------------------------

const OPERATORS = ["between", "notBetween", "equal", "notEqual", "greaterThan", "lessThan", "greaterThanOrEqual", "lessThanOrEqual"] as const;

export function toExcelValidation(v: DataValidation): ExcelJS.DataValidation {
  const base = {
    allowBlank: v.allowBlank,
    showErrorMessage: true,
    ...(v.errorMessage ? { error: v.errorMessage, errorStyle: "stop" } : {}),
    ...(v.prompt ? { showInputMessage: true, prompt: v.prompt } : {}),
  };
  const r = v.rule;
  switch (r.kind) {
    case "list":
      return { ...base, type: "list", formulae: [`"${r.values.join(",")}"`] } as ExcelJS.DataValidation;
    case "listRange":
      return { ...base, type: "list", formulae: [r.source.slice(1)] } as ExcelJS.DataValidation;
    default: {
      const type = r.kind === "wholeNumber" ? "whole" : r.kind;
      // ExcelJS writes date bounds through `new Date(x)`, so dates go in as Date objects.
      const bound = (b: number | string) => (typeof b === "string" ? b.slice(1) : r.kind === "date" ? serialToDate(b) : b);
      const formulae = [bound(r.formula1), ...(r.formula2 !== undefined ? [bound(r.formula2)] : [])];
      return { ...base, type, operator: r.operator, formulae } as unknown as ExcelJS.DataValidation;
    }
  }
}

/** The plan's form of a validation ExcelJS holds, or null when it has none we can express. */
export function fromExcelValidation(x: ExcelJS.DataValidation | undefined): DataValidation | null {
  if (!x) return null;
  const common = {
    allowBlank: !!x.allowBlank,
    ...(x.error ? { errorMessage: x.error } : {}),
    ...(x.prompt ? { prompt: x.prompt } : {}),
  };
  const formulae = (x.formulae ?? []) as unknown[];
  if (x.type === "list") {
    const f = String(formulae[0] ?? "");
    if (f.startsWith('"')) {
      const values = f.slice(1, f.endsWith('"') ? -1 : undefined).split(",").filter((s) => s.length > 0);
      return values.length ? { rule: { kind: "list", values }, ...common } : null;
    }
    return f ? { rule: { kind: "listRange", source: `=${f}` }, ...common } : null;
  }
  const kind = x.type === "whole" ? "wholeNumber" : x.type === "decimal" || x.type === "date" ? x.type : undefined;
  if (!kind) return null;
  const operator = (OPERATORS as readonly string[]).includes(x.operator ?? "between") ? ((x.operator ?? "between") as (typeof OPERATORS)[number]) : undefined;
  if (!operator) return null;
  const bound = (b: unknown): number | string | undefined => {
    if (b instanceof Date) return dateToSerial(b);
    if (typeof b === "number") return b;
    if (typeof b === "string" && b !== "") return Number.isFinite(Number(b)) ? Number(b) : `=${b}`;
    return undefined;
  };
  const formula1 = bound(formulae[0]);
  if (formula1 === undefined) return null;
  const formula2 = bound(formulae[1]);
  return { rule: { kind, operator, formula1, ...(formula2 !== undefined ? { formula2 } : {}) }, ...common };
}

// ---- conditional formats ---------------------------------------------------

interface ExcelCfRule {
  type: string;
  operator?: string;
  formulae?: unknown[];
  style?: { fill?: { type?: string; pattern?: string; fgColor?: { argb?: string }; bgColor?: { argb?: string } }; font?: { color?: { argb?: string } } };
  priority?: number;
}

function cfStyle(fill?: string, fontColor?: string): ExcelCfRule["style"] {
  return {
    ...(fill ? { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(fill) } } } : {}),
    ...(fontColor ? { font: { color: { argb: argb(fontColor) } } } : {}),
  };
}

export function toExcelCfRule(rule: ConditionalFormat): ExcelJS.ConditionalFormattingRule {
  const bare = (f: string) => (f.startsWith("=") ? f.slice(1) : f);
  if (rule.kind === "expression") {
    return { type: "expression", formulae: [bare(rule.formula)], style: cfStyle(rule.fill, rule.fontColor) } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  const formulae = [bare(rule.formula1), ...(rule.formula2 !== undefined ? [bare(rule.formula2)] : [])];
  return { type: "cellIs", operator: rule.operator, formulae, style: cfStyle(rule.fill, rule.fontColor) } as unknown as ExcelJS.ConditionalFormattingRule;
}

/** The plan's form of a rule, or undefined for kinds the plan cannot express (data bars, colour scales...). */
export function fromExcelCfRule(x: ExcelJS.ConditionalFormattingRule): ConditionalFormat | undefined {
  const r = x as unknown as ExcelCfRule;
  const fill = hexOf(r.style?.fill?.bgColor?.argb) ?? hexOf(r.style?.fill?.fgColor?.argb);
  const fontColor = hexOf(r.style?.font?.color?.argb);
  const colours = { ...(fill ? { fill } : {}), ...(fontColor ? { fontColor } : {}) };
  const formulae = (r.formulae ?? []).map(String);
  if (r.type === "expression" && formulae[0]) return { kind: "expression", formula: `=${formulae[0]}`, ...colours };
  const ops = ["between", "equal", "notEqual", "greaterThan", "lessThan", "greaterThanOrEqual", "lessThanOrEqual"] as const;
  if (r.type === "cellIs" && formulae[0] && (ops as readonly string[]).includes(r.operator ?? "")) {
    return {
      kind: "cellValue",
      operator: r.operator as (typeof ops)[number],
      formula1: formulae[0],
      ...(formulae[1] !== undefined ? { formula2: formulae[1] } : {}),
      ...colours,
    };
  }
  return undefined;
}

// ---- cell styles -----------------------------------------------------------

const H_TO_EXCEL = { Left: "left", Center: "center", Right: "right" } as const;
const V_TO_EXCEL = { Top: "top", Center: "middle", Bottom: "bottom" } as const;

/** A new style object with the plan's style laid over; never mutates `style` (ExcelJS shares style objects between cells). */
export function withStyle(style: Partial<ExcelJS.Style>, s: CellStyle): Partial<ExcelJS.Style> {
  const next: Partial<ExcelJS.Style> = { ...style };
  if (s.bold !== undefined || s.italic !== undefined || s.fontColor !== undefined) {
    const font: Partial<ExcelJS.Font> = { ...(style.font ?? {}) };
    if (s.bold !== undefined) font.bold = s.bold;
    if (s.italic !== undefined) font.italic = s.italic;
    if (s.fontColor !== undefined) font.color = { argb: argb(s.fontColor) };
    next.font = font;
  }
  if (s.fill !== undefined) {
    if (s.fill === null) delete next.fill;
    else next.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  }
  if (s.wrapText !== undefined || s.horizontalAlignment !== undefined || s.verticalAlignment !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = { ...(style.alignment ?? {}) };
    if (s.wrapText !== undefined) alignment.wrapText = s.wrapText;
    if (s.horizontalAlignment !== undefined) {
      if (s.horizontalAlignment === "General") delete alignment.horizontal;
      else alignment.horizontal = H_TO_EXCEL[s.horizontalAlignment];
    }
    if (s.verticalAlignment !== undefined) alignment.vertical = V_TO_EXCEL[s.verticalAlignment];
    next.alignment = alignment;
  }
  return next;
}

/** The current values of the properties `touched` names, in the plan's form (for undo). */
export function styleBefore(style: Partial<ExcelJS.Style>, touched: CellStyle): CellStyle {
  const out: CellStyle = {};
  const font = style.font ?? {};
  const align = style.alignment ?? {};
  if (touched.bold !== undefined) out.bold = !!font.bold;
  if (touched.italic !== undefined) out.italic = !!font.italic;
  // A theme or automatic colour has no #RRGGBB form; black is what Excel shows for automatic.
  if (touched.fontColor !== undefined) out.fontColor = hexOf(font.color?.argb) ?? "#000000";
  if (touched.fill !== undefined) {
    const f = style.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
    out.fill = f && f.type === "pattern" && f.pattern === "solid" ? (hexOf(f.fgColor?.argb) ?? null) : null;
  }
  if (touched.wrapText !== undefined) out.wrapText = !!align.wrapText;
  if (touched.horizontalAlignment !== undefined) {
    const h = align.horizontal;
    out.horizontalAlignment = h === "left" ? "Left" : h === "center" ? "Center" : h === "right" ? "Right" : "General";
  }
  if (touched.verticalAlignment !== undefined) {
    const v = align.vertical;
    out.verticalAlignment = v === "top" ? "Top" : v === "middle" ? "Center" : "Bottom";
  }
  return out;
}
