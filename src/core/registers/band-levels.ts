/**
 * Bands of registers whose probability or impact is written as fractions:
 * PMBOK's numeric scales (probability 0.1/0.3/0.5/0.7/0.9, impact
 * 0.05/0.10/0.20/0.40/0.80) or percentages typed as numbers (70%). Their
 * Score stays the product of the values, 0.7 × 0.4 = 0.28, which is what
 * PMBOK's users read; the band cannot come from it, since the band set is
 * written on levels (1–25 on a 5×5) and the raw products do not even sort
 * by band (0.9 × 0.1 = 0.09 is High where 0.5 × 0.2 = 0.10 is Medium). So
 * the band is worked out from the levels, in the formula itself: each
 * fraction's level is where it falls among the level thresholds
 * (core/risk/levels.ts, as the heat map places it), and their product is
 * looked up on the workbook's band set like any level score.
 */
import { columnLetter } from "../grid/address";
import type { CellValue } from "../grid/cell";
import { fractionLevelExpression, levelLookupExpression, levelReading } from "../risk/levels";
import { FIELD_REFERENCE } from "../templates/schema";
import type { FieldPlace } from "./formulas";
import { LEVELS_OF } from "./score-bands";

/** The level fields of each dimension; inherent and residual share one reading, as on the heat map. */
const DIMENSION_FIELDS = {
  probability: ["probability", "residualProbability"],
  impact: ["impact", "residualImpact"],
} as const;

/**
 * The thresholds of each level field whose dimension holds fractions, read
 * as the heat map reads them (core/heatmap/model.ts `registerReadings`):
 * the inherent and residual columns' values pooled per dimension. Fields of
 * such a dimension get the thresholds even when their column is new and
 * empty, so residual levels typed later are banded the same way.
 */
export function fractionThresholds(valuesOf: (field: string) => readonly CellValue[]): Record<string, readonly number[]> {
  const out: Record<string, readonly number[]> = {};
  for (const [dimension, fields] of Object.entries(DIMENSION_FIELDS) as [keyof typeof DIMENSION_FIELDS, readonly string[]][]) {
    const reading = levelReading(
      fields.flatMap((f) => valuesOf(f)),
      dimension,
      5,
    );
    if (reading.kind === "fractions") for (const f of fields) out[f] = reading.thresholds;
  }
  return out;
}

/** A level field in template form: its level found among the thresholds when it holds fractions, else the field (words are looked up when the formula is written). */
function levelOperand(field: string, fractions: readonly number[] | undefined): string {
  return fractions ? fractionLevelExpression(`[${field}]`, fractions) : `[${field}]`;
}

/**
 * What a band column over `field` looks up, in template form, when the
 * score's levels are fractions: the product of the levels. Undefined when
 * the band is the score's own (levels as numbers or words, whose score is
 * already the level product).
 */
export function levelBandOperand(field: string, places: Record<string, FieldPlace>): string | undefined {
  const levels = LEVELS_OF[field];
  if (!levels) return undefined;
  const [p, i] = levels.map((f) => places[f]);
  if (!p || !i || (!p.fractions && !i.fractions)) return undefined;
  return `${levelOperand(levels[0], p.fractions)}*${levelOperand(levels[1], i.fractions)}`;
}

/**
 * Every operand a band formula over `field` may have been written with by
 * the toolkit: the score itself and the level products with either or both
 * levels as fractions. A band formula in any of these shapes is the
 * toolkit's own, so a register whose levels changed from one kind to the
 * other has its band formulas rewritten, never kept as a person's.
 */
export function bandOperandShapes(field: string): (string | undefined)[] {
  const levels = LEVELS_OF[field];
  if (!levels) return [undefined];
  const [p, i] = levels;
  // The thresholds are array constants, which comparing shapes leaves out; any will do.
  const some = [0.5];
  return [undefined, ...[[some, some], [some, undefined], [undefined, some]].map(([a, b]) => `${levelOperand(p, a)}*${levelOperand(i, b)}`)];
}

/**
 * A formula in template form for a conditional format: fields become `$K5`
 * (column fixed, row relative to the range's top), words looked up on their
 * scale, as the cell formula reads them.
 */
export function conditionalLevelFormula(template: string, places: Record<string, FieldPlace>, topRow: number): string | undefined {
  const fields = [...template.matchAll(FIELD_REFERENCE)].map((m) => m[1]);
  if (fields.some((f) => !places[f])) return undefined;
  return template.replace(FIELD_REFERENCE, (_, id: string) => {
    const ref = `$${columnLetter(places[id].col)}${topRow}`;
    const scale = places[id].scale;
    return scale ? levelLookupExpression(ref, scale) : ref;
  });
}
