/**
 * Band columns: a template column whose formula is `=BAND([score])` shows
 * the band of a score column by name ("Low", "High"). The band set is the
 * workbook's (its settings) on the register's own matrix, so the formula is
 * only known when the template is applied to a register; here it is made.
 *
 * The thresholds are written into the formula as array constants,
 * `=IFERROR(LOOKUP(score,{1,5,10,16},{"Low","Medium","High","Critical"}),"")`,
 * rather than read from a range: the register keeps working when the sheet
 * is copied to another workbook or the settings sheet is edited or removed,
 * no hidden range has to be kept in step, and every register carries the
 * bands of its own matrix (a 3×3 register's High starts at another score
 * than a 5×5's). A change of band set is a re-apply away, and the preview
 * shows it. LOOKUP with array constants is in Excel and LibreOffice alike.
 *
 * A register whose levels are fractions (PMBOK's 0.1–0.9, percentages) keeps
 * its Score as their product; its band formula looks up the product of the
 * levels instead (core/registers/band-levels.ts).
 */
import type { Band, Template } from "../templates/schema";
import type { ConditionalFormat } from "../plan/edits";
import { bandOperandShapes, conditionalLevelFormula, levelBandOperand } from "./band-levels";
import type { FieldPlace } from "./formulas";
import type { PlacedColumn } from "./snapshot";
import { scoreBands } from "./score-bands";
import { stringLiteral } from "../grid/formula-text";

const BAND_CALL = /BAND\(\s*\[([A-Za-z][A-Za-z0-9]*)\]\s*\)/;

/** The score field a band column shows the band of, when its template formula is `=BAND([field])`. */
export function bandSourceField(formula: string | undefined): string | undefined {
  return formula ? BAND_CALL.exec(formula)?.[1] : undefined;
}

/**
 * The template formula with `BAND([field])` spelled out for these bands;
 * undefined when a band name could be read as a field reference (it holds
 * `[` or `]`), or there are no bands. `operand` is what is looked up, in
 * template form, when it is not the field itself (the levels' product).
 */
export function spelledBandFormula(formula: string, bands: readonly Band[], operand?: string): string | undefined {
  const field = bandSourceField(formula);
  if (!field || !bands.length || bands.some((b) => /[[\]]/.test(b.name))) return undefined;
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const lookup = `IFERROR(LOOKUP(${operand ?? `[${field}]`},{${sorted.map((b) => String(b.min)).join(",")}},{${sorted.map((b) => stringLiteral(b.name)).join(",")}}),"")`;
  const body = formula.replace(/^=/, "").replace(BAND_CALL, lookup);
  return `=${body}`;
}

/**
 * The band the formula gives a score: the last band whose lowest score the
 * value reaches, as LOOKUP finds it; none for text, blanks, errors and
 * scores under the lowest band.
 */
export function bandNameOfScore(bands: readonly Band[], score: unknown): string | null {
  if (typeof score !== "number" || !Number.isFinite(score)) return null;
  let found: string | null = null;
  for (const b of [...bands].sort((x, y) => x.min - y.min)) if (score >= b.min) found = b.name;
  return found;
}

/**
 * The placed columns with each band column's formula spelled out for the
 * workbook's band set; a band column whose formula cannot be spelled out
 * is left without one (an empty column, never a formula Excel cannot read).
 */
export function withBandFormulas(template: Template, placed: PlacedColumn[], places: Record<string, FieldPlace>, settings: Record<string, unknown>): PlacedColumn[] {
  return placed.map((p) => {
    const field = bandSourceField(p.column.formula);
    if (!field || !p.column.formula) return p;
    const bands = scoreBands(template, field, places, settings);
    const operand = levelBandOperand(field, places);
    const spelled = spelledBandFormula(p.column.formula, bands, operand);
    const { formula: _raw, ...rest } = p.column;
    if (!spelled) return { ...p, column: rest };
    const raw = p.column.formula;
    const toolkitShapes = bandOperandShapes(field)
      .filter((shape) => shape !== operand)
      .map((shape) => spelledBandFormula(raw, bands, shape))
      .filter((f): f is string => f !== undefined);
    return { ...p, column: { ...rest, formula: spelled }, toolkitShapes, ...(operand === undefined ? { bandOf: { field, bands } } : {}) };
  });
}

/**
 * The colours of a score column whose band comes from its levels: the
 * score's value says nothing of its band (0.28), so each band's rule tests
 * the band the levels give, the same expression as the band column's
 * formula. Empty when the score's band is its own value's.
 */
export function levelBandColours(field: string, bands: readonly Band[], places: Record<string, FieldPlace>, topRow: number): ConditionalFormat[] {
  const operand = levelBandOperand(field, places);
  const spelled = operand ? spelledBandFormula(`=BAND([${field}])`, bands, operand) : undefined;
  const band = spelled ? conditionalLevelFormula(spelled.replace(/^=/, ""), places, topRow) : undefined;
  if (!band) return [];
  return bands.map((b) => ({ kind: "expression", formula: `=${band}=${stringLiteral(b.name)}`, fill: b.colour.toUpperCase() }));
}
