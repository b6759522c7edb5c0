/**
 * Template formulas (`=[probability]*[impact]`, written with canonical field
 * ids) turned into what a workbook stores. In a table cell that is a
 * structured reference in the file form Excel and LibreOffice both read,
 * `=RiskRegister[[#This Row],[Probability]]*...`, using the user's own header
 * text; the `[@Probability]` shorthand is only what Excel's UI shows and is
 * never written. Conditional-format formulas cannot hold structured
 * references in Excel, so there fields become A1 references with the column
 * fixed and the row relative to the top of the formatted range.
 */
import { columnLetter } from "../grid/address";
import { levelLookupExpression, type LevelScale } from "../risk/levels";
import { FIELD_REFERENCE } from "../templates/schema";

/** A header usable inside a structured reference without surprises in either engine. */
export function isStructuredSafe(header: string): boolean {
  return header.length > 0 && header === header.trim() && !/[\r\n\t]/.test(header);
}

/** `'` escapes the characters that are special inside a structured reference's column name. */
export function escapeColumnName(header: string): string {
  return header.replace(/['#[\]]/g, (ch) => `'${ch}`);
}

export function thisRowReference(table: string, header: string): string {
  return `${table}[[#This Row],[${escapeColumnName(header)}]]`;
}

/** The ids a template formula refers to, in order of first use. */
export function referencedFields(formula: string): string[] {
  const ids: string[] = [];
  for (const m of formula.matchAll(FIELD_REFERENCE)) if (!ids.includes(m[1])) ids.push(m[1]);
  return ids;
}

export interface FieldPlace {
  /** The header text of the table column holding the field. */
  header: string;
  /** 1-based sheet column. */
  col: number;
  /** The scale the column's levels are written on, when they are words ("High", "Med"): the formula looks them up. */
  scale?: LevelScale;
  /**
   * The thresholds of a level column holding fractions (PMBOK's 0.1–0.9, or
   * percentages typed as numbers): its level is where a value falls among
   * them. The Score stays their product (0.7 × 0.4 = 0.28, as PMBOK has it);
   * the band is worked out from the levels (core/registers/band-levels.ts).
   */
  fractions?: readonly number[];
}

/**
 * The formula for one body row. Structured references when every header is
 * safe to quote; otherwise plain A1 references to the same row, which every
 * engine reads and which still follow the row when sorted within the table.
 * Fields whose levels are words are looked up on their scale, and the whole
 * formula gives an empty cell, never #VALUE! or #N/A, when a level is off
 * the scale or missing.
 */
export function cellFormula(template: string, table: string, places: Record<string, FieldPlace>, row: number, withScales = true): string | undefined {
  const fields = referencedFields(template);
  if (fields.some((f) => !places[f])) return undefined;
  const structured = fields.every((f) => isStructuredSafe(places[f].header));
  const scaled = withScales && fields.some((f) => places[f].scale);
  const body = template.replace(FIELD_REFERENCE, (_, id: string) => {
    const ref = structured ? thisRowReference(table, places[id].header) : `${columnLetter(places[id].col)}${row}`;
    const scale = withScales ? places[id].scale : undefined;
    return scale ? levelLookupExpression(ref, scale) : ref;
  });
  return scaled ? `=IFERROR(${body.replace(/^=/, "")},"")` : body;
}

/** True when the formula does not change from row to row (structured form). */
export function isRowInvariant(formula: string): boolean {
  return !/(^|[^A-Za-z0-9_$'\]])\$?[A-Z]{1,3}\$?\d/.test(formula.replace(/\[[^\]]*\]/g, ""));
}

/** A conditional-format formula: fields become `$F5` (column fixed, row relative to the range's top row). */
export function conditionalFormula(template: string, places: Record<string, FieldPlace>, topRow: number): string | undefined {
  const fields = referencedFields(template);
  if (fields.some((f) => !places[f])) return undefined;
  return template.replace(FIELD_REFERENCE, (_, id: string) => `$${columnLetter(places[id].col)}${topRow}`);
}

/** Formula text compared the way Excel would: no leading "=", no spaces outside quotes, case-insensitive. */
export function normaliseFormula(f: string): string {
  let out = "";
  let quoted = false;
  for (const ch of f.replace(/^=/, "")) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) continue;
    out += quoted ? ch : ch.toUpperCase();
  }
  return out;
}
